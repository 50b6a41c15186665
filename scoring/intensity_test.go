package scoring

import (
	"math"
	"testing"
)

// MoreIntense and Clamp, written to inline, keep their definitions: as
// far from neutral counts as more intense only on the bad side, and the
// clamp is math.Max and math.Min's, on every pair of a grid that holds
// the scale's ends, the neutral, signed zeros, infinities and NaN.
func TestIntensityAndClampKeepTheirDefinitions(t *testing.T) {
	grid := []float64{math.Inf(-1), -3, -1, math.Copysign(0, -1), 0, 0.5, 1, 2, 3, 4, 5, 6, 10, math.Inf(1), math.NaN()}
	for _, s := range []Scale{DefaultScale, {Min: 0, Max: 10, Neutral: 0, HigherIsWorse: true}, {Min: -1, Max: 1, Neutral: 0}} {
		for _, x := range grid {
			for _, y := range grid {
				ix, iy := math.Abs(x-s.Neutral), math.Abs(y-s.Neutral)
				want := ix > iy || (ix == iy && s.bad(x) && !s.bad(y))
				if got := s.MoreIntense(x, y); got != want {
					t.Errorf("%+v: MoreIntense(%g, %g) %v, by definition %v", s, x, y, got, want)
				}
			}
			want := math.Max(s.Min, math.Min(s.Max, x))
			if got := s.Clamp(x); math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
				t.Errorf("%+v: Clamp(%g) %g, math's %g", s, x, got, want)
			}
		}
	}
}
