package pipeline_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"

	"github.com/peakend/peakend/beam/pipeline"
	"github.com/peakend/peakend/scoring"
)

// BenchmarkScorePrism runs the score pipeline on Prism, in this process,
// over simulated hall visits: PEAKEND_BEAM_VISITS of them (default
// 3000, some 8 rows each). It reports rows a second and the cost of a
// row; Prism is a test runner, so the figure bounds a worker's cost from
// above rather than predicts a cluster's.
func BenchmarkScorePrism(b *testing.B) {
	visits := 3000
	if s := os.Getenv("PEAKEND_BEAM_VISITS"); s != "" {
		visits, _ = strconv.Atoi(s)
	}
	sim := peakend(b, "simulate", "--visits", strconv.Itoa(visits), "--seed", "7", "--sites", "20")
	input := filepath.Join(b.TempDir(), "visits.csv")
	if err := os.WriteFile(input, sim, 0o644); err != nil {
		b.Fatal(err)
	}
	rows := bytes.Count(sim, []byte("\n")) - 1
	cfg := pipeline.Config{Scale: scoring.DefaultScale}
	b.ResetTimer()
	for i := range b.N {
		p, s := beam.NewPipelineWithRoot()
		pipeline.ScoreFiles(s, cfg, input, filepath.Join(b.TempDir(), strconv.Itoa(i), "score"), 4)
		if err := ptest.Run(p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(b.Elapsed().Seconds()*1e6/float64(rows)/float64(b.N), "µs/row")
}
