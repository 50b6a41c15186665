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

// A leverTotal is an exact sum: bit for bit what exact.Sums gives, for
// changes in any order and split among totals merged, on scales of
// several spans.
func TestLeverTotalIsExact(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 9))
	for _, s := range []scoring.Scale{scoring.DefaultScale, {Min: 0, Max: 10}, {Min: 0, Max: 1}, {Min: -100, Max: 100}} {
		u := unitsOf(s)
		for trial := range 300 {
			var parts [3]leverTotal
			want := exact.NewSums(leverSums)
			specials := trial%5 == 0
			for range 1 + r.IntN(200) {
				x := change(r)
				for !specials && (math.IsNaN(x) || math.IsInf(x, 0)) {
					x = change(r)
				}
				i := r.IntN(leverSums)
				parts[r.IntN(len(parts))].add(i, x, &u)
				want.Add(i, x)
			}
			parts[0].merge(&parts[2])
			parts[1].merge(&parts[0])
			for i := range leverSums {
				got, w := parts[1].float64(i, &u), want.Float64(i)
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
	var total leverTotal
	for n := 2; n <= 40; n++ {
		for k := -4; k <= 4; k++ {
			total.add(sumMean, float64(k)/float64(n), &u)
			sxx := float64(n) * float64(n*n-1) / 12
			total.add(sumTrend, (float64(k)-0.5)/sxx, &u)
		}
	}
	if total.rest != nil {
		t.Errorf("changes of ratings went to the exact sums: %v %v", total.rest.Float64(sumMean), total.rest.Float64(sumTrend))
	}
}
