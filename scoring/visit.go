package scoring

import "math"

// NA is the value of a number that is not available: a moment without
// a start time or duration, a visit without a remembered rating, a
// feature that cannot be computed. Test for it with IsNA.
var NA = math.NaN()

// IsNA reports whether x is not available.
func IsNA(x float64) bool { return x != x }

// A Moment is one rated contact of a visit.
type Moment struct {
	Touchpoint string  // the touchpoint id; may be empty
	T          float64 // start, in seconds (from the visit's start or an epoch); NA when not recorded
	Duration   float64 // in seconds; NA when not recorded
	Rating     float64
	// Seq is the moment's number in its visit as its source recorded
	// it (the seq column or key), meaningful only when HasSeq is set:
	// the zero Moment, and every Moment built in Go without it, has
	// none, since any integer, 0 too, is a valid Seq. It orders moments
	// that start at the same instant, and those of a visit without
	// times (see OrderWith); seqs need not be distinct or consecutive.
	Seq    int64
	HasSeq bool
}

// A Visit is one customer's recorded passage through a service.
type Visit struct {
	ID      string
	Purpose string // the journey id; may be empty
	// Customer and Site say who made the visit and where; either may be
	// empty. Visits with the same customer are repeated measures of one
	// person, which an analysis may cluster on.
	Customer, Site string
	Moments        []Moment
	// Remembered is the customer's overall rating of the visit
	// afterwards, on the same scale as the moments; NA when not asked.
	Remembered float64
	// Recommend is the likelihood to recommend, 0 to 10; NA when not asked.
	Recommend float64
	// Line is where the visit starts in its input, for messages; 0 for
	// a visit built in Go.
	Line int
	// Missing counts the moments read without a rating under
	// Options.Missing SkipMissing, which are not in Moments.
	Missing int
}

// A Scale is the rating scale of the moments and the remembered rating.
// A blueprint declares the same scale as a blueprint.Scale, whose
// Neutral may be left out; mot.ScoringScale gives it as a Scale.
type Scale struct {
	Min, Max float64
	// Neutral is the rating that is neither good nor bad; intensity is
	// the distance from it. NewScale sets it to the midpoint.
	Neutral float64
	// HigherIsWorse is set for pain scales, where a higher rating is a
	// worse experience.
	HigherIsWorse bool
}

// NewScale returns the scale min..max, higher is better, with its
// neutral rating at the midpoint.
func NewScale(min, max float64) Scale {
	return Scale{Min: min, Max: max, Neutral: (min + max) / 2}
}

// DefaultScale is the five-point scale 1..5 with neutral 3.
var DefaultScale = NewScale(1, 5)

// MaxScale bounds the ends of a Scale: ratings within ±10⁹ keep every
// feature exact enough (sums of 2¹⁶ moments stay below 2⁵³) and within
// what integer outputs can hold.
const MaxScale = 1e9

// Validate reports a scale that cannot rate anything: ends that are not
// finite, not in order, or beyond ±MaxScale, and a neutral rating off
// the scale. It wraps ErrScale.
func (s Scale) Validate() error {
	switch {
	case !finite(s.Min) || !finite(s.Max) || s.Min >= s.Max:
		return errorf(ErrScale, "scale %g..%g: min must be below max, both finite", s.Min, s.Max)
	case math.Abs(s.Min) > MaxScale || math.Abs(s.Max) > MaxScale:
		return errorf(ErrScale, "scale %g..%g: its ends must be within ±%g", s.Min, s.Max, float64(MaxScale))
	case !finite(s.Neutral) || s.Neutral < s.Min || s.Neutral > s.Max:
		return errorf(ErrScale, "scale %g..%g: neutral %g is outside it", s.Min, s.Max, s.Neutral)
	}
	return nil
}

// Contains reports whether x is a rating on the scale.
func (s Scale) Contains(x float64) bool { return x >= s.Min && x <= s.Max }

// better reports whether rating a is a better experience than b.
func (s Scale) better(a, b float64) bool {
	if s.HigherIsWorse {
		return a < b
	}
	return a > b
}

// MoreIntense reports whether rating x makes a more intense peak than
// rating y: it is farther from neutral, or as far and on the bad side
// while y is not. Compute's peak is the earliest moment no later moment
// is more intense than.
func (s Scale) MoreIntense(x, y float64) bool {
	ix, iy := math.Abs(x-s.Neutral), math.Abs(y-s.Neutral)
	// As far from neutral and not equal, they lie on its two sides: y is
	// bad exactly when x is not. (Short enough to inline.)
	return ix > iy || (ix == iy && x != y && s.bad(x))
}

// bad reports whether rating x is on the bad side of neutral.
func (s Scale) bad(x float64) bool { return s.better(s.Neutral, x) }

// Best returns the scale's best rating: Max, or Min when higher is worse.
func (s Scale) Best() float64 {
	if s.HigherIsWorse {
		return s.Min
	}
	return s.Max
}

// Clamp returns x limited to the scale.
func (s Scale) Clamp(x float64) float64 { return max(s.Min, min(s.Max, x)) } // as math.Max and Min, NaN and −0 too, inlined

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
