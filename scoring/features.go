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
	if v == nil || len(v.Moments) == 0 {
		return Features{Duration: NA, First: NA, Peak: NA, Best: NA, Worst: NA, End: NA, Mean: NA,
			TimeMean: NA, Trend: NA, PeakEnd: NA, Weakest: NA, EndSlope: NA, PeakMoment: -1, EndMoment: -1}
	}
	// Recorded visits almost always have their moments in strictly
	// increasing time, their order, which compute checks as it goes:
	// only the features of a visit that has not are worked out again,
	// with its moments in order.
	ms := v.Moments
	if !compute(&f, ms, s, true) {
		var order []int
		var timed bool
		ms, order, timed = inOrder(v, opt.Steps)
		f = Features{}
		compute(&f, ms, s, timed)
		opt.apply(&f, ms)
		if order != nil {
			f.PeakMoment, f.EndMoment = order[f.PeakMoment], order[f.EndMoment]
		}
		return f
	}
	opt.apply(&f, ms)
	return f
}

// compute sets f, zero, to the features that have no choice in them of
// a visit whose moments, ms (at least one), stand in time order, in
// one pass over them; timed says whether every moment has a start.
// The moments of the peak and the end are indices into ms. It reports
// whether the moments' times strictly increase, so that they were in
// order and every one has a start. It fills the caller's result rather
// than returning one, which would be copied once more.
func compute(f *Features, ms []Moment, s Scale, timed bool) (strict bool) {
	n := len(ms)
	f.Moments, f.First, f.End, f.EndMoment, f.PeakMoment = n, ms[0].Rating, ms[n-1].Rating, n-1, 0
	// Ratings times dir compare by the scale's direction: higher is
	// better. Negating is exact, so dir·(dir·x) is x, sign of zero too.
	dir := 1.0
	if s.HigherIsWorse {
		dir = -1
	}
	best, worst := dir*f.First, dir*f.First
	peak := peakOf(f.First, s.Neutral, dir)
	runs := runCounter{last: dir * f.First, rising: true}
	var sum, sumW, sumWX, sumKX float64
	start, end := math.Inf(1), math.Inf(-1) // of the moments' times, when timed
	strict = true
	prev := math.Inf(-1) // the time before the moment's
	for k := range ms {
		m := &ms[k]
		x, d := m.Rating, m.Duration
		if !(m.T > prev) { // a NaN too
			strict = false
		}
		prev = m.T
		sum += x
		sumKX += float64(k) * x
		sumW += d
		sumWX += d * x
		// min and max as math.Min and Max (−0 below +0, NaN taken), but
		// called only for an equal time or a NaN, where they differ from
		// a comparison: in time order the end mostly grows, the start
		// never falls.
		if t := m.T; t < start {
			start = t
		} else if !(t > start) {
			start = min(start, t)
		}
		e := m.T
		if !IsNA(d) {
			e += d
		}
		if e > end {
			end = e
		} else if !(e < end) {
			end = max(end, e)
		}
		if k == 0 {
			continue
		}
		bx := dir * x
		if bx > best {
			best = bx
		}
		if worst > bx {
			worst = bx
		}
		if in := math.Abs(x - s.Neutral); !(in < peak.intensity) {
			if c := peakOf(x, s.Neutral, dir); c.moreIntense(peak) {
				peak, f.PeakMoment = c, k
			}
		}
		runs.add(bx)
	}
	f.Best, f.Worst, f.Peak = dir*best, dir*worst, peak.rating
	f.Peaks = runs.peaks()
	f.Mean = sum / float64(n)
	f.TimeMean = NA
	if !IsNA(sumW) && sumW > 0 {
		f.TimeMean = sumWX / sumW
	}
	f.Trend = trend(n, sum, sumKX)
	f.Duration = sumW // NA when any duration is missing
	if timed {
		f.Duration = end - start
	}
	f.PeakEnd = (f.Peak + f.End) / 2
	f.Weakest = f.Worst
	return strict
}

// A peakCandidate is a rating with what Scale.MoreIntense compares of
// it, worked out once per moment rather than again for the peak at
// every moment.
type peakCandidate struct {
	rating, intensity float64
	bad               bool
}

func peakOf(x, neutral, dir float64) peakCandidate {
	return peakCandidate{rating: x, intensity: math.Abs(x - neutral), bad: dir*neutral > dir*x}
}

// moreIntense is Scale.MoreIntense(c.rating, p.rating). Only a c whose
// intensity is not below p's can be, which compute checks first, so as
// to work out the rest for few moments.
func (c peakCandidate) moreIntense(p peakCandidate) bool {
	return c.intensity > p.intensity || (c.intensity == p.intensity && c.bad && !p.bad)
}

// A runCounter counts the local maxima of ratings (times dir) added in
// time order, as Features.Peaks defines them: each run of equal ones is
// compared with the runs on either side when the next run starts.
type runCounter struct {
	last    float64 // the current run's rating
	rising  bool    // no run before the current one is better
	runs, n int     // the runs before the current one; the maxima among them
}

func (r *runCounter) add(bx float64) {
	if bx == r.last {
		return
	}
	if r.rising && r.last > bx {
		r.n++
	}
	r.rising = bx > r.last
	r.last = bx
	r.runs++
}

// peaks counts the maxima with the last run, which has no run after it
// to be better than; a single run, all equal, has none.
func (r *runCounter) peaks() int {
	if r.rising && r.runs > 0 {
		return r.n + 1
	}
	return r.n
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
