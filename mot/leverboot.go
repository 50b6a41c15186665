package mot

import (
	"math"
	"slices"

	"github.com/peakend/peakend/scoring"
	"github.com/peakend/peakend/scoring/analyze"
)

// DefaultResamples is how many bootstrap replicates a LeverageMeter
// forms unless told otherwise: enough for a 95% percentile interval
// whose ends move by a few hundredths of a point from one seed to the
// next.
const DefaultResamples = 100

// BootstrapGroups is how many random groups a LeverageMeter's bootstrap
// resamples: each visit falls in one, by a hash of its id and the seed.
const BootstrapGroups = 512

// LeverageMinVisits is the fewest visits of a journey whose ranking of
// levers a report states without a warning. Below it, a lever's 95%
// interval is wider than the gaps between most levers (a share of
// visits is uncertain by up to ±1.96·0.5/√n, ±10 points at n = 100), so
// the order says little, and percentile bootstrap intervals themselves
// are unreliable on a few dozen visits.
const LeverageMinVisits = 100

// The bootstrap is Poisson's over random groups of visits. Each visit
// falls in one of BootstrapGroups groups by a hash of its id and the
// seed, and the meter keeps each lever's sums per group (one addition
// per change, whatever the number of replicates). Replicate b weighs
// group g by a Poisson(1) number drawn from a hash of the seed, g and
// b, and its gain is the weighted sum of the groups' changes over their
// weighted visits.
//
// Poisson(1) weights stand for drawing n of n with replacement when n
// is large (Hanley & MacGibbon 2006, "Creating non-parametric bootstrap
// samples using Poisson frequencies"), and unlike those they need no
// count of the data in advance and are drawn independently for each
// unit, which is what lets parts of the data be measured apart and
// added (Chamandy, Muralidharan, Najmi & Naik 2012, "Estimating
// uncertainty for massive data streams", who weigh by a hash of each
// unit's id as here). Resampling groups instead of visits is the
// cluster bootstrap (Davison & Hinkley 1997, §3.8) with clusters that
// are formed at random: when visits are independent, the groups'
// sums are independent too, and the variance of a total is the sum of
// the groups' variances whichever way the visits are grouped, so the
// intervals estimate the same spread as resampling visits one by one —
// on BootstrapGroups − 1 degrees of freedom rather than n − 1, which at
// 512 adds about 3% to the spread of an interval's width from one data
// set to the next, beside the 14% or so that 100 replicates' percentile
// points carry anyway. A journey with far fewer visits than groups has
// about a visit per group, and its bootstrap is the visits' own.
// TestGroupedBootstrapMatchesVisits holds the two to each other.
//
// Neither the group nor the weights depend on the order of the visits
// or on which meter saw them, and the groups' sums are exact, so
// meters that read parts of the data in parallel and are then added up
// give the result of one meter reading it all, bit for bit; the
// replicates are formed from the groups in their fixed order. The
// fitted formula is held fixed across replicates: an interval says how
// much the lever's gain varies with the visits, not how uncertain the
// fit's weights are.

// poissonCDF is P(X ≤ k) for X ~ Poisson(1), k = 0, 1, …: the table
// that turns a uniform number into a weight.
var poissonCDF = func() []float64 {
	var cdf []float64
	p, sum := math.Exp(-1), 0.0
	for k := 0; sum < 1-1e-16 && k < 20; k++ {
		sum += p
		cdf = append(cdf, sum)
		p /= float64(k + 1)
	}
	return cdf
}()

// poissonSteps is poissonCDF times 2⁵³, rounded up, for 53-bit
// integers u: u ≥ poissonSteps[k] exactly when u/2⁵³ ≥ poissonCDF[k]
// (both sides of that are exact in float64, u being below 2⁵³), so
// poissonWeight compares integers and gives the weights the floats
// would.
var poissonSteps = func() []uint64 {
	steps := make([]uint64, len(poissonCDF))
	for k, c := range poissonCDF {
		steps[k] = uint64(math.Ceil(c * (1 << 53)))
	}
	return steps
}()

// poissonWeight turns a uniform 64-bit number into a Poisson(1) weight.
func poissonWeight(x uint64) uint8 {
	u := x >> 11 // a uniform number, times 2⁵³
	k := 0
	for k < len(poissonSteps)-1 && u >= poissonSteps[k] {
		k++
	}
	return uint8(k)
}

// groupOf returns the bootstrap group of the visit id, of groups.
func groupOf(id string, seed uint64, groups int) int {
	h := uint64(14695981039346656037) // FNV-1a
	for i := 0; i < len(id); i++ {
		h = (h ^ uint64(id[i])) * 1099511628211
	}
	u := splitmix(h ^ splitmix(seed))
	return int((u >> 32) * uint64(groups) >> 32)
}

// splitmix is SplitMix64's finaliser: a well-mixed 64-bit hash of x.
func splitmix(x uint64) uint64 {
	x += 0x9E3779B97F4A7C15
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9
	x = (x ^ (x >> 27)) * 0x94D049BB133111EB
	return x ^ (x >> 31)
}

// fixGroups returns how many groups the meter's sums are kept in,
// fixing it at the first visit: BootstrapGroups with replicates, else 1.
func (m *LeverageMeter) fixGroups() int {
	if m.groups == 0 {
		m.groups = 1
		if m.Resamples > 0 {
			m.groups = BootstrapGroups
		}
	}
	return m.groups
}

// replicateWeights returns the groups' weights in each replicate,
// replicate after replicate; nil when the meter forms none.
func (m *LeverageMeter) replicateWeights() []uint8 {
	if m.Resamples <= 0 || m.groups != BootstrapGroups {
		return nil
	}
	w := make([]uint8, m.Resamples*m.groups)
	base := splitmix(splitmix(m.Seed) + 0x632BE59BD9B4E019) // not the groups' hash
	for b := range m.Resamples {
		for g := range m.groups {
			w[b*m.groups+g] = poissonWeight(splitmix(base ^ uint64(b)<<32 ^ uint64(g)))
		}
	}
	return w
}

// interval is the 2.5% and 97.5% points of the lever's gain over the
// replicates, by peak-end and by the fit (NA without one); NA when the
// meter forms no replicates.
func (m *LeverageMeter) interval(ds *deltaSums, js *leverageSums, fit *analyze.FitResult, weights []uint8) (peakEnd, remembered [2]float64) {
	peakEnd, remembered = [2]float64{scoring.NA, scoring.NA}, [2]float64{scoring.NA, scoring.NA}
	if weights == nil || js.groupVisits == nil || ds.sums == nil {
		return
	}
	groups := m.groups
	sums := make([]float64, groups*leverSums)
	for i := range sums {
		sums[i] = ds.sums.Float64(i)
	}
	var pe, re []float64
	for b := range m.Resamples {
		var total [leverSums]float64
		n := 0
		for g, w := range weights[b*groups : (b+1)*groups] {
			if w == 0 {
				continue
			}
			n += int(w) * js.groupVisits[g]
			x := float64(w)
			for k, s := range sums[g*leverSums : (g+1)*leverSums] {
				total[k] += x * s
			}
		}
		if n == 0 {
			continue
		}
		pe = append(pe, total[sumPeakEnd]/float64(n))
		if fit != nil {
			x := 0.0
			for k, at := range featureSum {
				if at >= 0 {
					x += fit.Coefficients[k+1].Estimate * total[at] / float64(n)
				}
			}
			re = append(re, x)
		}
	}
	peakEnd = percentiles(pe)
	if fit != nil {
		remembered = percentiles(re)
	}
	return
}

// percentiles returns the 2.5% and 97.5% points of xs, interpolated
// between order statistics; NA for none.
func percentiles(xs []float64) [2]float64 {
	if len(xs) == 0 {
		return [2]float64{scoring.NA, scoring.NA}
	}
	slices.Sort(xs)
	at := func(q float64) float64 {
		pos := q * float64(len(xs)-1)
		i := int(pos)
		if i+1 >= len(xs) {
			return xs[len(xs)-1]
		}
		return xs[i] + (pos-float64(i))*(xs[i+1]-xs[i])
	}
	return [2]float64{at(0.025), at(0.975)}
}
