package exact

import (
	"bytes"
	"math"
	"math/rand/v2"
	"testing"
)

// AddSummed adds to a key's Totals, bit for bit, what Sums.Add adds of
// that key's vectors: numbers near their places and far, zeros, subnormals, NaN and
// infinities, with the windows emptied on the way when lowered bounds
// say so, the Products emptied by AddTo (which sets its places anew)
// and the totals read between additions.
func TestTotalsAsSums(t *testing.T) {
	defer func(was, wasWindow int) { maxTotalVectors, maxWindowVectors = was, wasWindow }(maxTotalVectors, maxWindowVectors)
	r := rand.New(rand.NewPCG(41, 42))
	for trial := range 300 {
		maxTotalVectors = []int{1 << 62, 3, 1}[trial%3]
		maxWindowVectors = []int{1 << 20, 2}[trial%2]
		n := 1 + r.IntN(8)
		keys := 1 + r.IntN(4)
		p := NewProducts(n)
		want := make([]*Sums, keys)
		got := make([]*Totals, keys)
		for k := range keys {
			want[k], got[k] = NewSums(n), NewTotals(n)
		}
		scale := make([]float64, n)
		for i := range scale {
			scale[i] = math.Ldexp(1, r.IntN(80)-40)
		}
		for v := range r.IntN(2000) {
			z := make([]float64, n)
			for i := range z {
				switch r.IntN(60) {
				case 0:
					z[i] = math.Float64frombits(r.Uint64()) // any number: NaN, infinities and subnormals too
				case 1:
					z[i] = []float64{0, math.NaN(), math.Inf(1), math.Inf(-1), 0x1p-1074, -0x1p-1022}[r.IntN(6)]
				case 2, 3:
					z[i] = 0
				default:
					z[i] = (r.Float64() - 0.4) * scale[i] * math.Ldexp(1, r.IntN(12)-6) // mostly near
				}
			}
			k := r.IntN(keys)
			for i, x := range z {
				want[k].Add(i, x)
			}
			p.AddSummed(z, got[k])
			switch v % 500 {
			case 1:
				got[k].Sums() // read on the way: the windows emptied, and added to after
			case 250:
				p.AddTo(NewSums(packedLen(n)), func(q int) int { return q }) // emptied, its places set anew
			}
		}
		for k := range keys {
			if a, b := encoding(want[k]), encoding(got[k].Sums()); !bytes.Equal(a, b) {
				t.Fatalf("trial %d, key %d: the totals differ from Sums'", trial, k)
			}
		}
	}
}
