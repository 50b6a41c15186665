package analyze

import (
	"bytes"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/peakend/peakend/scoring"
)

// gridValue draws a rating-like feature: mostly whole points on the
// grid, sometimes off it (negative, past its side, a half, NaN or an
// infinity), so that visits take both ways into the sums.
func gridValue(r *rand.Rand) float64 {
	switch r.IntN(20) {
	case 0:
		return []float64{-1, gridSide, 2.5, math.NaN(), math.Inf(1), math.Copysign(0, -1), 1e300}[r.IntN(7)]
	default:
		return float64(r.IntN(6))
	}
}

// otherValue draws any other feature: a mean or trend, a duration in
// seconds, a remembered rating, rarely NaN or an infinity.
func otherValue(r *rand.Rand) float64 {
	switch r.IntN(40) {
	case 0:
		return []float64{math.NaN(), math.Inf(-1), 0, 1e-300}[r.IntN(4)]
	case 1, 2, 3:
		return float64(r.IntN(5)) / float64(1+r.IntN(12))
	default:
		return (r.Float64() - 0.3) * math.Ldexp(1, r.IntN(20)-8)
	}
}

// A Fitter whose visits mostly go to the grid holds, bit for bit, the
// sums of one that adds every visit's products (its encoding, which is
// of the exact values), split among parts merged or not, for the
// default features and for others with more grid features than a key
// takes.
func TestGridMomentsAsAllProducts(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for _, features := range [][]string{DefaultFeatures(), {"peak", "end", "first", "worst", "best", "mean"}, {"mean", "duration"}, {"moments", "trend"}} {
		for trial := range 40 {
			plain, _ := NewFitter(features)
			plain.grid = nil
			parts := make([]*Fitter, 1+r.IntN(3))
			for i := range parts {
				parts[i], _ = NewFitter(features)
			}
			for range r.IntN(300) {
				f := scoring.Features{Peak: gridValue(r), End: gridValue(r), First: gridValue(r), Worst: gridValue(r), Best: gridValue(r),
					Moments: r.IntN(12), Mean: otherValue(r), Duration: otherValue(r) * 100, Trend: otherValue(r)}
				v := scoring.Visit{ID: "v", Remembered: otherValue(r)}
				plain.Add(&v, &f)
				parts[r.IntN(len(parts))].Add(&v, &f)
			}
			gridded := int64(0)
			for _, p := range parts[1:] {
				if p.grid != nil {
					gridded += p.grid.visits
				}
				if err := parts[0].Merge(p); err != nil {
					t.Fatal(err)
				}
			}
			if parts[0].grid != nil {
				gridded += parts[0].grid.visits
			}
			if parts[0].grid != nil && plain.n > 50 && gridded == 0 {
				t.Fatalf("%v: no visit on the grid", features)
			}
			want, _ := plain.MarshalBinary()
			got, _ := parts[0].MarshalBinary()
			if !bytes.Equal(got, want) {
				t.Fatalf("%v, trial %d: the sums differ from all products'", features, trial)
			}
		}
	}
}
