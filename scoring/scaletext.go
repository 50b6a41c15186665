package scoring

import (
	"fmt"
	"strconv"
	"strings"
)

// A ScaleText is a rating scale as a person writes it, field by field:
// Range as "MIN..MAX" (1..5, 0..10), Neutral a number, Higher "better"
// or "worse". An empty field leaves the scale it is applied to as it is.
type ScaleText struct{ Range, Neutral, Higher string }

// A ScaleTextError is a field of a ScaleText that cannot be read. It
// wraps ErrScale.
type ScaleTextError struct {
	Field string // "scale" (the range), "neutral" or "higher"
	Text  string // the field as given
	Hint  string // how to write it
}

func (e *ScaleTextError) Error() string {
	return fmt.Sprintf("%s %q: %s", e.Field, e.Text, e.Hint)
}

func (e *ScaleTextError) Unwrap() error { return ErrScale }

// Apply returns s changed by t's fields, validated. A new range keeps
// s's direction and has its neutral rating at the midpoint unless
// Neutral gives one.
func (t ScaleText) Apply(s Scale) (Scale, error) {
	if t.Range != "" {
		lo, hi, ok := strings.Cut(t.Range, "..")
		min, err1 := strconv.ParseFloat(lo, 64)
		max, err2 := strconv.ParseFloat(hi, 64)
		if !ok || err1 != nil || err2 != nil {
			return s, &ScaleTextError{"scale", t.Range, "write it as MIN..MAX, such as 1..5 or 0..10"}
		}
		worse := s.HigherIsWorse
		s = NewScale(min, max)
		s.HigherIsWorse = worse
	}
	if t.Neutral != "" {
		x, err := strconv.ParseFloat(t.Neutral, 64)
		if err != nil {
			return s, &ScaleTextError{"neutral", t.Neutral, "not a number"}
		}
		s.Neutral = x
	}
	switch t.Higher {
	case "":
	case "better":
		s.HigherIsWorse = false
	case "worse":
		s.HigherIsWorse = true
	default:
		return s, &ScaleTextError{"higher", t.Higher, "say better or worse"}
	}
	return s, s.Validate()
}
