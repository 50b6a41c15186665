package analyze_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/peakend/peakend/scoring"
	"github.com/peakend/peakend/scoring/analyze"
)

// A Fitter merged from parts of an input gives what one pass over the
// whole gives: counts exactly, estimates and standard errors to 1e-12.
func TestFitterMergeIsOnePass(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	sim := wideHall(scoring.MemoryModel{Weights: map[string]float64{"peak": 0.5, "end": 0.4}, Noise: 0.5}, 9)
	sim.Panel = scoring.Panel{Customers: 80, Sites: 5, CustomerSD: 0.5, SiteSD: 0.3}
	var visits []scoring.Visit
	for v := range sim.Visits(3000) {
		visits = append(visits, v)
	}
	features := []string{"peak", "end", "mean", "duration"}
	for _, opt := range []analyze.FitOptions{{}, {Robust: true}, {Cluster: analyze.ByCustomer}, {Cluster: analyze.BySite}} {
		for _, parts := range []int{1, 2, 3, 7} {
			whole, _ := analyze.NewFitterWith(features, opt)
			fitters := make([]*analyze.Fitter, parts)
			for i := range fitters {
				fitters[i], _ = analyze.NewFitterWith(features, opt)
			}
			// Cut the input at random places into parts in order.
			cuts := []int{0}
			for range parts - 1 {
				cuts = append(cuts, rng.IntN(len(visits)))
			}
			cuts = append(cuts, len(visits))
			sortInts(cuts)
			for p := range parts {
				for i := cuts[p]; i < cuts[p+1]; i++ {
					f := scoring.Compute(&visits[i], sim.Scale)
					whole.Add(&visits[i], &f)
					fitters[p].Add(&visits[i], &f)
				}
			}
			merged := fitters[0]
			for _, f := range fitters[1:] {
				if err := merged.Merge(f); err != nil {
					t.Fatal(err)
				}
			}
			want, err1 := whole.Result()
			got, err2 := merged.Result()
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			if got.N != want.N || got.Clusters != want.Clusters || got.SingleVisitClusters != want.SingleVisitClusters || got.SE != want.SE {
				t.Errorf("%+v in %d parts: n %d G %d, one pass n %d G %d", opt, parts, got.N, got.Clusters, want.N, want.Clusters)
			}
			for i, c := range got.Coefficients {
				w := want.Coefficients[i]
				// An estimate near zero (duration's) is compared on the
				// scale of its standard error: its own digits are noise.
				if math.Abs(c.Estimate-w.Estimate) > 1e-12*math.Max(math.Abs(w.Estimate), w.StdErr) || !closeTo(c.StdErr, w.StdErr, 1e-12) {
					t.Errorf("%+v in %d parts: %s %v ± %v, one pass %v ± %v", opt, parts, c.Term, c.Estimate, c.StdErr, w.Estimate, w.StdErr)
				}
			}
		}
	}
	a, _ := analyze.NewFitter([]string{"peak"})
	b, _ := analyze.NewFitterWith([]string{"peak"}, analyze.FitOptions{Robust: true})
	if err := a.Merge(b); !errors.Is(err, analyze.ErrMismatch) {
		t.Errorf("a merge of different fits: %v", err)
	}
}

func sortInts(x []int) {
	for i := 1; i < len(x); i++ {
		for j := i; j > 0 && x[j] < x[j-1]; j-- {
			x[j], x[j-1] = x[j-1], x[j]
		}
	}
}
