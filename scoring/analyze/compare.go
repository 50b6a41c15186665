package analyze

import (
	"fmt"
	"math"
	"sort"

	"github.com/peakend/peakend/scoring"
	"gonum.org/v1/gonum/stat"
)

// A Comparison is how well one rule predicts remembered ratings.
type Comparison struct {
	Rule     string
	N        int
	Pearson  float64
	Spearman float64
	// PearsonLow and PearsonHigh bound the bootstrap 95% percentile
	// interval of Pearson's r, clipped to [−1, 1].
	PearsonLow, PearsonHigh float64
	// Diff is Pearson's r less the best rule's (0 for the best), and
	// DiffLow, DiffHigh its bootstrap 95% interval from the same
	// resamples: an interval below 0 says the best rule beats this one
	// by more than chance.
	Diff, DiffLow, DiffHigh float64
	// RMSE and MAE are of the raw score against the remembered rating:
	// they mix a rule's bias with its association. CalibratedRMSE and
	// CalibratedMAE are of the residuals of remembered on the score
	// (a + b·score, fitted on the same visits): association only.
	RMSE, MAE                     float64
	CalibratedRMSE, CalibratedMAE float64
	// Units is what the bootstrap resampled: clusters (G) when
	// clustered, else visits.
	Units int
}

// MinBootstrapUnits is the fewest visits, or clusters, below which
// Results' intervals deserve a warning: a bootstrap with fewer draws
// than this misjudges the spread of r (percentile intervals of a
// correlation under-cover at small n, and a cluster bootstrap with few
// clusters more so; Cameron, Gelbach and Miller 2008 advise 30 or more).
const MinBootstrapUnits = 30

// A Comparer accumulates the scores of visits by several rules.
type Comparer struct {
	rules      []scoring.Rule
	remembered []float64
	scores     [][]float64 // by rule, parallel to remembered
	ci         *clusterIndex
	cluster    []int32 // clustered: the cluster of each visit
	err        error   // the first visit without its cluster
}

// NewComparer returns a Comparer of the given rules, whose bootstrap
// and cross-validation take visits as independent.
func NewComparer(rules []scoring.Rule) *Comparer {
	return &Comparer{rules: rules, scores: make([][]float64, len(rules))}
}

// NewClusteredComparer returns a Comparer that resamples, and folds,
// whole clusters: the visits of one customer, site or purpose go
// together. Every visit then needs the cluster's column.
func NewClusteredComparer(rules []scoring.Rule, by Cluster) *Comparer {
	c := NewComparer(rules)
	if by != NoCluster {
		c.ci = newClusterIndex(by)
	}
	return c
}

var _ scoring.Accumulator = (*Comparer)(nil)

// Add scores visit v, with features f, by every rule. A visit without a
// remembered rating, or a nil one, is skipped; one without the cluster
// makes Results' Err report it.
func (c *Comparer) Add(v *scoring.Visit, f *scoring.Features) {
	if v == nil || f == nil || scoring.IsNA(v.Remembered) {
		return
	}
	if c.ci != nil {
		g, ok := c.ci.of(v)
		if !ok {
			if c.err == nil {
				c.err = &MissingClusterError{Cluster: c.ci.by, Visit: v.ID, Line: v.Line}
			}
			return
		}
		c.cluster = append(c.cluster, int32(g))
	}
	c.remembered = append(c.remembered, v.Remembered)
	for i, r := range c.rules {
		c.scores[i] = append(c.scores[i], r.Score(v, f))
	}
}

// Err reports a visit that could not be used, such as one without the
// cluster; Results and CrossValidate are then of the others.
func (c *Comparer) Err() error { return c.err }

// Results returns one Comparison per rule, best Pearson's r first. The
// bootstrap draws resamples (1000 is what peakend compare uses), each
// from a generator seeded with seed and its number, so the same data
// and seed give the same intervals, in whatever order the visits were
// added or merged (canonical.go) and on any number of cores (the
// resamples run on every core); resamples of 0 leaves the intervals NA.
//
// The intervals are percentile intervals: they keep to [−1, 1] and
// follow any transformation of r, such as Fisher's z, and unlike BCa
// they need no jackknife, which would take one more pass over the
// visits per cluster. Each resample's r comes from sums of values less
// the sample's means, so that ratings far from zero (a scale of
// 1000001..1000005) keep their digits.
func (c *Comparer) Results(resamples int, seed uint64) []Comparison {
	c.canonical()
	out := make([]Comparison, len(c.rules))
	for i, r := range c.rules {
		out[i] = c.describe(r.Name, c.scores[i])
	}
	best := bestOf(out)
	for i := range out {
		if best >= 0 && !math.IsNaN(out[i].Pearson) {
			out[i].Diff = out[i].Pearson - out[best].Pearson
		}
	}
	if resamples > 0 && best >= 0 {
		c.bootstrap(out, best, resamples, seed)
	}
	sort.SliceStable(out, func(a, b int) bool { return higherR(out[a].Pearson, out[b].Pearson) })
	return out
}

// higherR orders correlations best first, NA last.
func higherR(a, b float64) bool {
	if math.IsNaN(b) {
		return !math.IsNaN(a)
	}
	return a > b
}

// bestOf returns the index of the largest Pearson's r, or −1.
func bestOf(cs []Comparison) int {
	best := -1
	for i, c := range cs {
		if !math.IsNaN(c.Pearson) && (best < 0 || c.Pearson > cs[best].Pearson) {
			best = i
		}
	}
	return best
}

// describe returns the figures of one rule's scores without the
// bootstrap.
func (c *Comparer) describe(rule string, scores []float64) Comparison {
	x, y := pairs(scores, c.remembered)
	out := Comparison{Rule: rule, N: len(x), Pearson: scoring.NA, Spearman: scoring.NA, RMSE: scoring.NA, MAE: scoring.NA,
		CalibratedRMSE: scoring.NA, CalibratedMAE: scoring.NA, PearsonLow: scoring.NA, PearsonHigh: scoring.NA,
		Diff: scoring.NA, DiffLow: scoring.NA, DiffHigh: scoring.NA, Units: len(c.remembered)}
	if c.ci != nil {
		out.Units = len(c.ci.names)
	}
	if len(x) == 0 {
		return out
	}
	out.RMSE, out.MAE = errorsOf(x, y, 0, 1)
	if len(x) > 2 {
		out.Pearson = clip(stat.Correlation(x, y, nil))
		out.Spearman = clip(stat.Correlation(ranks(x), ranks(y), nil))
		a, b := stat.LinearRegression(x, y, nil, false)
		out.CalibratedRMSE, out.CalibratedMAE = errorsOf(x, y, a, b)
	}
	return out
}

// clip keeps a correlation that rounding took past ±1 within them.
func clip(r float64) float64 { return math.Max(-1, math.Min(1, r)) }

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

// errorsOf returns the RMSE and MAE of a + b·x against y.
func errorsOf(x, y []float64, a, b float64) (rmse, mae float64) {
	var sq, abs float64
	for i := range x {
		d := a + b*x[i] - y[i]
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

// units returns the visits of each resampling unit: each cluster's, or
// each visit alone, as offsets into one index slice.
func (c *Comparer) units() (start, visits []int) {
	n := len(c.remembered)
	if c.ci == nil {
		start, visits = make([]int, n+1), make([]int, n)
		for i := range visits {
			start[i+1], visits[i] = i+1, i
		}
		return start, visits
	}
	g := len(c.ci.names)
	start = make([]int, g+1)
	for _, u := range c.cluster {
		start[u+1]++
	}
	for u := range g {
		start[u+1] += start[u]
	}
	visits = make([]int, n)
	next := append([]int(nil), start[:g]...)
	for i, u := range c.cluster {
		visits[next[u]] = i
		next[u]++
	}
	return start, visits
}

// centred returns the scores and remembered ratings less their means,
// NA scores kept NA.
func (c *Comparer) centred() (x [][]float64, y []float64) {
	y = shifted(c.remembered)
	x = make([][]float64, len(c.rules))
	for r := range c.rules {
		x[r] = shifted(c.scores[r])
	}
	return x, y
}

func shifted(v []float64) []float64 {
	m := meanOf(v)
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = x - m
	}
	return out
}

// meanOf returns the mean of v's numbers, NA skipped; 0 of none.
func meanOf(v []float64) float64 {
	var sum, n float64
	for _, x := range v {
		if !scoring.IsNA(x) {
			sum, n = sum+x, n+1
		}
	}
	return sum / math.Max(n, 1)
}

// moments are the sums of a correlation.
type moments struct{ n, x, y, xx, yy, xy float64 }

func (m *moments) add(x, y float64) {
	m.n++
	m.x += x
	m.y += y
	m.xx += x * x
	m.yy += y * y
	m.xy += x * y
}

// addTimes adds the pair w times over, as a resample that drew its
// visit w times takes it.
func (m *moments) addTimes(x, y, w float64) {
	wx, wy := w*x, w*y
	m.n += w
	m.x += wx
	m.y += wy
	m.xx += wx * x
	m.yy += wy * y
	m.xy += wx * y
}

func (m *moments) sub(o moments) moments {
	return moments{m.n - o.n, m.x - o.x, m.y - o.y, m.xx - o.xx, m.yy - o.yy, m.xy - o.xy}
}

// r returns Pearson's r of the sums, NA when a variance is 0.
func (m moments) r() float64 {
	cov := m.xy - m.x*m.y/m.n
	vx, vy := m.xx-m.x*m.x/m.n, m.yy-m.y*m.y/m.n
	if !(vx > 0 && vy > 0) {
		return scoring.NA
	}
	return clip(cov / math.Sqrt(vx*vy))
}

// percentiles returns the 2.5% and 97.5% points, NA of none.
func percentiles(v []float64) (low, high float64) {
	if len(v) == 0 {
		return scoring.NA, scoring.NA
	}
	sort.Float64s(v)
	return stat.Quantile(0.025, stat.Empirical, v, nil), stat.Quantile(0.975, stat.Empirical, v, nil)
}

// Merge adds the visits other has scored to c, as if c had scored them
// after its own. It is an error when the two have different rules or
// clusters.
func (c *Comparer) Merge(other *Comparer) error {
	if c == nil || other == nil || len(c.rules) != len(other.rules) || (c.ci == nil) != (other.ci == nil) ||
		(c.ci != nil && c.ci.by != other.ci.by) {
		return fmt.Errorf("merge of comparers of different rules or clusters: %w", ErrMismatch)
	}
	for i := range c.rules {
		if c.rules[i].Name != other.rules[i].Name {
			return fmt.Errorf("merge of a comparer of rule %s into one of %s: %w", other.rules[i].Name, c.rules[i].Name, ErrMismatch)
		}
	}
	if c.err == nil {
		c.err = other.err
	}
	c.remembered = append(c.remembered, other.remembered...)
	for i := range c.scores {
		c.scores[i] = append(c.scores[i], other.scores[i]...)
	}
	if c.ci != nil {
		for _, g := range other.cluster {
			c.cluster = append(c.cluster, int32(c.ci.id(other.ci.names[g])))
		}
	}
	return nil
}
