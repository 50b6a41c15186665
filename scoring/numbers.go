package scoring

import (
	"encoding/binary"
	"errors"
	"math"
	"strconv"
	"strings"
	"time"
)

// Numbers are read as pandas and R read a CSV column of numbers, and no
// other way: an optional sign, decimal digits with at most one point
// (".5" and "5." included), an optional exponent such as e-3, and
// spaces around. Hexadecimal floats (0x1p1), digit separators (1_000),
// and Inf, NaN and their spellings are refused, as is a number too large
// for a float64. An empty cell is a missing number (NA) where one is
// allowed.

// parseNumber parses a decimal number. Short decimals such as 4, 300
// or 1635.6, which ratings, seconds and durations mostly are, take a
// fast path that gives exactly strconv.ParseFloat's result: a mantissa
// of at most 15 digits is exact in a float64, as is a power of ten up
// to 10^15, and one division of exact values is correctly rounded.
// The fastest, parseWord, reads nearly every number; any other cell is
// parseOtherNumber's.
func parseNumber(b []byte) (float64, error) {
	return wordOr(b, parseWord, parseOtherNumber)
}

// wordOr returns word's number for b, or, where word does not read b
// (says so with any error), other's answer. It takes the two as
// parameters only so that it, and parseNumber through it, inline: Go's
// inliner charges a call of a parameter less than a third of a call of
// a function, and two calls of functions would be over its budget. So
// csvRow calls parseWord, which calls nothing and so needs no frame,
// itself: through a func value, two instructions more than a direct
// call, where parseNumber's frame cost eight, and TestNumbersInline
// holds that it still does. timeOr is wordOr for parseTime.
func wordOr(b []byte, word func([]byte) (float64, error), other func([]byte) (float64, error)) (float64, error) {
	if x, err := word(b); err == nil {
		return x, err // err, not nil: its registers are nil already
	}
	return other(b)
}

// parseWord reads a one-digit cell, a rating, as it is, and a cell of 2
// to 8 bytes, digits with at most one point, as one word, as it is the
// cost of nearly every number; errNotWord leaves the cell to the slower
// paths. The word holds the cell's digit values with its last byte
// highest and zeros (leading zeros) below; the bytes that are no digit
// are flagged all at once; the point is checked and made a zero byte,
// and the digits before it moved up over it; and the eight values are
// summed by place in three multiplications, then divided as
// parseShortDecimal divides. Its value is below 10^8.
func parseWord(b []byte) (float64, error) {
	if n := len(b); n >= 2 && n <= 8 {
		v := digitWord(b)
		// A byte's flag is set unless it is 0 to 9: a digit carries
		// nothing into the next byte, so the lowest flag is exact.
		others := ((v + sixes) | v) & nibble
		if others == 0 {
			return float64(int64(digitsValue(v))), nil
		}
		// The lowest byte that is no digit must be the point, 0x1e: xor
		// that makes it 0, and then every byte must be a digit and that
		// one 0, the one value that adding 15 (9 more than the others'
		// 6) does not flag.
		unit := (others & -others) >> 4 // 1 in the point's byte
		v ^= 0x1e * unit
		if ((v+sixes+9*unit)|v)&nibble != 0 {
			return 0, errNotWord
		}
		// The digits before the point move up over its 0, adding 0xff
		// times them, within digitsValue's first multiplication.
		v = (v*pairs + (v&(unit-1))*(0xff*pairs)) >> 8
		return float64(int64(pairsValue(v))) / pow10[unit*fractionDigits>>61], nil
	} else if n == 1 && b[0]-'0' <= 9 {
		return float64(b[0] - '0'), nil
	}
	return 0, errNotWord
}

// errNotWord is parseWord's answer for a cell it does not read: a
// value of its own, so that parseWord makes none and calls nothing.
var errNotWord = errors.New("not a word")

// parseOtherNumber is parseNumber for a cell parseWord does not read.
func parseOtherNumber(b []byte) (float64, error) {
	if x, ok := parseShortDecimal(b); ok {
		return x, nil
	}
	return parseLongNumber(b)
}

// What flags a byte of a word that is no digit (see parseWord).
const (
	sixes  = 0x06 * ones
	nibble = 0xf0 * ones
)

// fractionDigits times the point's unit 1<<8i, the point in byte i of
// 8, has the number of digits after it, 7-i, in its top three bits:
// each i puts a field of its own there.
const fractionDigits = 7<<61 | 6<<53 | 5<<45 | 4<<37 | 3<<29 | 2<<21 | 1<<13

// digitWord returns the 2 to 8 bytes of b, each xor '0' (a digit's
// value), as a little-endian word with the last byte highest and zeros
// below the first: two loads that overlap, of the first bytes and of the last,
// each moved to its place, so that no byte past the cell is read (its
// capacity ends with it); the bytes they share are the same in both.
func digitWord(b []byte) uint64 {
	n := uint(len(b))
	s := (64 - 8*n) & 63 // the first byte's place, 8 bits for each byte short of 8
	// The short cells first, so that the longer, most, need no jump
	// past them.
	if n < 4 {
		return uint64(binary.LittleEndian.Uint16(b)^0x3030)<<s | uint64(b[n-1]^0x30)<<56
	}
	return uint64(binary.LittleEndian.Uint32(b)^0x30303030)<<s | uint64(binary.LittleEndian.Uint32(b[n-4:])^0x30303030)<<32
}

// digitsValue returns the number the eight digit values of v spell, the
// first in its lowest byte: in each multiplication a lane takes ten,
// a hundred, then ten thousand times the lane below it and adds its
// own, none overflowing, so that the pairs, fours and then all eight are
// summed in the upper half of each pair of lanes.
func digitsValue(v uint64) uint64 {
	return pairsValue(v * pairs >> 8)
}

// pairs is digitsValue's first multiplier; pairsValue is the rest of
// digitsValue, for parseWord, which does the first otherwise.
const pairs = 10<<8 + 1

func pairsValue(v uint64) uint64 {
	v = (v & 0x00ff00ff00ff00ff) * (100<<16 + 1) >> 16
	return (v & 0x0000ffff0000ffff) * (10000<<32 + 1) >> 32
}

// parseLongNumber parses a number that is not a short decimal, or
// says why it is none.
func parseLongNumber(b []byte) (float64, error) {
	s := strings.Trim(string(b), " \t")
	if s == "" {
		return 0, errorf(ErrNotNumber, "empty; a number is required")
	}
	x, err := strconv.ParseFloat(s, 64)
	switch {
	case !isDecimal(s) && err == nil && finite(x):
		return 0, errorf(ErrNotNumber, "%q is not a decimal number (hexadecimal, digit separators, Inf and NaN are not read)", b)
	case !isDecimal(s) && err == nil:
		return 0, errorf(ErrNotFinite, "%q: not a finite number", b)
	case err != nil && isDecimal(s):
		return 0, errorf(ErrNotFinite, "%q is too large for a number", b)
	case err != nil:
		return 0, errorf(ErrNotNumber, "%q is not a number", b)
	}
	return x, nil
}

// isDecimal reports whether s is a decimal number: [+-] digits [.
// digits] [e [+-] digits], with a digit before or after the point.
func isDecimal(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for ; i < len(s) && isDigit(s[i]); i++ {
		digits++
	}
	if i < len(s) && s[i] == '.' {
		for i++; i < len(s) && isDigit(s[i]); i++ {
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for ; i < len(s) && isDigit(s[i]); i++ {
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// parseShortDecimal parses [+-] digits [. digits] of 1 to 15 digits in
// all, false for anything else: the digits before the point, then
// those after, each in a loop of its own, and a division only when
// there are digits after the point.
func parseShortDecimal(b []byte) (float64, bool) {
	n := len(b)
	if n == 0 || n > 16 {
		return 0, false
	}
	i, neg := 0, false
	if c := b[0]; c == '-' || c == '+' {
		i, neg = 1, c == '-'
	}
	var mant uint64
	j := i
	for ; j < n; j++ {
		d := b[j] - '0'
		if d > 9 {
			break
		}
		mant = mant*10 + uint64(d)
	}
	digits, frac := j-i, 0
	if j < n {
		if b[j] != '.' {
			return 0, false
		}
		j++
		for k := j; k < n; k++ {
			d := b[k] - '0'
			if d > 9 {
				return 0, false
			}
			mant = mant*10 + uint64(d)
		}
		frac = n - j
		digits += frac
	}
	if digits == 0 || digits > 15 {
		return 0, false
	}
	x := float64(mant)
	if frac > 0 {
		x /= pow10[frac]
	}
	if neg {
		x = -x
	}
	return x, true
}

// The kinds of start time a visit's moments may have; one visit keeps
// to one kind.
const (
	untimed   = -1
	seconds   = 1 // seconds from the visit's start
	clockTime = 2 // RFC 3339, as seconds since the Unix epoch
	localTime = 3 // a date and time without a zone, in Options.Location
	timeOfDay = 4 // a time of day, as seconds since midnight
)

// Times are RFC 3339 times in the years MinYear to MaxYear, or seconds
// of at most MaxSeconds either way (about 317 years, so also seconds
// since the Unix epoch); durations are at most MaxSeconds. Past these no
// visit is meant, and features would lose their precision.
const (
	MinYear    = 1900
	MaxYear    = 2200
	MaxSeconds = 1e10
)

// parseTime parses a start time: seconds, an RFC 3339 time, taken as
// seconds since the Unix epoch (features use only differences), or a
// clock time (see parseClock). A number parseWord reads is below
// 10^8, so within MaxSeconds.
func parseTime(b []byte, loc *time.Location) (float64, int, error) {
	return timeOr(b, loc, parseWord, parseOtherTime)
}

// timeOr is wordOr for parseTime; its form, with named results, is the
// one of the few tried that is within the inliner's budget.
func timeOr(b []byte, loc *time.Location, word func([]byte) (float64, error), other func([]byte, *time.Location) (float64, int, error)) (x float64, kind int, err error) {
	x, err = word(b)
	if kind = seconds; err != nil {
		x, kind, err = other(b, loc)
	}
	return
}

// parseOtherTime is parseTime for a cell parseWord does not read.
func parseOtherTime(b []byte, loc *time.Location) (float64, int, error) {
	x, err := parseOtherNumber(b)
	if err == nil && math.Abs(x) <= MaxSeconds {
		return x, seconds, nil
	}
	if err == nil {
		return 0, 0, errorf(ErrOutOfRange, "%s seconds is more than %g either way", formatNumber(x), float64(MaxSeconds))
	}
	return parseTimeText(b, loc, err)
}

// parseTimeText is parseTime for a cell that is no number: a decimal
// too large, whose error numberErr is, or a time written otherwise.
func parseTimeText(b []byte, loc *time.Location, numberErr error) (float64, int, error) {
	if isDecimal(strings.Trim(string(b), " \t")) {
		return 0, 0, numberErr
	}
	s := strings.Trim(string(b), " \t")
	t, terr := time.Parse(time.RFC3339Nano, s)
	if terr != nil {
		x, kind, ok, err := parseClock(s, loc)
		if !ok {
			return 0, 0, errorf(ErrTime, "%q is not a time; write seconds, a time of day such as 09:02, a date with a time such as 2024-05-01 09:02, or an RFC 3339 time such as 2026-11-23T09:30:00+08:00", b)
		}
		return x, kind, err
	}
	switch {
	case t.Year() < MinYear || t.Year() > MaxYear:
		return 0, 0, errorf(ErrOutOfRange, "%q is outside the years %d to %d", b, MinYear, MaxYear)
	}
	return float64(t.Unix()) + float64(t.Nanosecond())/1e9, clockTime, nil
}

// checkRating, checkRecommend and checkDuration are small enough to
// inline, as they are asked of every row; their messages are built
// apart.
func checkRating(s Scale, x float64) error {
	if s.Contains(x) {
		return nil
	}
	return outOfScale(s, x)
}

func outOfScale(s Scale, x float64) error {
	return errorf(ErrOutOfScale, "%s is outside the scale %g..%g", formatNumber(x), s.Min, s.Max)
}

func checkRecommend(x float64) error {
	if x < 0 || x > 10 {
		return errorf(ErrOutOfRange, "%s is outside 0..10", formatNumber(x))
	}
	return nil
}

func checkDuration(x float64) error {
	// A duration from 0 to MaxSeconds has no more bits than it: one
	// comparison for nearly every duration.
	if math.Float64bits(x) > math.Float64bits(MaxSeconds) {
		return durationError(x)
	}
	return nil
}

// durationError is checkDuration for the rest: an error for x < 0 or
// x > MaxSeconds, none for -0 (and NaN, which no number read is).
func durationError(x float64) error {
	if x >= 0 && x <= MaxSeconds || x != x {
		return nil
	}
	if x < 0 {
		return errorf(ErrOutOfRange, "%s is negative", formatNumber(x))
	}
	return errorf(ErrOutOfRange, "%s seconds is more than %g", formatNumber(x), float64(MaxSeconds))
}
