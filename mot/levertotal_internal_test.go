package mot

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/peakend/peakend/internal/exact"
	"github.com/peakend/peakend/scoring"
)

// change draws a number like a lever's changes — a few points, a mean
// or trend of them, a tiny remainder — or, rarely, one that cannot be
// split into units: far below the span, NaN or an infinity.
func change(r *rand.Rand) float64 {
	switch r.IntN(12) {
	case 0:
		return math.Ldexp(r.Float64(), -70-r.IntN(900)) // tiny, subnormal too
	case 1:
		return []float64{math.NaN(), math.Inf(1), math.Inf(-1), 1e300}[r.IntN(4)]
	case 2, 3:
		return float64(r.IntN(9) - 4)
	case 4, 5:
		return float64(r.IntN(9)-4) / float64(1+r.IntN(12))
	default:
		return (r.Float64() - 0.5) * 8 / float64(1+r.IntN(100))
	}
}

// A lever's total is an exact sum: bit for bit what exact.Sums gives,
// for changes in any order and split among levers merged, on scales of
// several spans.
func TestLeverTotalIsExact(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 9))
	for _, s := range []scoring.Scale{scoring.DefaultScale, {Min: 0, Max: 10}, {Min: 0, Max: 1}, {Min: -100, Max: 100}} {
		u := unitsOf(s)
		for trial := range 300 {
			var parts [3]deltaSums
			var groups [3]*groupSums
			for k := range groups {
				groups[k] = newGroupSums(1, 0, &u, nil)
			}
			want, wantPE := exact.NewSums(leverSums), exact.NewSums(1)
			specials := trial%5 == 0
			for range 1 + r.IntN(100) {
				var x [5]float64
				for i := range x {
					x[i] = change(r)
					for !specials && (math.IsNaN(x[i]) || math.IsInf(x[i], 0)) {
						x[i] = change(r)
					}
				}
				d := featureDeltas(x)
				k := r.IntN(len(parts))
				parts[k].add(&d, &u, groups[k], 0, 0)
				for i, x := range d {
					want.Add(i, x)
				}
				wantPE.Add(0, d[sumPeak])
				wantPE.Add(0, d[sumEnd])
			}
			parts[0].merge(&parts[2])
			parts[1].merge(&parts[0])
			groups[0].merge(0, groups[2], 0)
			groups[1].merge(0, groups[0], 0)
			if got, w := parts[1].total.peakEnd(groups[1], 0, &u), wantPE.Float64(0)/2; math.Float64bits(got) != math.Float64bits(w) && !(math.IsNaN(got) && math.IsNaN(w)) {
				t.Fatalf("%+v, trial %d, peak-end: %v, exactly %v", s, trial, got, w)
			}
			for i := range leverSums {
				got, w := parts[1].total.float64(i, groups[1], 0, &u), want.Float64(i)
				if math.Float64bits(got) != math.Float64bits(w) && !(math.IsNaN(got) && math.IsNaN(w)) {
					t.Fatalf("%+v, trial %d, sum %d: %v, exactly %v", s, trial, i, got, w)
				}
			}
		}
	}
}

// Changes of ratings split into units, and do not fall to the slower
// exact sums.
func TestLeverTotalSplitsChanges(t *testing.T) {
	u := unitsOf(scoring.DefaultScale)
	var ds deltaSums
	gs := newGroupSums(1, 0, &u, nil)
	for n := 2; n <= 40; n++ {
		sxx := float64(n) * float64(n*n-1) / 12
		for k := -4; k <= 4; k++ {
			d := featureDeltas{sumPeak: float64(k), sumEnd: 1, sumMean: float64(k) / float64(n), sumFirst: -1, sumTrend: (float64(k) - 0.5) / sxx}
			ds.add(&d, &u, gs, 0, 0)
		}
	}
	if ds.total.rest != nil {
		t.Errorf("changes of ratings went to the exact sums: %v", ds.total.rest.Float64(sumTrend))
	}
}
