package mot

import (
	"cmp"
	"sort"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/scoring"
	"github.com/peakend/peakend/scoring/analyze"
)

// A LeverageMeter finds where an improvement moves memory most: for
// each touchpoint of each journey, the change in the journey's mean
// peak-end score if that touchpoint's ratings were one scale point
// better (capped at the scale), and — when the visits carry remembered
// ratings — the change in the remembered rating that a least-squares
// fit of remembered on the features predicts. It also measures "a
// better end": a final moment of a given rating appended to every
// visit, as IKEA's ice cream at the exit.
//
// It reads the visits once and keeps sums per journey and touchpoint.
// The prediction is linear, so the mean change of each feature is
// enough to apply the fit found at the end. Each gain has a 95%
// interval from a Poisson bootstrap over random groups of the visits
// (leverboot.go): the changes are also summed per group, and the
// replicates are formed from the groups' sums at the end.
type LeverageMeter struct {
	// Resamples is how many bootstrap replicates to form (0: none, and
	// no intervals); Seed picks the visits' groups and the replicates'
	// weights. NewLeverageMeter sets DefaultResamples and seed 1;
	// change them before the first Add.
	Resamples int
	Seed      uint64

	b         *blueprint.Blueprint
	steps     scoring.StepOrder // b's, for the order of moments
	scale     scoring.Scale
	endRating float64
	fitter    *analyze.Fitter
	journeys  map[string]*leverageSums
	unknown   *tally
	units     fixedUnits              // the scale's, for the sums
	groups    int                     // the bootstrap's groups: BootstrapGroups, or 1 without replicates; 0 until the first visit fixes it
	touched   []int                   // the slots of the levers of the visit being added, in the order met
	whole     *wholeRatings           // the scale's points, nil unless it has a few whole ones
	points    []uint8                 // the points of the visit being added (addWholeSteps)
	byPurpose journeys[*leverageSums] // journeys' sums found by purpose
}

// journey returns the sums of the journey purpose names, and whether
// there is one.
func (m *LeverageMeter) journey(purpose string) (*leverageSums, bool) {
	return m.byPurpose.find(purpose)
}

// leverageSums are a journey's.
type leverageSums struct {
	visits int
	end    deltaSums  // the appended better end
	boot   *groupSums // nil until the first visit; one group without replicates
	spare  *groupSums // emptied, the groups' sums of the meter before Reset: boot's memory if it fits
	// The touchpoints' levers, by slot: ids[k]'s sums are levers[k], nil
	// until its first visit. The journey's steps have the first slots,
	// in their order, which is how the moments of most visits come.
	ids    []string
	slots  map[string]int
	levers []*deltaSums
	now    []leverVisit // per slot, what the visit being added gives its lever; zero between visits
	// The visits in step order, by their number of moments (stepShape).
	shapes []stepShape
	units  fixedUnits    // the meter's
	whole  *wholeRatings // the meter's
	step   float64       // a point better: 1, or −1 when higher is worse
}

// A stepShape counts the visits in step order of one length n, per
// group, and per group and lever k those whose k-th rating a point
// better is the rating plus the point: the changes of the mean, trend,
// first and end of such a lever follow from n and k alone, so settle
// adds them, times the count. Until settled.
type stepShape struct {
	usable int8     // 1 when every change of the shape splits into units, −1 when one does not, 0 until known
	visits []uint32 // per group
	raised []uint16 // per group and lever, from group g's at g·n; bound by maxCounted
}

// deltaSums sums the changes of peak-end and of the features a lever
// moves, exactly (leverTotal), so that a report is the same to the bit
// whatever the order of the visits or the meters they were split among.
type deltaSums struct {
	visits int
	total  leverTotal
	common commonChanges
}

// The sums of a deltaSums, in their order.
const (
	sumPeak = iota
	sumEnd
	sumMean
	sumFirst
	sumTrend
	leverSums
)

// featureSum is, for each of analyze.DefaultFeatures, the sum of a
// deltaSums that holds its change, or −1 for one no lever moves (the
// duration).
var featureSum = func() []int {
	at := map[string]int{"peak": sumPeak, "end": sumEnd, "mean": sumMean, "first": sumFirst, "trend": sumTrend}
	names := analyze.DefaultFeatures()
	out := make([]int, len(names))
	for k, name := range names {
		out[k] = -1
		if i, ok := at[name]; ok {
			out[k] = i
		}
	}
	return out
}()

// A leverVisit is what one visit gives the lever of one of its
// touchpoints, over that touchpoint's moments in time order.
type leverVisit struct {
	sum, sumKX float64 // the changes, and the changes times their centred positions
	first, end float64 // the change at the first and at the last moment
	top        float64 // the most intense raised rating
	moments    int
}

// NewLeverageMeter returns a meter for blueprint b on scale s (as
// NewObserver takes it: ScoringScale(b) for the blueprint's own); the
// better end appended has rating endRating.
func NewLeverageMeter(b *blueprint.Blueprint, s scoring.Scale, endRating float64) *LeverageMeter {
	fitter, _ := analyze.NewFitter(analyze.DefaultFeatures()) // the default features are valid
	m := &LeverageMeter{Resamples: DefaultResamples, Seed: 1, b: b, steps: StepOrder(b), scale: s, units: unitsOf(s), endRating: s.Clamp(endRating), fitter: fitter, journeys: map[string]*leverageSums{}, unknown: newTally(), whole: wholeRatingsOf(s)}
	step := 1.0 // a point better
	if s.HigherIsWorse {
		step = -1
	}
	for _, j := range b.Journeys {
		js := &leverageSums{slots: map[string]int{}, units: m.units, whole: m.whole, step: step}
		for _, tp := range j.Steps {
			js.slot(tp, len(js.ids))
		}
		m.journeys[j.ID] = js
	}
	m.byPurpose = journeysOf(m.journeys)
	return m
}

var _ scoring.Resetter = (*LeverageMeter)(nil)

// Reset empties m, as NewLeverageMeter made it but for Resamples and
// Seed, which it keeps, and for the memory of its journeys' groups'
// sums, which its next visits take again: scoring.ReadRanges resets a
// committed part so for another range (scoring.Resetter) rather than
// make another, whose groups take over a megabyte to make and clear.
func (m *LeverageMeter) Reset() {
	fresh := NewLeverageMeter(m.b, m.scale, m.endRating)
	fresh.Resamples, fresh.Seed = m.Resamples, m.Seed
	for id, js := range m.journeys {
		if gs := cmp.Or(js.boot, js.spare); gs != nil {
			gs.clear()
			fresh.journeys[id].spare = gs
		}
	}
	*m = *fresh
}

// LeverageRangeBytes is the size of the ranges scoring.ReadRanges is
// best given for a LeverageMeter (Parallel.RangeBytes): each range's
// part, reused from range to range (Reset), has its bootstrap groups'
// sums settled and merged and its fit's sums made and merged, and on
// the 10 M-row bench file ranges four times scoring.DefaultRangeBytes
// took 0.97× the CPU of the default's. The meter's sums are exact, so
// its report is the same bytes whatever the ranges.
const LeverageRangeBytes = 4 * scoring.DefaultRangeBytes

// Add measures visit v, with features f.
//
// A point more for one touchpoint changes the features in ways that
// follow from their definitions: the mean by the sum of the changes over
// n, first and end by the change at their moment, the trend by the
// changes weighted by position, the duration not at all. The new peak
// is the more intense of the touchpoint's most intense raised rating
// and the most intense rating of the other touchpoints — the visit's
// most intense, or if that is the touchpoint's own the most intense of
// another. So one pass over the moments serves every touchpoint at
// once, rather than a full scoring.Compute each, which keeps ten
// million rows within the time of scoring them.
// TestLeverageMatchesRecomputing holds the two equal.
//
// A nil visit or features count nothing.
func (m *LeverageMeter) Add(v *scoring.Visit, f *scoring.Features) {
	if v == nil || f == nil {
		return
	}
	m.fitter.Add(v, f)
	js, ok := m.journey(v.Purpose)
	if !ok || len(v.Moments) == 0 {
		m.unknown.add(nameOr(v.Purpose, "(none)"), v.ID)
		return
	}
	g, boot := m.group(js, v.ID)
	js.visits++
	if boot.visits[g]&(maxCounted-1) == 0 {
		js.settle() // before a count can overflow
	}
	if !m.addStepVisit(js, v, f, g, boot) {
		m.addLevers(js, v, f, g, boot)
	}
	var end featureDeltas
	m.betterEnd(f, &end)
	js.addBetterEnd(&end, g)
}

// addLevers adds the changes of the levers of any visit v, in group g of
// boot: summed per lever over its moments by passLevers.
func (m *LeverageMeter) addLevers(js *leverageSums, v *scoring.Visit, f *scoring.Features, g int, boot *groupSums) {
	touched, top := m.passLevers(js, v)
	n := len(v.Moments)
	sxx := float64(n) * float64(n*n-1) / 12
	sums, counts := boot.row(g, leverPlace(len(js.ids)-1)) // every lever's place in g, grown for new touchpoints
	for _, slot := range touched {
		l := &js.now[slot]
		peak := l.top
		if other, ok := top.without(slot); ok && m.scale.MoreIntense(other, peak) {
			peak = other
		}
		d := [leverSums]float64{sumPeak: peak - f.Peak, sumEnd: l.end, sumMean: l.sum / float64(n), sumFirst: l.first}
		if n > 1 {
			d[sumTrend] = l.sumKX / sxx
		}
		*l = leverVisit{}
		// Most changes are their lever's common ones and are counted
		// here, the others added by addUncommon. A change of zero adds
		// nothing (most of first's and end's, many of peak's) and is
		// skipped; it is no common change, which is none while zero.
		ds := js.lever(slot)
		ds.visits++
		at := leverPlace(slot) * leverSums
		count := counts[at : at+leverSums : at+leverSums]
		common := &ds.common.x
		for i, x := range d {
			if x == 0 {
				continue
			}
			if x == common[i] {
				count[i]++
			} else {
				ds.addUncommon(i, x, &m.units, &sums[at+i], &count[i], &boot.lost[leverPlace(slot)])
			}
		}
	}
}

// addStepVisit adds the changes of the levers of v, in group g of boot,
// when v is the visit most are: its moments in strictly increasing time,
// the k-th at the touchpoint of the journey's slot k, so each touchpoint
// once. A lever's changes then follow from its one moment, as addLevers
// finds them from passLevers' sums (0 + x is x, or +0 for −0, which
// both skip), without a record per lever or a second look-up of its
// slot; and a lever raised by exactly a point (most are) only counts in
// the visit's stepShape, for settle to add the changes but the peak's.
// A visit rated in whole points of a scale of few is added by the
// scale's tables instead (addWholeSteps): the same sums, without a
// float compare whose branch the ratings decide for every lever.
// It returns false, having changed nothing, for any other visit.
func (m *LeverageMeter) addStepVisit(js *leverageSums, v *scoring.Visit, f *scoring.Features, g int, boot *groupSums) bool {
	ms := v.Moments
	n := len(ms)
	if n > len(js.ids) || n > len(js.levers) || scoring.IsNA(ms[0].T) {
		return false
	}
	if !inStepOrder(js.ids[:n], ms) {
		return false
	}
	shape := js.shape(n, len(boot.visits))
	if shape != nil && m.whole != nil && m.addWholeSteps(js, v, f, g, boot, shape) {
		return true
	}
	s := m.scale // a copy: its fields stay in registers, through the stores below
	step := js.step
	// The most intense rating, and the most intense of the others
	// (intensest), as passLevers finds them; whether every rating a
	// point better is the rating plus the point.
	best, second := ms[0].Rating, 0.0
	bestSlot, hasSecond := 0, false
	for k := range ms {
		r := ms[k].Rating
		switch {
		case k == 0:
		case s.MoreIntense(r, best):
			second, hasSecond = best, true
			best, bestSlot = r, k
		case !hasSecond || s.MoreIntense(r, second):
			second, hasSecond = r, true
		}
	}
	var raised []uint16
	if shape != nil {
		shape.visits[g]++
		raised = shape.raised[g*n : (g+1)*n]
	}
	sums, counts := boot.row(g, leverPlace(len(js.ids)-1))
	fPeak := f.Peak
	for k := range ms {
		r := ms[k].Rating
		y := r + step
		if !(y > s.Min && y < s.Max) {
			y = s.Clamp(y) // which inside the scale is y, bit for bit
		}
		delta := y - r
		peak, other, ok := y, best, true
		if k == bestSlot {
			other, ok = second, hasSecond
		}
		if ok && s.MoreIntense(other, peak) {
			peak = other
		}
		shaped := raised != nil && (delta == step || delta == 0) // a change of 0 adds nothing
		if shaped {
			if delta != 0 {
				raised[k]++
			}
			if peak == fPeak {
				continue // no change but the shape's
			}
		}
		ds := js.lever(k)
		place := leverPlace(k)
		at := place * leverSums
		count := counts[at : at+leverSums : at+leverSums]
		common := &ds.common.x
		add := func(i int, x float64) {
			if !counted(x, common[i], &count[i]) {
				ds.addUncommon(i, x, &m.units, &sums[at+i], &count[i], &boot.lost[place])
			}
		}
		add(sumPeak, peak-fPeak)
		if shaped {
			continue
		}
		if raised == nil {
			ds.visits++ // else counted by the shape's visits
		}
		c := oneMoment(k, n, delta)
		add(sumMean, c[sumMean])
		add(sumTrend, c[sumTrend])
		add(sumFirst, c[sumFirst])
		add(sumEnd, c[sumEnd])
	}
	return true
}

// inStepOrder reports whether moments ms are in strictly increasing
// time, the k-th at touchpoint ids[k]. It sets ids[k] to the moment's
// text, as slot keeps it: the next visit's moments, read by the same
// reader, share it, and compare by their texts' addresses (sameText)
// without a call.
func inStepOrder(ids []string, ms []scoring.Moment) bool {
	ms = ms[:len(ids)]
	for k, id := range ids {
		tp := ms[k].Touchpoint
		if !sameText(id, tp) {
			if id != tp {
				return false
			}
			ids[k] = tp
		}
		if k > 0 && !(ms[k].T > ms[k-1].T) {
			return false
		}
	}
	return true
}

// oneMoment returns the changes but the peak's of the lever of the k-th
// of n moments, its touchpoint's only, raised by delta: as addLevers
// finds them from passLevers' sums (0 + x is x, or +0 for −0, which
// both skip).
func oneMoment(k, n int, delta float64) (c [leverSums]float64) {
	c[sumMean] = delta / float64(n)
	if n > 1 {
		// As passLevers' and addLevers' expressions, to the bit.
		meanK, sxx := float64(n-1)/2, float64(n)*float64(n*n-1)/12
		c[sumTrend] = (float64(k) - meanK) * delta / sxx
	}
	if k == 0 {
		c[sumFirst] = delta
	}
	if k == n-1 {
		c[sumEnd] = delta
	}
	return c
}

// shape returns the counts of the visits in step order of n moments, for
// groups groups, or nil when a change of the shape does not split into
// units: then its visits add their levers' one by one.
func (js *leverageSums) shape(n, groups int) *stepShape {
	if n >= len(js.shapes) {
		js.shapes = append(js.shapes, make([]stepShape, n+1-len(js.shapes))...)
	}
	sh := &js.shapes[n]
	if sh.usable == 0 {
		sh.usable = 1
		for k := range n {
			for _, x := range oneMoment(k, n, js.step) {
				if _, _, ok := js.units.split(x); !ok && x != 0 {
					sh.usable = -1
				}
			}
		}
		sh.visits, sh.raised = make([]uint32, groups), make([]uint16, groups*n)
	}
	if sh.usable < 0 {
		return nil
	}
	return sh
}

// counted reports whether change x of a lever's sum needs no more
// adding: it is zero, or the sum's common change, then counted in count.
func counted(x, common float64, count *uint32) bool {
	if x == 0 {
		return true // no common change is zero
	}
	if x == common {
		*count++
		return true
	}
	return false
}

// passLevers sums the levers of v's touchpoints in js.now, in one pass
// over its moments in time order, and returns their slots and v's most
// intense ratings.
func (m *LeverageMeter) passLevers(js *leverageSums, v *scoring.Visit) ([]int, intensest) {
	s := m.scale
	step := 1.0
	if s.HigherIsWorse {
		step = -1
	}
	var order []int // nil when the moments stand in time order, as most do
	if !scoring.Ordered(v, m.steps) {
		order = scoring.OrderWith(v, m.steps)
	}
	n := len(v.Moments)
	if cap(m.touched) < len(js.ids) {
		m.touched = make([]int, 0, len(js.ids))
	}
	touched := m.touched[:0]
	meanK := float64(n-1) / 2
	// The most intense rating and the most intense of the other
	// touchpoints' (intensest), kept in locals.
	var best, second float64
	bestSlot, hasSecond := -1, false
	slot := -1
	for k := range n {
		at := k
		if order != nil {
			at = order[k]
		}
		mo := &v.Moments[at]
		slot = js.slot(mo.Touchpoint, slot+1)
		r := mo.Rating
		switch {
		case k == 0:
			best, bestSlot = r, slot
		case s.MoreIntense(r, best):
			if slot != bestSlot {
				// The old best was the most intense of all but slot's.
				second, hasSecond = best, true
			}
			best, bestSlot = r, slot
		case slot != bestSlot && (!hasSecond || s.MoreIntense(r, second)):
			second, hasSecond = r, true
		}
		l := &js.now[slot]
		y := r + step
		if !(y > s.Min && y < s.Max) {
			y = s.Clamp(y) // which inside the scale is y, bit for bit
		}
		if l.moments == 0 {
			touched = append(touched, slot)
			l.top = y
		} else if s.MoreIntense(y, l.top) {
			l.top = y
		}
		l.moments++
		delta := y - r
		l.sum += delta
		l.sumKX += (float64(k) - meanK) * delta
		if k == 0 {
			l.first = delta
		}
		if k == n-1 {
			l.end = delta
		}
	}
	m.touched = touched
	return touched, intensest{best: best, second: second, bestSlot: bestSlot, ratings: n, hasSecond: hasSecond}
}

// intensest is a visit's most intense rating, the slot of its
// touchpoint, and the most intense rating of the other touchpoints: the
// peak of the visit without any one touchpoint. Intensity orders
// distinct ratings strictly (Scale.MoreIntense), so the most intense
// is one number whatever the order the ratings come in.
type intensest struct {
	best, second float64
	bestSlot     int
	ratings      int  // how many there were
	hasSecond    bool // whether a rating of another touchpoint than bestSlot's was
}

// without returns the most intense rating of the touchpoints but slot's,
// and false when there is none.
func (t *intensest) without(slot int) (float64, bool) {
	if slot != t.bestSlot {
		return t.best, t.ratings > 0
	}
	return t.second, t.hasSecond
}

// betterEnd sets d to the changes from appending a last moment rated
// endRating, lasting no time: computed from the features, which hold
// what is needed.
func (m *LeverageMeter) betterEnd(f *scoring.Features, d *featureDeltas) {
	n := float64(f.Moments)
	sum := f.Mean * n
	// trend = (Σk·x − mean(k)·Σx) / Sxx, so Σk·x comes back from it.
	sumKX := f.Trend*n*(n*n-1)/12 + (n-1)/2*sum
	r := m.endRating
	n1, sum1, sumKX1 := n+1, sum+r, sumKX+n*r
	trend1 := (sumKX1 - n/2*sum1) / (n1 * (n1*n1 - 1) / 12)
	peak1 := f.Peak
	if m.scale.MoreIntense(r, f.Peak) {
		peak1 = r
	}
	// Set one by one: a featureDeltas returned would be copied with wide
	// loads of these narrow stores, which stall.
	d[sumPeak], d[sumEnd], d[sumMean], d[sumTrend] = peak1-f.Peak, r-f.End, sum1/n1-f.Mean, trend1-f.Trend
}

// addBetterEnd adds the better end's changes d in group g: those of
// peak and end in points when both are whole points (wholePoints), most
// are, the others as deltaSums.add adds them.
func (js *leverageSums) addBetterEnd(d *featureDeltas, g int) {
	gs := js.boot
	peak, okPeak := wholePoints(d[sumPeak])
	end, okEnd := wholePoints(d[sumEnd])
	if gs.points != nil && okPeak && okEnd {
		row := gs.pointRow(g, betterEndPlace)
		row[betterEndPlace] += peak
		row[gs.places] += end
		d[sumPeak], d[sumEnd] = 0, 0 // added: skipped as nothing below
	}
	js.end.add(d, &js.units, gs, g, betterEndPlace)
}

// wholePoints returns change x in points, and whether it is a whole
// number of points, of fewer than maxWholePoints, as groupSums.points
// take.
func wholePoints(x float64) (int32, bool) {
	c := int32(x) // meaningless for NaN and far changes, which the test then rejects
	return c, float64(c) == x && c > -maxWholePoints && c < maxWholePoints
}

// featureDeltas are the changes of the features a lever moves, by sum
// (sumPeak, …); the duration never changes.
type featureDeltas [leverSums]float64

// slot returns the slot of touchpoint tp, guess when that is tp's (the
// slot after the last moment's is, for a visit in the steps' order),
// giving tp a new slot if it has none.
func (js *leverageSums) slot(tp string, guess int) int {
	if guess < len(js.ids) && js.ids[guess] == tp {
		return guess
	}
	k, ok := js.slots[tp]
	if ok && k == guess {
		// tp's text, not the blueprint's: the next visit's moments, read
		// by the same reader, share it, and strings that share their
		// bytes compare without reading them.
		js.ids[k] = tp
	}
	if !ok {
		k = len(js.ids)
		js.slots[tp] = k
		js.ids = append(js.ids, tp)
		js.levers = append(js.levers, nil)
		js.now = append(js.now, leverVisit{})
	}
	return k
}

// lever returns the sums of slot k, made if it has none.
func (js *leverageSums) lever(k int) *deltaSums {
	ds := js.levers[k]
	if ds == nil {
		ds = &deltaSums{}
		js.levers[k] = ds
	}
	return ds
}

// add adds one visit's changes d, in units u, to ds and to the lever's
// place in group g of gs. A change of zero adds nothing and is skipped
// (most of first's and end's, many of peak's). Each change is split once
// into whole units, which the group keeps, and whole fine units, which
// the total does (leverTotal); the units are taken toward zero, so the
// remainder is the change's low bits, exactly. A change that does not
// split — too small for the fine units, too large, NaN — goes to the
// exact rest, and the group's interval is lost.
func (ds *deltaSums) add(d *featureDeltas, u *fixedUnits, gs *groupSums, g, place int) {
	ds.visits++
	group := gs.place(g, place)
	t := &ds.total
	for i, x := range d {
		if x == 0 {
			continue
		}
		if h, l, ok := u.split(x); ok {
			group[i].add(h)
			t.fine[i].add(l)
			continue
		}
		t.addRest(i, x)
		gs.lost[place] = true
	}
}

// addUncommon adds change x of sum i, nonzero and not the lever's
// common one (commonChanges), to ds and to a group's coarse sum of it,
// or when ds has no common change of sum i yet and x splits, makes x the
// common one and counts it in count, the group's count of it; lost is
// the lever's mark of a lost interval. Settle adds the counts' units.
func (ds *deltaSums) addUncommon(i int, x float64, u *fixedUnits, coarse *fixed128, count *uint32, lost *bool) {
	h, l, ok := u.split(x)
	c := &ds.common
	switch {
	case !ok:
		ds.total.addRest(i, x)
		*lost = true
	case c.x[i] == 0:
		c.x[i], c.h[i], c.l[i] = x, h, l
		*count++
	default:
		coarse.add(h)
		ds.total.fine[i].add(l)
	}
}

// A Lever is the effect of improving one touchpoint of a journey.
type Lever struct {
	Touchpoint string
	Name       string
	Declared   string  // peak, end, peak+end or empty
	Visits     int     // visits through the touchpoint
	PeakEnd    float64 // change in the journey's mean peak-end
	Remembered float64 // predicted change in the journey's mean remembered rating; NA without a fit
	// The 95% bootstrap intervals of PeakEnd and Remembered; NA without
	// replicates (or, for Remembered, a fit).
	PeakEndLow, PeakEndHigh       float64
	RememberedLow, RememberedHigh float64
}

// A JourneyLeverage ranks a journey's levers, strongest first.
type JourneyLeverage struct {
	ID, Name  string
	Visits    int
	Levers    []Lever
	BetterEnd Lever // the appended end
}

// LeverageReport is what a LeverageMeter found.
type LeverageReport struct {
	// Lang is the language the report was asked in, as Report's.
	Lang           string
	Journeys       []JourneyLeverage
	Fit            *analyze.FitResult // nil when the visits carry too few remembered ratings
	UnknownPurpose []Count
}

// Report ranks the levers of each journey: by predicted change in the
// remembered rating when a fit was possible, else by change in
// peak-end.
func (m *LeverageMeter) Report(lang string) *LeverageReport {
	m.settle()
	r := &LeverageReport{Lang: lang, UnknownPurpose: m.unknown.list()}
	fit, err := m.fitter.Result()
	if err == nil {
		r.Fit = fit
	}
	weights := m.replicateWeights()
	for _, j := range m.b.Journeys {
		js := m.journeys[j.ID]
		reps := replicatesOf(weights, js.boot)
		jl := JourneyLeverage{ID: j.ID, Name: m.b.JourneyName(j.ID, lang), Visits: js.visits}
		for k, ds := range js.levers {
			if ds != nil {
				id := js.ids[k]
				jl.Levers = append(jl.Levers, m.lever(id, declared(j, id), ds, js, leverPlace(k), r.Fit, reps, lang))
			}
		}
		if js.visits > 0 {
			jl.BetterEnd = m.lever(betterEnd, "", &js.end, js, betterEndPlace, r.Fit, reps, lang)
		}
		sort.Slice(jl.Levers, func(a, b int) bool {
			x, y := jl.Levers[a], jl.Levers[b]
			kx, ky := x.Remembered, y.Remembered
			if r.Fit == nil {
				kx, ky = x.PeakEnd, y.PeakEnd
			}
			if kx != ky {
				return kx > ky
			}
			return x.Touchpoint < y.Touchpoint
		})
		r.Journeys = append(r.Journeys, jl)
	}
	return r
}

// lever turns sums into mean changes over all the journey's visits,
// with their intervals over the journey's replicates reps of the groups'
// sums at place.
func (m *LeverageMeter) lever(id, decl string, ds *deltaSums, js *leverageSums, place int, fit *analyze.FitResult, reps *replicates, lang string) Lever {
	n := float64(js.visits)
	l := Lever{Touchpoint: id, Name: m.b.TouchpointName(id, lang), Declared: decl, Visits: ds.visits, PeakEnd: ds.total.peakEnd(js.boot, place, &m.units) / n, Remembered: scoring.NA}
	if id == betterEnd {
		l.Name = TermBetterEnd.Label(lang)
	}
	pe, re := m.interval(js.boot, place, fit, reps)
	l.PeakEndLow, l.PeakEndHigh, l.RememberedLow, l.RememberedHigh = pe[0], pe[1], re[0], re[1]
	if fit != nil {
		l.Remembered = 0
		for k, at := range featureSum {
			if at >= 0 {
				l.Remembered += fit.Coefficients[k+1].Estimate * ds.total.float64(at, js.boot, place, &m.units) / n
			}
		}
	}
	return l
}

// betterEnd is the Touchpoint of the lever that appends a better end.
const betterEnd = "(better end)"

// Only keeps the journey id in the report.
func (r *LeverageReport) Only(id string) {
	var kept []JourneyLeverage
	for _, j := range r.Journeys {
		if j.ID == id {
			kept = append(kept, j)
		}
	}
	r.Journeys = kept
}
