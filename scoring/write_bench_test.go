package scoring_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/peakend/peakend/scoring"
)

// BenchmarkWriteFeatures is the writing half of "peakend score": the
// feature rows of the 20 000 visits of benchCSV, computed beforehand,
// written through parts and Merge as ReadRanges writes them.
func BenchmarkWriteFeatures(b *testing.B) {
	var visits []scoring.Visit
	var features []scoring.Features
	for v, err := range scoring.Read(bytes.NewReader(benchCSV()), scoring.Options{}) {
		if err != nil {
			b.Fatal(err)
		}
		visits = append(visits, v)
		features = append(features, scoring.Compute(&v, scoring.DefaultScale))
	}
	b.ReportAllocs()
	for b.Loop() {
		whole := scoring.NewFeatureWriter(io.Discard)
		part := whole.Part()
		for i := range visits {
			part.Write(&visits[i], &features[i])
			if i%5000 == 4999 {
				whole.Merge(part)
				part = whole.Part()
			}
		}
		whole.Merge(part)
		whole.Flush()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(visits)), "ns/visit")
}

// BenchmarkAppendNumber is the numbers of a feature row: a rating, a
// mean of ten, a remembered rating, a duration-weighted mean and a
// trend.
func BenchmarkAppendNumber(b *testing.B) {
	xs := []float64{4, 3.1, 3.137, 3.02991452991453, -0.04242424242424243}
	var buf []byte
	for b.Loop() {
		buf = buf[:0]
		for _, x := range xs {
			buf = scoring.AppendNumber(buf, x)
		}
	}
}
