package scoring

import (
	"encoding/binary"
	"unicode"
	"unicode/utf8"
)

// printable reports whether every byte of b is printable ASCII (0x20 to
// 0x7e), eight bytes a load: such a line decodes to itself in every
// encoding, and checkText passes each of its fields, so that nearly
// every line of a file costs one pass instead of one per field and one
// for its encoding.
func printable(b []byte) bool {
	if len(b) < 8 {
		for _, c := range b {
			if c < 0x20 || c >= 0x7f {
				return false
			}
		}
		return true
	}
	tail := binary.LittleEndian.Uint64(b[len(b)-8:]) // overlapping the last word
	bad := outsidePrintable(tail)
	for ; len(b) >= 8; b = b[8:] {
		bad |= outsidePrintable(binary.LittleEndian.Uint64(b))
	}
	return bad == 0
}

// outsidePrintable has the top bit of a byte of x set when some byte
// of x is outside 0x20..0x7e: a byte below 0x20 borrows into its top
// bit, one above 0x7e, plus one, sets it (or had it set). Which byte
// is flagged may be wrong; that one is, never.
func outsidePrintable(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	return ((x-0x20*ones)&^x | (x + ones) | x) & highs
}

// checkText reports text that data tools would mangle or refuse: bytes
// that are not UTF-8, and control characters (C0, DEL and C1, tab and
// line breaks included), which no id, purpose or touchpoint needs and
// which break the CSV, terminals and spreadsheets they are written to.
func checkText[T string | []byte](b T) error {
	for i := 0; i < len(b); i++ {
		if c := b[i]; c < 0x20 || c >= 0x7f {
			return checkUnicode([]byte(b), i)
		}
	}
	return nil
}

// checkUnicode checks b from i, where its first byte outside printable
// ASCII is.
func checkUnicode(b []byte, i int) error {
	chars := utf8.RuneCount(b[:i])
	for i < len(b) {
		r, size := utf8.DecodeRune(b[i:])
		chars++
		switch {
		case r == utf8.RuneError && size == 1:
			return errorf(ErrText, "byte 0x%02x at character %d is not UTF-8", b[i], chars)
		case unicode.IsControl(r):
			return errorf(ErrText, "control character %U at character %d", r, chars)
		}
		i += size
	}
	return nil
}
