package scoring

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// appendFeaturesByTable is FeatureWriter.appendFeatures as it stood
// when it wrote the cells by the feature table's functions: kept so that
// the writer that names the cells is held to the table, its columns,
// their order and the form of each.
func (fw *FeatureWriter) appendFeaturesByTable(b []byte, v *Visit, f *Features) []byte {
	for i := range columnFeatures {
		ft := &columnFeatures[i]
		x := ft.value(f)
		switch d, ok := oneDigit(x); {
		case ok:
			b = append(b, ',', d)
		case ft.integer:
			b = appendInt(append(b, ','), int64(x))
		default:
			b = AppendNumber(append(b, ','), x)
		}
		if ft.touchpoint != "" {
			b = append(b, ',')
			b = appendText(b, fw.Verbatim, touchpointAt(v, ft.moment(f)))
		}
	}
	b = AppendNumber(append(b, ','), v.Remembered)
	if fw.missing {
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(v.Missing), 10)
	}
	return append(b, '\n')
}

// TestFeatureCellsAsTable holds appendFeatures to appendFeaturesByTable
// on features of every kind of number (one digit, whole, few and many
// places, NA, both zeros, huge and tiny, values that come again for the
// memo), touchpoints plain, quoted, neutralised and out of range,
// verbatim or not, with the missing column or not.
func TestFeatureCellsAsTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	numbers := []func() float64{
		func() float64 { return float64(rng.IntN(10)) },
		func() float64 { return float64(rng.IntN(3000) - 1000) },
		func() float64 { return float64(rng.IntN(100000)) / 1000 },
		func() float64 { return float64(rng.IntN(400)-200) / 165 },
		func() float64 { return rng.NormFloat64() * 1000 },
		func() float64 { return math.Float64frombits(rng.Uint64()) },
		func() float64 {
			return []float64{NA, 0, math.Copysign(0, -1), 1e300, 5e-324, math.Inf(-1), 1e6, 0.5}[rng.IntN(8)]
		},
	}
	number := func() float64 { return numbers[rng.IntN(len(numbers))]() }
	touchpoints := []string{"t1", "", "a,b", "=x", " lead", "'+y", `q"t`, "tw\u00e9"}
	for i := range 100000 {
		fw := &FeatureWriter{Verbatim: i%2 == 0, missing: i%3 == 0, memo: new(numberMemo)}
		v := Visit{Remembered: number(), Missing: rng.IntN(3)}
		for range 1 + rng.IntN(4) {
			v.Moments = append(v.Moments, Moment{Touchpoint: touchpoints[rng.IntN(len(touchpoints))]})
		}
		f := Features{Moments: rng.IntN(300), Duration: number(), First: number(), Peak: number(), Best: number(),
			Worst: number(), End: number(), Mean: number(), TimeMean: number(), Trend: number(), PeakEnd: number(),
			Weakest: number(), EndSlope: number(), Peaks: rng.IntN(5),
			PeakMoment: rng.IntN(len(v.Moments)+2) - 1, EndMoment: rng.IntN(len(v.Moments)+2) - 1}
		prefix := []byte("v,p")
		want := string(fw.appendFeaturesByTable(prefix, &v, &f))
		for range 2 { // the second time from the memo
			if got := string(fw.appendFeatures(prefix, &v, &f)); got != want {
				t.Fatalf("features %+v of %+v:\n got %q\nwant %q", f, v, got, want)
			}
		}
	}
}
