package poster

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/peakend/peakend/internal/fonts"
)

// fallbackStack follows the embedded fonts, for a viewer that does not
// read @font-face: it names fonts that cover Chinese on Linux, macOS and
// Windows, and ends in a generic family.
const fallbackStack = `'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei','WenQuanYi Micro Hei',sans-serif`

// esc escapes text for SVG character data and attribute values; a
// character XML 1.0 forbids (a control other than tab, newline and
// carriage return, U+FFFE, U+FFFF) becomes U+FFFD, so that the SVG is
// well-formed whatever the text.
func esc(s string) string { return escaper.Replace(strings.Map(xmlChar, s)) }

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\"", "&quot;", "'", "&#39;")

func xmlChar(r rune) rune {
	if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0xFFFE || r == 0xFFFF {
		return '\uFFFD'
	}
	return r
}

// num writes a coordinate with two decimals, trimmed: deterministic and
// short.
func num(x float64) string {
	s := fmt.Sprintf("%.2f", x)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	return s
}

// writeSVG writes the poster as SVG with the physical size of its paper:
// the drawing centred on a white page of that size. Its text is drawn
// from the glyph outlines it uses, defined once each, so that every
// viewer shows it alike (rsvg and Inkscape read no @font-face); over
// them lies the text itself, transparent, in the same glyphs embedded
// as TrueType @font-face data, so that a browser can select, search
// and read it out.
func (m *model) writeSVG(w io.Writer, l *layout, texts []drawnText) error {
	W, H := m.pageSize(l)
	paper, pw, ph, err := paperFor(m.opt, W, H)
	if err != nil {
		return err
	}
	sf, err := m.svgFonts(texts)
	if err != nil {
		return err
	}
	s := min(pw/W, ph/H) // millimetres a point
	vw, vh := pw/s, ph/s // the paper in points
	x0, y0 := -(vw-W)/2, -(vh-H)/2
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="%smm" height="%smm" viewBox="%s %s %s %s" data-paper="%s">`+"\n",
		num(pw), num(ph), num(x0), num(y0), num(vw), num(vh), paper)
	if title := m.b.Text(m.b.Name, m.opt.Lang); title != "" {
		fmt.Fprintf(&b, "<title>%s</title>\n", esc(title))
	}
	b.WriteString("<style>\n" + sf.style.String() + "</style>\n")
	b.WriteString("<defs>\n" + sf.defs.String() + "</defs>\n")
	fmt.Fprintf(&b, `<rect class="paper" x="%s" y="%s" width="%s" height="%s" fill="#ffffff"/>`+"\n", num(x0), num(y0), num(vw), num(vh))
	b.WriteString(`<g class="poster">` + "\n")
	m.draw(svgPainter{b: &b, fonts: m.measure.fonts, svg: sf}, l)
	b.WriteString("</g>\n</svg>\n")
	_, err = w.Write(b.Bytes())
	return err
}

// svgFonts is what an SVG carries of its faces: the style sheet, with
// an @font-face a face holding just the glyphs the poster uses and a
// class a face and weight; and each glyph's outline once, to draw from.
type svgFonts struct {
	style   strings.Builder
	defs    strings.Builder
	classes map[faceWeight]string
	glyphs  map[faceGlyph]string // the id of each outline; none for a blank glyph
}

// A faceWeight is a face drawing one weight: a class of the SVG.
type faceWeight struct {
	face *fonts.Face
	bold bool
}

// A faceGlyph is one glyph of a face.
type faceGlyph struct {
	face  *fonts.Face
	glyph uint16
}

func (m *model) svgFonts(texts []drawnText) (*svgFonts, error) {
	sf := &svgFonts{classes: map[faceWeight]string{}, glyphs: map[faceGlyph]string{}}
	used := map[*fonts.Face]map[rune]bool{}
	var faces []*fonts.Face
	var classOrder []faceWeight
	for _, t := range texts {
		for _, run := range m.measure.fonts.Runs(t.text, t.bold) {
			if used[run.Face] == nil {
				used[run.Face] = map[rune]bool{}
				faces = append(faces, run.Face)
			}
			for _, r := range run.Text {
				used[run.Face][r] = true
			}
			if fw := (faceWeight{run.Face, t.bold}); sf.classes[fw] == "" {
				sf.classes[fw] = "f" + strconv.Itoa(len(classOrder))
				classOrder = append(classOrder, fw)
			}
		}
	}
	sf.style.WriteString("svg{font-kerning:none;font-synthesis:none;font-variant-ligatures:none;text-rendering:geometricPrecision}\n")
	family := map[*fonts.Face]string{}
	for i, f := range faces {
		runes := slices.Sorted(maps.Keys(used[f]))
		family[f] = "peakend" + strconv.Itoa(i)
		rule, err := f.FontFace(family[f], "100 900", runes)
		if err != nil {
			return nil, fmt.Errorf("poster: %w", err)
		}
		sf.style.WriteString(rule)
		if err := sf.outlines(f, i, runes); err != nil {
			return nil, err
		}
	}
	for _, fw := range classOrder {
		weight := 400
		if fw.bold {
			weight = 700
		}
		fmt.Fprintf(&sf.style, ".%s{font-family:%s,%s;font-weight:%d}\n", sf.classes[fw], family[fw.face], fallbackStack, weight)
	}
	return sf, nil
}

// outlines defines each glyph of runes in face f (the i-th) once.
func (sf *svgFonts) outlines(f *fonts.Face, i int, runes []rune) error {
	for _, r := range runes {
		g := f.Glyph(r)
		if _, ok := sf.glyphs[faceGlyph{f, g}]; ok {
			continue
		}
		d, err := f.Outline(g)
		if err != nil {
			return fmt.Errorf("poster: the outline of %q: %w", r, err)
		}
		if d == "" {
			continue
		}
		id := "g" + strconv.Itoa(i) + "-" + strconv.Itoa(int(g))
		sf.glyphs[faceGlyph{f, g}] = id
		fmt.Fprintf(&sf.defs, `<path id="%s" d="%s"/>`+"\n", id, d)
	}
	return nil
}
