package mot

import (
	"math"
	"slices"

	"github.com/peakend/peakend/internal/exact"
	"github.com/peakend/peakend/scoring"
	"github.com/peakend/peakend/scoring/analyze"
)

// DefaultResamples is how many bootstrap replicates a LeverageMeter
// keeps unless told otherwise: enough for a 95% percentile interval
// whose ends move by a few hundredths of a point from one seed to the
// next, at about the cost of the meter itself again.
const DefaultResamples = 100

// LeverageMinVisits is the fewest visits of a journey whose ranking of
// levers a report states without a warning. Below it, a lever's 95%
// interval is wider than the gaps between most levers (a share of
// visits is uncertain by up to ±1.96·0.5/√n, ±10 points at n = 100), so
// the order says little, and percentile bootstrap intervals themselves
// are unreliable on a few dozen visits.
const LeverageMinVisits = 100

// The bootstrap is Poisson's: each visit enters replicate b with a
// weight drawn from Poisson(1), which over many visits resamples them
// as drawing n of n with replacement does. The weight comes from a
// hash of the visit's id, the seed and b, never from a running random
// stream, so it does not depend on the order of the visits or on which
// meter saw them: meters that read parts of the data in parallel and
// are then added up (their sums per replicate added) give the result
// of one meter reading it all. The fitted formula is held fixed across
// replicates: an interval says how much the lever's gain varies with
// the visits, not how uncertain the fit's weights are.

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
// draw compares integers and gives the weights the floats gave.
var poissonSteps = func() []uint64 {
	steps := make([]uint64, len(poissonCDF))
	for k, c := range poissonCDF {
		steps[k] = uint64(math.Ceil(c * (1 << 53)))
	}
	return steps
}()

// bootWeights are one visit's weights in each replicate; only the
// replicates where it weighs something are listed.
type bootWeights struct {
	index  []int
	weight []int32
}

// draw fills w with the weights of the visit id in resamples replicates.
func (w *bootWeights) draw(id string, seed uint64, resamples int) {
	w.index, w.weight = w.index[:0], w.weight[:0]
	h := uint64(14695981039346656037) // FNV-1a
	for i := 0; i < len(id); i++ {
		h = (h ^ uint64(id[i])) * 1099511628211
	}
	h ^= splitmix(seed)
	for b := range resamples {
		u := splitmix(h+uint64(b)*0x9E3779B97F4A7C15) >> 11 // a uniform number, times 2⁵³
		k := 0
		for k < len(poissonSteps)-1 && u >= poissonSteps[k] {
			k++
		}
		if k > 0 {
			w.index = append(w.index, b)
			w.weight = append(w.weight, int32(k))
		}
	}
}

// splitmix is SplitMix64's finaliser: a well-mixed 64-bit hash of x.
func splitmix(x uint64) uint64 {
	x += 0x9E3779B97F4A7C15
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9
	x = (x ^ (x >> 27)) * 0x94D049BB133111EB
	return x ^ (x >> 31)
}

// addBoot adds the visit's feature changes v, times its weight, to the
// replicates it weighs in, exactly; sums holds a feature's replicates
// per feature. It is the meter's inner loop. A change of zero is
// skipped: it adds nothing, and most are (the duration's always,
// first's and end's but at one touchpoint).
func addBoot(sums []*exact.Sums, v *leverVector, w *bootWeights) {
	if sums == nil {
		return
	}
	for k, x := range v {
		if x == 0 {
			continue
		}
		sums[k].AddMultiples(x, w.index, w.weight)
	}
}

// interval is the 2.5% and 97.5% points of the lever's gain over the
// replicates, by peak-end and by the fit (NA without one); NA when the
// meter kept no replicates.
func (m *LeverageMeter) interval(sums []*exact.Sums, visits []float64, fit *analyze.FitResult) (peakEnd, remembered [2]float64) {
	peakEnd, remembered = [2]float64{scoring.NA, scoring.NA}, [2]float64{scoring.NA, scoring.NA}
	if len(visits) == 0 || sums == nil {
		return
	}
	nf := len(analyze.DefaultFeatures())
	var pe, re []float64
	for b, n := range visits {
		if n == 0 {
			continue
		}
		pe = append(pe, (sums[featurePeak].Float64(b)+sums[featureEnd].Float64(b))/2/n)
		if fit != nil {
			x := 0.0
			for k := range nf {
				x += fit.Coefficients[k+1].Estimate * sums[k].Float64(b) / n
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

// The places of peak and end among analyze.DefaultFeatures.
var featurePeak, featureEnd = slices.Index(analyze.DefaultFeatures(), "peak"), slices.Index(analyze.DefaultFeatures(), "end")

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
