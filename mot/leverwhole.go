package mot

import "github.com/peakend/peakend/scoring"

// wholeRatings tabulate a scale of a few whole points (1..5, 0..10, at
// most maxPeakChanges/2 + 1), by the index of a rating above the scale's
// Min: which is more intense, and what a point better is. Most visits
// are rated in whole points, and for them addWholeSteps looks a
// rating's answers up rather than working them out with floats for
// every lever.
type wholeRatings struct {
	min float64
	n   int // points on the scale: indices 0 to n−1
	// value[i] is Min + i; rank[i] orders the points as Scale.MoreIntense
	// does, the more intense higher (equal only for the same point); up[i]
	// is the index of the point a point better, capped at the scale.
	value [maxWholePoints]float64
	rank  [maxWholePoints]uint8
	point [maxWholePoints]uint8 // by rank: rank's inverse
	up    [maxWholePoints]uint8
	// A lever's change of peak is a whole number of points, −span to
	// span for a scale of span+1: peakChanges of them, each of which
	// splits into units (peakUnits, by change + span). The groups count
	// each lever's changes of peak by change (groupSums.peaks), and
	// settle adds their units.
	peakChanges int
	peakUnits   []splitChange
}

// A splitChange is a change split into units (fixedUnits.split).
type splitChange struct{ h, l int64 }

// maxPeakChanges bounds wholeRatings.peakChanges: a group's counts of
// them are peakChanges for each lever.
const maxPeakChanges = 21 // a scale of 0 to 10

// maxWholePoints bounds the points of a scale that wholeRatings takes:
// an index is then a uint8, which indexes its tables unchecked.
const maxWholePoints = 256

// wholeRatingsOf returns the tables of scale s, or nil when its ends
// are not whole, it has too many points, or its changes do not split
// into its units.
func wholeRatingsOf(s scoring.Scale) *wholeRatings {
	span := s.Max - s.Min
	if s.Min != float64(int64(s.Min)) || s.Max != float64(int64(s.Max)) || !(span < maxWholePoints) {
		return nil
	}
	w := &wholeRatings{min: s.Min, n: int(span) + 1}
	if !w.countPeaks(unitsOf(s)) {
		return nil
	}
	step := 1.0
	if s.HigherIsWorse {
		step = -1
	}
	for i := range w.n {
		w.value[i] = s.Min + float64(i)
		w.up[i] = uint8(s.Clamp(w.value[i]+step) - s.Min)
		for j := range w.n {
			if s.MoreIntense(s.Min+float64(i), s.Min+float64(j)) {
				w.rank[i]++
			}
		}
		w.point[w.rank[i]] = uint8(i) // intensity orders the points strictly
	}
	return w
}

// countPeaks sets the changes of peak that groups count, in units u,
// and reports whether they are few and each splits into units.
func (w *wholeRatings) countPeaks(u fixedUnits) bool {
	span := w.n - 1
	if 2*span+1 > maxPeakChanges {
		return false
	}
	units := make([]splitChange, 2*span+1)
	for i := range units {
		h, l, ok := u.split(float64(i - span))
		if !ok && i != span {
			return false
		}
		units[i] = splitChange{h, l}
	}
	w.peakChanges, w.peakUnits = len(units), units
	return true
}

// index returns the index of rating r, and false when r is no point of
// the scale.
func (w *wholeRatings) index(r float64) (uint8, bool) {
	d := r - w.min
	i := int(d)
	if uint(i) >= uint(w.n) || w.value[uint8(i)] != r {
		return 0, false
	}
	return uint8(i), true
}

// addWholeSteps adds the changes of the levers of v, a visit in step
// order counted in shape, in group g of boot, as addStepVisit would,
// when v's ratings and peak are whole points of the scale: then a point
// better is the rating plus the point or, at the scale's end, the rating
// itself, so every lever is shaped, and only its change of peak is
// added here, counted by change (groupSums.peaks). Intensity is compared
// by rank, and every choice is a conditional move rather than a branch
// the ratings decide, which a processor guesses wrong a third of the
// time. It returns false, having changed nothing, for any other visit.
func (m *LeverageMeter) addWholeSteps(js *leverageSums, v *scoring.Visit, f *scoring.Features, g int, boot *groupSums, shape *stepShape) bool {
	w := m.whole
	peakAt, ok := w.index(f.Peak) // a rating, so a point unless an option set it
	if !ok {
		return false
	}
	ms := v.Moments
	n := len(ms)
	if cap(m.points) < n {
		m.points = make([]uint8, n)
	}
	points := m.points[:n]
	// The rank of the most intense point and a slot of it, and the rank
	// of the most intense of the other slots' (−1: none). Equal ranks
	// are the same point, so which slot of the most intense is moot.
	best, bestSlot := -1, 0
	for k := range ms {
		i, ok := w.index(ms[k].Rating)
		if !ok {
			return false
		}
		points[k] = i
		r, more := int(w.rank[i]), below(best, int(w.rank[i]))
		best, bestSlot = pick(more, r, best), pick(more, k, bestSlot)
	}
	second := -1
	for k, i := range points {
		r := int(w.rank[i]) | same(k, bestSlot) // −1 for bestSlot's
		second = pick(below(second, r), r, second)
	}
	shape.visits[g]++
	raised := shape.raised[g*n : (g+1)*n]
	// Lever k's change of peak to point p is counted at at + k·P + p,
	// for P changes: the change p − peakAt, from −span, at index span.
	peaks := boot.peakRow(g, leverPlace(n-1))
	changes := w.peakChanges
	at := leverPlace(0)*changes + w.n - 1 - int(peakAt)
	for k, i := range points {
		y := w.up[i]
		var up uint16
		if y != i {
			up = 1
		}
		raised[k] += up
		other, r := pick(same(k, bestSlot), second, best), int(w.rank[y])
		peaks[at+int(w.point[uint8(pick(below(r, other), other, r))])]++
		at += changes
	}
	return true
}

// Masks and a choice by them, for choices that the ratings decide: as
// arithmetic they take no branch to mispredict (the compiler does not
// turn these into conditional moves), for ranks and slots, far from
// overflow.

// below returns −1 when a < b, else 0.
func below(a, b int) int { return (a - b) >> 63 }

// same returns −1 when a == b, else 0.
func same(a, b int) int {
	x := a ^ b
	return ^((x | -x) >> 63)
}

// pick returns x when mask is −1, y when it is 0.
func pick(mask, x, y int) int { return y ^ (x^y)&mask }
