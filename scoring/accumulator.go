package scoring

// An Accumulator takes the visits of a data set one at a time, each
// with its features (Compute), so that a streaming reader can feed any
// analysis without holding the visits. Summary, analyze's Comparer and
// Fitter, and mot's Observer and LeverageMeter are Accumulators. Add
// skips a nil visit or nil features. Add keeps neither pointer after it
// returns (a copy of what it needs instead): ReadRanges passes the same
// Visit and Features for every visit, and under Options.ReuseMoments
// the moments are reused too.
type Accumulator interface {
	Add(v *Visit, f *Features)
}

// AccumulatorFunc adapts a function to an Accumulator.
type AccumulatorFunc func(v *Visit, f *Features)

// Add calls fn(v, f) unless v or f is nil.
func (fn AccumulatorFunc) Add(v *Visit, f *Features) {
	if v != nil && f != nil {
		fn(v, f)
	}
}

var (
	_ Accumulator = (*Summary)(nil)
	_ Accumulator = AccumulatorFunc(nil)
)
