package scoring_test

import (
	"bytes"
	"io"
	"sync"
	"testing"

	"github.com/peakend/peakend/examples/servicehall"
	"github.com/peakend/peakend/scoring"
)

var (
	benchCSV   = sync.OnceValue(func() []byte { return benchData(scoring.CSV) })
	benchJSONL = sync.OnceValue(func() []byte { return benchData(scoring.JSONL) })
)

func benchData(format scoring.Format) []byte {
	var buf bytes.Buffer
	w := scoring.NewVisitWriter(&buf, format)
	sim := servicehall.Simulation(scoring.MemoryModel{Weights: map[string]float64{"peak_end": 1}, Noise: 0.3}, 1)
	for v := range sim.Visits(20000) {
		w.Write(&v)
	}
	w.Flush()
	return buf.Bytes()
}

// BenchmarkScoreCSV reads, computes and writes the features of 20 000
// simulated service-hall visits (about 165 000 rows): the whole path of
// "peakend score".
func BenchmarkScoreCSV(b *testing.B) { benchScore(b, scoring.CSV, benchCSV()) }

// BenchmarkScoreJSONL is the same visits as JSON Lines.
func BenchmarkScoreJSONL(b *testing.B) { benchScore(b, scoring.JSONL, benchJSONL()) }

func benchScore(b *testing.B, format scoring.Format, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		out := scoring.NewFeatureWriter(io.Discard)
		for v, err := range scoring.Read(bytes.NewReader(data), scoring.Options{Format: format}) {
			if err != nil {
				b.Fatal(err)
			}
			f := scoring.Compute(&v, scoring.DefaultScale)
			out.Write(&v, &f)
		}
		out.Flush()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/20000, "ns/visit")
}

// BenchmarkCompute is the features of one ten-moment visit.
func BenchmarkCompute(b *testing.B) {
	v := scoring.Visit{Remembered: scoring.NA, Recommend: scoring.NA}
	for i := range 10 {
		v.Moments = append(v.Moments, scoring.Moment{T: float64(i * 60), Duration: 60, Rating: float64(1 + i%5)})
	}
	for b.Loop() {
		scoring.Compute(&v, scoring.DefaultScale)
	}
}
