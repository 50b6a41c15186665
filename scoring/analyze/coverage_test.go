package analyze_test

import (
	"testing"

	"github.com/peakend/peakend/scoring"
	"github.com/peakend/peakend/scoring/analyze"
)

// Over seeded simulated panels with a known intraclass correlation,
// the clustered 95% interval covers the true weight about 95% of the
// time, and the naive one, which takes visits as independent, clearly
// less: the reason to report clustered standard errors.
func TestClusteredIntervalsCoverTheTruth(t *testing.T) {
	const panels = 400 // about 2 s: each is 1000 visits by 100 customers
	truth := map[string]float64{"peak": 0.5, "end": 0.3}
	memory := scoring.MemoryModel{Weights: truth, Noise: 0.5}
	covered := map[analyze.SE]map[string]int{analyze.Classical: {}, analyze.CR1: {}}
	for seed := range panels {
		sim := wideHall(memory, uint64(seed)+1000)
		sim.Continuous = true
		// ICC of the errors within a customer: 0.8² / (0.8² + 0.5²) = 0.72.
		sim.Panel = scoring.Panel{Customers: 100, CustomerSD: 0.8}
		naive, _ := analyze.NewFitter([]string{"peak", "end"})
		clustered, _ := analyze.NewFitterWith([]string{"peak", "end"}, analyze.FitOptions{Cluster: analyze.ByCustomer})
		for v := range sim.Visits(1000) {
			f := scoring.Compute(&v, sim.Scale)
			naive.Add(&v, &f)
			clustered.Add(&v, &f)
		}
		for _, fit := range []*analyze.Fitter{naive, clustered} {
			res, err := fit.Result()
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range res.Coefficients[1:] {
				if c.Low <= truth[c.Term] && truth[c.Term] <= c.High {
					covered[res.SE][c.Term]++
				}
			}
		}
	}
	for _, term := range []string{"peak", "end"} {
		cr1 := float64(covered[analyze.CR1][term]) / float64(panels)
		naive := float64(covered[analyze.Classical][term]) / float64(panels)
		t.Logf("%s: clustered covers %.1f%%, naive %.1f%%", term, 100*cr1, 100*naive)
		if cr1 < 0.93 || cr1 > 0.97 { // 400 panels: a standard error of 1.1 points
			t.Errorf("%s: the clustered 95%% interval covers the truth in %.1f%% of panels, want 93–97%%", term, 100*cr1)
		}
		if naive > cr1-0.08 {
			t.Errorf("%s: the naive interval covers %.1f%%, not clearly less than the clustered %.1f%%", term, 100*naive, 100*cr1)
		}
	}
}
