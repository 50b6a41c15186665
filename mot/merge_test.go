package mot_test

import (
	"errors"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/peakend/peakend/examples/servicehall"
	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/scoring"
)

// splitVisits returns visits of the service hall, with some of unknown
// purposes and touchpoints, and random cuts into k parts.
func splitVisits(t *testing.T, seed uint64) ([]scoring.Visit, [][]scoring.Visit) {
	t.Helper()
	memory, _ := scoring.ParseMemoryModel("peak=0.6,end=0.2,mean=0.2,noise=0.3")
	sim := servicehall.Simulation(memory, seed)
	var visits []scoring.Visit
	for v := range sim.Visits(2000) {
		visits = append(visits, v)
	}
	rng := rand.New(rand.NewPCG(seed, 7))
	for i := range 40 {
		v := &visits[rng.IntN(len(visits))]
		if i%2 == 0 {
			v.Purpose = "nowhere"
		} else {
			v.Moments[0].Touchpoint = "unknown-desk"
		}
	}
	k := 1 + rng.IntN(7)
	cuts := []int{0, len(visits)}
	for range k - 1 {
		cuts = append(cuts, rng.IntN(len(visits)+1))
	}
	slices.Sort(cuts) // parts may be empty
	var parts [][]scoring.Visit
	for i := 1; i < len(cuts); i++ {
		parts = append(parts, visits[cuts[i-1]:cuts[i]])
	}
	return visits, parts
}

func feed(acc scoring.Accumulator, visits []scoring.Visit, s scoring.Scale) {
	for i := range visits {
		f := scoring.Compute(&visits[i], s)
		acc.Add(&visits[i], &f)
	}
}

// approx compares counts exactly and sums within 1e-12 relative (or
// 1e-12 absolute near zero, where a sum of changes cancels).
var approx = []cmp.Option{cmpopts.EquateNaNs(), cmpopts.EquateApprox(1e-12, 1e-12)}

// TestObserverMerge splits visits into k parts: the parts observed and
// merged in order report what one observer of all reports.
func TestObserverMerge(t *testing.T) {
	b := hall(t)
	scale := servicehall.Simulation(scoring.MemoryModel{}, 1).Scale
	for seed := range uint64(20) {
		visits, parts := splitVisits(t, seed)
		whole := mot.NewObserver(b, scale)
		feed(whole, visits, scale)
		merged := mot.NewObserver(b, scale)
		for _, part := range parts {
			o := mot.NewObserver(b, scale)
			feed(o, part, scale)
			if err := merged.Merge(o); err != nil {
				t.Fatal(err)
			}
		}
		if diff := cmp.Diff(whole.Report("en"), merged.Report("en"), approx...); diff != "" {
			t.Fatalf("seed %d, %d parts: merged (-whole +merged):\n%s", seed, len(parts), diff)
		}
	}
}

// TestLeverageMeterMerge does the same for the leverage meter, whose fit
// merges once analyze.Fitter can; until then Merge refuses, with
// scoring.ErrMergeMismatch, rather than report a wrong fit.
func TestLeverageMeterMerge(t *testing.T) {
	b := hall(t)
	scale := servicehall.Simulation(scoring.MemoryModel{}, 1).Scale
	for seed := range uint64(20) {
		visits, parts := splitVisits(t, seed)
		whole := mot.NewLeverageMeter(b, scale, scale.Max)
		feed(whole, visits, scale)
		merged := mot.NewLeverageMeter(b, scale, scale.Max)
		for _, part := range parts {
			m := mot.NewLeverageMeter(b, scale, scale.Max)
			feed(m, part, scale)
			if err := merged.Merge(m); err != nil {
				if !errors.Is(err, scoring.ErrMergeMismatch) {
					t.Fatalf("Merge: %v, not scoring.ErrMergeMismatch", err)
				}
				t.Logf("LeverageMeter.Merge: %v", err)
				return
			}
		}
		if diff := cmp.Diff(whole.Report("en"), merged.Report("en"), approx...); diff != "" {
			t.Fatalf("seed %d, %d parts: merged (-whole +merged):\n%s", seed, len(parts), diff)
		}
	}
}

// TestMergeMismatch refuses to merge accumulators of different
// blueprints or scales.
func TestMergeMismatch(t *testing.T) {
	b := hall(t)
	other := hall(t) // the same text, another blueprint value
	s := scoring.DefaultScale
	pain := s
	pain.HigherIsWorse = true
	for name, err := range map[string]error{
		"observer, blueprint": mot.NewObserver(b, s).Merge(mot.NewObserver(other, s)),
		"observer, scale":     mot.NewObserver(b, s).Merge(mot.NewObserver(b, pain)),
		"meter, blueprint":    mot.NewLeverageMeter(b, s, 5).Merge(mot.NewLeverageMeter(other, s, 5)),
		"meter, end":          mot.NewLeverageMeter(b, s, 5).Merge(mot.NewLeverageMeter(b, s, 4)),
	} {
		if !errors.Is(err, scoring.ErrMergeMismatch) {
			t.Errorf("%s: %v, want scoring.ErrMergeMismatch", name, err)
		}
	}
}
