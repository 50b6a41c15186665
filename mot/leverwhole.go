package mot

import "github.com/peakend/peakend/scoring"

// wholeRatings tabulate a scale of few whole points (1..5, 0..10), by
// the index of a rating above the scale's Min: which is more intense,
// and what a point better is. Most visits are rated in whole points, and
// for them addWholeSteps looks a rating's answers up rather than
// working them out with floats for every lever.
type wholeRatings struct {
	min float64
	n   int // points on the scale: indices 0 to n−1
	// value[i] is Min + i; rank[i] orders the points as Scale.MoreIntense
	// does, the more intense higher (equal only for the same point); up[i]
	// is the index of the point a point better, capped at the scale.
	value [maxWholePoints]float64
	rank  [maxWholePoints]uint8
	up    [maxWholePoints]uint8
}

// maxWholePoints bounds the points of a scale that wholeRatings takes:
// an index is then a uint8, which indexes its tables unchecked.
const maxWholePoints = 256

// wholeRatingsOf returns the tables of scale s, or nil when its ends
// are not whole or it has too many points.
func wholeRatingsOf(s scoring.Scale) *wholeRatings {
	span := s.Max - s.Min
	if s.Min != float64(int64(s.Min)) || s.Max != float64(int64(s.Max)) || !(span < maxWholePoints) {
		return nil
	}
	w := &wholeRatings{min: s.Min, n: int(span) + 1}
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
	}
	return w
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
// when every rating of v is a whole point of the scale: then a point
// better is the rating plus the point or, at the scale's end, the rating
// itself, so every lever is shaped, and only its peak's change is added
// here. It returns false, having changed nothing, for any other visit.
func (m *LeverageMeter) addWholeSteps(js *leverageSums, v *scoring.Visit, f *scoring.Features, g int, boot *groupSums, shape *stepShape) bool {
	w := m.whole
	ms := v.Moments
	n := len(ms)
	if cap(m.points) < n {
		m.points = make([]uint8, n)
	}
	points := m.points[:n]
	// The most intense point, and the most intense of the others.
	var best, second uint8
	bestSlot, hasSecond := 0, false
	for k := range ms {
		i, ok := w.index(ms[k].Rating)
		if !ok {
			return false
		}
		points[k] = i
		switch {
		case k == 0:
			best = i
		case w.rank[i] > w.rank[best]:
			second, hasSecond = best, true
			best, bestSlot = i, k
		case !hasSecond || w.rank[i] > w.rank[second]:
			second, hasSecond = i, true
		}
	}
	shape.visits[g]++
	raised := shape.raised[g*n : (g+1)*n]
	sums, counts := boot.row(g, leverPlace(len(js.ids)-1))
	fPeak := f.Peak
	for k, i := range points {
		y := w.up[i]
		if y != i {
			raised[k]++
		}
		peak, other, ok := y, best, true
		if k == bestSlot {
			other, ok = second, hasSecond
		}
		if ok && w.rank[other] > w.rank[peak] {
			peak = other
		}
		x := w.value[peak] - fPeak
		if x == 0 {
			continue
		}
		ds := js.lever(k)
		at := leverPlace(k) * leverSums
		if !counted(x, ds.common.x[sumPeak], &counts[at+sumPeak]) {
			ds.addUncommon(sumPeak, x, &m.units, &sums[at+sumPeak], &counts[at+sumPeak], &boot.lost[leverPlace(k)])
		}
	}
	return true
}
