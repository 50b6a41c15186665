package scoring

import "math"

// Features are the summary numbers of one visit that the rules of
// memory work on. NA marks a feature that cannot be computed.
type Features struct {
	Moments int
	// Duration is max(t+duration) − min(t) when every moment has a
	// start t (a moment without a duration ends at its start), else the
	// sum of the durations when every moment has one, else NA.
	Duration float64
	First    float64 // rating of the first moment
	// Peak is the rating of the most intense moment: the largest
	// |rating − neutral|; a tie goes to a moment on the bad side of
	// neutral, then to the earliest.
	Peak  float64
	Best  float64 // the best rating, by the scale's direction
	Worst float64 // the worst rating, by the scale's direction
	End   float64 // rating of the last moment
	Mean  float64 // plain mean of the ratings
	// TimeMean is the duration-weighted mean; NA unless every moment has
	// a duration and they add up to more than zero.
	TimeMean float64
	// Trend is the least-squares slope of rating against position
	// 0..n−1; 0 for one moment.
	Trend   float64
	PeakEnd float64 // (Peak + End) / 2
	// Weakest is Worst: one bad moment sinks the visit ("100 − 1 = 0").
	Weakest float64
	// EndSlope is the least-squares slope of rating against position
	// over the last FeatureOptions.EndSlopeMoments moments (all, when
	// there are fewer): a visit getting better towards its end has a
	// positive one; 0 for one moment.
	EndSlope float64
	// Peaks is the number of local maxima of the rating, by the
	// scale's direction: moments (a run of equal ones counts once)
	// better than the moments on either side, the first and last
	// compared with their one neighbour; 0 when all are equal.
	Peaks int

	// PeakMoment and EndMoment index Visit.Moments.
	PeakMoment, EndMoment int
}

// A feature is one row of the feature table, the one place that says
// which numeric features there are, by the names used in CSV headers,
// Linear and fits, in the order of Summary's and FeatureWriter's
// columns, and how each is read from Features.
type feature struct {
	name  string
	value func(*Features) float64
	// integer features are written as integers at any size.
	integer bool
	// repeats marks a feature that repeats another (weakest is worst),
	// left out of Summary's and FeatureWriter's columns.
	repeats bool
	// extra marks a feature that came after the writers' columns were
	// fixed: fits, Linear and memory models read it, and the columns
	// leave it out so that their output stays as it was.
	extra bool
	// ofRatings marks a feature of the ratings alone, whose values are
	// few over a whole file when the ratings are whole (a few hundred
	// means and slopes): FeatureWriter keeps their text in its memo,
	// which the features of durations would fill with values that do not
	// come again.
	ofRatings bool
	// touchpoint, when set, names the column after this one in which
	// FeatureWriter writes the touchpoint of the moment moment gives.
	touchpoint string
	moment     func(*Features) int
}

var featureTable = [...]feature{
	{name: "moments", value: func(f *Features) float64 { return float64(f.Moments) }, integer: true},
	{name: "duration", value: func(f *Features) float64 { return f.Duration }},
	{name: "first", value: func(f *Features) float64 { return f.First }, ofRatings: true},
	{name: "peak", value: func(f *Features) float64 { return f.Peak }, ofRatings: true,
		touchpoint: "peak_touchpoint", moment: func(f *Features) int { return f.PeakMoment }},
	{name: "best", value: func(f *Features) float64 { return f.Best }, ofRatings: true},
	{name: "worst", value: func(f *Features) float64 { return f.Worst }, ofRatings: true},
	{name: "end", value: func(f *Features) float64 { return f.End }, ofRatings: true,
		touchpoint: "end_touchpoint", moment: func(f *Features) int { return f.EndMoment }},
	{name: "mean", value: func(f *Features) float64 { return f.Mean }, ofRatings: true},
	{name: "time_mean", value: func(f *Features) float64 { return f.TimeMean }},
	{name: "trend", value: func(f *Features) float64 { return f.Trend }, ofRatings: true},
	{name: "peak_end", value: func(f *Features) float64 { return f.PeakEnd }, ofRatings: true},
	{name: "weakest", value: func(f *Features) float64 { return f.Weakest }, ofRatings: true, repeats: true},
	{name: "end_slope", value: func(f *Features) float64 { return f.EndSlope }, ofRatings: true, extra: true},
	{name: "peaks", value: func(f *Features) float64 { return float64(f.Peaks) }, integer: true, extra: true},
}

// columnFeatures are the features of Summary's and FeatureWriter's
// columns, in order.
var columnFeatures = func() []feature {
	var fs []feature
	for _, f := range featureTable {
		if !f.repeats && !f.extra {
			fs = append(fs, f)
		}
	}
	return fs
}()

// FeatureNames returns the names of the numeric features, as used in
// CSV headers, Linear and fits, in a new slice each call.
func FeatureNames() []string {
	names := make([]string, len(featureTable))
	for i, f := range featureTable {
		names[i] = f.name
	}
	return names
}

// featureNamed returns the table's feature called name.
func featureNamed(name string) (feature, bool) {
	for _, f := range featureTable {
		if f.name == name {
			return f, true
		}
	}
	return feature{}, false
}

// FeatureReader returns the function that reads the named feature, for
// a program that reads the same features of many visits: Value looks
// the name up on every call.
func FeatureReader(name string) (func(*Features) float64, bool) {
	ft, ok := featureNamed(name)
	if !ok {
		return nil, false
	}
	return ft.value, true
}

// Value returns the feature with the given name.
func (f *Features) Value(name string) (float64, bool) {
	if f == nil {
		return NA, false
	}
	ft, ok := featureNamed(name)
	if !ok {
		return 0, false
	}
	return ft.value(f), true
}

// Compute returns the features of visit v on scale s with the default
// FeatureOptions. A visit without moments (or a nil visit) has every
// feature NA and zero moments.
func Compute(v *Visit, s Scale) Features { return ComputeWith(v, s, FeatureOptions{}) }

// ComputeWith returns the features of visit v on scale s as opt
// defines them.
func ComputeWith(v *Visit, s Scale, opt FeatureOptions) (f Features) {
	computeInto(&f, v, s, opt)
	return f
}

// computeInto sets every feature of *f to ComputeWith(v, s, opt)'s,
// whatever f held: for a reader that scores visit after visit into one
// Features, which a result of ComputeWith would be copied into, twice.
// TestComputeIntoSetsAll holds it to setting every field.
func computeInto(f *Features, v *Visit, s Scale, opt FeatureOptions) {
	if v == nil || len(v.Moments) == 0 {
		*f = Features{Duration: NA, First: NA, Peak: NA, Best: NA, Worst: NA, End: NA, Mean: NA,
			TimeMean: NA, Trend: NA, PeakEnd: NA, Weakest: NA, EndSlope: NA, PeakMoment: -1, EndMoment: -1}
		return
	}
	// Recorded visits almost always have their moments in strictly
	// increasing time, their order, which compute checks as it goes:
	// only the features of a visit that has not are worked out again,
	// with its moments in order.
	ms := v.Moments
	if !compute(f, ms, s, true) {
		var order []int
		var timed bool
		ms, order, timed = inOrder(v, opt.Steps)
		compute(f, ms, s, timed)
		opt.apply(f, ms)
		if order != nil {
			f.PeakMoment, f.EndMoment = order[f.PeakMoment], order[f.EndMoment]
		}
		return
	}
	opt.apply(f, ms)
}

// compute sets every feature of f but EndSlope, whatever f held, to
// the features that have no choice in them (and the peak as the most
// intense) of a visit whose moments, ms (at least one), stand in time
// order; timed says whether every moment has a start. The moments of
// the peak and the end are indices into ms. It reports whether the
// moments' times strictly increase, so that they were in order and
// every one has a start. It fills the caller's result rather than
// returning one, which would be copied once more.
//
// It takes the times and the ratings in a pass each: one pass keeping
// every sum and extreme of both held more values than there are
// registers, and moved them to memory and back at every moment.
func compute(f *Features, ms []Moment, s Scale, timed bool) (strict bool) {
	n := len(ms)
	f.Moments, f.First, f.End, f.EndMoment = n, ms[0].Rating, ms[n-1].Rating, n-1
	start, end, sumW, sumWX, strict := times(ms)
	f.Duration = sumW // NA when any duration is missing
	if timed {
		if !strict { // then the first start need not be the least
			start = firstStart(ms)
		}
		f.Duration = end - start
	}
	f.TimeMean = NA
	if !IsNA(sumW) && sumW > 0 {
		f.TimeMean = sumWX / sumW
	}
	f.ratings(ms, s)
	f.PeakEnd = (f.Peak + f.End) / 2
	f.Weakest = f.Worst
	return strict
}

// times returns the least start and the greatest end (t + duration,
// or t without one) of moments ms as math.Min and Max take them (−0
// below +0, NaN taken) when their starts strictly increase (strict),
// the sums of their durations and of the durations times the ratings.
// When the starts do not strictly increase, start is only the first's
// (see firstStart).
func times(ms []Moment) (start, end, sumW, sumWX float64, strict bool) {
	end = math.Inf(-1)
	strict = true
	prev := math.Inf(-1) // the time before the moment's
	for k := range ms {
		m := &ms[k]
		t, d := m.T, m.Duration
		if !(t > prev) { // a NaN too
			strict = false
		}
		prev = t
		sumW += d
		sumWX += d * m.Rating
		// max as math.Max, but called only for an equal end or a NaN,
		// where it differs from a comparison: the end mostly grows.
		e := t
		if !IsNA(d) {
			e += d
		}
		if e > end {
			end = e
		} else if !(e < end) {
			end = max(end, e)
		}
	}
	// Strictly increasing starts have the first as their least.
	return ms[0].T, end, sumW, sumWX, strict
}

// firstStart is the least start of moments ms, as math.Min takes it.
func firstStart(ms []Moment) float64 {
	start := math.Inf(1)
	for k := range ms {
		start = min(start, ms[k].T)
	}
	return start
}

// ratings sets the features of the ratings of moments ms alone but the
// first and the end: best, worst, peak, mean, trend and peaks.
//
// What it keeps from moment to moment but the sums is integers (the
// extremes and the last rating as bits), which the compiler takes anew
// by conditional moves: a float64 taken in a branch costs it register
// moves at every moment.
func (f *Features) ratings(ms []Moment, s Scale) {
	first := ms[0].Rating
	// Ratings times dir compare by the scale's direction: higher is
	// better. Negating is exact, so dir·(dir·x) is x, sign of zero too.
	dir := 1.0
	if s.HigherIsWorse {
		dir = -1
	}
	// The sums as they stand after the first moment, added to zero as
	// the others are (so that a first −0 leaves +0).
	var sum, sumKX float64
	sum += first
	sumKX += 0 * first
	// The greatest and least rating, the earliest of equals (of −0 and
	// +0 the first; a NaN first stays): the best and the worst by the
	// scale's direction.
	hiBits, loBits := math.Float64bits(first), math.Float64bits(first)
	// The runs of equal ratings (times dir) count the maxima: each run
	// is compared with the runs on either side when the next run starts.
	lastBits, rising := math.Float64bits(dir*first), true // the current run's rating; no run before it is better
	runs, maxima := false, 0                              // a run before the current one; the maxima among those
	k := 0.0                                              // the moment's position, as a float64 (exact, as float64(k) is)
	for i := 1; i < len(ms); i++ {
		x := ms[i].Rating
		sum += x
		if x > math.Float64frombits(hiBits) {
			hiBits = math.Float64bits(x)
		}
		if x < math.Float64frombits(loBits) {
			loBits = math.Float64bits(x)
		}
		if bx, last := dir*x, math.Float64frombits(lastBits); bx != last { // a NaN too
			if rising && last > bx {
				maxima++
			}
			rising = bx > last
			lastBits = math.Float64bits(bx)
			runs = true
		}
		k++
		x *= k // k·x as x·k: multiplying is commutative, bit for bit
		sumKX += x
	}
	if rising && runs { // the last run has no run after it to be better than
		maxima++
	}
	n := len(ms)
	f.Mean = sum / float64(n)
	f.Trend = trend(n, sum, sumKX)
	f.Peaks = maxima
	hi, lo := math.Float64frombits(hiBits), math.Float64frombits(loBits)
	f.Best, f.Worst = hi, lo
	if s.HigherIsWorse {
		f.Best, f.Worst = lo, hi
	}
	f.PeakMoment = peakMoment(ms, s.Neutral, dir, hi, lo)
	f.Peak = ms[f.PeakMoment].Rating
}

// peakMoment returns the earliest of the most intense of moments ms by
// Scale.MoreIntense, on a scale of that neutral and direction (dir, as
// ratings has it), or the first when its intensity is NaN, which no
// other is more than; hi and lo are the greatest and least rating. Of
// ratings between those, x − neutral lies between theirs (subtracting
// is monotonic), so one of them is most intense, and a rating as
// intense has a difference of the same sign, so is as bad: the most
// intense key is known before the one pass that finds its earliest
// moment. An infinite neutral makes the difference of an equal
// infinity NaN, the least intense, and that of every other rating the
// same infinity, equally bad: the other extreme has the key still.
func peakMoment(ms []Moment, neutral, dir, hi, lo float64) int {
	badBelow := dir * neutral // a rating x is bad when dir·x < badBelow
	key := func(x float64) uint64 { return intensityKey(x-neutral, badBelow > dir*x) }
	if IsNA(ms[0].Rating - neutral) {
		return 0
	}
	most := max(key(hi), key(lo))
	for k := range ms {
		if key(ms[k].Rating) == most {
			return k
		}
	}
	return 0 // not reached: the moment of hi or lo has the key
}

// intensityKey orders the moments of a rating d from neutral as
// Scale.MoreIntense does: by |d|, then a bad one first. Non-negative
// float64s order as their bits, below 2⁶³, so that the key is |d|'s
// bits and then whether bad. A NaN |d| is no more intense than any
// other: its key is 0, which no key is below.
func intensityKey(d float64, bad bool) uint64 {
	in := math.Float64bits(d) &^ (1 << 63)
	if in > 0x7ff<<52 { // a NaN, above the bits of +Inf
		return 0
	}
	key := in << 1
	if bad {
		key |= 1
	}
	return key
}

// trend is the least-squares slope of x against k = 0..n−1, from the
// sums of x and k·x: the positions' mean and spread are known in closed
// form, so no second pass is needed.
func trend(n int, sumX, sumKX float64) float64 {
	if n < 2 {
		return 0
	}
	nf := float64(n)
	meanK := (nf - 1) / 2
	sxx := nf * (nf*nf - 1) / 12 // Σ(k − mean k)²
	return (sumKX - meanK*sumX) / sxx
}
