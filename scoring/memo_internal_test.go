package scoring

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestNumberMemo holds numberMemo.cell to a comma and AppendNumber on
// numbers that repeat (means and slopes of whole ratings), that do not
// (any double, texts too long to hold), that share an entry (more
// values than entries), and on NA, both zeros and digits, appended
// after text of every length to buffers with and without room.
func TestNumberMemo(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	var m numberMemo
	special := []float64{NA, 0, math.Copysign(0, -1), 7, 9, 10, 1e300, -1.2345678901234567e-300, math.Inf(1), 5e-324, 1e6, 999999.5}
	for i := range 200_000 {
		var x float64
		switch i % 4 {
		case 0:
			x = float64(rng.IntN(400)-200) / 165 // a trend of ten moments
		case 1:
			x = float64(rng.IntN(5000)) / 1000 // a remembered rating
		case 2:
			x = math.Float64frombits(rng.Uint64())
		default:
			x = special[rng.IntN(len(special))]
		}
		n := rng.IntN(40)
		prefix := make([]byte, n, n+rng.IntN(40))
		for k := range prefix {
			prefix[k] = byte('a' + k%26)
		}
		want := AppendNumber(append(append([]byte(nil), prefix...), ','), x)
		if got := m.cell(prefix, x); string(got) != string(want) {
			t.Fatalf("numberMemo.cell(%q, %v) = %q, want %q", prefix, x, got, want)
		}
	}
}
