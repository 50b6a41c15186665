package poster

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/peakend/peakend/blueprint/poster/internal/paint"
	"github.com/peakend/peakend/internal/fonts"
)

// A painter draws the poster's primitives, in points, y growing down:
// the SVG painter writes elements, and the PDF and PNG packages paint
// with tdewolff/canvas. The poster is drawn once, in draw.go, through
// this interface, which lives in internal/paint so that those packages
// can implement it.
type painter = paint.Painter

// svgPainter writes SVG elements.
type svgPainter struct {
	b     *bytes.Buffer
	fonts *fonts.Set
	svg   *svgFonts
}

func svgData(class string, data map[string]string) string {
	var s strings.Builder
	if class != "" {
		fmt.Fprintf(&s, ` class="%s"`, esc(class))
	}
	for _, k := range []string{"lane", "line", "touchpoint"} { // fixed order: deterministic output
		if v, ok := data[k]; ok {
			fmt.Fprintf(&s, ` data-%s="%s"`, k, esc(v))
		}
	}
	return s.String()
}

func (p svgPainter) Begin(class string, data map[string]string, opacity float64) {
	op := ""
	if opacity < 1 {
		op = fmt.Sprintf(` opacity="%s"`, num(opacity))
	}
	fmt.Fprintf(p.b, "<g%s%s>\n", svgData(class, data), op)
}

func (p svgPainter) End() { p.b.WriteString("</g>\n") }

func (p svgPainter) Rect(x, y, w, h, rx float64, fill, stroke string, strokeWidth float64, class string, data map[string]string) {
	fmt.Fprintf(p.b, `<rect%s x="%s" y="%s" width="%s" height="%s"`, svgData(class, data), num(x), num(y), num(w), num(h))
	if rx > 0 {
		fmt.Fprintf(p.b, ` rx="%s"`, num(rx))
	}
	fmt.Fprintf(p.b, ` fill="%s"`, fill)
	if stroke != "" {
		fmt.Fprintf(p.b, ` stroke="%s" stroke-width="%s"`, stroke, num(strokeWidth))
	}
	p.b.WriteString("/>\n")
}

func (p svgPainter) Line(x1, y1, x2, y2 float64, stroke string, width float64, dashed bool, class string, data map[string]string) {
	dash := ""
	if dashed {
		dash = fmt.Sprintf(` stroke-dasharray="%s %s"`, num(width*5), num(width*3))
	}
	fmt.Fprintf(p.b, `<line%s x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="%s"%s/>`+"\n",
		svgData(class, data), num(x1), num(y1), num(x2), num(y2), stroke, num(width), dash)
}

func (p svgPainter) Triangle(a, b, c [2]float64, fill string) {
	fmt.Fprintf(p.b, `<path class="arrow" d="M%s %sL%s %sL%s %sZ" fill="%s"/>`+"\n",
		num(a[0]), num(a[1]), num(b[0]), num(b[1]), num(c[0]), num(c[1]), fill)
}

// text draws s from glyph outlines in runs of one face, starting where
// the poster's measure puts it (a centred text half its measured width
// to the left, so that no viewer's own measure moves it), then writes
// it as text over them, transparent: see writeSVG.
func (p svgPainter) Text(x, y, size float64, fill string, bold, centred bool, s string, class string) {
	if centred {
		x -= p.fonts.Width(s, bold) * size / 2
	}
	runs := p.fonts.Runs(s, bold)
	fmt.Fprintf(p.b, `<g class="glyphs" fill="%s" aria-hidden="true">`, fill)
	at := x
	for _, run := range runs {
		scale := strconv.FormatFloat(size/float64(run.Face.UnitsPerEm()), 'g', 6, 64)
		fmt.Fprintf(p.b, `<g transform="translate(%s %s) scale(%s)">`, num(at), num(y), scale)
		u := 0
		for _, r := range run.Text {
			g := run.Face.Glyph(r)
			if id, ok := p.svg.glyphs[faceGlyph{run.Face, g}]; ok {
				if u == 0 {
					fmt.Fprintf(p.b, `<use xlink:href="#%s"/>`, id)
				} else {
					fmt.Fprintf(p.b, `<use xlink:href="#%s" x="%d"/>`, id, u)
				}
			}
			u += run.Face.Advance(g)
		}
		p.b.WriteString("</g>")
		at += run.Face.Width(run.Text) * size
	}
	p.b.WriteString("</g>\n")
	open := fmt.Sprintf(`<text%%s x="%s" y="%s" font-size="%s" fill="%s" fill-opacity="0"`, num(x), num(y), num(size), fill)
	if len(runs) == 1 {
		fmt.Fprintf(p.b, open+">%s</text>\n", svgData(strings.TrimSpace(class+" "+p.svg.classes[faceWeight{runs[0].Face, bold}]), nil), esc(s))
		return
	}
	fmt.Fprintf(p.b, open+` xml:space="preserve">`, svgData(class, nil))
	for _, run := range runs {
		fmt.Fprintf(p.b, `<tspan class="%s">%s</tspan>`, p.svg.classes[faceWeight{run.Face, bold}], esc(run.Text))
	}
	p.b.WriteString("</text>\n")
}
