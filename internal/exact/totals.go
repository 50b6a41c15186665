package exact

import (
	"math/bits"
	"slices"
)

// Totals are the sums of the numbers of some of the vectors a Products
// of as many numbers is given (Products.AddSummed), number by number,
// exactly, as Sums.Add would add them: the vectors whose numbers are all near their places
// are added in a signed 128-bit window per number, at the place the
// Products keeps, and the others to a Sums. Sums adds it all up.
type Totals struct {
	windows []total
	bases   []int // the windows' places: 2^bases[i] is the unit of window i; nil until a near vector
	gen     int   // of the Products whose places bases are (Products.gen)
	vectors int   // added to the windows since they were last emptied into rest
	rest    *Sums
}

// A total is a signed 128-bit integer, hi:lo.
type total struct{ lo, hi uint64 }

// maxTotalVectors bounds the vectors between emptyings: a near number
// shifted to its place is below 2^64, so the windows stay below 2^126. A
// test lowers it.
var maxTotalVectors = 1 << 62

// NewTotals returns the sums of vectors of n numbers, of nothing yet.
func NewTotals(n int) *Totals {
	return &Totals{windows: make([]total, n), rest: NewSums(n)}
}

// addNear adds a vector that AddSummed found near p's places: m[i] is
// its i-th mantissa shifted to its place (0 for zero), neg[i] all ones
// for a negative number.
func (t *Totals) addNear(p *Products, m, neg *[8]uint64) {
	if t.bases == nil || t.gen != p.gen {
		t.empty()
		t.bases, t.gen = slices.Clone(p.bases), p.gen
	}
	if t.vectors >= maxTotalVectors {
		t.empty()
	}
	t.vectors++
	for i := range t.windows {
		// Two's complement: a negative number is added as its bits
		// inverted, plus one, and its high word all ones.
		w, n := &t.windows[i], neg[i&7] // i is below 8: a near vector's
		var c uint64
		w.lo, c = bits.Add64(w.lo, m[i&7]^n, n&1)
		w.hi += n + c
	}
}

// addRest adds z's numbers to the rest, one by one; nothing to nil t.
func (t *Totals) addRest(z []float64) {
	if t == nil {
		return
	}
	for i, x := range z {
		t.rest.Add(i, x)
	}
}

// empty adds the windows to the rest and clears them: a window's
// magnitude in pieces of 52 bits, each as a number.
func (t *Totals) empty() {
	for i := range t.windows {
		w := &t.windows[i]
		lo, hi := w.lo, w.hi
		if lo|hi == 0 {
			continue
		}
		neg := int64(hi) < 0
		if neg { // the magnitude: a window is above −2^127
			var borrow uint64
			lo, borrow = bits.Sub64(0, lo, 0)
			hi, _ = bits.Sub64(0, hi, borrow)
		}
		for e := t.bases[i]; lo|hi != 0; e += 52 {
			if m := lo & (1<<52 - 1); m != 0 {
				t.rest.addPiece(i, m, e, neg)
			}
			lo, hi = lo>>52|hi<<12, hi>>52
		}
		*w = total{}
	}
	t.vectors = 0
}

// Sums returns the sums of every number added, which stay t's: t goes
// on adding to them.
func (t *Totals) Sums() *Sums {
	t.empty()
	return t.rest
}

// addPiece adds ±m·2^e, m below 2^53 and e at least −Scale, to sum i:
// as addGrowing adds a number.
func (s *Sums) addPiece(i int, m uint64, e int, neg bool) {
	limb := (e + Scale) / digitBits
	s.ensure(limb, limb+4)
	if s.pending >= maxPending {
		s.normalise()
	}
	s.pending++
	s.addMant(i, m, e, neg)
}
