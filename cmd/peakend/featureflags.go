package main

import (
	"flag"
	"fmt"

	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/scoring"
)

// featureFlags are the flags that define the features with a choice in
// them: which moment is the peak, and how many last moments end_slope
// covers.
type featureFlags struct {
	peak     string
	endSlope int
}

func (ff *featureFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&ff.peak, "peak", "intense", "the peak is the most `intense` moment, or the best or worst")
	fs.IntVar(&ff.endSlope, "end-slope", scoring.DefaultEndSlopeMoments, "end_slope covers the last `K` moments")
}

func (ff *featureFlags) options() (scoring.FeatureOptions, error) {
	peak, err := scoring.ParsePeakDefinition(ff.peak)
	if err != nil {
		return scoring.FeatureOptions{}, err
	}
	if ff.endSlope < 2 {
		return scoring.FeatureOptions{}, fmt.Errorf("--end-slope %d: a slope needs at least 2 moments", ff.endSlope)
	}
	return scoring.FeatureOptions{Peak: peak, EndSlopeMoments: ff.endSlope}, nil
}

// withSteps returns opt ordering tied moments by the journeys' steps of
// the blueprint of --blueprint, as the moments and leverage of the same
// blueprint order them; without a blueprint, opt as it is.
func (vf *visitFlags) withSteps(opt scoring.FeatureOptions) scoring.FeatureOptions {
	if vf.loaded != nil {
		opt.Steps = mot.StepOrder(vf.loaded)
	}
	return opt
}
