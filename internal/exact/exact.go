// Package exact sums float64 numbers without rounding, so that a sum
// is a function of the numbers added and not of their order or of how
// they were split among workers and merged: what a pipeline that adds
// visits in no fixed order needs to give the single machine's result
// bit for bit.
//
// A Sums holds a fixed number of sums in one "long accumulator": each
// sum is a fixed-point integer over float64's whole exponent range
// (and that of products of two float64s), Int(i)·2^−Scale, kept as
// signed 64-bit limbs of 32-bit digits whose carries are deferred, in
// a window of limbs that grows only to the exponents actually added.
// The sums of one Sums share the window, so many sums of one kind of
// quantity cost a few limbs each; Add of a number the window already
// holds is three limb additions. Float64 rounds once, to nearest.
// NaN and infinities are kept aside as float addition would treat them.
package exact

import (
	"math"
	"math/big"
	"math/bits"
)

// Scale is the binary point of the fixed-point sums: a sum is
// Int(i)·2^−Scale. It is a multiple of 32 below the smallest product
// of two subnormal float64s (2^−2148).
const Scale = 2176

const (
	digitBits = 32
	digitMask = 1<<digitBits - 1
	// maxPending is how many additions of one digit each (or the weight
	// of weighted ones) the limbs take before their carries must be
	// propagated: (maxPending+1)·2^32 < 2^63.
	maxPending = 1 << 30
	// maxLimbs bounds the window: the largest product, 2^2048, times
	// 2^63 additions, above the binary point at 2^−Scale.
	maxLimbs = (Scale+2048+64)/digitBits + 2
)

// special values seen, as bits.
const (
	seenNaN = 1 << iota
	seenPosInf
	seenNegInf
)

// Sums is a fixed number of exact sums. Its zero value holds none; use
// NewSums.
type Sums struct {
	n       int
	lo      int     // absolute index of the window's first limb
	width   int     // limbs per sum
	limbs   []int64 // sum i at limbs[i*width : (i+1)*width]
	pending int64   // digits added to a limb, at most, since the carries were propagated
	special []uint8 // per sum, the NaN and infinities seen; nil until one is
}

// NewSums returns n sums of nothing.
func NewSums(n int) *Sums { return &Sums{n: n} }

// Len returns how many sums s holds.
func (s *Sums) Len() int { return s.n }

// Add adds x to sum i.
//
// Most additions are of numbers like those already added: normal and
// nonzero, their digits inside the window (as ensure would leave it),
// no carries due. Those take three limb additions and nothing more;
// the others go to addGrowing.
func (s *Sums) Add(i int, x float64) {
	b := math.Float64bits(x)
	biased := int(b>>52) & 0x7ff
	if biased == 0 || biased == 0x7ff || s.pending >= maxPending {
		s.addGrowing(i, x) // zero, subnormal, NaN, an infinity, or carries due
		return
	}
	m := b&(1<<52-1) | 1<<52
	tz := bits.TrailingZeros64(m)
	m >>= uint(tz)
	pos := uint(biased - 1075 + tz + Scale) // positive: Scale is below the smallest exponent
	limb := int(pos/digitBits) - s.lo
	if limb < 0 || limb+4 > s.width {
		s.addGrowing(i, x)
		return
	}
	d0, d1, d2 := shiftedDigits(m, pos%digitBits)
	if b>>63 != 0 {
		d0, d1, d2 = -d0, -d1, -d2
	}
	s.pending++
	o := i*s.width + limb
	l := s.limbs[o : o+3 : o+3]
	l[0] += d0
	l[1] += d1
	l[2] += d2
}

// addGrowing is Add for any number: the window grown, and the carries
// propagated, as needed.
func (s *Sums) addGrowing(i int, x float64) {
	if x == 0 {
		return
	}
	if isSpecial(x) {
		s.mark(i, x)
		return
	}
	m, e := mantExp(x)
	limb := (e + Scale) / digitBits
	s.ensure(limb, limb+4)
	if s.pending >= maxPending {
		s.normalise()
	}
	s.pending++
	s.addMant(i, m, e, x < 0)
}

// digits3 returns the three 32-bit digits of m·2^e in the sums' fixed
// point, lowest first, and the index of the limb of the lowest.
func digits3(m uint64, e int) (d0, d1, d2 int64, limb int) {
	pos := uint(e + Scale)
	d0, d1, d2 = shiftedDigits(m, pos%digitBits)
	return d0, d1, d2, int(pos / digitBits)
}

// shiftedDigits returns the three 32-bit digits of m·2^sh, m < 2^53 and
// sh < 32, lowest first: from m's 32-bit halves, so that every shift is
// below 64 and none needs the check that a longer one would.
func shiftedDigits(m uint64, sh uint) (d0, d1, d2 int64) {
	sh %= digitBits
	t0 := (m & digitMask) << sh
	t1 := (m>>digitBits)<<sh + t0>>digitBits
	return int64(t0 & digitMask), int64(t1 & digitMask), int64(t1 >> digitBits)
}

// AddProduct adds a·b, exactly (not the rounded float64 product), to
// sum i.
func (s *Sums) AddProduct(i int, a, b float64) {
	if a == 0 || b == 0 || isSpecial(a) || isSpecial(b) {
		if p := a * b; p != 0 {
			s.Add(i, p) // NaN or an infinity
		}
		return
	}
	pa, pb := partOf(a), partOf(b)
	s.ensure((pa.e+pb.e+Scale)/digitBits, (pa.e+pb.e+Scale)/digitBits+6)
	if s.pending >= maxPending {
		s.normalise()
	}
	s.pending++
	s.addProducts(i, &pa, []part{pb}) // pb.at is 0
}

func isSpecial(x float64) bool { return math.IsNaN(x) || math.IsInf(x, 0) }

func (s *Sums) mark(i int, x float64) {
	if s.special == nil {
		s.special = make([]uint8, s.n)
	}
	switch {
	case math.IsNaN(x):
		s.special[i] |= seenNaN
	case x > 0:
		s.special[i] |= seenPosInf
	default:
		s.special[i] |= seenNegInf
	}
}

// mantExp returns the integer mantissa of finite nonzero x and the
// exponent of its unit: |x| = m·2^e.
func mantExp(x float64) (uint64, int) {
	b := math.Float64bits(x)
	e := int(b>>52) & 0x7ff
	m := b & (1<<52 - 1)
	if e == 0 {
		e = 1 // subnormal
	} else {
		m |= 1 << 52
	}
	tz := bits.TrailingZeros64(m) // fewer digits for numbers of few bits
	return m >> tz, e - 1075 + tz
}

// ensure grows the window to hold limbs lo up to hi (exclusive), for
// every sum.
func (s *Sums) ensure(lo, hi int) {
	if s.width > 0 && lo >= s.lo && hi <= s.lo+s.width {
		return
	}
	nlo, nhi := lo, hi
	if s.width > 0 {
		nlo, nhi = min(lo, s.lo), max(hi, s.lo+s.width)
	}
	width := nhi - nlo
	limbs := make([]int64, s.n*width)
	for i := range s.n * min(s.width, 1) {
		copy(limbs[i*width+s.lo-nlo:], s.limbs[i*s.width:(i+1)*s.width])
	}
	s.lo, s.width, s.limbs = nlo, width, limbs
}

// normalise propagates the carries, leaving every limb but each sum's
// top one in [0, 2^32) and the top one in [−2^31, 2^31), growing the
// window for a carry out of the top.
func (s *Sums) normalise() {
	for again := true; again; {
		again = false
		for i := range s.n {
			l := s.limbs[i*s.width : (i+1)*s.width]
			carry := int64(0)
			for j := range l {
				v := l[j] + carry
				if j == len(l)-1 {
					l[j] = v
					break
				}
				l[j] = v & digitMask
				carry = v >> digitBits
			}
			if top := l[len(l)-1]; top < -1<<31 || top >= 1<<31 {
				again = true
			}
		}
		if again {
			s.ensure(s.lo, s.lo+s.width+1)
		}
	}
	s.pending = 1
}

// Merge adds other's sums to s's, elementwise; the two must hold as
// many sums.
func (s *Sums) Merge(other *Sums) {
	if other.width == 0 && other.special == nil {
		return
	}
	if other.width > 0 {
		s.ensure(other.lo, other.lo+other.width)
		if s.pending+other.pending > maxPending {
			s.normalise()
			if s.pending+other.pending > maxPending {
				c := other.clone()
				c.normalise()
				other = c
			}
		}
		s.pending += other.pending
		for i := range s.n {
			dst := s.limbs[i*s.width+other.lo-s.lo:]
			for j, x := range other.limbs[i*other.width : (i+1)*other.width] {
				dst[j] += x
			}
		}
	}
	for i, f := range other.special {
		if f != 0 {
			if s.special == nil {
				s.special = make([]uint8, s.n)
			}
			s.special[i] |= f
		}
	}
}

func (s *Sums) clone() *Sums {
	c := *s
	c.limbs = append([]int64(nil), s.limbs...)
	c.special = append([]uint8(nil), s.special...)
	return &c
}

// Special returns NaN or the infinity that sum i is, by the rules of
// float addition, when a NaN or an infinity was added to it.
func (s *Sums) Special(i int) (float64, bool) {
	if s.special == nil || s.special[i] == 0 {
		return 0, false
	}
	switch f := s.special[i]; {
	case f&seenNaN != 0 || f&seenPosInf != 0 && f&seenNegInf != 0:
		return math.NaN(), true
	case f&seenPosInf != 0:
		return math.Inf(1), true
	}
	return math.Inf(-1), true
}

// Int returns the finite part of sum i exactly, in units of 2^−Scale.
func (s *Sums) Int(i int) *big.Int {
	if s.width == 0 {
		return new(big.Int)
	}
	v := s.window(i)
	return v.Lsh(v, uint(s.lo*digitBits))
}

// window returns sum i as an integer in units of its window's lowest
// limb: Int(i) is window(i)·2^(32·lo).
func (s *Sums) window(i int) *big.Int {
	v := new(big.Int)
	var limb big.Int
	l := s.limbs[i*s.width : (i+1)*s.width]
	for j := len(l) - 1; j >= 0; j-- {
		v.Lsh(v, digitBits)
		v.Add(v, limb.SetInt64(l[j]))
	}
	return v
}

// Float64 returns sum i rounded to the nearest float64 (ties to even),
// or the NaN or infinity that float addition would give.
func (s *Sums) Float64(i int) float64 {
	if x, ok := s.Special(i); ok {
		return x
	}
	if s.width == 0 {
		return 0
	}
	f := new(big.Float).SetInt(s.window(i)) // exact: its precision is the integer's length
	x, _ := f.SetMantExp(f, s.lo*digitBits-Scale).Float64()
	return x
}

// Round returns v·2^−scale / d, for d > 0, rounded once to the nearest
// float64 (ties to even): for values computed exactly from sums, such
// as a mean (Int(i) at Scale over a count) or a centred co-moment.
func Round(v *big.Int, scale uint, d int64) float64 {
	if v.Sign() == 0 {
		return 0
	}
	if d == 1 {
		f := new(big.Float).SetInt(v) // exact: its precision is v's length
		f.SetMantExp(f, -int(scale))
		x, _ := f.Float64()
		return x
	}
	den := new(big.Int).Lsh(big.NewInt(d), scale)
	x, _ := new(big.Rat).SetFrac(v, den).Float64()
	return x
}

// AddInt adds v·2^−Scale, exactly, to sum i: a value computed from
// sums (Int) and whole numbers.
func (s *Sums) AddInt(i int, v *big.Int) {
	if v.Sign() == 0 {
		return
	}
	lo, digits := digitsOf(new(big.Int).Abs(v))
	s.ensure(lo, lo+len(digits)+1) // a limb above, for the carries
	if s.pending >= maxPending {
		s.normalise()
	}
	s.pending++ // each limb is given one digit at most
	l := s.limbs[i*s.width+lo-s.lo:]
	for j, d := range digits {
		if v.Sign() < 0 {
			l[j] -= int64(d)
		} else {
			l[j] += int64(d)
		}
	}
}

// AddWhole adds the whole number v to sum i, exactly.
func (s *Sums) AddWhole(i int, v int64) {
	low := v & digitMask // both halves are float64s exactly
	s.Add(i, float64(v-low))
	s.Add(i, float64(low))
}

// AddMultiple adds k times sum j of other to sum i of s, exactly: how
// sums kept apart by a caller, per value of a rating, come back into
// one. Other's sum j is to be finite (no NaN or infinity added to it).
func (s *Sums) AddMultiple(i int, other *Sums, j int, k int64) {
	if k == 0 || other.width == 0 {
		return
	}
	if k < -maxPending || k > maxPending {
		v := other.Int(j)
		s.AddInt(i, v.Mul(v, big.NewInt(k)))
		return
	}
	weight := max(k, -k) * other.pending // the digits a limb is given, at most
	if weight > maxPending {
		c := other.clone()
		c.normalise()
		other, weight = c, max(k, -k)
	}
	s.ensure(other.lo, other.lo+other.width+1) // a limb above, for the carries
	if s.pending+weight > maxPending {
		s.normalise()
	}
	s.pending += weight
	dst := s.limbs[i*s.width+other.lo-s.lo:]
	for t, x := range other.limbs[j*other.width : (j+1)*other.width] {
		dst[t] += k * x
	}
}
