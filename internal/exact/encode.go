package exact

import (
	"math/big"

	"github.com/peakend/peakend/internal/wire"
)

// Encode appends the sums to w, each in one form whatever the order of
// its additions or the window it was kept in: the NaN and infinities
// seen, a sign, the number of 32-bit digits of its magnitude, and when
// there are any the place of the lowest and the digits, lowest first,
// the lowest and highest nonzero.
func (s *Sums) Encode(w *wire.Writer) {
	for i := range s.n {
		flags := uint8(0)
		if s.special != nil {
			flags = s.special[i]
		}
		w.Uint(uint64(flags))
		v := s.Int(i)
		w.Bool(v.Sign() < 0)
		lo, digits := digitsOf(v.Abs(v))
		w.Count(len(digits))
		if len(digits) == 0 {
			continue
		}
		w.Count(lo)
		for _, d := range digits {
			w.Uint(uint64(d))
		}
	}
}

// digitsOf returns v > 0 as the place of its lowest nonzero 32-bit
// digit and its digits from that one up; none for 0.
func digitsOf(v *big.Int) (lo int, digits []uint32) {
	b := v.Bytes() // big-endian
	for len(b)%4 != 0 {
		b = append([]byte{0}, b...)
	}
	for j := len(b); j > 0; j -= 4 {
		digits = append(digits, uint32(b[j-4])<<24|uint32(b[j-3])<<16|uint32(b[j-2])<<8|uint32(b[j-1]))
	}
	for len(digits) > 0 && digits[0] == 0 {
		digits, lo = digits[1:], lo+1
	}
	return lo, digits
}

// Decode replaces the sums of s, which must be as many as were encoded,
// by those read from r; it fails r on any form Encode does not write.
func (s *Sums) Decode(r *wire.Reader) {
	type part struct {
		neg    bool
		lo     int
		digits []uint64
	}
	parts := make([]part, s.n)
	special := make([]uint8, s.n)
	anySpecial := false
	lo, hi := maxLimbs, 0
	for i := range parts {
		p := &parts[i]
		flags := r.Uint()
		if flags > seenNaN|seenPosInf|seenNegInf {
			r.Fail("sum %d: flags %d", i, flags)
			return
		}
		special[i], anySpecial = uint8(flags), anySpecial || flags != 0
		p.neg = r.Bool()
		n := r.Len(1)
		if n == 0 {
			if p.neg {
				r.Fail("sum %d: a negative zero", i)
			}
			continue
		}
		p.lo = r.Count()
		if n > maxLimbs || p.lo > maxLimbs-n {
			r.Fail("sum %d: %d digits from %d, beyond any sum's", i, n, p.lo)
			return
		}
		p.digits = make([]uint64, n)
		for j := range p.digits {
			p.digits[j] = r.Uint()
			if p.digits[j] > digitMask {
				r.Fail("sum %d: digit %d", i, p.digits[j])
				return
			}
		}
		if p.digits[0] == 0 || p.digits[n-1] == 0 {
			r.Fail("sum %d: a zero digit at an end", i)
			return
		}
		lo, hi = min(lo, p.lo), max(hi, p.lo+n)
	}
	if r.Err() != nil {
		return
	}
	fresh := NewSums(s.n)
	if anySpecial {
		fresh.special = special
	}
	if hi > 0 {
		fresh.ensure(lo, hi+1)
		fresh.pending = 1
		for i, p := range parts {
			if len(p.digits) == 0 {
				continue
			}
			l := fresh.limbs[i*fresh.width+p.lo-fresh.lo:]
			for j, d := range p.digits {
				if p.neg {
					l[j] = -int64(d)
				} else {
					l[j] = int64(d)
				}
			}
		}
	}
	*s = *fresh
}
