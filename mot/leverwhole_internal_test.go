package mot

import (
	"testing"

	"github.com/peakend/peakend/scoring"
)

// The tables of a scale of whole points answer as the scale does; a
// scale of other ends has none.
func TestWholeRatingsAsTheScale(t *testing.T) {
	for _, s := range []scoring.Scale{scoring.DefaultScale, scoring.NewScale(1, 10), scoring.NewScale(0, 10), {Min: 0, Max: 10, Neutral: 0, HigherIsWorse: true}, {Min: -3, Max: 3, Neutral: 1}, scoring.NewScale(0, 11), scoring.NewScale(0, 255)} {
		w := wholeRatingsOf(s)
		if w == nil {
			t.Fatalf("scale %+v: no tables", s)
		}
		step := 1.0
		if s.HigherIsWorse {
			step = -1
		}
		for x := s.Min; x <= s.Max; x++ {
			i, ok := w.index(x)
			if !ok || w.value[i] != x || w.point[w.rank[i]] != i {
				t.Fatalf("scale %+v: %g has index %d, %v, and rank %d, of point %d", s, x, i, ok, w.rank[i], w.point[w.rank[i]])
			}
			if got, want := w.value[w.up[i]], s.Clamp(x+step); got != want {
				t.Errorf("scale %+v: a point better than %g is %g, want %g", s, x, got, want)
			}
			for y := s.Min; y <= s.Max; y++ {
				j, _ := w.index(y)
				if got, want := w.rank[i] > w.rank[j], s.MoreIntense(x, y); got != want {
					t.Errorf("scale %+v: %g more intense than %g: %v, want %v", s, x, y, got, want)
				}
			}
		}
		for _, x := range []float64{s.Min - 1, s.Max + 1, s.Min + 0.5, scoring.NA} {
			if _, ok := w.index(x); ok {
				t.Errorf("scale %+v: %g taken as a point", s, x)
			}
		}
	}
	for _, s := range []scoring.Scale{scoring.NewScale(0.5, 4.5), scoring.NewScale(0, 256), scoring.NewScale(1, 1e9)} {
		if wholeRatingsOf(s) != nil {
			t.Errorf("scale %+v: tables of whole points", s)
		}
	}
}
