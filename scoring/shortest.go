package scoring

import (
	"math"
	"math/bits"
)

// appendShortest appends x when 1e-3 ≤ |x| < 1e6 and x is not whole,
// in the text strconv.FormatFloat(x, 'g', -1, 64) gives it: the
// shortest decimal that reads back to x, the nearest to x of those
// (ties to an even last digit), in fixed notation, which 'g' uses for
// every number of that size. Means, slopes and durations are such
// numbers, and strconv's general path costs several times more. It
// reports false, appending nothing, for any other x (and for a power
// of two, whose lower neighbour is nearer than its upper one).
//
// It is exact integer arithmetic: x = c·2⁻ᵗ with a 53-bit c and
// 33 ≤ t ≤ 62 in this range, so x·10ʲ = c·10ʲ / 2ᵗ is a 128-bit
// product and a shift. A decimal of j places d/10ʲ reads back to x when
// it lies within half a unit in the last place of x, 2⁻ᵗ⁻¹, of it; never
// on that bound, an odd multiple of 2⁻ᵗ⁻¹, which has more places than
// a float64 needs, so reading's tie rule does not arise. The decimals
// of j places that read back to x are then the d in (lo, hi) with
// lo, hi = (2c ∓ 1)·10ʲ / 2ᵗ⁺¹. At 17 significant digits there always
// is one; removing the last digit of both bounds while one remains in
// between finds the fewest places that have one, and the nearest
// decimal of those places (most often the only one) is the text. TestAppendShortest and
// FuzzAppendShortest hold it equal to strconv's.
func appendShortest(b []byte, x float64) ([]byte, bool) {
	ax := math.Abs(x)
	if !(ax >= 1e-3 && ax < 1e6) || float64(int64(ax)) == ax {
		return b, false
	}
	fb := math.Float64bits(ax)
	c := fb&(1<<52-1) | 1<<52
	t := uint(1075 - fb>>52) // ax = c·2⁻ᵗ
	if c == 1<<52 {
		return b, false
	}
	// 17 significant digits are 16−e places for ax in [10ᵉ, 10ᵉ⁺¹).
	// With ax in [2ᵏ, 2ᵏ⁺¹), e is ⌊k·log₁₀2⌋ or one more: j counts the
	// places of the smaller, one more than 17 digits at worst, within
	// the 19 that pow10u has.
	k := 52 - int(t)
	j := min(19, 16-(k*78913)>>18) // ⌊k·log₁₀2⌋ for |k| < 1600
	lo, hi := bounds(c, t, j)
	if lo >= hi {
		return b, false // not reached: 17 digits always read back
	}
	// Remove 16, 8, 4, 2 and 1 digits while a decimal stays between the
	// bounds: the places that have one are all from the fewest on. A
	// decimal of no places would be a whole number, which x is not.
	lo, hi, j = fewerPlaces(lo, hi, j, 16, 1e16)
	lo, hi, j = fewerPlaces(lo, hi, j, 8, 1e8)
	lo, hi, j = fewerPlaces(lo, hi, j, 4, 1e4)
	lo, hi, j = fewerPlaces(lo, hi, j, 2, 1e2)
	lo, hi, j = fewerPlaces(lo, hi, j, 1, 1e1)
	d := hi // the one decimal of j places that reads back, most often
	if hi-lo > 1 {
		var ok bool
		if d, ok = nearestDecimal(c, t, j); !ok {
			return b, false // not reached: a decimal of j places reads back
		}
	}
	if x < 0 {
		b = append(b, '-')
	}
	return appendFixed(b, d, j), true
}

// fewerPlaces returns the bounds of j−r places when a decimal lies
// between them and r < j, else the bounds of j places; p is 10ʳ, a
// constant at each call, so that the divisions compile to multiplies.
func fewerPlaces(lo, hi uint64, j, r int, p uint64) (uint64, uint64, int) {
	if r < j {
		if l, h := lo/p, hi/p; l < h {
			return l, h, j - r
		}
	}
	return lo, hi, j
}

// bounds returns lo and hi, the floors of (2c ∓ 1)·10ʲ / 2ᵗ⁺¹, neither
// of which is whole: the decimals of j places that read back to c·2⁻ᵗ
// are d/10ʲ with lo < d ≤ hi.
func bounds(c uint64, t uint, j int) (lo, hi uint64) {
	p := pow10u[j]
	l1, l0 := bits.Mul64(2*c-1, p)
	h1, h0 := bits.Mul64(2*c+1, p)
	s := (t + 1) & 63 // 34 ≤ t+1 ≤ 63 in appendShortest's range; the mask spares the shifts a check
	// The bounds are below 10¹⁸ for the places appendShortest asks, so
	// the high words lose nothing.
	return l1<<(64-s) | l0>>s, h1<<(64-s) | h0>>s
}

// nearestDecimal returns the d nearest to c·10ʲ/2ᵗ (ties to even), and
// whether d/10ʲ reads back to c·2⁻ᵗ: it is within 2⁻ᵗ⁻¹ of it.
func nearestDecimal(c uint64, t uint, j int) (uint64, bool) {
	hi, lo := bits.Mul64(c, pow10u[j])
	t &= 63                 // 33 ≤ t ≤ 62 in appendShortest's range; the mask spares the shifts a check
	d := hi<<(64-t) | lo>>t // all of hi's bits, as long as hi>>t is 0
	if hi>>t != 0 {
		return 0, false // more digits than a float64 needs
	}
	rem := lo & (1<<t - 1)
	half := uint64(1) << (t - 1)
	dist := rem
	if rem > half || (rem == half && d%2 == 1) {
		d++
		dist = 1<<t - rem
	}
	// |d/10ʲ − x| = dist/2ᵗ against 2⁻ᵗ⁻¹: 2·dist against 10ʲ.
	if 2*dist < pow10u[j] {
		return d, true
	}
	return 0, false
}

// pow10u are the powers of ten that fit a uint64.
var pow10u = func() (p [20]uint64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// appendFixed appends d/10ʲ in fixed notation: its whole part (0 when
// below one), a point and j places, written from the last digit back,
// two at a time. Indices into buf are masked by 31, which spares them
// bounds checks; at most 21 bytes are written.
func appendFixed(b []byte, d uint64, j int) []byte {
	var buf [32]byte
	i := uint(len(buf))
	for ; j >= 2; j -= 2 {
		q := d / 100
		r := uint8(2 * (d - 100*q)) // below 200: uint8 spares twoDigits' bounds checks
		i -= 2
		buf[i&31], buf[(i+1)&31] = twoDigits[r], twoDigits[r+1]
		d = q
	}
	if j == 1 {
		q := d / 10
		i--
		buf[i&31] = byte('0' + d - 10*q)
		d = q
	}
	i--
	buf[i&31] = '.'
	for {
		q := d / 10
		i--
		buf[i&31] = byte('0' + d - 10*q)
		if d = q; d == 0 {
			break
		}
	}
	return append(b, buf[i&31:]...)
}

// twoDigits are the two digits of 00 to 99, in 256 bytes so that a
// uint8 indexes them without a check.
var twoDigits = func() (t [256]byte) {
	for n := range 100 {
		t[2*n], t[2*n+1] = byte('0'+n/10), byte('0'+n%10)
	}
	return t
}()
