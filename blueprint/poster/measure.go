package poster

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/width"
)

// A measurer gives the width of text in points at a font size.
//
// Graphviz's own estimate is wrong for Chinese (about 0.75 em a
// character where CJK glyphs are 1 em) and narrow for Latin, so posters
// size their boxes from this instead: full-width characters are 1 em,
// as in every CJK font, and others take the advance of Go's own sans
// serif, which is a little wider than the fonts of the SVG font stack,
// so that a label measured here fits when a viewer draws it.
type measurer struct {
	font  *sfnt.Font
	mu    sync.Mutex
	buf   sfnt.Buffer
	ascii [128]float64 // advances of ASCII in em, measured once
}

// The measurers of regular and bold text.
var (
	defaultMeasurer = sync.OnceValue(func() *measurer { return newMeasurer(goregular.TTF) })
	boldMeasurer    = sync.OnceValue(func() *measurer { return newMeasurer(gobold.TTF) })
)

func newMeasurer(ttf []byte) *measurer {
	f, err := sfnt.Parse(ttf)
	if err != nil {
		panic("poster: an embedded Go font does not parse: " + err.Error())
	}
	m := &measurer{font: f}
	for r := rune(32); r < 128; r++ {
		m.ascii[r] = m.advance(r)
	}
	return m
}

// measurerFor returns the measurer of a line's face.
func measurerFor(bold bool) *measurer {
	if bold {
		return boldMeasurer()
	}
	return defaultMeasurer()
}

// advance is the advance of r in em.
func (m *measurer) advance(r rune) float64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	upem := m.font.UnitsPerEm()
	idx, err := m.font.GlyphIndex(&m.buf, r)
	if err != nil || idx == 0 {
		return 0.6 // a rune the font lacks: an average Latin width
	}
	adv, err := m.font.GlyphAdvance(&m.buf, idx, fixed.I(int(upem)), font.HintingNone)
	if err != nil {
		return 0.6
	}
	return float64(adv) / 64 / float64(upem)
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

// width is the width of s in points at size.
func (m *measurer) width(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case wide(r):
			w += 1
		case r < 128 && r >= 32:
			w += m.ascii[r]
		default:
			w += m.advance(r)
		}
	}
	return w * size
}

// wrap breaks s into lines no wider than max points at size: between
// words, and between any two CJK characters, which need no space.
func (m *measurer) wrap(s string, size, max float64) []string {
	s = strings.Join(strings.Fields(s), " ") // newlines and runs of space become one space
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
		w := m.width(tok, size)
		if lineW+w > max && lineW > 0 {
			flush()
			if tok == " " {
				continue
			}
		}
		if w > max { // one word wider than a line: break it by characters
			for _, r := range tok {
				rw := m.width(string(r), size)
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

// tokens splits s into words, spaces and single wide characters.
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
	return out
}
