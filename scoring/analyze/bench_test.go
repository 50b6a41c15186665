package analyze_test

import (
	"testing"

	"github.com/peakend/peakend/scoring"
	"github.com/peakend/peakend/scoring/analyze"
)

// BenchmarkFitAdd is the cost of one visit in a fit of the default
// features, by kind of standard error: the clustered fit's per-cluster
// sums against the plain fit's co-moments (bench/stats.sh times the
// whole command, reading included).
func BenchmarkFitAdd(b *testing.B) {
	sim := wideHall(scoring.MemoryModel{Weights: map[string]float64{"peak": 0.5, "end": 0.5}, Noise: 0.3}, 1)
	sim.Panel = scoring.Panel{Customers: 10_000, CustomerSD: 0.5}
	var visits []scoring.Visit
	var features []scoring.Features
	for v := range sim.Visits(100_000) {
		visits = append(visits, v)
		features = append(features, scoring.Compute(&v, sim.Scale))
	}
	for _, tc := range []struct {
		name string
		opt  analyze.FitOptions
	}{{"classical", analyze.FitOptions{}}, {"CR1", analyze.FitOptions{Cluster: analyze.ByCustomer}}, {"HC1", analyze.FitOptions{Robust: true}}} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				fit, _ := analyze.NewFitterWith(analyze.DefaultFeatures(), tc.opt)
				for i := range visits {
					fit.Add(&visits[i], &features[i])
				}
				if _, err := fit.Result(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(visits)), "ns/visit")
		})
	}
}
