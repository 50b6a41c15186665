package mot_test

import (
	"os"
	"testing"

	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/scoring"
)

func BenchmarkZZTenstep(b *testing.B) {
	bp, _, err := mot.Load("../bench/tenstep.yaml")
	if err != nil {
		b.Fatal(err)
	}
	f, err := os.Open("/tmp/v200k.csv")
	if err != nil {
		b.Skip(err)
	}
	visits, err := scoring.ReadAll(f, scoring.Options{})
	if err != nil {
		b.Fatal(err)
	}
	feats := make([]scoring.Features, len(visits))
	for i := range visits {
		feats[i] = scoring.Compute(&visits[i], scoring.DefaultScale)
	}
	b.ResetTimer()
	for b.Loop() {
		m := mot.NewLeverageMeter(bp, scoring.DefaultScale, 5)
		for i := range visits {
			m.Add(&visits[i], &feats[i])
		}
		m.Report("en")
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(visits)), "ns/visit")
}
