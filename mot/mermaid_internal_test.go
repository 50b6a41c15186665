package mot

import (
	"math"
	"testing"

	"github.com/peakend/peakend/scoring"
)

// A scale as wide as float64 allows must not overflow the mapping onto
// Mermaid's 1..5 (it once gave -9223372036854775808).
func TestScoreOfStaysOneToFive(t *testing.T) {
	wide := scoring.Scale{Min: -1e308, Max: 1.7e308}
	pain := scoring.Scale{Min: 0, Max: 10, HigherIsWorse: true}
	for _, c := range []struct {
		rating float64
		s      scoring.Scale
		want   int
	}{
		{-1e308, wide, 1},
		{1.7e308, wide, 5},
		{0.35e308, wide, 3},
		{1, scoring.DefaultScale, 1},
		{5, scoring.DefaultScale, 5},
		{3, scoring.DefaultScale, 3},
		{9, scoring.DefaultScale, 5}, // off the scale: the nearest end
		{-9, scoring.DefaultScale, 1},
		{0, pain, 5},
		{10, pain, 1},
		{math.NaN(), scoring.DefaultScale, 3},
		{math.Inf(1), wide, 3},
		{2, scoring.Scale{Min: 2, Max: 2}, 3}, // no range: neutral
	} {
		if got := scoreOf(c.rating, c.s); got != c.want {
			t.Errorf("scoreOf(%g, %v..%v) = %d, want %d", c.rating, c.s.Min, c.s.Max, got, c.want)
		}
	}
}
