package mot

import (
	"math"
	"math/big"
	"math/bits"

	"github.com/peakend/peakend/internal/exact"
	"github.com/peakend/peakend/scoring"
)

// A leverTotal sums a lever's changes exactly, as internal/exact does,
// at a fraction of its cost per change: each change x is split into
// whole coarse units and whole fine units, x = h·unit + l·fine, h the
// nearest whole number of units and l the remainder, which is exact
// (it is a multiple of x's last bit, and smaller than half a unit) and
// a whole number of fine units for every x not far smaller than the
// scale's span. The whole numbers are added in 128-bit integers, in any
// order to the same total; the rare change that does not split so (a
// tiny one, or NaN) goes to an exact.Sums. So the gains of a report are
// the same to the bit whatever the order of the visits or the meters
// they were split among, and the same as exact sums of the changes.
//
// The coarse units are kept by the journey's groups (groupSums), which
// need them for the bootstrap.
type leverTotal struct {
	fine [leverSums]fixed128
	rest *exact.Sums // nil until a change does not split
}

// fixedUnits are a scale's units of the fixed point: unit has 2^50 in
// the scale's span (rounded up to a power of two), so that a change, at
// most a few spans, is well within an int64 of them; fine is 2^−60 of
// a unit, so that the remainder of a change is within an int64 of those,
// and whole for any change above about 2^−58 of the span.
type fixedUnits struct {
	unit, perUnit float64 // powers of two
	fine, perFine float64
	fineExp       int // fine is 2^fineExp
}

const (
	unitBits = 50 // units in a span
	fineBits = 60 // fine units in a unit
	// maxUnits bounds a change, in units, that a fixed128 takes.
	maxUnits = 1 << 62
)

func unitsOf(s scoring.Scale) fixedUnits {
	span := s.Max - s.Min
	if !(span >= 0x1p-800 && span <= 0x1p800) {
		// No fixed point fits (nor would changes of ratings on such a
		// scale): every change goes to the exact rest, as NaN units do,
		// and there are no intervals.
		return fixedUnits{unit: 1, perUnit: math.NaN()}
	}
	_, e := math.Frexp(span)
	u := fixedUnits{fineExp: e - unitBits - fineBits}
	u.unit, u.perUnit = math.Ldexp(1, e-unitBits), math.Ldexp(1, unitBits-e)
	u.fine, u.perFine = math.Ldexp(1, u.fineExp), math.Ldexp(1, -u.fineExp)
	return u
}

// split returns change x as h whole units and l whole fine units, and
// false when it does not split so (then h and l mean nothing).
func (u *fixedUnits) split(x float64) (h, l int64, ok bool) {
	units := x * u.perUnit
	h = int64(units)
	fine := (x - float64(h)*u.unit) * u.perFine
	l = int64(fine)
	return h, l, math.Abs(units) < maxUnits && float64(l) == fine
}

// commonChanges are a lever's common change of each sum, split: none
// (0) until the first that splits (addCounted).
type commonChanges struct {
	x    [leverSums]float64
	h, l [leverSums]int64
}

// maxCounted, a power of two, bounds the visits of a group between
// settles: a count grows by one a visit at most, so it stays within a
// uint16 (stepShape's). A test lowers it.
var maxCounted = 1 << 15

// settle adds the counted common changes of the journey's levers to
// their groups' sums and totals, and clears the counts: before anything
// reads the sums.
func (js *leverageSums) settle() {
	gs := js.boot
	if gs == nil {
		return
	}
	for k, ds := range js.levers {
		if ds == nil {
			continue
		}
		var total [leverSums]uint64
		for g := range gs.visits {
			at := (g*gs.places + leverPlace(k)) * leverSums
			counts := gs.counts[at : at+leverSums : at+leverSums]
			for i, n := range counts {
				if n != 0 { // cleared here, not by a call for every group
					gs.sums[at+i].addTimes(uint64(n), ds.common.h[i])
					total[i] += uint64(n)
					counts[i] = 0
				}
			}
		}
		for i, n := range total {
			ds.total.fine[i].addTimes(n, ds.common.l[i])
		}
	}
	for n := range js.shapes {
		js.settleShape(n)
	}
	if gs.pointed {
		for g := range gs.visits {
			js.settlePoints(g)
		}
		gs.pointed = false
	}
}

// settleShape adds the counted visits in step order of n moments to
// their levers' visits, and the changes of those raised by a point to
// the levers' sums and totals; and clears the counts.
func (js *leverageSums) settleShape(n int) {
	sh := &js.shapes[n]
	var visits uint64
	for _, c := range sh.visits {
		visits += uint64(c)
	}
	if visits == 0 {
		return
	}
	gs := js.boot
	for k := range n {
		ds := js.lever(k)
		ds.visits += int(visits)
		var raised uint64
		for g := range sh.visits {
			raised += uint64(sh.raised[g*n+k])
		}
		for i, x := range oneMoment(k, n, js.step) {
			if x == 0 || raised == 0 {
				continue
			}
			h, l, _ := js.units.split(x) // it splits: the shape is usable
			for g := range sh.visits {
				if c := sh.raised[g*n+k]; c != 0 {
					gs.sums[(g*gs.places+leverPlace(k))*leverSums+i].addTimes(uint64(c), h)
				}
			}
			ds.total.fine[i].addTimes(raised, l)
		}
	}
	clear(sh.visits)
	clear(sh.raised)
}

// settlePoints adds group g's sums in points to its sums, and clears
// them: a point's units are whole coarse units, so the totals gain no
// fine ones.
func (js *leverageSums) settlePoints(g int) {
	gs := js.boot
	row := gs.points[g*(gs.places+1) : (g+1)*(gs.places+1)]
	at := g * gs.places * leverSums
	for place, c := range row[:gs.places] {
		addPoints(&gs.sums[at+place*leverSums+sumPeak], c, js.whole.pointUnits)
	}
	addPoints(&gs.sums[at+betterEndPlace*leverSums+sumEnd], row[gs.places], js.whole.pointUnits)
	clear(row)
}

// addPoints adds c points, of units each, to sum.
func addPoints(sum *fixed128, c int32, units int64) {
	switch {
	case c > 0:
		sum.addTimes(uint64(c), units)
	case c < 0:
		sum.addTimes(uint64(-c), -units)
	}
}

// settle settles every journey's sums.
func (m *LeverageMeter) settle() {
	for _, js := range m.journeys {
		js.settle()
	}
}

// addRest adds x, which does not split into units, to sum i of the
// exact rest.
func (t *leverTotal) addRest(i int, x float64) {
	if t.rest == nil {
		t.rest = exact.NewSums(leverSums)
	}
	t.rest.Add(i, x)
}

func (t *leverTotal) merge(o *leverTotal) {
	for i := range t.fine {
		t.fine[i].addFixed(o.fine[i])
	}
	if o.rest != nil {
		if t.rest == nil {
			t.rest = exact.NewSums(leverSums)
		}
		t.rest.Merge(o.rest)
	}
}

// float64 returns sum i, rounded once to the nearest float64, or the
// NaN or infinity that float addition would give; gs holds the coarse
// units of the lever at place.
func (t *leverTotal) float64(i int, gs *groupSums, place int, u *fixedUnits) float64 {
	if x, ok := t.special(i); ok {
		return x
	}
	return exact.Round(t.exact(i, gs, place, u), exact.Scale, 1)
}

// peakEnd returns the sum of the changes of peak-end, (Δpeak + Δend)/2,
// from the exact sums of peak's and end's, rounded once.
func (t *leverTotal) peakEnd(gs *groupSums, place int, u *fixedUnits) float64 {
	peak, pOK := t.special(sumPeak)
	end, eOK := t.special(sumEnd)
	if pOK || eOK {
		return (peak + end) / 2 // NaN or an infinity, as float addition gives
	}
	v := t.exact(sumPeak, gs, place, u)
	return exact.Round(v.Add(v, t.exact(sumEnd, gs, place, u)), exact.Scale+1, 1)
}

func (t *leverTotal) special(i int) (float64, bool) {
	if t.rest == nil {
		return 0, false
	}
	return t.rest.Special(i)
}

// exact returns the finite sum i, in units of 2^−exact.Scale.
func (t *leverTotal) exact(i int, gs *groupSums, place int, u *fixedUnits) *big.Int {
	v := new(big.Int)
	if !math.IsNaN(u.perUnit) {
		// coarse·2^60 + fine, in fine units, then in exact's.
		v.Lsh(t.coarse(i, gs, place).big(), fineBits)
		v.Add(v, t.fine[i].big())
		v.Lsh(v, uint(u.fineExp+exact.Scale)) // at least 0: fine is above 2^−1000
	}
	if t.rest != nil {
		v.Add(v, t.rest.Int(i))
	}
	return v
}

// coarse returns the whole coarse units of sum i, over every group.
func (t *leverTotal) coarse(i int, gs *groupSums, place int) fixed128 {
	var c fixed128
	for g := range gs.visits {
		if sums := gs.lever(g, place); sums != nil {
			c.addFixed(sums[i])
		}
	}
	return c
}

// A fixed128 is a signed 128-bit integer: a sum of whole units, exact
// in any order, with room for 2^65 additions of the largest size.
type fixed128 struct {
	lo uint64
	hi int64
}

func (f *fixed128) add(n int64) {
	lo, carry := bits.Add64(f.lo, uint64(n), 0)
	f.lo, f.hi = lo, f.hi+n>>63+int64(carry) // n sign-extended
}

func (f *fixed128) addFixed(x fixed128) {
	lo, carry := bits.Add64(f.lo, x.lo, 0)
	f.lo, f.hi = lo, f.hi+x.hi+int64(carry)
}

// addTimes adds n·x, which is to fit in 127 bits.
func (f *fixed128) addTimes(n uint64, x int64) {
	hi, lo := bits.Mul64(n, uint64(max(x, -x))) // |x| < 2^63 for every x given
	if x < 0 {
		var borrow uint64
		lo, borrow = bits.Sub64(0, lo, 0)
		hi, _ = bits.Sub64(0, hi, borrow)
	}
	f.addFixed(fixed128{lo: lo, hi: int64(hi)})
}

// float64 returns f, rounded: twice, which is as good for a bootstrap
// and the same for every order of the additions.
func (f fixed128) float64() float64 {
	return float64(f.hi)*(1<<64) + float64(f.lo)
}

// big returns f exactly.
func (f fixed128) big() *big.Int {
	v := big.NewInt(f.hi)
	v.Lsh(v, 64)
	return v.Add(v, new(big.Int).SetUint64(f.lo))
}
