package analyze

import (
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/peakend/peakend/scoring"
)

// bootstrap sets the percentile intervals of r and of its difference
// from the best rule's.
//
// Resample b draws units (visits, or clusters) with replacement from a
// generator of its own, seeded by seed and b: as many draws as there are
// units, tallied per unit, so that the resample then passes once over
// the visits in order, adding each drawn unit's visits times its tally.
// That pass reads memory in sequence (a draw at a time reads it at
// random: a cache miss per visit and rule, which made a million visits
// take minutes), and the resamples, owing nothing to each other, run on
// every core; which core takes which changes nothing, so the intervals
// are the same on one core and on many.
func (c *Comparer) bootstrap(out []Comparison, best, resamples int, seed uint64) {
	start, visits := c.units()
	units := len(start) - 1
	if len(c.remembered) < 3 || units < 2 {
		return
	}
	t := c.resampleTable(start, visits)
	nr := len(c.rules)
	rs := make([]float64, resamples*nr) // resample b's r of rule k at b·nr+k; NA when it has none
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), resamples) {
		wg.Go(func() {
			tally, acc := make([]int32, units), make([]moments, nr)
			for b := int(next.Add(1) - 1); b < resamples; b = int(next.Add(1) - 1) {
				t.resample(tally, acc, seed, uint64(b))
				for k := range acc {
					rs[b*nr+k] = acc[k].r()
				}
			}
		})
	}
	wg.Wait()
	for k := range out {
		var r, diff []float64
		for b := range resamples {
			v, top := rs[b*nr+k], rs[b*nr+best]
			if !scoring.IsNA(v) {
				r = append(r, v)
				if !scoring.IsNA(top) {
					diff = append(diff, v-top)
				}
			}
		}
		out[k].PearsonLow, out[k].PearsonHigh = percentiles(r)
		out[k].DiffLow, out[k].DiffHigh = percentiles(diff)
	}
}

// A resampleTable holds the centred scores and remembered ratings in the
// order of the units, a visit's rules side by side, for the resamples'
// passes.
type resampleTable struct {
	rules int
	start []int     // unit u's visits are rows start[u] to start[u+1]
	x     []float64 // row i's scores by rule at i·rules; NA where a rule has none
	y     []float64 // row i's remembered rating
}

func (c *Comparer) resampleTable(start, visits []int) *resampleTable {
	nr := len(c.rules)
	t := &resampleTable{rules: nr, start: start, x: make([]float64, len(visits)*nr), y: make([]float64, len(visits))}
	my := meanOf(c.remembered)
	for row, i := range visits {
		t.y[row] = c.remembered[i] - my
	}
	for k, scores := range c.scores {
		m := meanOf(scores)
		for row, i := range visits {
			t.x[row*nr+k] = scores[i] - m // NA stays NA
		}
	}
	return t
}

// resample fills acc with the sums of resample b: tally is scratch, one
// count per unit.
func (t *resampleTable) resample(tally []int32, acc []moments, seed, b uint64) {
	units := len(t.start) - 1
	rng := rand.New(rand.NewPCG(seed, b^0x5851f42d4c957f2d))
	clear(tally)
	for range units {
		tally[rng.IntN(units)]++
	}
	clear(acc)
	for u, times := range tally {
		if times == 0 {
			continue
		}
		w := float64(times)
		for row := t.start[u]; row < t.start[u+1]; row++ {
			y, xs := t.y[row], t.x[row*t.rules:(row+1)*t.rules]
			for k, x := range xs {
				if !scoring.IsNA(x) {
					acc[k].addTimes(x, y, w)
				}
			}
		}
	}
}
