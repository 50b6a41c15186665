package scoring

import (
	"unicode"
	"unicode/utf8"
)

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
