package exact

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// float64InWindow rounds as math/big does, on sums of numbers of a
// narrow range (as the meters' are), with carries pending and not.
func TestFloat64InWindowMatchesBig(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	fast := 0
	for trial := range 20000 {
		s := NewSums(1)
		spread := 1 + r.IntN(120)
		for range 1 + r.IntN(30) {
			x := math.Ldexp(r.Float64(), r.IntN(spread)-spread/2)
			if r.IntN(2) == 0 {
				x = -x
			}
			if r.IntN(4) == 0 {
				x = math.Round(x) // a number of few bits
			}
			s.Add(0, x)
		}
		if trial%2 == 0 && s.width > 0 {
			s.normalise()
		}
		f := new(big.Float).SetInt(s.Int(0))
		want, _ := f.SetMantExp(f, -Scale).Float64()
		got, ok := s.float64InWindow(0)
		if !ok {
			continue
		}
		fast++
		if math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("trial %d: %v, math/big %v", trial, got, want)
		}
	}
	if fast < 15000 {
		t.Errorf("only %d of 20000 sums took the fast path", fast)
	}
}
