package scoring

import (
	"encoding/binary"
	"math"
	"math/bits"
	"slices"
)

// appendShortest appends x when 1e-3 ≤ |x| < 1e6 and x is not whole,
// in the text strconv.FormatFloat(x, 'g', -1, 64) gives it: the
// shortest decimal that reads back to x, the nearest to x of those
// (ties to an even last digit), in fixed notation, which 'g' uses for
// every number of that size. Means, slopes and durations are such
// numbers, and strconv's general path costs several times more. It
// reports false, appending nothing, for any other x (and for a power
// of two, whose lower neighbour is nearer than its upper one, but for
// the powers of two fewPlaces takes). A decimal of three places or
// fewer, as recorded numbers and means of ratings mostly are, is found
// by fewPlaces, any other by manyPlaces. TestAppendShortest and
// FuzzAppendShortest hold it equal to strconv's.
//
// It writes straight into b's spare room, up to 8 digits a store: each
// store's bytes past its digits are written over by the next, or left
// past the text's end. Indices into that room stay below 28; masked by
// 31, they need no bounds checks.
func appendShortest(b []byte, x float64) ([]byte, bool) {
	ax := math.Abs(x)
	if !(ax >= 1e-3 && ax < 1e6) {
		return b, false
	}
	whole := int64(ax)
	if float64(whole) == ax {
		return b, false
	}
	places, j, ok := fewPlaces(ax, whole)
	if !ok {
		if places, j, ok = manyPlaces(ax, whole); !ok {
			return b, false
		}
	}
	if cap(b)-len(b) < decimalRoom {
		b = slices.Grow(b, decimalRoom)
	}
	n := len(b)
	out := (*[decimalRoom]byte)(b[n : n+decimalRoom])
	i := 0
	if x < 0 {
		out[0] = '-'
		i = 1
	}
	k := 1 // the whole part's digits
	if whole >= 10 {
		k = 2
		for p := int64(100); whole >= p; p *= 10 {
			k++
		}
	}
	if k+j <= 8 { // as fewPlaces' decimals all are
		// The whole part and the places as one number of k+j digits,
		// whose digits are stored once before the point and once,
		// shifted by the whole part's, after it.
		digits := lastDigits(eightDigits(uint64(whole)*pow10u[j&15]+places), k+j)
		binary.LittleEndian.PutUint64(out[i&31:], digits)
		out[(i+k)&31] = '.'
		binary.LittleEndian.PutUint64(out[(i+k+1)&31:], digits>>(8*uint(k)&63))
		return b[:n+i+k+1+j], true
	}
	if whole < 10 {
		out[i&31] = byte('0' + whole)
	} else {
		binary.LittleEndian.PutUint64(out[i&31:], lastDigits(eightDigits(uint64(whole)), k))
	}
	i += k
	out[i&31] = '.'
	i++
	// The places are a first chunk of j digits (1 to 8), then c chunks
	// of 8, low[c−1] to low[0]; c is at most 2.
	var low [2]uint64
	c := 0
	for ; j > 8; j -= 8 {
		q := places / 1e8
		low[c&1] = places - q*1e8
		places = q
		c++
	}
	for {
		binary.LittleEndian.PutUint64(out[i&31:], lastDigits(eightDigits(places), j))
		i += j
		if c == 0 {
			return b[:n+i], true
		}
		c--
		places, j = low[c&1], 8
	}
}

// decimalRoom is the room appendShortest writes in: a sign, six whole
// digits, a point and 19 places are 27 bytes, and it stores 8 bytes
// from a position below 32.
const decimalRoom = 40

// manyPlaces returns the shortest decimal that reads back to ax, in
// [1e-3, 1e6) and not whole, as its places and their count (at most
// 19); whole is ax's whole part. It reports false for a power of two.
//
// It is exact integer arithmetic: ax = c·2⁻ᵗ with a 53-bit c and
// 33 ≤ t ≤ 62 in this range, so ax·10ʲ = c·10ʲ / 2ᵗ is a 128-bit
// product and a shift. A decimal of j places d/10ʲ reads back to ax
// when it lies within half a unit in the last place of ax, 2⁻ᵗ⁻¹, of
// it; never on that bound, an odd multiple of 2⁻ᵗ⁻¹, which has more
// places than a float64 needs, so reading's tie rule does not arise.
// The decimals of j places that read back to ax are then the d in
// (lo, hi) with lo, hi = (2c ∓ 1)·10ʲ / 2ᵗ⁺¹. At 17 significant digits
// there always is one; removing the last digit of both bounds while
// one remains in between finds the fewest places that have one, and
// the nearest decimal of those places (most often the only one) is
// the text.
func manyPlaces(ax float64, whole int64) (places uint64, j int, ok bool) {
	fb := math.Float64bits(ax)
	c := fb&(1<<52-1) | 1<<52
	t := uint(1075 - fb>>52) // ax = c·2⁻ᵗ
	if c == 1<<52 {
		return 0, 0, false
	}
	// 17 significant digits are 16−e places for ax in [10ᵉ, 10ᵉ⁺¹).
	// With ax in [2ᵏ, 2ᵏ⁺¹), e is ⌊k·log₁₀2⌋ or one more: j counts the
	// places of the smaller, one more than 17 digits at worst, within
	// the 19 that pow10u has.
	k := 52 - int(t)
	j = min(19, 16-(k*78913)>>18) // ⌊k·log₁₀2⌋ for |k| < 1600
	lo, hi := bounds(c, t, j)
	if lo >= hi {
		return 0, 0, false // not reached: 17 digits always read back
	}
	// Remove digits while a decimal stays between the bounds: the places
	// that have one are all from the fewest on. Most numbers need 16 or
	// 17 digits, one or two fewer than the 17 or 18 j starts with: one
	// digit is tried twice, and only a number that loses both is
	// searched further, by 16, 8, 4, 2 and 1 digits. A decimal of no
	// places would be a whole number, which ax is not.
	all := j
	lo, hi, j = fewerPlaces(lo, hi, j, 1, 1e1)
	if j < all {
		lo, hi, j = fewerPlaces(lo, hi, j, 1, 1e1)
	}
	if j < all-1 {
		lo, hi, j = fewerPlaces(lo, hi, j, 16, 1e16)
		lo, hi, j = fewerPlaces(lo, hi, j, 8, 1e8)
		lo, hi, j = fewerPlaces(lo, hi, j, 4, 1e4)
		lo, hi, j = fewerPlaces(lo, hi, j, 2, 1e2)
		lo, hi, j = fewerPlaces(lo, hi, j, 1, 1e1)
	}
	d := hi // the one decimal of j places that reads back, most often
	if hi-lo > 1 {
		if d, ok = nearestDecimal(c, t, j); !ok {
			return 0, 0, false // not reached: a decimal of j places reads back
		}
	}
	// d/10ʲ has ax's whole part: a whole number between them would be
	// nearer to ax than d/10ʲ and so read back to ax, which is not whole.
	places = d - uint64(whole)*pow10u[j]
	return places, j, places < pow10u[j] // not reached when false
}

// fewPlaces returns the decimal of one to three places that reads back
// to ax, when there is one, as its places (the digits after the point)
// and their count; whole is ax's whole part. Recorded numbers and the
// means of ratings are mostly such decimals, and this costs a multiply,
// a divide and a compare where the exact search costs dozens.
//
// A decimal n/10³ reads back to ax when float64(n)/10³ is ax: both are
// exact, so the quotient is n/10³ correctly rounded, as reading rounds
// it. There is at most one, as two decimals of three places are 10⁻³
// apart and ax's unit in the last place below 10⁶ is 2⁻³³; if there is
// one, ax·10³ is within 10³·2⁻³⁴ of it, and the product's rounding
// adds less than 2⁻²³, so rounding the product finds it. A decimal of fewer places that reads back is that one too, with
// zeros at the end; without them it has the fewest places, as
// appendShortest's search would find. n/10³ has ax's whole part, as in
// appendShortest, and is not whole, since ax is not.
func fewPlaces(ax float64, whole int64) (places uint64, j int, ok bool) {
	n := int64(ax*1e3 + 0.5) // ax·10³ < 2⁶³: int64's conversion is one instruction, uint64's several
	if float64(n)/1e3 != ax {
		return 0, 0, false
	}
	places = uint64(n - whole*1e3)
	if places%10 != 0 {
		return places, 3, places < 1e3
	}
	if places%100 != 0 {
		return places / 10, 2, places < 1e3
	}
	return places / 100, 1, places < 1e3 && places != 0
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

// lastDigits returns the last k of the 8 digits eightDigits gives (1 ≤ k
// ≤ 8), in its lowest bytes: the 8−k before them are leading zeros.
func lastDigits(digits uint64, k int) uint64 { return digits >> ((64 - 8*uint(k)) & 63) }

// eightDigits returns the 8 digits of n < 10⁸ (leading zeros kept) as
// ASCII bytes, the first in the lowest byte, as 8 bytes stored little
// endian read. It splits n in lanes of a word, 4 digits in each 32 bits,
// then 2 in each 16 and 1 in each 8, dividing every lane at once by a
// multiply and shift that is exact for the lanes' sizes: ⌊v·10486/2²⁰⌋
// is ⌊v/100⌋ for v < 10⁴, ⌊u·103/2¹⁰⌋ is ⌊u/10⌋ for u < 100, and no
// lane's product reaches the next lane's bits that the mask keeps.
// TestEightDigits holds it to every 4-digit lane.
func eightDigits(n uint64) uint64 {
	hi := n / 1e4
	x := hi | (n-hi*1e4)<<32
	q := (x * 10486 >> 20) & 0x0000007f_0000007f
	x = q | (x-q*100)<<16
	q = (x * 103 >> 10) & 0x000f_000f_000f_000f
	x = q | (x-q*10)<<8
	return x + 0x30303030_30303030
}
