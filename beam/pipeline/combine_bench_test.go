package pipeline

import (
	"context"
	"flag"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/scoring"
	"github.com/peakend/peakend/scoring/analyze"
)

var combineVisits = flag.Int("combine-visits", 100000, "visits of BenchmarkCombine")

// BenchmarkCombine times each analysis over the same visits on Prism
// (in memory from beam.CreateList, written to files) and in one pass of
// the library on one goroutine, interleaved, so that their ratio is of
// one run on one machine.
func BenchmarkCombine(b *testing.B) {
	cfg, bp := hallConfig(b)
	visits := hallVisits(*combineVisits, 7)
	pipelines := map[string]func(beam.Scope, beam.PCollection) beam.PCollection{
		"moments": func(s beam.Scope, c beam.PCollection) beam.PCollection { return Moments(s, cfg, c, MomentsOptions{}) },
		"leverage": func(s beam.Scope, c beam.PCollection) beam.PCollection {
			return Leverage(s, cfg, c, LeverageOptions{Resamples: 100, Seed: 1})
		},
		"fit": func(s beam.Scope, c beam.PCollection) beam.PCollection { return Fit(s, cfg, c, FitOptions{}) },
		"compare": func(s beam.Scope, c beam.PCollection) beam.PCollection {
			return Compare(s, cfg, c, CompareOptions{Resamples: 1000, Seed: 1})
		},
	}
	onePass := map[string]func() error{
		"moments": func() error {
			o := mot.NewObserver(bp, cfg.Scale)
			addAll(o, visits, cfg.Scale)
			return o.Report("").WriteCSV(discard{})
		},
		"leverage": func() error {
			m := mot.NewLeverageMeter(bp, cfg.Scale, cfg.Scale.Best())
			addAll(m, visits, cfg.Scale)
			return m.Report("").WriteCSV(discard{})
		},
		"fit": func() error {
			ft, _ := analyze.NewFitter(analyze.DefaultFeatures())
			addAll(ft, visits, cfg.Scale)
			res, err := ft.Result()
			if err != nil {
				return err
			}
			return res.WriteCSV(discard{})
		},
		"compare": func() error {
			c := analyze.NewComparer(scoring.CompareRules(2, 0))
			addAll(c, visits, cfg.Scale)
			return analyze.WriteComparisonsCSV(discard{}, c.Results(1000, 1))
		},
	}
	for _, name := range []string{"moments", "leverage", "fit", "compare"} {
		b.Run(name+"/prism", func(b *testing.B) {
			if !beam.Initialized() {
				beam.Init()
			}
			dir := b.TempDir()
			for b.Loop() {
				p, s := beam.NewPipelineWithRoot()
				WriteFiles(s, dir+"/", pipelines[name](s, beam.CreateList(s, visits)))
				if _, err := prism.Execute(context.Background(), p); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(visits)), "ns/visit")
		})
		b.Run(name+"/one-pass", func(b *testing.B) {
			for b.Loop() {
				if err := onePass[name](); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(visits)), "ns/visit")
		})
	}
}

func addAll(acc scoring.Accumulator, visits []scoring.Visit, scale scoring.Scale) {
	for i := range visits {
		f := scoring.Compute(&visits[i], scale)
		acc.Add(&visits[i], &f)
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
