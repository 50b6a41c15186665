package blueprint

import (
	"strconv"
	"unicode/utf8"
)

// excerptRunes is the most of a document's text a message quotes: a
// problem in a file named by extends must not print that file.
const excerptRunes = 40

// excerpt returns s cut to excerptRunes runes, marked with … when cut.
func excerpt(s string) string {
	if utf8.RuneCountInString(s) <= excerptRunes {
		return s
	}
	n := 0
	for i := range s {
		if n == excerptRunes {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// quote quotes an excerpt of s as Go does, so that a message shows
// white space and control characters.
func quote(s string) string {
	return strconv.Quote(excerpt(s))
}

// forbiddenChar finds the first character of s that XML 1.0 does not
// allow: C0 controls other than tab, line feed and carriage return, and
// U+FFFE and U+FFFF. (Lone surrogates cannot occur in valid UTF-8.) It
// returns the character and its byte offset.
func forbiddenChar(s string) (rune, int, bool) {
	for i, r := range s {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0xFFFE || r == 0xFFFF {
			return r, i, true
		}
	}
	return 0, 0, false
}
