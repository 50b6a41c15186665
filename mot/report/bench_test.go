package report_test

import (
	"testing"

	"github.com/peakend/peakend/examples/servicehall"
	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/mot/report"
	"github.com/peakend/peakend/scoring"
)

// BenchmarkBuilder times the report's accumulators over 10 000
// simulated service-hall visits (reading excluded), beside mot's
// Observer alone, which is what "peakend moments" runs.
func BenchmarkBuilder(b *testing.B) {
	bp := loadHall(b)
	s := mot.ScoringScale(bp)
	type pair struct {
		v scoring.Visit
		f scoring.Features
	}
	var visits []pair
	for v := range servicehall.Simulation(peakMemory(b), 1).Visits(10000) {
		visits = append(visits, pair{v, scoring.Compute(&v, s)})
	}
	run := func(b *testing.B, acc func() scoring.Accumulator) {
		for b.Loop() {
			a := acc()
			for i := range visits {
				a.Add(&visits[i].v, &visits[i].f)
			}
		}
	}
	b.Run("observer", func(b *testing.B) { run(b, func() scoring.Accumulator { return mot.NewObserver(bp, s) }) })
	b.Run("builder", func(b *testing.B) { run(b, func() scoring.Accumulator { return report.New(bp, s, s.Max) }) })
	b.Run("distributions", func(b *testing.B) { run(b, func() scoring.Accumulator { return report.NewDistributions(bp, s) }) })
	b.Run("leverage", func(b *testing.B) { run(b, func() scoring.Accumulator { return mot.NewLeverageMeter(bp, s, s.Max) }) })
}
