package scoring_test

import (
	"bytes"
	"io"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

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

// benchChinese is benchCSV with its purposes and touchpoints given
// Chinese names, as a store manager's file has them, in UTF-8 or
// GB18030.
var benchChinese = sync.OnceValues(func() (utf8Text, gbText []byte) {
	words := []string{"等候叫号", "柜台业务", "取号分流", "迎候问候", "离开营业厅", "数据业务体验", "购机", "咨询导引", "填写单据", "缴费", "业务办理", "送别"}
	names := map[string]string{}
	lines := bytes.Split(benchCSV(), []byte("\n"))
	for i, line := range lines[1:] {
		fields := bytes.Split(line, []byte(","))
		if len(fields) < 3 {
			continue
		}
		for _, f := range []int{1, 2} { // purpose, touchpoint
			id := string(fields[f])
			if _, ok := names[id]; !ok {
				names[id] = words[len(names)%len(words)] + strings.Repeat("甲", len(names)/len(words))
			}
			fields[f] = []byte(names[id])
		}
		lines[i+1] = bytes.Join(fields, []byte(","))
	}
	utf8Text = bytes.Join(lines, []byte("\n"))
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(utf8Text)
	if err != nil {
		panic(err)
	}
	return utf8Text, gb
})

// BenchmarkReadChineseUTF8 reads the visits of benchCSV with Chinese
// purposes and touchpoints in UTF-8, and BenchmarkReadChineseGB18030
// the same in GB18030: their ratio is the cost of decoding.
func BenchmarkReadChineseUTF8(b *testing.B) {
	text, _ := benchChinese()
	benchRead(b, text)
}

func BenchmarkReadChineseGB18030(b *testing.B) {
	_, text := benchChinese()
	benchRead(b, text)
}

func benchRead(b *testing.B, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for _, err := range scoring.Read(bytes.NewReader(data), scoring.Options{ReuseMoments: true}) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 20000 {
			b.Fatalf("%d visits", n)
		}
	}
}
