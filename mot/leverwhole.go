package mot

import "github.com/peakend/peakend/scoring"

// wholeRatings tabulate a scale of whole points (1..5, 0..10, at most
// maxWholePoints), by the index of a rating above the scale's Min:
// which is more intense, and what a point better is. Most visits are
// rated in whole points, and for them addWholeSteps looks a rating's
// answers up rather than working them out with floats for every lever.
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
	lift  [maxWholePoints]uint16 // 1 when up[i] is not i, else 0
	// peakOf[o·n + i] is the index of the more intense of point o and
	// the point a point better than i, up[i]; its row o = n is up[i]'s,
	// for a visit of one moment, which has no other: a lever's new peak,
	// when o is the most intense of the other moments'.
	peakOf []uint8
	// A lever's change of peak is a whole number of points, and c points
	// split into c·pointUnits units and no fine ones (fixedUnits.split):
	// so the groups sum each lever's changes of peak in points
	// (groupSums.points), and settle adds their units.
	pointUnits int64
}

// maxWholePoints bounds the points of a scale that wholeRatings takes:
// an index is then a uint8, which indexes its tables unchecked, and a
// change of peak is at most maxWholePoints − 1 points.
const maxWholePoints = 256

// wholeRatingsOf returns the tables of scale s, or nil when its ends
// are not whole, it has too many points, or its changes of peak do not
// split into its units as whole multiples of a point's.
func wholeRatingsOf(s scoring.Scale) *wholeRatings {
	span := s.Max - s.Min
	if s.Min != float64(int64(s.Min)) || s.Max != float64(int64(s.Max)) || !(span < maxWholePoints) {
		return nil
	}
	w := &wholeRatings{min: s.Min, n: int(span) + 1}
	if !w.splitPoints(unitsOf(s)) {
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
		if w.up[i] != uint8(i) {
			w.lift[i] = 1
		}
	}
	w.peakOf = make([]uint8, (w.n+1)*w.n)
	for i := range w.n {
		y := w.up[i]
		for o := range w.n {
			w.peakOf[o*w.n+i] = y
			if w.rank[o] > w.rank[y] {
				w.peakOf[o*w.n+i] = uint8(o)
			}
		}
		w.peakOf[w.n*w.n+i] = y
	}
	return w
}

// splitPoints sets the units of a point, in units u, and reports
// whether every whole change of fewer than maxWholePoints points (a
// change of peak, at most span, or of a better end's) splits into that
// many times them and no fine units.
func (w *wholeRatings) splitPoints(u fixedUnits) bool {
	one, fine, ok := u.split(1)
	if !ok || fine != 0 {
		return false
	}
	for c := 1 - maxWholePoints; c < maxWholePoints; c++ {
		h, l, ok := u.split(float64(c))
		if !ok || h != int64(c)*one || l != 0 {
			return false
		}
	}
	w.pointUnits = one
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

// topTwo sets points to the indices of the ratings of moments ms, and
// returns the most intense moment and the most intense of the others
// (−1: none), as keys: a point's rank, then the moment's slot, which
// tells equal points apart, so that the top two keys are those of two
// moments. It returns false when a rating is no point. Apart from
// addWholeSteps, whose other values would take the registers the loop
// needs: so min and max are conditional moves, and take no branch that
// the ratings decide (which a processor guesses wrong a third of the
// time), where in addWholeSteps the compiler made them branches.
func (w *wholeRatings) topTwo(ms []scoring.Moment, points []uint8) (best, second int, ok bool) {
	best, second = -1, -1
	points = points[:len(ms)]
	for k := range ms {
		i, ok := w.index(ms[k].Rating)
		if !ok {
			return 0, 0, false
		}
		points[k] = i
		key := int(w.rank[i])<<32 | k
		second = max(second, min(best, key))
		best = max(best, key)
	}
	return best, second, true
}

// addWholeSteps adds the changes of the levers of v, a visit in step
// order counted in shape, in group g of boot, as addStepVisit would,
// when v's ratings and peak are whole points of the scale: then a point
// better is the rating plus the point or, at the scale's end, the rating
// itself, so every lever is shaped, and only its change of peak is
// added here, summed in points (groupSums.points). Intensity is compared
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
	best, second, ok := w.topTwo(ms, points)
	if !ok {
		return false
	}
	shape.visits[g]++
	raised := shape.raised[g*n : (g+1)*n]
	// Lever k's change of peak, to point p, is p − peakAt points, summed
	// at k's place: p is the more intense of the most intense other point
	// and k's raised, which for every slot but bestSlot is the best point.
	peaks := boot.pointRow(g, leverPlace(n-1))[leverPlace(0):][:n:n]
	from := int32(peakAt)
	row := w.peakOf[int(w.point[uint8(best>>32)])*w.n:][:w.n]
	for k, i := range points {
		raised[k] += w.lift[i]
		peaks[k] += int32(row[i]) - from
	}
	others := w.n * w.n // the row of no other point, for a visit of one moment
	if second >= 0 {
		others = int(w.point[uint8(second>>32)]) * w.n
	}
	bestSlot := best & (1<<32 - 1)
	i := points[bestSlot]
	peaks[bestSlot] += int32(w.peakOf[others+int(i)]) - int32(row[i])
	return true
}
