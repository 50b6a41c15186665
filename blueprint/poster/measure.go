package poster

import (
	"strings"
	"unicode"

	"github.com/peakend/peakend/internal/fonts"
	"golang.org/x/text/width"
)

// A measurer gives the width of text in points, in the faces that draw
// it: the poster sizes every box from this, not from Graphviz's
// estimate, which is wrong for Chinese (about 0.75 em a character where
// CJK glyphs are 1 em) and narrow for Latin.
type measurer struct {
	fonts *fonts.Set
}

// width is the width of s in points at size.
func (m measurer) width(s string, size float64, bold bool) float64 {
	return m.fonts.Width(s, bold) * size
}

// wide reports whether r is drawn one em wide: CJK and other
// full-width characters, the symbols posters use as badges, and the
// "ambiguous" ones such as ≥, · and ×, which CJK fonts draw full width.
func wide(r rune) bool {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth, width.EastAsianAmbiguous:
		return true
	}
	return unicode.Is(unicode.So, r)
}

// wrap breaks s into lines no wider than max points at size: between
// words, and between any two CJK characters, which need no space.
func (m measurer) wrap(s string, size, max float64, bold bool) []string {
	s = strings.Join(strings.FieldsFunc(s, breakingSpace), " ") // newlines and runs of space become one space; a no-break space stays
	var lines []string
	var line strings.Builder
	lineW := 0.0
	flush := func() {
		if t := strings.TrimSpace(line.String()); t != "" {
			lines = append(lines, t)
		}
		line.Reset()
		lineW = 0
	}
	for _, tok := range tokens(s) {
		w := m.width(tok, size, bold)
		if lineW+w > max && lineW > 0 {
			flush()
			if tok == " " {
				continue
			}
		}
		if w > max { // one word wider than a line: break it by characters
			for _, r := range tok {
				rw := m.width(string(r), size, bold)
				if lineW+rw > max && lineW > 0 {
					flush()
				}
				line.WriteRune(r)
				lineW += rw
			}
			continue
		}
		line.WriteString(tok)
		lineW += w
	}
	flush()
	if len(lines) == 0 {
		lines = []string{""}
	}
	return lines
}

// breakingSpace reports whether r is white space a line may break at:
// any but the no-break spaces.
func breakingSpace(r rune) bool {
	return unicode.IsSpace(r) && r != '\u00a0' && r != '\u202f' && r != '\u2007'
}

// nbsp joins a number to its label ("基准\u00a03.5", "≤\u00a05\u00a0min"):
// a line never breaks at it.
const nbsp = "\u00a0"

// tokens splits s into words, spaces and single wide characters: the
// places a line may break. A token joined by a no-break space to the one
// before it is one token with it, and with the wide characters before
// that (a Chinese label and its number stay together).
func tokens(s string) []string {
	var out []string
	var word strings.Builder
	emit := func() {
		if word.Len() > 0 {
			out = append(out, word.String())
			word.Reset()
		}
	}
	for _, r := range s {
		switch {
		case r == ' ':
			emit()
			out = append(out, " ")
		case wide(r):
			emit()
			out = append(out, string(r))
		default:
			word.WriteRune(r)
		}
	}
	emit()
	return glue(out)
}

// unitRunes is how many wide characters after a number bound by a
// no-break space stay with it: a Chinese unit ("3.5 分钟", "5 个渠道")
// is a word that must not break, though wide characters elsewhere may.
const unitRunes = 3

// glue joins the tokens a no-break space binds.
func glue(toks []string) []string {
	var out []string
	unit := 0 // wide characters still joined to the number before them
	for _, tok := range toks {
		n := len(out)
		switch {
		case n > 0 && tok != " " && strings.HasSuffix(out[n-1], nbsp):
			out[n-1] += tok
			unit = 0
			if isWideToken(tok) {
				unit = unitRunes - 1
			}
		case n > 0 && unit > 0 && isWideToken(tok):
			out[n-1] += tok
			unit--
		case n > 0 && strings.HasPrefix(tok, nbsp) && out[n-1] != " ":
			k := n - 1
			for k > 0 && isWideToken(out[k]) && isWideToken(out[k-1]) {
				k--
			}
			out = append(out[:k], strings.Join(out[k:], "")+tok)
			unit = 0
		default:
			out = append(out, tok)
			unit = 0
		}
	}
	return out
}

// isWideToken reports whether tok is made of wide characters only.
func isWideToken(tok string) bool {
	for _, r := range tok {
		if !wide(r) {
			return false
		}
	}
	return tok != ""
}
