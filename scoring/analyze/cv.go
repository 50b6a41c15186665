package analyze

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"github.com/peakend/peakend/scoring"
)

// ErrFolds is a cross-validation that cannot be made: fewer than 2
// folds, or more folds than clusters (or visits) to put in them.
var ErrFolds = errors.New("unusable folds")

// A CVResult is how well one rule predicts remembered ratings out of
// sample: a linear calibration a + b·score is fitted on K−1 folds and
// judged on the fold left out.
type CVResult struct {
	Rule           string
	Folds, Repeats int
	// Pearson, RMSE and MAE are of the calibrated prediction on the
	// held-out folds, averaged over the K folds of each of the
	// repetitions. Pearson is the held-out r, of the sign the fitted
	// slope gives it.
	Pearson, RMSE, MAE float64
	// RawRMSE and RawMAE are of the score itself against the remembered
	// rating, on all visits: nothing is fitted, so nothing is held out.
	RawRMSE, RawMAE float64
}

// CrossValidate runs K-fold cross-validation of a one-predictor linear
// calibration of each rule, repeated with new random folds (repeats of
// 10 and seed 1 are what peakend compare uses), best held-out r first.
// A clustered Comparer puts whole clusters in folds, so that no
// customer is both fitted and judged on. The folds are drawn over the
// visits in an order of their content (canonical.go), so the same
// visits in any order give the same figures.
func (c *Comparer) CrossValidate(k, repeats int, seed uint64) ([]CVResult, error) {
	c.canonical()
	start, _ := c.units()
	units := len(start) - 1
	what := "visits"
	if c.ci != nil {
		what = c.ci.by.String() + " clusters"
	}
	switch {
	case k < 2:
		return nil, fmt.Errorf("%w: %d folds; cross-validation needs at least 2", ErrFolds, k)
	case k > units:
		return nil, fmt.Errorf("%w: %d folds for %d %s; every fold needs one", ErrFolds, k, units, what)
	case repeats < 1:
		return nil, fmt.Errorf("%w: %d repetitions; at least 1", ErrFolds, repeats)
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	fold := make([]int, units)
	sums := make([]cvSums, len(c.rules))
	x, y := c.centred()
	for range repeats {
		for i, u := range rng.Perm(units) {
			fold[u] = i % k
		}
		c.crossValidate(x, y, fold, k, sums)
	}
	return c.cvResults(sums, k, repeats), nil
}

// cvSums add up one rule's held-out figures over folds and repeats.
type cvSums struct{ r, rmse, mae, folds float64 }

// crossValidate adds the held-out figures of one assignment of units
// to k folds, from the centred scores x and remembered ratings y.
func (c *Comparer) crossValidate(x [][]float64, y []float64, fold []int, k int, sums []cvSums) {
	unitOf := c.unitOf()
	for r := range c.rules {
		per := make([]moments, k)
		var total moments
		for i, xi := range x[r] {
			if !scoring.IsNA(xi) {
				per[fold[unitOf(i)]].add(xi, y[i])
				total.add(xi, y[i])
			}
		}
		a, b := make([]float64, k), make([]float64, k)
		for f := range k {
			a[f], b[f] = total.sub(per[f]).line()
		}
		sq, abs := make([]float64, k), make([]float64, k)
		for i, xi := range x[r] {
			if !scoring.IsNA(xi) {
				f := fold[unitOf(i)]
				e := a[f] + b[f]*xi - y[i]
				sq[f] += e * e
				abs[f] += math.Abs(e)
			}
		}
		for f := range k {
			held := per[f]
			rf := held.r()
			if held.n == 0 || scoring.IsNA(rf) || scoring.IsNA(b[f]) {
				continue // a fold without visits this rule scores, or with no spread
			}
			if b[f] < 0 {
				rf = -rf
			}
			sums[r].r += rf
			sums[r].rmse += math.Sqrt(sq[f] / held.n)
			sums[r].mae += abs[f] / held.n
			sums[r].folds++
		}
	}
}

// unitOf returns the resampling unit of visit i.
func (c *Comparer) unitOf() func(int) int {
	if c.ci == nil {
		return func(i int) int { return i }
	}
	return func(i int) int { return int(c.cluster[i]) }
}

// line returns the least-squares line y = a + b·x of the sums; NA when
// x has no spread.
func (m moments) line() (a, b float64) {
	vx := m.xx - m.x*m.x/m.n
	if !(vx > 0) {
		return scoring.NA, scoring.NA
	}
	b = (m.xy - m.x*m.y/m.n) / vx
	return m.y/m.n - b*m.x/m.n, b
}

func (c *Comparer) cvResults(sums []cvSums, k, repeats int) []CVResult {
	out := make([]CVResult, len(c.rules))
	for r, rule := range c.rules {
		x, y := pairs(c.scores[r], c.remembered)
		out[r] = CVResult{Rule: rule.Name, Folds: k, Repeats: repeats, Pearson: scoring.NA, RMSE: scoring.NA, MAE: scoring.NA,
			RawRMSE: scoring.NA, RawMAE: scoring.NA}
		if len(x) > 0 {
			out[r].RawRMSE, out[r].RawMAE = errorsOf(x, y, 0, 1)
		}
		if s := sums[r]; s.folds > 0 {
			out[r].Pearson, out[r].RMSE, out[r].MAE = s.r/s.folds, s.rmse/s.folds, s.mae/s.folds
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return higherR(out[a].Pearson, out[b].Pearson) })
	return out
}
