package exact

import (
	"math"
	"math/big"
	"math/bits"
)

// Products sums the products zᵢzⱼ, i ≤ j, of vectors z of n numbers
// exactly, as AddMoments does, at a fraction of its cost for numbers of
// like size from vector to vector (a regression's features): each sum
// is kept in a window of 192 bits whose place the sum's first product
// fixes, added with carries at once, so that a product costs one
// multiplication and three additions. A product outside its window, or
// of a subnormal, NaN or infinity, goes to a Sums; AddTo adds it all to
// other sums, exactly.
type Products struct {
	n       int
	windows []window // per product, row by row of the upper triangle as AddMoments lays them out
	vectors int      // added since the windows were last emptied into rest
	rest    *Sums    // the products that no window took, and the windows emptied
}

// A window is a signed 192-bit integer, w2:w1:w0, in units of 2^base.
type window struct {
	w0, w1, w2 uint64
	base       int
	placed     bool // whether base is set
}

// windowSlack is how far a product may lie below its window's first
// product's place: 32 bits, and 31 above.
const windowSlack = 32

// maxWindowVectors bounds the vectors between emptyings: a product is
// below 2^(64+106), so the sums stay below 2^190. A test lowers it.
var maxWindowVectors = 1 << 20

// NewProducts returns the sums of the products of vectors of n numbers.
func NewProducts(n int) *Products {
	return &Products{n: n, windows: make([]window, packedLen(n)), rest: NewSums(packedLen(n))}
}

func packedLen(n int) int { return n * (n + 1) / 2 }

// Add adds the products of z, which has the n numbers, to the sums.
func (p *Products) Add(z []float64) {
	var mant, sign [8]uint64 // sign: all ones for a negative number
	var exp [8]int
	if len(z) > len(mant) {
		p.addRest(z)
		return
	}
	for i, x := range z {
		b := math.Float64bits(x)
		biased := int(b>>52) & 0x7ff
		switch {
		case x == 0:
			mant[i] = 0
		case biased == 0 || biased == 0x7ff:
			p.addRest(z) // a subnormal, NaN or infinity: rare
			return
		default:
			mant[i], exp[i], sign[i] = b&(1<<52-1)|1<<52, biased-1075, -(b >> 63)
		}
	}
	if p.vectors >= maxWindowVectors {
		p.empty()
	}
	p.vectors++
	q := 0
	for a, ma := range mant[:len(z)] {
		for b := a; b < len(z); b, q = b+1, q+1 {
			mb := mant[b]
			if ma == 0 || mb == 0 {
				continue
			}
			w := &p.windows[q]
			e := exp[a] + exp[b]
			if !w.placed {
				w.base, w.placed = max(e-windowSlack, -Scale), true
			}
			sh := uint(e - w.base)
			if sh > 63 {
				p.rest.AddProduct(q, z[a], z[b])
				continue
			}
			hi, lo := bits.Mul64(ma, mb)
			sh &= 63 // as it is: a shift the compiler need not check
			x0, x1, x2 := lo<<sh, hi<<sh|lo>>1>>(63-sh), hi>>1>>(63-sh)
			// Two's complement: a negative product is added as its bits
			// inverted, plus one.
			neg := sign[a] ^ sign[b]
			var c uint64
			w.w0, c = bits.Add64(w.w0, x0^neg, neg&1)
			w.w1, c = bits.Add64(w.w1, x1^neg, c)
			w.w2, _ = bits.Add64(w.w2, x2^neg, c)
		}
	}
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
	*p = *NewProducts(p.n)
}
