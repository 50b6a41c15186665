package scoring_test

import (
	"errors"
	"testing"

	"github.com/peakend/peakend/scoring"
)

func TestScaleText(t *testing.T) {
	pain := scoring.NewScale(0, 10)
	pain.HigherIsWorse = true
	for _, c := range []struct {
		text  scoring.ScaleText
		base  scoring.Scale
		want  scoring.Scale
		field string // of the error; "" for none
	}{
		{scoring.ScaleText{}, scoring.DefaultScale, scoring.DefaultScale, ""},
		{scoring.ScaleText{Range: "0..10"}, scoring.DefaultScale, scoring.NewScale(0, 10), ""},
		{scoring.ScaleText{Range: "1..7", Neutral: "5"}, scoring.DefaultScale, scoring.Scale{Min: 1, Max: 7, Neutral: 5}, ""},
		{scoring.ScaleText{Range: "0..10"}, pain, pain, ""}, // a new range keeps the direction
		{scoring.ScaleText{Higher: "better"}, pain, scoring.NewScale(0, 10), ""},
		{scoring.ScaleText{Range: "1-5"}, scoring.DefaultScale, scoring.DefaultScale, "scale"},
		{scoring.ScaleText{Neutral: "mid"}, scoring.DefaultScale, scoring.DefaultScale, "neutral"},
		{scoring.ScaleText{Higher: "up"}, scoring.DefaultScale, scoring.DefaultScale, "higher"},
	} {
		got, err := c.text.Apply(c.base)
		var e *scoring.ScaleTextError
		switch {
		case c.field == "" && err != nil:
			t.Errorf("%+v: %v", c.text, err)
		case c.field == "" && got != c.want:
			t.Errorf("%+v on %+v: %+v, want %+v", c.text, c.base, got, c.want)
		case c.field != "" && (!errors.As(err, &e) || e.Field != c.field || !errors.Is(err, scoring.ErrScale)):
			t.Errorf("%+v: error %v, want one on the %s wrapping ErrScale", c.text, err, c.field)
		}
	}
	// A scale that reads but cannot rate anything is Validate's error.
	if _, err := (scoring.ScaleText{Range: "5..1"}).Apply(scoring.DefaultScale); !errors.Is(err, scoring.ErrScale) {
		t.Errorf("5..1: %v, want ErrScale", err)
	}
}
