package exact

import (
	"bytes"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/peakend/peakend/internal/wire"
)

// Products adds, bit for bit, the products AddMoments adds: of vectors
// of numbers of like size, which the windows take, and of any size,
// zeros, subnormals, NaN and infinities, which they do not, with the
// windows emptied on the way when lowered bounds say so.
func TestProductsAsAddMoments(t *testing.T) {
	defer func(was int) { maxWindowVectors = was }(maxWindowVectors)
	r := rand.New(rand.NewPCG(31, 32))
	for trial := range 300 {
		maxWindowVectors = []int{1 << 20, 3, 1}[trial%3]
		n := 1 + r.IntN(6)
		want := NewSums(n + n*(n+1)/2)
		got := NewSums(n + n*(n+1)/2)
		p := NewProducts(n)
		scale := make([]float64, n)
		for i := range scale {
			scale[i] = math.Ldexp(1, r.IntN(40)-20)
		}
		for range r.IntN(500) {
			z := make([]float64, n)
			for i := range z {
				switch r.IntN(25) {
				case 0:
					z[i] = math.Float64frombits(r.Uint64()) // any number: NaN, infinities and subnormals too
				case 1:
					z[i] = []float64{0, math.NaN(), math.Inf(1), math.Inf(-1), 0x1p-1074}[r.IntN(5)]
				default:
					z[i] = (r.Float64() - 0.4) * scale[i] * math.Ldexp(1, r.IntN(9)-4)
				}
				if trial%4 == 0 && z[i] != z[i] || trial%4 == 0 && math.IsInf(z[i], 0) {
					z[i] = 1 // some trials without NaN or infinities
				}
			}
			want.AddMoments(z)
			for i, x := range z {
				got.Add(i, x)
			}
			p.Add(z)
		}
		p.AddTo(got, func(q int) int { return n + q })
		if a, b := encoding(want), encoding(got); !bytes.Equal(a, b) {
			t.Fatalf("trial %d: the products differ from AddMoments'", trial)
		}
	}
}

func encoding(s *Sums) []byte {
	w := wire.NewWriter("sums")
	s.Encode(w)
	return w.Bytes()
}
