package mot

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/peakend/peakend/scoring"
)

// The extremes found by keys are those a compare of floats finds: the
// first worst and the first best, on either direction of scale, with
// −0 beside +0, infinities and ties; a NaN leaves them to the floats.
func TestExtremesByKeyAsByFloats(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	values := []float64{1, 2, 3, 4, 5, 0, math.Copysign(0, -1), -1, 2.5, math.Inf(1), math.Inf(-1), 1e300, -1e-300}
	for trial := range 20000 {
		s := scoring.DefaultScale
		s.HigherIsWorse = trial%2 == 1
		ms := make([]scoring.Moment, 1+rng.IntN(12))
		for i := range ms {
			ms[i].Rating = values[rng.IntN(len(values))]
		}
		order := make([]int, len(ms)) // in their own order, by the compares of floats
		for i := range order {
			order[i] = i
		}
		wantWorst, wantBest := extremesIn(ms, s, order)
		worst, best, ok := extremesByKey(ms, s)
		if !ok || worst != wantWorst || best != wantBest {
			t.Fatalf("%v (higher is worse %v): worst %d, best %d, %v; want %d, %d", ms, s.HigherIsWorse, worst, best, ok, wantWorst, wantBest)
		}
	}
	if _, _, ok := extremesByKey([]scoring.Moment{{Rating: 1}, {Rating: math.NaN()}}, scoring.DefaultScale); ok {
		t.Error("a NaN rating ordered by keys")
	}
}
