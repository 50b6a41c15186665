package poster

import (
	"fmt"
	"math"
	"strings"

	"github.com/peakend/peakend/blueprint"
)

const (
	margin  = 36.0
	titleH  = 78.0
	legendH = 64.0
)

var lineColor = map[style]string{
	styleName: "#111111", stylePeak: "#b03a2e", styleEnd: "#c0581e", styleWait: "#1f5f99",
	styleFail: "#8e1b10", styleStandard: "#2d5a27", styleOwner: "#666666",
}

// pageSize is the size of the whole poster in points: wide enough for
// the grid, the title and the legend, whichever is widest.
func (m *model) pageSize(l *layout) (w, h float64) {
	title, sub := m.titles()
	w = max(l.w, m.measure.width(title, 30, true), m.measure.width(sub, 14, false), m.legendWidth())
	return w + 2*margin, titleH + l.h + legendH + 2*margin
}

// titles are the poster's title and the line under it.
func (m *model) titles() (title, sub string) {
	title = nameOr(m.b.Text(m.b.Name, m.opt.Lang), m.words.title)
	parts := []string{m.words.title, fmt.Sprintf(m.words.counts, len(m.b.Stages), len(m.b.Touchpoints), len(m.b.Journeys))}
	if m.journey != nil {
		parts = append(parts, "▶ "+nameOr(m.b.Text(m.journey.Name, m.opt.Lang), m.journey.ID))
	}
	if m.opt.Date != "" {
		parts = append(parts, m.opt.Date)
	}
	return title, strings.Join(parts, " · ")
}

// drawer draws a laid-out poster through a painter; (ox, oy) is where
// the layout's origin goes on the page.
type drawer struct {
	m      *model
	l      *layout
	p      painter
	ox, oy float64
}

func (m *model) draw(p painter, l *layout) {
	W, _ := m.pageSize(l)
	d := &drawer{m: m, l: l, p: p, ox: margin, oy: margin + titleH}
	d.title(W)
	top, bottom := d.rowExtents()
	d.lanes(top, bottom)
	d.edges()
	d.boxes()
	d.legend(margin + titleH + l.h + legendH/2 + 8) // below the lowest band, which reaches 6 pt past its row
}

func (d *drawer) title(W float64) {
	title, sub := d.m.titles()
	d.p.Text(margin, margin+30, 30, "#111111", true, false, title, "title")
	d.p.Text(margin, margin+56, 14, "#555555", false, false, sub, "")
	d.p.Line(margin, margin+titleH-8, W-margin, margin+titleH-8, "#333333", 2, false, "", nil)
}

// rowExtents returns the top and bottom of each row, from its nodes.
func (d *drawer) rowExtents() (top, bottom []float64) {
	grid := d.m.grid
	top, bottom = make([]float64, len(grid)), make([]float64, len(grid))
	for ri, names := range grid {
		top[ri], bottom[ri] = math.Inf(1), math.Inf(-1)
		for _, n := range names {
			p, ok := d.l.nodes[n]
			if !ok {
				continue
			}
			top[ri] = math.Min(top[ri], p.y-p.h/2)
			bottom[ri] = math.Max(bottom[ri], p.y+p.h/2)
		}
	}
	return top, bottom
}

// lanes draws a band for each lane, its title, the three lines and the
// stage headers.
func (d *drawer) lanes(top, bottom []float64) {
	m, ox, oy := d.m, d.ox, d.oy
	for ri, r := range m.rows {
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
			d.p.Begin("lane-band", map[string]string{"lane": r.lane.String()}, 0.6)
			d.p.Rect(ox, oy+y0, d.l.w, y1-y0, 0, laneFill[r.lane], "", 0, "lane", map[string]string{"lane": r.lane.String()})
			d.p.End()
			d.p.Text(ox+8, oy+(y0+y1)/2+headerSize/3, headerSize, "#333333", true, false, m.words.lanes[r.lane], "")
		case rowLine:
			y := oy + (top[ri]+bottom[ri])/2
			d.p.Line(ox, y, ox+d.l.w, y, "#b03a2e", 2, true, "line", map[string]string{"line": r.line.Name})
			d.p.Text(ox+8, y-5, 12, "#b03a2e", false, false, m.words.lineNames[r.line.Name], "")
		case rowHeader:
			for c, title := range m.stages {
				p := d.l.nodes[m.grid[ri][c+1]]
				d.p.Rect(ox+p.x-p.w/2, oy+p.y-p.h/2, p.w, p.h, 4, "#333333", "", 0, "stage", nil)
				d.p.Text(ox+p.x, oy+p.y+headerSize/3, headerSize, "#ffffff", true, true, title, "")
			}
		}
	}
}

// edges draws the flows, straight, with arrowheads.
func (d *drawer) edges() {
	boxes := map[string]*box{}
	for _, bx := range d.m.boxes {
		boxes[bx.id] = bx
	}
	for _, e := range d.l.edges {
		from, ok1 := boxes[e.from]
		to, ok2 := boxes[e.to]
		if !ok1 || !ok2 {
			continue
		}
		color, width, class := "#666666", 1.4, "flow"
		switch {
		case e.journey:
			color, width, class = journeyColor, 3.5, "journey"
		case from.dimmed || to.dimmed:
			color = "#d0d0d0"
		}
		start := [2]float64{d.ox + e.start[0], d.oy + e.start[1]}
		end := [2]float64{d.ox + e.end[0], d.oy + e.end[1]}
		d.p.Line(start[0], start[1], end[0], end[1], color, width, false, class, nil)
		a, b, c := arrowhead(start, end, 4+width*2)
		d.p.Triangle(a, b, c, color)
	}
}

// arrowhead is a triangle pointing from back to tip.
func arrowhead(back, tip [2]float64, size float64) (a, b, c [2]float64) {
	dx, dy := tip[0]-back[0], tip[1]-back[1]
	n := math.Hypot(dx, dy)
	if n == 0 {
		dx, dy, n = 0, 1, 1
	}
	dx, dy = dx/n, dy/n
	bx, by := tip[0]-dx*size, tip[1]-dy*size
	return tip, [2]float64{bx - dy*size/2, by + dx*size/2}, [2]float64{bx + dy*size/2, by - dx*size/2}
}

// boxes draws each touchpoint with its lines.
func (d *drawer) boxes() {
	for _, bx := range d.m.boxes {
		p, ok := d.l.nodes[bx.id]
		if !ok {
			continue
		}
		fill, stroke, pen, class := laneFill[bx.lane], "#555555", 1.0, "touchpoint"
		switch {
		case bx.peak && bx.end:
			fill, stroke, pen, class = "#ffd9d6", "#c0392b", 3, "touchpoint peak end"
		case bx.peak:
			fill, stroke, pen, class = "#ffd9d6", "#c0392b", 3, "touchpoint peak"
		case bx.end:
			fill, stroke, pen, class = "#ffe4c4", "#d35400", 3, "touchpoint end"
		}
		opacity := 1.0
		if bx.dimmed {
			opacity = 0.35
		}
		x0, y0 := d.ox+p.x-p.w/2, d.oy+p.y-p.h/2
		d.p.Begin(class, map[string]string{"touchpoint": bx.tp.ID}, opacity)
		d.p.Rect(x0, y0, p.w, p.h, 6, fill, stroke, pen, "", nil)
		y := y0 + padY
		for _, line := range bx.lines {
			y += line.size * lineGap
			d.p.Text(x0+padX, y-line.size*(lineGap-1)-1, line.size, lineColor[line.style], line.bold(), false, line.text, "")
		}
		d.band(bx, x0+padX, x0+p.w-padX, y0+p.h)
		d.p.End()
	}
}

// legendWidth is how wide the legend is drawn.
func (m *model) legendWidth() float64 {
	var rec textRecorder
	return (&drawer{m: m, p: &rec}).legend(0)
}

// legend draws the legend at y and returns its width.
func (d *drawer) legend(y float64) float64 {
	w := d.m.words
	x := margin
	d.p.Begin("legend", nil, 1)
	d.p.Text(x, y, 14, "#111111", true, false, w.legend, "")
	x += 24 + d.m.measure.width(w.legend, 14, true)
	label := func(text string) {
		d.p.Text(x+30, y, 12, "#333333", false, false, text, "")
		x += 44 + d.m.measure.width(text, 12, false)
	}
	for _, lane := range blueprint.Lanes() {
		d.p.Rect(x, y-11, 22, 14, 0, laneFill[lane], "#999999", 1, "", nil)
		label(w.lanes[lane])
	}
	d.p.Rect(x, y-11, 22, 14, 3, "#ffd9d6", "#c0392b", 2, "", nil)
	label(w.peak)
	d.p.Rect(x, y-11, 22, 14, 3, "#ffe4c4", "#d35400", 2, "", nil)
	label(w.end)
	d.p.Line(x, y-4, x+22, y-4, "#b03a2e", 2, true, "", nil)
	label(w.lines)
	d.p.Text(x+4, y, 12, lineColor[styleWait], false, false, "◐", "")
	label(strings.TrimPrefix(w.wait, "◐ "))
	d.p.Text(x+4, y, 12, lineColor[styleFail], false, false, "⚠", "")
	label(strings.TrimPrefix(w.fail, "⚠ "))
	for _, e := range d.measuredLegend(y) {
		e.swatch(x)
		label(e.text)
	}
	d.p.End()
	return x - 14 - margin
}
