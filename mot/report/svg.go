package report

import (
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/peakend/peakend/internal/fonts"
)

// esc escapes text for HTML and inline SVG, text or attribute: markup in
// names shows as text and never becomes an element. A control character
// (other than tab and newline) becomes U+FFFD, so that the SVG stays
// well-formed XML too.
func esc(s string) string {
	return html.EscapeString(strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\t' && r != '\n') || r == 0x7F || r == 0xFFFE || r == 0xFFFF {
			return '\uFFFD'
		}
		return r
	}, s))
}

// num writes a coordinate with one decimal, trimmed: short and
// deterministic.
func num(x float64) string {
	s := strconv.FormatFloat(x, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		s = "0"
	}
	return s
}

// A chart is one SVG figure being drawn: a viewBox of w by h units, in
// which text sizes are units too. Its title is drawn at the top and
// given as the SVG's <title>, so that a screen reader and the browser
// test find it.
type chart struct {
	b     strings.Builder
	w, h  float64
	fonts *fonts.Set
}

// textSize is the chart's body text size, in viewBox units.
const textSize = 13

func newChart(set *fonts.Set, class, title string, w, h float64) *chart {
	c := &chart{w: w, h: h, fonts: set}
	fmt.Fprintf(&c.b, `<svg class="chart %s" viewBox="0 0 %s %s" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg">`, class, num(w), num(h), esc(title))
	fmt.Fprintf(&c.b, "<title>%s</title>", esc(title))
	c.text(8, 22, title, "start", "title")
	return c
}

// patterns fill bars and bands with hatching, so that a black-and-white
// print tells them apart without colour. The page defines them once, for
// every chart.
const patterns = `<svg class="patterns" width="0" height="0" aria-hidden="true" xmlns="http://www.w3.org/2000/svg"><defs>` +
	`<pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#555" stroke-width="2"/></pattern>` +
	`<pattern id="dots" width="5" height="5" patternUnits="userSpaceOnUse"><rect width="5" height="5" fill="#fff"/><circle cx="2.5" cy="2.5" r="1.3" fill="#333"/></pattern>` +
	`<pattern id="band" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)"><rect width="8" height="8" fill="#dce6f2"/><line x1="0" y1="0" x2="0" y2="8" stroke="#9fb3cc" stroke-width="1.5"/></pattern>` +
	`</defs></svg>`

// width is the width of s at size, in units.
func (c *chart) width(s string, size float64, bold bool) float64 {
	return c.fonts.Width(s, bold) * size
}

// text draws s; class is one of the style sheet's chart text classes
// (title, axis, label, value, small, or empty for the body).
func (c *chart) text(x, y float64, s, anchor, class string) {
	fmt.Fprintf(&c.b, `<text x="%s" y="%s" text-anchor="%s"`, num(x), num(y), anchor)
	if class != "" {
		fmt.Fprintf(&c.b, ` class="%s"`, class)
	}
	fmt.Fprintf(&c.b, ">%s</text>", esc(s))
}

// fittedText draws s, cut with an ellipsis to fit width; the whole text
// is its tooltip.
func (c *chart) fittedText(x, y, width float64, s, anchor, class string) {
	if c.width(s, textSize, false) <= width {
		c.text(x, y, s, anchor, class)
		return
	}
	runes := []rune(s)
	for len(runes) > 1 && c.width(string(runes)+"…", textSize, false) > width {
		runes = runes[:len(runes)-1]
	}
	fmt.Fprintf(&c.b, `<text x="%s" y="%s" text-anchor="%s" class="%s"><title>%s</title>%s…</text>`, num(x), num(y), anchor, class, esc(s), esc(string(runes)))
}

// rotatedText draws s turned by deg degrees about its anchor at x, y.
func (c *chart) rotatedText(x, y, deg float64, s, anchor, class string) {
	fmt.Fprintf(&c.b, `<text x="%s" y="%s" text-anchor="%s" class="%s" transform="rotate(%s %s %s)">%s</text>`,
		num(x), num(y), anchor, class, num(deg), num(x), num(y), esc(s))
}

func (c *chart) line(x1, y1, x2, y2 float64, style string) {
	fmt.Fprintf(&c.b, `<line x1="%s" y1="%s" x2="%s" y2="%s" %s/>`, num(x1), num(y1), num(x2), num(y2), style)
}

func (c *chart) rect(x, y, w, h float64, style string) {
	if w < 0 {
		x, w = x+w, -w
	}
	if h < 0 {
		y, h = y+h, -h
	}
	fmt.Fprintf(&c.b, `<rect x="%s" y="%s" width="%s" height="%s" %s/>`, num(x), num(y), num(w), num(h), style)
}

// path draws the points joined, closed when close is set.
func (c *chart) path(pts [][2]float64, close bool, style string) {
	if len(pts) == 0 {
		return
	}
	var d strings.Builder
	for i, p := range pts {
		if i == 0 {
			d.WriteByte('M')
		} else {
			d.WriteByte('L')
		}
		d.WriteString(num(p[0]) + " " + num(p[1]))
	}
	if close {
		d.WriteByte('Z')
	}
	fmt.Fprintf(&c.b, `<path d="%s" %s/>`, d.String(), style)
}

// marker draws a mark of a kind, so that series differ in shape as well
// as colour: circle, square, diamond or triangle.
func (c *chart) marker(kind string, x, y, r float64, style string) {
	switch kind {
	case "square":
		c.rect(x-r, y-r, 2*r, 2*r, style)
	case "diamond":
		c.path([][2]float64{{x, y - r*1.3}, {x + r*1.3, y}, {x, y + r*1.3}, {x - r*1.3, y}}, true, style)
	case "triangle":
		c.path([][2]float64{{x, y - r*1.2}, {x + r*1.1, y + r*0.8}, {x - r*1.1, y + r*0.8}}, true, style)
	default:
		fmt.Fprintf(&c.b, `<circle cx="%s" cy="%s" r="%s" %s/>`, num(x), num(y), num(r), style)
	}
}

// axisLabel draws an axis's label: every chart's axes are labelled, and
// the browser test looks for the class.
func (c *chart) axisLabel(x, y float64, s string, vertical bool) {
	if vertical {
		c.rotatedText(x, y, -90, s, "middle", "axis-label")
		return
	}
	c.text(x, y, s, "middle", "axis-label")
}

func (c *chart) String() string { return c.b.String() + "</svg>" }
