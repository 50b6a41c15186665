package poster

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/peakend/peakend/blueprint"
)

// fontStack covers Chinese on Linux, macOS and Windows, and ends in a
// generic family.
const fontStack = `'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Hiragino Sans GB','Microsoft YaHei','SimHei','WenQuanYi Micro Hei','Noto Sans',Arial,sans-serif`

const (
	margin  = 36.0
	titleH  = 78.0
	legendH = 64.0
)

// esc escapes text for SVG character data and attribute values.
var esc = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\"", "&quot;", "'", "&#39;").Replace

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

var lineColor = map[style]string{
	styleName: "#111111", stylePeak: "#b03a2e", styleEnd: "#c0581e", styleWait: "#1f5f99",
	styleFail: "#8e1b10", styleStandard: "#2d5a27", styleOwner: "#666666",
}

// writeSVG draws the poster from its layout.
func (m *model) writeSVG(w io.Writer, l *layout, grid [][]string) error {
	W := l.w + 2*margin
	H := titleH + l.h + legendH + 2*margin
	paper, pw, ph, err := paperFor(m.opt, W, H)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n")
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%smm" height="%smm" viewBox="0 0 %s %s" font-family="%s" data-paper="%s">`+"\n",
		num(pw), num(ph), num(W), num(H), esc(fontStack), paper)
	fmt.Fprintf(&b, `<rect width="%s" height="%s" fill="#ffffff"/>`+"\n", num(W), num(H))
	m.writeTitle(&b, W)
	fmt.Fprintf(&b, `<g transform="translate(%s %s)">`+"\n", num(margin), num(margin+titleH))
	rowTop, rowBottom := m.rowExtents(l, grid)
	m.writeLanes(&b, l, grid, rowTop, rowBottom)
	m.writeEdges(&b, l)
	m.writeBoxes(&b, l, grid)
	b.WriteString("</g>\n")
	m.writeLegend(&b, margin+titleH+l.h+legendH/2+8) // below the lowest band, which reaches 6 pt past its row
	b.WriteString("</svg>\n")
	_, err = w.Write(b.Bytes())
	return err
}

func (m *model) writeTitle(b *bytes.Buffer, W float64) {
	name := nameOr(m.b.Text(m.b.Name, m.opt.Lang), m.words.title)
	fmt.Fprintf(b, `<text class="title" x="%s" y="%s" font-size="30" font-weight="bold" fill="#111">%s</text>`+"\n", num(margin), num(margin+30), esc(name))
	sub := []string{m.words.title, fmt.Sprintf(m.words.counts, len(m.b.Stages), len(m.b.Touchpoints), len(m.b.Journeys))}
	if m.journey != nil {
		sub = append(sub, "▶ "+nameOr(m.b.Text(m.journey.Name, m.opt.Lang), m.journey.ID))
	}
	if m.opt.Date != "" {
		sub = append(sub, m.opt.Date)
	}
	fmt.Fprintf(b, `<text x="%s" y="%s" font-size="14" fill="#555">%s</text>`+"\n", num(margin), num(margin+56), esc(strings.Join(sub, " · ")))
	fmt.Fprintf(b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#333" stroke-width="2"/>`+"\n", num(margin), num(margin+titleH-8), num(W-margin), num(margin+titleH-8))
}

// rowExtents returns the top and bottom of each row, from its nodes.
func (m *model) rowExtents(l *layout, grid [][]string) (top, bottom []float64) {
	top, bottom = make([]float64, len(grid)), make([]float64, len(grid))
	for ri, names := range grid {
		top[ri], bottom[ri] = math.Inf(1), math.Inf(-1)
		for _, n := range names {
			p, ok := l.nodes[n]
			if !ok {
				continue
			}
			top[ri] = math.Min(top[ri], p.y-p.h/2)
			bottom[ri] = math.Max(bottom[ri], p.y+p.h/2)
		}
	}
	return top, bottom
}

// writeLanes draws a band for each lane, its title, the three lines and
// the stage headers.
func (m *model) writeLanes(b *bytes.Buffer, l *layout, grid [][]string, top, bottom []float64) {
	for ri := 0; ri < len(m.rows); ri++ {
		r := m.rows[ri]
		switch r.kind {
		case rowLane:
			if r.slot != 0 {
				continue
			}
			last := ri
			for last+1 < len(m.rows) && m.rows[last+1].kind == rowLane && m.rows[last+1].lane == r.lane {
				last++
			}
			y0, y1 := top[ri]-6, bottom[last]+6
			fmt.Fprintf(b, `<rect class="lane" data-lane="%s" x="0" y="%s" width="%s" height="%s" fill="%s" opacity="0.6"/>`+"\n",
				r.lane, num(y0), num(l.w), num(y1-y0), laneFill[r.lane])
			fmt.Fprintf(b, `<text x="8" y="%s" font-size="%d" font-weight="bold" fill="#333">%s</text>`+"\n",
				num((y0+y1)/2+headerSize/3), headerSize, esc(m.words.lanes[r.lane]))
		case rowLine:
			y := (top[ri] + bottom[ri]) / 2
			fmt.Fprintf(b, `<line class="line" data-line="%s" x1="0" y1="%s" x2="%s" y2="%s" stroke="#b03a2e" stroke-width="2" stroke-dasharray="10 6"/>`+"\n",
				r.line.Name, num(y), num(l.w), num(y))
			fmt.Fprintf(b, `<text x="8" y="%s" font-size="12" fill="#b03a2e">%s</text>`+"\n", num(y-5), esc(m.words.lineNames[r.line.Name]))
		case rowHeader:
			for c, title := range m.stages {
				p := l.nodes[grid[ri][c+1]]
				fmt.Fprintf(b, `<rect class="stage" x="%s" y="%s" width="%s" height="%s" rx="4" fill="#333333"/>`+"\n", num(p.x-p.w/2), num(p.y-p.h/2), num(p.w), num(p.h))
				fmt.Fprintf(b, `<text x="%s" y="%s" font-size="%d" font-weight="bold" fill="#ffffff" text-anchor="middle">%s</text>`+"\n",
					num(p.x), num(p.y+headerSize/3), headerSize, esc(title))
			}
		}
	}
}

// writeEdges draws the flows along Graphviz's splines, with arrowheads.
func (m *model) writeEdges(b *bytes.Buffer, l *layout) {
	boxes := map[string]*box{}
	for _, bx := range m.boxes {
		boxes[bx.id] = bx
	}
	for _, e := range l.edges {
		from, ok1 := boxes[e.from]
		to, ok2 := boxes[e.to]
		if !ok1 || !ok2 || len(e.points) < 4 || e.invisible {
			continue
		}
		color, width, class := "#666666", 1.4, "flow"
		switch {
		case e.journey:
			color, width, class = "#c0392b", 3.5, "journey"
		case from.dimmed || to.dimmed:
			color = "#d0d0d0"
		}
		var d strings.Builder
		fmt.Fprintf(&d, "M%s %s", num(e.points[0][0]), num(e.points[0][1]))
		for i := 1; i+2 < len(e.points); i += 3 {
			fmt.Fprintf(&d, " C%s %s %s %s %s %s", num(e.points[i][0]), num(e.points[i][1]), num(e.points[i+1][0]), num(e.points[i+1][1]), num(e.points[i+2][0]), num(e.points[i+2][1]))
		}
		fmt.Fprintf(b, `<path class="%s" d="%s" fill="none" stroke="%s" stroke-width="%s"/>`+"\n", class, d.String(), color, num(width))
		n := len(e.points)
		tip, back := e.points[n-1], e.points[n-2]
		fmt.Fprintf(b, `<path class="arrow" d="%s" fill="%s"/>`+"\n", arrowhead(back, tip, 4+width*2), color)
	}
}

// arrowhead is a triangle pointing from back to tip.
func arrowhead(back, tip [2]float64, size float64) string {
	dx, dy := tip[0]-back[0], tip[1]-back[1]
	n := math.Hypot(dx, dy)
	if n == 0 {
		dx, dy, n = 0, 1, 1
	}
	dx, dy = dx/n, dy/n
	bx, by := tip[0]-dx*size, tip[1]-dy*size
	return fmt.Sprintf("M%s %sL%s %sL%s %sZ", num(tip[0]), num(tip[1]),
		num(bx-dy*size/2), num(by+dx*size/2), num(bx+dy*size/2), num(by-dx*size/2))
}

// writeBoxes draws each touchpoint with its lines.
func (m *model) writeBoxes(b *bytes.Buffer, l *layout, grid [][]string) {
	for _, bx := range m.boxes {
		p, ok := l.nodes[bx.id]
		if !ok {
			continue
		}
		fill, stroke, pen := laneFill[bx.lane], "#555555", 1.0
		class := "touchpoint"
		switch {
		case bx.peak:
			fill, stroke, pen, class = "#ffd9d6", "#c0392b", 3, "touchpoint peak"
		case bx.end:
			fill, stroke, pen, class = "#ffe4c4", "#d35400", 3, "touchpoint end"
		}
		if bx.peak && bx.end {
			class = "touchpoint peak end"
		}
		opacity := ""
		if bx.dimmed {
			opacity = ` opacity="0.35"`
		}
		x0, y0 := p.x-p.w/2, p.y-p.h/2
		fmt.Fprintf(b, `<g class="%s" data-touchpoint="%s"%s>`+"\n", class, esc(bx.tp.ID), opacity)
		fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s" rx="6" fill="%s" stroke="%s" stroke-width="%s"/>`+"\n",
			num(x0), num(y0), num(p.w), num(p.h), fill, stroke, num(pen))
		y := y0 + padY
		for _, line := range bx.lines {
			y += line.size * lineGap
			weight := ""
			if line.style == styleName || line.style == stylePeak || line.style == styleEnd {
				weight = ` font-weight="bold"`
			}
			fmt.Fprintf(b, `<text x="%s" y="%s" font-size="%s" fill="%s"%s>%s</text>`+"\n",
				num(x0+padX), num(y-line.size*(lineGap-1)-1), num(line.size), lineColor[line.style], weight, esc(line.text))
		}
		b.WriteString("</g>\n")
	}
}

func (m *model) writeLegend(b *bytes.Buffer, y float64) {
	w := m.words
	x := margin
	fmt.Fprintf(b, `<g class="legend"><text x="%s" y="%s" font-size="14" font-weight="bold">%s</text>`+"\n", num(x), num(y), esc(w.legend))
	x += 60
	item := func(swatch, label string) {
		b.WriteString(swatch)
		fmt.Fprintf(b, `<text x="%s" y="%s" font-size="12" fill="#333">%s</text>`+"\n", num(x+30), num(y), esc(label))
		x += 44 + defaultMeasurer().width(label, 12)
	}
	for _, lane := range blueprint.Lanes {
		item(fmt.Sprintf(`<rect x="%s" y="%s" width="22" height="14" fill="%s" stroke="#999"/>`, num(x), num(y-11), laneFill[lane]), w.lanes[lane])
	}
	item(fmt.Sprintf(`<rect x="%s" y="%s" width="22" height="14" rx="3" fill="#ffd9d6" stroke="#c0392b" stroke-width="2"/>`, num(x), num(y-11)), w.peak)
	item(fmt.Sprintf(`<rect x="%s" y="%s" width="22" height="14" rx="3" fill="#ffe4c4" stroke="#d35400" stroke-width="2"/>`, num(x), num(y-11)), w.end)
	item(fmt.Sprintf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#b03a2e" stroke-width="2" stroke-dasharray="6 4"/>`, num(x), num(y-4), num(x+22), num(y-4)), w.lines)
	item(fmt.Sprintf(`<text x="%s" y="%s" font-size="12" fill="%s">◷</text>`, num(x+4), num(y), lineColor[styleWait]), strings.TrimPrefix(w.wait, "◷ "))
	item(fmt.Sprintf(`<text x="%s" y="%s" font-size="12" fill="%s">⚠</text>`, num(x+4), num(y), lineColor[styleFail]), strings.TrimPrefix(w.fail, "⚠ "))
	b.WriteString("</g>\n")
}
