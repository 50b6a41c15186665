package scoring

import (
	"math"
	"slices"
	"sort"
)

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

	// PeakMoment and EndMoment index Visit.Moments.
	PeakMoment, EndMoment int
}

// FeatureNames lists the numeric features by the names used in CSV
// headers, Linear and fits.
var FeatureNames = []string{"moments", "duration", "first", "peak", "best", "worst", "end", "mean", "time_mean", "trend", "peak_end", "weakest"}

// Value returns the feature with the given name.
func (f *Features) Value(name string) (float64, bool) {
	if f == nil {
		return NA, false
	}
	switch name {
	case "moments":
		return float64(f.Moments), true
	case "duration":
		return f.Duration, true
	case "first":
		return f.First, true
	case "peak":
		return f.Peak, true
	case "best":
		return f.Best, true
	case "worst":
		return f.Worst, true
	case "end":
		return f.End, true
	case "mean":
		return f.Mean, true
	case "time_mean":
		return f.TimeMean, true
	case "trend":
		return f.Trend, true
	case "peak_end":
		return f.PeakEnd, true
	case "weakest":
		return f.Weakest, true
	}
	return 0, false
}

// Order returns the indices of v's moments in time order: by T when
// every moment has one (ties keep input order), else input order.
func Order(v *Visit) []int {
	if v == nil {
		return []int{}
	}
	idx := make([]int, len(v.Moments))
	for i := range idx {
		idx[i] = i
	}
	if timed(v) && !sorted(v) {
		sort.SliceStable(idx, func(a, b int) bool { return v.Moments[idx[a]].T < v.Moments[idx[b]].T })
	}
	return idx
}

func timed(v *Visit) bool {
	for i := range v.Moments {
		if IsNA(v.Moments[i].T) {
			return false
		}
	}
	return len(v.Moments) > 0
}

func sorted(v *Visit) bool {
	return slices.IsSortedFunc(v.Moments, func(a, b Moment) int {
		switch {
		case a.T < b.T:
			return -1
		case a.T > b.T:
			return 1
		}
		return 0
	})
}

// Compute returns the features of visit v on scale s. A visit without
// moments (or a nil visit) has every feature NA and zero moments.
func Compute(v *Visit, s Scale) Features {
	n := 0
	if v != nil {
		n = len(v.Moments)
	}
	if n == 0 {
		return Features{Duration: NA, First: NA, Peak: NA, Best: NA, Worst: NA, End: NA, Mean: NA,
			TimeMean: NA, Trend: NA, PeakEnd: NA, Weakest: NA, PeakMoment: -1, EndMoment: -1}
	}
	var order []int
	if timed(v) && !sorted(v) {
		order = Order(v)
	}
	at := func(k int) int { // the index of the k-th moment in time
		if order == nil {
			return k
		}
		return order[k]
	}
	first, last := at(0), at(n-1)
	f := Features{Moments: n, First: v.Moments[first].Rating, End: v.Moments[last].Rating, EndMoment: last, PeakMoment: first}
	f.Best, f.Worst = f.First, f.First
	var sum, sumW, sumWX, sumKX float64
	for k := 0; k < n; k++ {
		i := at(k)
		x := v.Moments[i].Rating
		sum += x
		sumKX += float64(k) * x
		if s.better(x, f.Best) {
			f.Best = x
		}
		if s.better(f.Worst, x) {
			f.Worst = x
		}
		if k == 0 || s.MoreIntense(x, f.Peak) {
			f.Peak, f.PeakMoment = x, i
		}
		d := v.Moments[i].Duration
		sumW += d
		sumWX += d * x
	}
	f.Mean = sum / float64(n)
	f.TimeMean = NA
	if !IsNA(sumW) && sumW > 0 {
		f.TimeMean = sumWX / sumW
	}
	f.Trend = trend(n, sum, sumKX)
	f.Duration = duration(v, sumW)
	f.PeakEnd = (f.Peak + f.End) / 2
	f.Weakest = f.Worst
	return f
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

func duration(v *Visit, sumDurations float64) float64 {
	if !timed(v) {
		return sumDurations // NA when any duration is missing
	}
	start, end := math.Inf(1), math.Inf(-1)
	for _, m := range v.Moments {
		start = math.Min(start, m.T)
		stop := m.T
		if !IsNA(m.Duration) {
			stop += m.Duration
		}
		end = math.Max(end, stop)
	}
	return end - start
}
