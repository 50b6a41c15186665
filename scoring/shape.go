package scoring

import (
	"fmt"
	"strings"
)

// A PeakDefinition says which moment is a visit's peak.
type PeakDefinition int

const (
	// PeakMostIntense takes the moment farthest from neutral (see
	// Scale.MoreIntense): Kahneman's peak, good or bad.
	PeakMostIntense PeakDefinition = iota
	PeakBest                       // the best moment, the earliest of equals
	PeakWorst                      // the worst moment, the earliest of equals
)

var peakNames = [...]string{"intense", "best", "worst"}

// String returns the definition's name, as ParsePeakDefinition reads it.
func (p PeakDefinition) String() string {
	if p < 0 || int(p) >= len(peakNames) {
		return fmt.Sprintf("PeakDefinition(%d)", int(p))
	}
	return peakNames[p]
}

// Describe says in words which moment the definition takes.
func (p PeakDefinition) Describe() string {
	switch p {
	case PeakBest:
		return "the best moment"
	case PeakWorst:
		return "the worst moment"
	}
	return "the most intense moment (farthest from neutral)"
}

// ParsePeakDefinition returns the definition named intense, best or
// worst.
func ParsePeakDefinition(s string) (PeakDefinition, error) {
	for i, name := range peakNames {
		if strings.EqualFold(s, name) {
			return PeakDefinition(i), nil
		}
	}
	return 0, fmt.Errorf("unknown peak definition %q; it is intense, best or worst", s)
}

// DefaultEndSlopeMoments is how many last moments EndSlope covers
// unless FeatureOptions say otherwise.
const DefaultEndSlopeMoments = 3

// FeatureOptions define the features that have a choice in them. The
// zero value is the default: the peak is the most intense moment, and
// the end slope covers the last 3 moments.
type FeatureOptions struct {
	Peak PeakDefinition
	// EndSlopeMoments is how many last moments EndSlope covers; 0 or
	// less means DefaultEndSlopeMoments.
	EndSlopeMoments int
	// Steps break ties between moments that start at the same instant
	// by the journey's step order (see OrderWith); mot.StepOrder gives
	// a blueprint's. Nil orders ties without it.
	Steps StepOrder
}

// apply sets the features that depend on opt of a visit whose moments,
// ms (at least one), stand in time order; f's moments index ms.
func (opt FeatureOptions) apply(f *Features, ms []Moment) {
	switch opt.Peak {
	case PeakBest, PeakWorst:
		want := f.Best
		if opt.Peak == PeakWorst {
			want = f.Worst
		}
		for k := range ms {
			if ms[k].Rating == want {
				f.Peak, f.PeakMoment = want, k
				break
			}
		}
		f.PeakEnd = (f.Peak + f.End) / 2
	}
	k := opt.EndSlopeMoments
	if k <= 0 {
		k = DefaultEndSlopeMoments
	}
	n := len(ms)
	from := max(0, n-k)
	var sum, sumKX float64
	for j := from; j < n; j++ {
		x := ms[j].Rating
		sum += x
		sumKX += float64(j-from) * x
	}
	f.EndSlope = trend(n-from, sum, sumKX)
}

// inOrder returns v's moments in their order, and their indices in v
// when that is not v's own order (then the moments are a copy), and
// whether every moment has a start time.
func inOrder(v *Visit, steps StepOrder) (ms []Moment, order []int, timed bool) {
	idx, timed := reorder(v, steps)
	if idx == nil {
		return v.Moments, nil, timed
	}
	ms = make([]Moment, len(idx))
	for k, i := range idx {
		ms[k] = v.Moments[i]
	}
	return ms, idx, timed
}
