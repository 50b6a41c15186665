package scoring

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// A Rule predicts how a visit is remembered from its moments. Score
// returns NA when the rule cannot score the visit (time-mean without
// durations, say). A Rule is a plain value; add your own by filling in
// Name and Score.
type Rule struct {
	Name  string
	Score func(v *Visit, f *Features) float64
}

// newRule returns the rule of score, which then sees neither a nil
// visit nor nil features: the rule scores them NA.
func newRule(name string, score func(v *Visit, f *Features) float64) Rule {
	return Rule{Name: name, Score: func(v *Visit, f *Features) float64 {
		if v == nil || f == nil {
			return NA
		}
		return score(v, f)
	}}
}

// featureRule is the rule that scores a visit by one feature of the
// table, looked up once here rather than on every visit.
func featureRule(name, feature string) Rule {
	ft, ok := featureNamed(feature)
	if !ok {
		panic("scoring: featureRule of " + feature + ", which is not in the feature table")
	}
	return newRule(name, func(_ *Visit, f *Features) float64 { return ft.value(f) })
}

// The rules that read one feature.
var (
	Mean     = featureRule("mean", "mean")
	TimeMean = featureRule("time-mean", "time_mean")
	Peak     = featureRule("peak", "peak")
	End      = featureRule("end", "end")
	First    = featureRule("first", "first")
	Best     = featureRule("best", "best")
	Worst    = featureRule("worst", "worst")
	Trend    = featureRule("trend", "trend")
)

// PeakEnd returns the peak-end rule: wPeak·peak + wEnd·end. With a
// window above zero, the end is the mean rating of the moments that
// start within the last window seconds of the visit (Redelmeier and
// Kahneman used the last 3 minutes); the last moment always counts. A
// visit without start times falls back to the last moment.
func PeakEnd(wPeak, wEnd, window float64) Rule {
	name := "peak-end"
	if wPeak != 0.5 || wEnd != 0.5 {
		name += fmt.Sprintf("(%g,%g)", wPeak, wEnd)
	}
	if window > 0 {
		name += fmt.Sprintf("[last %gs]", window)
	}
	return newRule(name, func(v *Visit, f *Features) float64 {
		end := f.End
		if window > 0 {
			end = windowEnd(v, f, window)
		}
		return wPeak*f.Peak + wEnd*end
	})
}

// PeakEndRule is the classic rule, (peak + end) / 2.
var PeakEndRule = PeakEnd(0.5, 0.5, 0)

func windowEnd(v *Visit, f *Features, window float64) float64 {
	if !timed(v) || f.EndMoment < 0 || f.EndMoment >= len(v.Moments) {
		return f.End
	}
	last := v.Moments[f.EndMoment]
	stop := last.T
	for _, m := range v.Moments {
		end := m.T
		if !IsNA(m.Duration) {
			end += m.Duration
		}
		stop = math.Max(stop, end)
	}
	var sum float64
	var n int
	for _, m := range v.Moments {
		if m.T >= stop-window {
			sum += m.Rating
			n++
		}
	}
	if n == 0 {
		return f.End
	}
	return sum / float64(n)
}

// Recency returns the exponentially recency-weighted mean: the k-th
// moment from the end weighs 2^(−k/halfLife), so a moment halfLife
// moments before the last counts half as much. Weights go by position,
// not by time, so that visits with and without times score alike.
func Recency(halfLife float64) Rule {
	return newRule(fmt.Sprintf("recency(%g)", halfLife), func(v *Visit, _ *Features) float64 {
		order := Order(v)
		var sum, weights float64
		for k := len(order) - 1; k >= 0; k-- {
			w := math.Exp2(-float64(len(order)-1-k) / halfLife)
			sum += w * v.Moments[order[k]].Rating
			weights += w
		}
		if weights == 0 {
			return NA
		}
		return sum / weights
	})
}

// Linear returns the rule intercept + Σ weight·feature over the named
// features (FeatureNames()). Its name lists the weights.
func Linear(intercept float64, weights map[string]float64) (Rule, error) {
	names := make([]string, 0, len(weights))
	for name := range weights {
		if _, ok := featureNamed(name); !ok {
			return Rule{}, fmt.Errorf("linear rule: unknown feature %q; features are %s", name, strings.Join(FeatureNames(), ", "))
		}
		names = append(names, name)
	}
	sort.Strings(names)
	parts := make([]string, 0, len(names)+1)
	if intercept != 0 {
		parts = append(parts, strconv.FormatFloat(intercept, 'g', -1, 64))
	}
	for _, name := range names {
		parts = append(parts, fmt.Sprintf("%g*%s", weights[name], name))
	}
	terms := make([]feature, len(names))
	ws := make([]float64, len(names))
	for i, name := range names {
		terms[i], _ = featureNamed(name)
		ws[i] = weights[name]
	}
	return newRule("linear("+strings.Join(parts, "+")+")", func(_ *Visit, f *Features) float64 {
		sum := intercept
		for i, ft := range terms {
			sum += ws[i] * ft.value(f)
		}
		return sum
	}), nil
}

// DefaultRules are the rival rules compared by default: peak-end and
// the rules the literature sets against it, recency with a half-life of
// two moments.
func DefaultRules() []Rule { return DefaultRulesWithHalfLife(2) }

// DefaultRulesWithHalfLife are DefaultRules with recency's half-life
// halfLife, in moments.
func DefaultRulesWithHalfLife(halfLife float64) []Rule {
	return []Rule{PeakEndRule, Mean, TimeMean, Peak, End, First, Best, Worst, Trend, Recency(halfLife)}
}

// CompareRules are the rules peakend compare sets side by side:
// DefaultRulesWithHalfLife(halfLife), and when window is positive
// peak-end with the end taken as the mean of the visit's last window
// seconds.
func CompareRules(halfLife, window float64) []Rule {
	rules := DefaultRulesWithHalfLife(halfLife)
	if window > 0 {
		rules = append(rules, PeakEnd(0.5, 0.5, window))
	}
	return rules
}
