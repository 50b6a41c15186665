package scoring_test

import (
	"testing"

	"github.com/peakend/peakend/scoring"
)

func TestFeatureOptions(t *testing.T) {
	// In time order: 2, 5, 4, 1, 3, 4 on 1..5 (neutral 3).
	v := scoring.Visit{Moments: []scoring.Moment{
		{Rating: 2, T: 0}, {Rating: 4, T: 20}, {Rating: 5, T: 10}, {Rating: 1, T: 30}, {Rating: 3, T: 40}, {Rating: 4, T: 50}}}
	for i := range v.Moments {
		v.Moments[i].Duration = scoring.NA
	}
	for _, tc := range []struct {
		opt           scoring.FeatureOptions
		peak, peakEnd float64
		moment        int
		endSlope      float64
		peaks         int
	}{
		{scoring.FeatureOptions{}, 1, 2.5, 3, 1.5, 2},                                          // 1 and 5 are as intense: the bad one wins
		{scoring.FeatureOptions{Peak: scoring.PeakBest}, 5, 4.5, 2, 1.5, 2},                    //
		{scoring.FeatureOptions{Peak: scoring.PeakWorst, EndSlopeMoments: 2}, 1, 2.5, 3, 1, 2}, // the slope of 3, 4
		{scoring.FeatureOptions{EndSlopeMoments: 10}, 1, 2.5, 3, 0.5 / 17.5, 2},                // all six: Σ(k − 2.5)·x = 0.5 over Σ(k − 2.5)² = 17.5
	} {
		f := scoring.ComputeWith(&v, scoring.DefaultScale, tc.opt)
		want := tc.endSlope
		if f.Peak != tc.peak || f.PeakEnd != tc.peakEnd || f.PeakMoment != tc.moment || f.Peaks != tc.peaks || abs(f.EndSlope-want) > 1e-15 {
			t.Errorf("%+v: peak %v (moment %d), peak_end %v, end_slope %v, peaks %d", tc.opt, f.Peak, f.PeakMoment, f.PeakEnd, f.EndSlope, f.Peaks)
		}
	}
	if p, err := scoring.ParsePeakDefinition("worst"); err != nil || p != scoring.PeakWorst || p.String() != "worst" {
		t.Errorf("ParsePeakDefinition: %v %v", p, err)
	}
	if _, err := scoring.ParsePeakDefinition("loudest"); err == nil {
		t.Error("an unknown peak definition was accepted")
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
