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
// next. Forming them costs the report Resamples × BootstrapGroups
// multiplications per lever and sum, not the visits anything.
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
// per change, whatever the number of replicates), as whole numbers of
// 2^−50 of the scale's span (rounded up to a power of two): integers,
// which add up the same in any order, each change rounded toward zero
// by less than that (the gains themselves are exact: leverTotal).
// Replicate b weighs group g by a Poisson(1) number drawn from a hash of
// the seed, g and b, and its gain is the weighted sum of the groups'
// changes over their weighted visits.
//
// Poisson(1) weights stand for drawing n of n with replacement when n
// is large (Hanley & MacGibbon 2006, "Creating non-parametric bootstrap
// samples using Poisson frequencies"), and unlike those they need no
// count of the data in advance and are drawn independently for each
// unit, which is what lets parts of the data be measured apart and
// added (Chamandy, Muralidharan, Najmi & Naik 2012, "Estimating
// uncertainty for massive data streams", who weigh by a hash of each
// unit's id as here). Resampling groups instead of visits is the
// cluster bootstrap (Davison & Hinkley 1997, on hierarchical data) with
// clusters that are formed at random: when visits are independent, the groups'
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
// or on which meter saw them, and the groups' sums are integers, so
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

// fixGroups returns how many groups the meter's bootstrap keeps,
// fixing it at the first visit: BootstrapGroups with replicates, else 1
// (no bootstrap).
func (m *LeverageMeter) fixGroups() int {
	if m.groups == 0 {
		m.groups = 1
		if m.Resamples > 0 {
			m.groups = BootstrapGroups
		}
	}
	return m.groups
}

// group returns the bootstrap group of the visit id and the journey's
// groups' sums, made at its first visit, with the visit counted in its
// group: the only group when there are no replicates.
func (m *LeverageMeter) group(js *leverageSums, id string) (int, *groupSums) {
	groups := m.fixGroups()
	if js.boot == nil {
		js.boot = js.spare.orNew(groups, len(js.ids), &m.units, m.whole)
		js.spare = nil
	}
	g := 0
	if groups > 1 {
		g = groupOf(id, m.Seed, groups)
	}
	js.boot.visits[g]++
	return g, js.boot
}

// groupSums are a journey's sums per bootstrap group: the group's
// visits, and the changes of the features each lever moves, in whole
// coarse units (fixedUnits) — which over all the groups are also the
// coarse parts of the levers' exact totals (leverTotal). A visit adds to one group only, so the sums
// of a group lie together: the better end's first, then the
// touchpoints' by slot.
type groupSums struct {
	unit float64 // of the fixed point: a power of two
	// perUnit is 1/unit, exactly, by which a change times is in units,
	// exactly but where that is not a float64 (below 2^−1022 units).
	perUnit float64
	visits  []int // per group
	places  int   // levers per group
	sums    []fixed128
	// counts are, as sums are laid out, how many times each lever's
	// common change (deltaSums.common) was given in the group since the
	// last settle: those changes' units are not in sums yet.
	counts  []uint32
	counted bool // whether any count is not zero
	// points sum, under the tables of a scale of whole points
	// (wholeRatings), the changes that are whole points, in points: for
	// group g, from g·(places+1), each place's change of peak (the
	// levers' and the better end's, at betterEndPlace), then the better
	// end's change of end; nil without tables. A sum takes a change of
	// less than maxWholePoints a visit (wholePoints), so within
	// maxCounted visits of a group between settles it stays well within
	// an int32. pointed is whether any may not be zero.
	points  []int32
	pointed bool
	// lost marks the places that were given a change too large for
	// the fixed point (only a rating far outside the scale is): their
	// intervals are not known.
	lost []bool
}

// betterEndPlace is the better end's place in a group; leverPlace is
// that of the touchpoint of slot k.
const betterEndPlace = 0

func leverPlace(k int) int { return 1 + k }

// orNew returns gs, emptied by clear, when it is as newGroupSums would
// make it, else newGroupSums'.
func (gs *groupSums) orNew(groups, slots int, u *fixedUnits, w *wholeRatings) *groupSums {
	if gs != nil && len(gs.visits) == groups && gs.places == leverPlace(slots) && (gs.points != nil) == (w != nil) {
		return gs
	}
	return newGroupSums(groups, slots, u, w)
}

// clear empties gs.
func (gs *groupSums) clear() {
	clear(gs.visits)
	clear(gs.sums)
	clear(gs.counts)
	clear(gs.points)
	clear(gs.lost)
	gs.counted, gs.pointed = false, false
}

func newGroupSums(groups, slots int, u *fixedUnits, w *wholeRatings) *groupSums {
	places := leverPlace(slots)
	n := groups * places * leverSums
	gs := &groupSums{unit: u.unit, visits: make([]int, groups), places: places, sums: make([]fixed128, n), counts: make([]uint32, n), lost: make([]bool, places)}
	if w != nil {
		gs.points = make([]int32, groups*(places+1))
	}
	return gs
}

// pointRow returns group g's sums in points, with room for places up
// to last: place p's change of peak at p, the better end's change of end
// at places; the groups' sums have them (newGroupSums was given tables).
func (gs *groupSums) pointRow(g, last int) []int32 {
	if last >= gs.places {
		gs.grow(last + 1)
	}
	gs.pointed = true
	n := gs.places + 1
	return gs.points[g*n : (g+1)*n]
}

// place returns the sums of lever place in group g, making room for it.
func (gs *groupSums) place(g, place int) []fixed128 {
	if place >= gs.places {
		gs.grow(place + 1)
	}
	return gs.sums[(g*gs.places+place)*leverSums:][:leverSums:leverSums]
}

// row returns the sums and counts of every lever of group g, with room
// for places up to last: place p's from [p*leverSums].
func (gs *groupSums) row(g, last int) ([]fixed128, []uint32) {
	if last >= gs.places {
		gs.grow(last + 1)
	}
	n := gs.places * leverSums
	return gs.sums[g*n : (g+1)*n], gs.counts[g*n : (g+1)*n]
}

// grow makes room for places levers per group, at least, keeping the
// sums.
func (gs *groupSums) grow(places int) {
	places = max(places, 2*gs.places)
	groups := len(gs.visits)
	sums, counts := make([]fixed128, groups*places*leverSums), make([]uint32, groups*places*leverSums)
	var points []int32
	if gs.points != nil {
		points = make([]int32, groups*(places+1))
	}
	for g := range groups {
		from, to := g*gs.places*leverSums, (g+1)*gs.places*leverSums
		copy(sums[g*places*leverSums:], gs.sums[from:to])
		copy(counts[g*places*leverSums:], gs.counts[from:to])
		if points != nil {
			// The better end's change of end keeps its place, after the
			// places' changes of peak.
			from := gs.points[g*(gs.places+1) : (g+1)*(gs.places+1)]
			to := points[g*(places+1) : (g+1)*(places+1)]
			copy(to, from[:gs.places])
			to[places] = from[gs.places]
		}
	}
	gs.sums, gs.counts, gs.points, gs.places = sums, counts, points, places
	gs.lost = append(gs.lost, make([]bool, places-len(gs.lost))...)
}

// lever returns the sums of place in group g.
func (gs *groupSums) lever(g, place int) []fixed128 {
	if place >= gs.places {
		return nil // none: the place was never given a change
	}
	return gs.sums[(g*gs.places+place)*leverSums:][:leverSums:leverSums]
}

// mergeVisits adds other's visits per group.
func (gs *groupSums) mergeVisits(other *groupSums) {
	for g, n := range other.visits {
		gs.visits[g] += n
	}
}

// merge adds place o of other to place p, for every group.
func (gs *groupSums) merge(p int, other *groupSums, o int) {
	if p >= gs.places {
		gs.grow(p + 1)
	}
	gs.lost[p] = gs.lost[p] || o < other.places && other.lost[o]
	if o >= other.places {
		return // other's place o was never given a change
	}
	for g := range gs.visits {
		dst := gs.sums[(g*gs.places+p)*leverSums:][:leverSums]
		src := other.sums[(g*other.places+o)*leverSums:][:leverSums]
		for i := range dst {
			dst[i].addFixed(src[i])
		}
	}
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

// replicates are the bootstrap's replicates of a journey, formed from
// the groups' weights (replicateWeights): per replicate, the groups it
// weighs, in their order, without those of weight 0, which add nothing;
// and its visits, Σ weight·visits, which every lever shares.
type replicates struct {
	starts []int // replicate b's groups are groups[starts[b]:starts[b+1]]
	groups []weighedGroup
	visits []int
}

type weighedGroup struct {
	g int
	w float64
}

// replicatesOf returns the replicates that weights form of the groups of
// gs; nil when there are no weights or no groups.
func replicatesOf(weights []uint8, gs *groupSums) *replicates {
	if weights == nil || gs == nil {
		return nil
	}
	groups := len(gs.visits)
	resamples := len(weights) / groups
	r := &replicates{starts: make([]int, 0, resamples+1), visits: make([]int, resamples)}
	for b := range resamples {
		r.starts = append(r.starts, len(r.groups))
		for g, w := range weights[b*groups : (b+1)*groups] {
			if w != 0 {
				r.groups = append(r.groups, weighedGroup{g, float64(w)})
				r.visits[b] += int(w) * gs.visits[g]
			}
		}
	}
	r.starts = append(r.starts, len(r.groups))
	return r
}

// interval is the 2.5% and 97.5% points of the gain of the lever at
// place over the replicates reps of its journey's groups gs, by
// peak-end and by the fit (NA without one); NA when the meter forms no
// replicates. A replicate's totals are the sums of weight × group sum
// over its groups in their order, each rounded as it is added.
func (m *LeverageMeter) interval(gs *groupSums, place int, fit *analyze.FitResult, reps *replicates) (peakEnd, remembered [2]float64) {
	peakEnd, remembered = [2]float64{scoring.NA, scoring.NA}, [2]float64{scoring.NA, scoring.NA}
	if reps == nil || place < gs.places && gs.lost[place] {
		return
	}
	groups := len(gs.visits)
	sums := make([][leverSums]float64, groups) // in the scale's units, not the fixed point's
	for g := range groups {
		for i, x := range gs.lever(g, place) {
			sums[g][i] = x.float64() * gs.unit
		}
	}
	var coef [leverSums]float64 // the fit's weights of the features
	if fit != nil {
		for k, at := range featureSum {
			if at >= 0 {
				coef[at] = fit.Coefficients[k+1].Estimate
			}
		}
	}
	var pe, re []float64
	for b, n := range reps.visits {
		if n == 0 {
			continue
		}
		// In locals rather than an array, which the loop would store
		// and load on every group.
		var t0, t1, t2, t3, t4 float64
		for _, wg := range reps.groups[reps.starts[b]:reps.starts[b+1]] {
			s, x := &sums[wg.g], wg.w
			t0 += x * s[0]
			t1 += x * s[1]
			t2 += x * s[2]
			t3 += x * s[3]
			t4 += x * s[4]
		}
		total := [leverSums]float64{t0, t1, t2, t3, t4}
		pe = append(pe, (total[sumPeak]+total[sumEnd])/2/float64(n))
		if fit != nil {
			x := 0.0
			for i, c := range coef {
				x += c * total[i] / float64(n)
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
