package exact

import (
	"math"
	"math/big"
	"testing"
)

// When the deferred carries are due, Add propagates them before it adds
// (its fast path declines) and Merge before it merges, so the sums stay
// exact across the limit, which additions alone would take 2^30 to
// reach.
func TestCarriesDue(t *testing.T) {
	x, y := math.Nextafter(1, 2), -1.0/3 // digits in two limbs and in three
	s, other := NewSums(2), NewSums(2)
	var want [2]big.Float
	for i := range want {
		want[i].SetPrec(500)
	}
	for k := range 100 {
		s.Add(k%2, x)
		other.Add(0, y)
		want[k%2].Add(&want[k%2], big.NewFloat(x))
		want[0].Add(&want[0], big.NewFloat(y))
		if k == 50 {
			// The most digits a limb may hold, as 2^30 additions would
			// leave it.
			s.pending, other.pending = maxPending, maxPending-1
		}
	}
	if s.pending >= maxPending {
		t.Fatalf("carries due, yet pending %d", s.pending)
	}
	s.Merge(other)
	if s.pending > maxPending {
		t.Errorf("pending %d beyond the limit after Merge", s.pending)
	}
	for i := range want {
		if w, _ := want[i].Float64(); s.Float64(i) != w {
			t.Errorf("sum %d: %v, want %v", i, s.Float64(i), w)
		}
	}
}
