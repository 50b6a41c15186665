package scoring

import (
	"math"
	"strconv"
	"strings"
)

// formatNumber is AppendNumber's form, for messages.
func formatNumber(x float64) string { return string(AppendNumber(nil, x)) }

// AppendNumber appends x to b in the shortest form that reads back to
// the same float64, and NA as nothing: the one form of a number in every
// CSV peakend writes. It is the text strconv.FormatFloat(x, 'g', -1, 64)
// gives; the numbers peakend writes most take faster paths to it.
func AppendNumber(b []byte, x float64) []byte {
	// A rating of one digit, the most common number of all, inline.
	if d, ok := oneDigit(x); ok {
		return append(b, d)
	}
	return appendNumber(b, x)
}

// oneDigit returns the digit of x when x is one of 0 to 9 (but −0),
// whose text in AppendNumber's form and appendInt's is that digit: x
// has the bits of its whole part's float64, which −0 has not.
func oneDigit(x float64) (byte, bool) {
	n := uint64(int64(x)) // int64's conversion is one instruction, uint64's several
	return byte('0' + n), n < 10 && math.Float64bits(x) == digitBits[n&15]
}

// digitBits are the bits of the float64s 0 to 9, in 16 entries so that
// a masked index needs no check (n < 10 is checked first).
var digitBits = func() (bits [16]uint64) {
	for n := range 10 {
		bits[n] = math.Float64bits(float64(n))
	}
	return bits
}()

// appendNumber is AppendNumber past its one digit.
func appendNumber(b []byte, x float64) []byte {
	if IsNA(x) {
		return b
	}
	// Decimals the size of means and durations take the quickest path;
	// whole numbers, which most ratings and counts are, print as
	// integers: below 1e6 that is the text 'g' gives them (but for −0).
	if b, ok := appendShortest(b, x); ok {
		return b
	}
	if x > -1e6 && x < 1e6 {
		if n := int64(x); float64(n) == x && (n != 0 || !math.Signbit(x)) {
			return appendInt(b, n)
		}
	}
	return strconv.AppendFloat(b, x, 'g', -1, 64)
}

// appendInt is strconv.AppendInt(b, n, 10), with the one or two digits
// of a rating or a small count appended inline.
func appendInt(b []byte, n int64) []byte {
	switch {
	case uint64(n) < 10:
		return append(b, byte('0'+n))
	case uint64(n) < 100:
		return append(b, byte('0'+n/10), byte('0'+n%10))
	}
	return strconv.AppendInt(b, n, 10)
}

// AppendCSVText appends s to b as one CSV text cell, the one way every
// CSV peakend writes quotes its text:
//
//   - A text a spreadsheet would run as a formula, one that starts with
//     =, +, -, @, a tab or a carriage return, gets a single quote in
//     front ("=SUM(A1)" is written '=SUM(A1)), as OWASP recommends
//     against CSV injection. So that this can be undone, a text that
//     starts with single quotes before such a character gets one more.
//     Read removes that one quote again; numbers are never touched.
//   - The cell is quoted, with " doubled, when it holds a comma, a
//     quote or a line break, or starts with a space, as RFC 4180 allows.
func AppendCSVText(b []byte, s string) []byte {
	if formulaLike(s) {
		b = append(b, '"', '\'')
		return appendQuoted(b, s)
	}
	return AppendCSVTextVerbatim(b, s)
}

// AppendCSVTextVerbatim appends s to b as one CSV text cell as it is,
// quoted when it needs to be, for programs rather than spreadsheets.
func AppendCSVTextVerbatim(b []byte, s string) []byte {
	if !needsQuotes(s) {
		return append(b, s...)
	}
	b = append(b, '"')
	return appendQuoted(b, s)
}

// appendText appends s as AppendCSVText does, or as
// AppendCSVTextVerbatim when verbatim. A cell as it stands, quoted or
// neutralised by neither, as ids and touchpoints almost always are, it
// finds by its first byte, then 8 bytes at a time while none is below
// ',' + 1, which the bytes that need quotes all are (letters, digits,
// '-', '.' and '_' are not), then by a table look-up a byte; a text it
// refuses takes their slower path, which writes it right. The look is
// in this function, whose every call would cost what it saves.
func appendText(b []byte, verbatim bool, s string) []byte {
	if n := len(b); len(s) < 8 && cap(b)-n >= len(s) && (len(s) == 0 || plainFirst[s[0]]) {
		// A short text (a purpose, a touchpoint) is looked at and copied
		// in one loop, which costs less than a call to copy it.
		out := b[n : n+len(s)]
		i := 0
		for ; i < len(out) && plainByte[s[i]]; i++ {
			out[i] = s[i]
		}
		if i == len(s) {
			return b[:n+len(s)]
		}
	} else if len(s) == 0 || plainFirst[s[0]] {
		i := 0
		for ; len(s)-i >= 8 && !anyByteBelow(littleEndian8(s[i:i+8]), ','+1); i += 8 {
		}
		for ; i < len(s) && plainByte[s[i]]; i++ {
		}
		if i == len(s) {
			return append(b, s...)
		}
	}
	if verbatim {
		return AppendCSVTextVerbatim(b, s)
	}
	return AppendCSVText(b, s)
}

// anyByteBelow reports whether a byte of w is below n ≤ 128: a byte
// below n borrows into its top bit when n is taken from it, which a
// byte of 128 or more has set before and is masked out (Anderson's
// bit hacks, "determine if a word has a byte less than n"). It never
// misses such a byte; appendText checks a word it flags byte by byte.
func anyByteBelow(w uint64, n byte) bool {
	const ones = 0x01010101_01010101
	return (w-ones*uint64(n))&^w&(ones*0x80) != 0
}

// littleEndian8 is binary.LittleEndian.Uint64 of s's 8 bytes: one load.
func littleEndian8(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// plainByte marks the bytes that never make a cell need quotes, and
// plainFirst those a plain cell may start with: not a space or
// tab (quoted), a formula character or a single quote (neutralised).
var plainByte, plainFirst = func() (plain, first [256]bool) {
	for c := range plain {
		plain[c] = !strings.ContainsRune(",\"\n\r", rune(c))
		first[c] = plain[c] && !strings.ContainsRune(" \t=+-@'", rune(c))
	}
	return plain, first
}()

// appendQuoted appends the rest of a quoted cell after its opening ".
func appendQuoted(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

func needsQuotes(s string) bool {
	if len(s) > 0 && (s[0] == ' ' || s[0] == '\t') {
		return true
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ',', '"', '\n', '\r':
			return true
		}
	}
	return false
}

// formulaLike reports whether s, past any single quotes at its start,
// starts with a character that makes a spreadsheet read a formula.
func formulaLike(s string) bool {
	i := 0
	for i < len(s) && s[i] == '\'' {
		i++
	}
	if i == len(s) {
		return false
	}
	switch s[i] {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// unneutralise undoes AppendCSVText's quote on a text cell read back.
func unneutralise(b []byte) []byte {
	if len(b) > 1 && b[0] == '\'' && formulaLike(string(b[1:])) {
		return b[1:]
	}
	return b
}
