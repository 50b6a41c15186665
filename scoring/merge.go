package scoring

import "errors"

// ErrMergeMismatch is the error of a Merge of two accumulators built
// for different blueprints, rules, features or scales: their counts do
// not add up to anything.
var ErrMergeMismatch = errors.New("accumulators built differently cannot be merged")

// A Merger is an Accumulator whose parts merge: accumulating the parts
// of a data set one by one and merging them in order gives what one
// pass over the whole gives, exactly for counts and to rounding for
// sums. ReadRanges builds one part per range of a file for it.
type Merger[T any] interface {
	Accumulator
	Merge(other T) error
}

var _ Merger[*Summary] = (*Summary)(nil)

// A Resetter is an Accumulator that can be emptied to accumulate anew:
// Reset leaves it as its maker made it. ReadRanges reuses a part that
// is one, once committed: a later range gets it, Reset, in place of a
// new part, so that a part whose memory is large (mot.LeverageMeter's)
// is made once a worker rather than once a range. Its commit must then
// keep nothing of the part.
type Resetter interface {
	Accumulator
	Reset()
}

// Merge adds the visits other counted to s, as if s had been given them
// after its own. Verbatim, a matter of writing, is s's.
func (s *Summary) Merge(other *Summary) error {
	if other == nil || len(other.groups) == 0 {
		return nil
	}
	if s.groups == nil {
		s.groups = map[string]*summaryGroup{}
	}
	for purpose, og := range other.groups {
		g := s.groups[purpose]
		if g == nil {
			g = &summaryGroup{}
			s.groups[purpose] = g
		}
		g.visits += og.visits
		for i := range g.sum {
			g.sum[i] += og.sum[i]
			g.n[i] += og.n[i]
		}
	}
	return nil
}
