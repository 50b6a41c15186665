package exact

import (
	"math"
	"math/big"
	"math/bits"
)

// Products sums the products zᵢzⱼ, i ≤ j, of vectors z of n numbers
// exactly, as AddMoments does, at a fraction of its cost for numbers of
// like size from vector to vector (a regression's features): each sum
// is kept in a window of 192 bits, added with carries at once, so that
// a product costs one multiplication and three additions. The i-th
// numbers' first nonzero one fixes their place, base i (bases), and a
// window's place is fixed by its two numbers': so a vector whose numbers
// all lie within a few bits of their places (as nearly all do) is added
// by products of whole numbers that need no shift to their windows
// (addNear). A product outside its window, or of a subnormal, NaN or
// infinity, goes to a Sums; AddTo adds it all to other sums, exactly.
type Products struct {
	n       int
	windows []window   // per product, row by row of the upper triangle as AddMoments lays them out
	vectors int        // added since the windows were last emptied into rest
	rest    *Sums      // the products that no window took, and the windows emptied
	bases   []int      // per number of a vector, its place: 2^(bases[i]+nearBits) is near its first nonzero one
	based   int        // how many of bases are set
	set     []bool     // which are
	near    bool       // whether every place is set and every window at its two numbers' (addNear)
	pairs   [][2]uint8 // the numbers of each window's product, for addNear
	gen     int        // how many times AddTo emptied p, which sets the places anew (Totals)
}

// A window is a signed 192-bit integer, w2:w1:w0, in units of 2^base.
type window struct {
	w0, w1, w2 uint64
	base       int
	placed     bool // whether base is set
}

const (
	// nearBits is how far below the first nonzero number of a place
	// its base lies, and farBits how far above it a number is still
	// near: a near mantissa shifted to its place fits in 64 bits.
	nearBits = 5
	farBits  = 64 - 53 - nearBits
	// windowShift is how far above a window's place the product of
	// its numbers' places lies: windowShift+2·nearBits bits below and
	// 63 − that above the product of the first numbers, 32 and 31.
	windowShift = 32 - 2*nearBits
)

// maxWindowVectors bounds the vectors between emptyings: a product is
// below 2^(64+106), so the sums stay below 2^190. A test lowers it.
var maxWindowVectors = 1 << 20

// NewProducts returns the sums of the products of vectors of n numbers.
func NewProducts(n int) *Products {
	return &Products{n: n, windows: make([]window, packedLen(n)), rest: NewSums(packedLen(n)), bases: make([]int, n), set: make([]bool, n), pairs: productPairs(n)}
}

func packedLen(n int) int { return n * (n + 1) / 2 }

// Add adds the products of z, which has the n numbers, to the sums.
func (p *Products) Add(z []float64) { p.add(z, nil) }

// AddSummed adds the products of z, as Add does, and the numbers of z
// to t, which p's places serve: the sums of some of the vectors, such
// as those of one key, at the cost of two additions a number.
func (p *Products) AddSummed(z []float64, t *Totals) { p.add(z, t) }

// add is Add, and AddSummed when t is not nil.
func (p *Products) add(z []float64, t *Totals) {
	var shifted, sign [8]uint64 // a number's mantissa shifted to its place, 0 for zero; all ones for a negative number
	if len(z) > len(shifted) {
		p.addRest(z)
		t.addRest(z)
		return
	}
	near := p.near
	for i, x := range z {
		b := math.Float64bits(x)
		biased := int(b>>52) & 0x7ff
		if x == 0 {
			continue
		}
		if biased == 0 || biased == 0x7ff {
			p.addRest(z) // a subnormal, NaN or infinity: rare
			t.addRest(z)
			return
		}
		e := biased - 1075
		if p.based < p.n && !p.set[i] {
			p.place(i, e)
		}
		sh := uint(e - p.bases[i])
		near = near && sh <= nearBits+farBits
		shifted[i], sign[i] = (b&(1<<52-1)|1<<52)<<(sh&63), -(b >> 63)
	}
	if p.vectors >= maxWindowVectors {
		p.empty()
	}
	p.vectors++
	if !near {
		p.addFar(z)
		t.addRest(z)
		return
	}
	p.addNear(&shifted, &sign)
	if t != nil {
		t.addNear(p, &shifted, &sign)
	}
}

// addFar adds the products of z, whose numbers are normal or zero, not
// all near their places, to their windows or to the rest.
func (p *Products) addFar(z []float64) {
	q := 0
	for a, x := range z {
		ma, ea, na := factor(x)
		for b := a; b < len(z); b, q = b+1, q+1 {
			mb, eb, nb := factor(z[b])
			if ma == 0 || mb == 0 {
				continue
			}
			w := &p.windows[q]
			if !w.placed {
				p.placeWindow(w, a, b)
			}
			sh := uint(ea + eb - w.base)
			if sh > 63 {
				p.rest.AddProduct(q, x, z[b])
				continue
			}
			hi, lo := bits.Mul64(ma, mb)
			sh &= 63 // as it is: a shift the compiler need not check
			x0, x1, x2 := lo<<sh, hi<<sh|lo>>1>>(63-sh), hi>>1>>(63-sh)
			w.add(x0, x1, x2, na^nb)
		}
	}
}

// factor returns the mantissa of x, normal or zero (0 for zero), the
// exponent of its unit, and all ones when x is negative.
func factor(x float64) (m uint64, e int, neg uint64) {
	if x == 0 {
		return 0, 0, 0
	}
	b := math.Float64bits(x)
	return b&(1<<52-1) | 1<<52, int(b>>52)&0x7ff - 1075, -(b >> 63)
}

// addNear adds the products of a vector whose numbers are all near
// their places: m[i] is the i-th mantissa shifted to its place (0 for
// zero), and neg[i] all ones for a negative number. The product of two
// lies windowShift above its window's place, and a zero one adds
// nothing, whatever its sign.
func (p *Products) addNear(m, neg *[8]uint64) {
	windows := p.windows[:len(p.pairs)]
	for q, ab := range p.pairs {
		a, b := ab[0]&7, ab[1]&7
		hi, lo := bits.Mul64(m[a], m[b])
		windows[q].add(lo<<windowShift, hi<<windowShift|lo>>(64-windowShift), hi>>(64-windowShift), neg[a]^neg[b])
	}
}

// productPairs returns the numbers of each product of a vector of n,
// row by row of the upper triangle; nil for more than 8, which addNear
// does not take.
func productPairs(n int) [][2]uint8 {
	if n > 8 {
		return nil
	}
	var pairs [][2]uint8
	for a := range n {
		for b := a; b < n; b++ {
			pairs = append(pairs, [2]uint8{uint8(a), uint8(b)})
		}
	}
	return pairs
}

// add adds x2:x1:x0, negated when neg is all ones, to w.
func (w *window) add(x0, x1, x2, neg uint64) {
	// Two's complement: a negative product is added as its bits
	// inverted, plus one.
	var c uint64
	w.w0, c = bits.Add64(w.w0, x0^neg, neg&1)
	w.w1, c = bits.Add64(w.w1, x1^neg, c)
	w.w2, _ = bits.Add64(w.w2, x2^neg, c)
}

// place sets the place of the i-th numbers from their first nonzero
// one, of exponent e, and when every place is set, places the windows at
// their numbers' places, for addNear: unless a place is so low that a
// window's cannot be.
func (p *Products) place(i, e int) {
	p.bases[i], p.set[i] = e-nearBits, true
	p.based++
	if p.based < p.n {
		return
	}
	q, near := 0, true
	for a := range p.n {
		for b := a; b < p.n; b, q = b+1, q+1 {
			w := &p.windows[q]
			if !w.placed {
				p.placeWindow(w, a, b)
			}
			near = near && w.base == p.bases[a]+p.bases[b]-windowShift
		}
	}
	p.near = near
}

// placeWindow sets the place of window w of the product of the a-th and
// the b-th numbers, whose places are set.
func (p *Products) placeWindow(w *window, a, b int) {
	w.base, w.placed = max(p.bases[a]+p.bases[b]-windowShift, -Scale), true
}

// addRest adds the products of z to the rest, one by one.
func (p *Products) addRest(z []float64) {
	q := 0
	for a := range z {
		for b := a; b < len(z); b, q = b+1, q+1 {
			p.rest.AddProduct(q, z[a], z[b])
		}
	}
}

// empty adds the windows to the rest and clears them, keeping their
// places.
func (p *Products) empty() {
	for q := range p.windows {
		w := &p.windows[q]
		if w.w0|w.w1|w.w2 == 0 {
			continue
		}
		v := signed192(w.w0, w.w1, w.w2)
		p.rest.AddInt(q, v.Lsh(v, uint(w.base+Scale))) // base ≥ −Scale
		w.w0, w.w1, w.w2 = 0, 0, 0
	}
	p.vectors = 0
}

// signed192 returns the two's complement w2:w1:w0 as a big.Int.
func signed192(w0, w1, w2 uint64) *big.Int {
	v := new(big.Int).SetUint64(w2)
	v.Lsh(v, 64)
	v.Add(v, new(big.Int).SetUint64(w1))
	v.Lsh(v, 64)
	v.Add(v, new(big.Int).SetUint64(w0))
	if int64(w2) < 0 {
		v.Sub(v, new(big.Int).Lsh(big.NewInt(1), 192))
	}
	return v
}

// AddTo adds product sum q to sum at(q) of s, for every q, and empties
// p.
func (p *Products) AddTo(s *Sums, at func(q int) int) {
	p.empty()
	for q := range p.windows {
		s.AddMultiple(at(q), p.rest, q, 1)
		if p.rest.special != nil && p.rest.special[q] != 0 {
			if s.special == nil {
				s.special = make([]uint8, s.n)
			}
			s.special[at(q)] |= p.rest.special[q]
		}
	}
	gen := p.gen + 1
	*p = *NewProducts(p.n)
	p.gen = gen
}
