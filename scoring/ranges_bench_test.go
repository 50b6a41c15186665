package scoring_test

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/peakend/peakend/scoring"
)

// featureRowsPart is a range's rows, written into a buffer, as
// "peakend score" keeps them until the range is committed.
type featureRowsPart struct {
	buf bytes.Buffer
	w   *scoring.FeatureWriter
}

func (p *featureRowsPart) Add(v *scoring.Visit, f *scoring.Features) { p.w.Write(v, f) }

// BenchmarkScoreCSVRanges is BenchmarkScoreCSV read by ReadRanges in
// ranges of 256 KiB, on one worker and on two: set against
// BenchmarkScoreCSV it is the cost of ranges on one core and the gain
// on two (compare ns/visit, in one run).
func BenchmarkScoreCSVRanges(b *testing.B) {
	for _, workers := range []int{1, 2} {
		b.Run(map[int]string{1: "workers=1", 2: "workers=2"}[workers], func(b *testing.B) {
			benchRanges(b, scoring.CSV, benchCSV(), workers)
		})
	}
}

// BenchmarkScoreJSONLRanges is the same for JSON Lines.
func BenchmarkScoreJSONLRanges(b *testing.B) {
	for _, workers := range []int{1, 2} {
		b.Run(map[int]string{1: "workers=1", 2: "workers=2"}[workers], func(b *testing.B) {
			benchRanges(b, scoring.JSONL, benchJSONL(), workers)
		})
	}
}

func benchRanges(b *testing.B, format scoring.Format, data []byte, workers int) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		out := scoring.NewFeatureWriter(io.Discard)
		err := scoring.ReadRanges(bytes.NewReader(data), int64(len(data)), scoring.Options{Format: format, ReuseMoments: true},
			scoring.Parallel{Workers: workers, RangeBytes: 256 << 10},
			func() scoring.Accumulator {
				p := &featureRowsPart{}
				p.w = scoring.NewFeatureWriter(&p.buf)
				return p
			},
			func(a scoring.Accumulator) error {
				p := a.(*featureRowsPart)
				p.w.Flush()
				_, err := io.Discard.Write(p.buf.Bytes())
				return err
			})
		if err != nil {
			b.Fatal(err)
		}
		out.Flush()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/20000, "ns/visit")
}

// BenchmarkRangeSeams reads BenchmarkScoreCSV's visits on one worker in
// ranges of several sizes: the difference in time over the difference
// in the number of ranges is what a range costs beyond its rows (its
// seam: finding the id before it, reading on past its end; its part's
// commit and merge), the figure that says how the design scales to more
// cores.
func BenchmarkRangeSeams(b *testing.B) {
	for _, size := range []int64{64 << 10, 256 << 10, 2 << 20} {
		b.Run(fmt.Sprintf("range=%dKiB", size>>10), func(b *testing.B) {
			data := benchCSV()
			ranges := 0
			for b.Loop() {
				ranges = 0
				whole := scoring.NewFeatureWriter(io.Discard)
				err := scoring.ReadRanges(bytes.NewReader(data), int64(len(data)), scoring.Options{ReuseMoments: true},
					scoring.Parallel{Workers: 1, RangeBytes: size},
					func() scoring.Accumulator { return writerPart{whole.Part()} },
					func(a scoring.Accumulator) error {
						ranges++
						return whole.Merge(a.(writerPart).w)
					})
				if err == nil {
					err = whole.Flush()
				}
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(ranges), "ranges")
		})
	}
}

// writerPart is a part of a FeatureWriter's rows as an Accumulator.
type writerPart struct{ w *scoring.FeatureWriter }

func (p writerPart) Add(v *scoring.Visit, f *scoring.Features) { p.w.Write(v, f) }
