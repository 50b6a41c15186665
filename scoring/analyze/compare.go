package analyze

import (
	"math"
	"math/rand/v2"
	"sort"

	"github.com/peakend/peakend/scoring"
	"gonum.org/v1/gonum/stat"
)

// A Comparison is how well one rule predicts remembered ratings.
type Comparison struct {
	Rule        string
	N           int
	Pearson     float64
	PearsonLow  float64 // bootstrap 95% interval of Pearson's r
	PearsonHigh float64
	Spearman    float64
	RMSE, MAE   float64
}

// A Comparer accumulates the scores of visits by several rules.
type Comparer struct {
	rules      []scoring.Rule
	remembered []float64
	scores     [][]float64 // by rule, parallel to remembered
}

// NewComparer returns a Comparer of the given rules.
func NewComparer(rules []scoring.Rule) *Comparer {
	return &Comparer{rules: rules, scores: make([][]float64, len(rules))}
}

var _ scoring.Accumulator = (*Comparer)(nil)

// Add scores visit v, with features f, by every rule. A visit without a
// remembered rating, or a nil one, is skipped.
func (c *Comparer) Add(v *scoring.Visit, f *scoring.Features) {
	if v == nil || f == nil || scoring.IsNA(v.Remembered) {
		return
	}
	c.remembered = append(c.remembered, v.Remembered)
	for i, r := range c.rules {
		c.scores[i] = append(c.scores[i], r.Score(v, f))
	}
}

// Results returns one Comparison per rule, best Pearson's r first; the
// bootstrap draws resamples from a generator seeded with seed, so the
// same data and seed give the same intervals. There are no defaults:
// resamples of 0 leaves the intervals NA (peakend compare asks for
// 1000), and seed 0 is a seed like any other.
func (c *Comparer) Results(resamples int, seed uint64) []Comparison {
	out := make([]Comparison, len(c.rules))
	for i, r := range c.rules {
		x, y := pairs(c.scores[i], c.remembered)
		out[i] = Comparison{Rule: r.Name, N: len(x), Pearson: scoring.NA, Spearman: scoring.NA,
			RMSE: scoring.NA, MAE: scoring.NA, PearsonLow: scoring.NA, PearsonHigh: scoring.NA}
		if len(x) == 0 {
			continue
		}
		out[i].RMSE, out[i].MAE = errorsOf(x, y)
		if len(x) > 2 {
			out[i].Pearson = stat.Correlation(x, y, nil)
			out[i].Spearman = stat.Correlation(ranks(x), ranks(y), nil)
		}
	}
	if resamples > 0 {
		c.bootstrap(out, resamples, seed)
	}
	sort.SliceStable(out, func(a, b int) bool {
		pa, pb := out[a].Pearson, out[b].Pearson
		if math.IsNaN(pb) {
			return !math.IsNaN(pa)
		}
		return pa > pb
	})
	return out
}

// pairs drops the visits a rule cannot score.
func pairs(scores, remembered []float64) (x, y []float64) {
	x, y = make([]float64, 0, len(scores)), make([]float64, 0, len(scores))
	for i, s := range scores {
		if !scoring.IsNA(s) {
			x, y = append(x, s), append(y, remembered[i])
		}
	}
	return x, y
}

func errorsOf(x, y []float64) (rmse, mae float64) {
	var sq, abs float64
	for i := range x {
		d := x[i] - y[i]
		sq += d * d
		abs += math.Abs(d)
	}
	n := float64(len(x))
	return math.Sqrt(sq / n), abs / n
}

// ranks returns the ranks of x, 1-based, ties getting their average.
func ranks(x []float64) []float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return x[idx[a]] < x[idx[b]] })
	r := make([]float64, len(x))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && x[idx[j+1]] == x[idx[i]] {
			j++
		}
		avg := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			r[idx[k]] = avg
		}
		i = j + 1
	}
	return r
}

// bootstrap sets the percentile intervals of Pearson's r. Each resample
// draws visits with replacement once and updates the sums of every rule,
// so the cost is resamples × visits × rules additions.
func (c *Comparer) bootstrap(out []Comparison, resamples int, seed uint64) {
	n := len(c.remembered)
	if n < 3 {
		return
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x5851f42d4c957f2d))
	rs := make([][]float64, len(c.rules))
	type sums struct{ n, x, y, xx, yy, xy float64 }
	acc := make([]sums, len(c.rules))
	for b := 0; b < resamples; b++ {
		clear(acc)
		for k := 0; k < n; k++ {
			i := rng.IntN(n)
			y := c.remembered[i]
			for r := range c.rules {
				x := c.scores[r][i]
				if scoring.IsNA(x) {
					continue
				}
				a := &acc[r]
				a.n++
				a.x += x
				a.y += y
				a.xx += x * x
				a.yy += y * y
				a.xy += x * y
			}
		}
		for r := range c.rules {
			a := acc[r]
			cov := a.xy - a.x*a.y/a.n
			vx, vy := a.xx-a.x*a.x/a.n, a.yy-a.y*a.y/a.n
			if vx > 0 && vy > 0 {
				rs[r] = append(rs[r], cov/math.Sqrt(vx*vy))
			}
		}
	}
	byName := map[string]int{}
	for r, rule := range c.rules {
		byName[rule.Name] = r
	}
	for i := range out {
		v := rs[byName[out[i].Rule]]
		if len(v) == 0 {
			continue
		}
		sort.Float64s(v)
		out[i].PearsonLow = stat.Quantile(0.025, stat.Empirical, v, nil)
		out[i].PearsonHigh = stat.Quantile(0.975, stat.Empirical, v, nil)
	}
}
