package poster

import (
	"context"
	"fmt"
	"math"
)

// layout is where everything goes: the size of the grid and where each
// cell's node and each flow go, in points, y growing downwards.
type layout struct {
	w, h  float64
	nodes map[string]placed
	edges []route
}

type placed struct{ x, y, w, h float64 } // centre and size

type route struct {
	from, to   string
	start, end [2]float64 // where the straight line leaves one box and meets the other
	journey    bool       // the emphasised journey's path
}

// Spacing of the grid, in points: the gaps between columns and between
// rows, and the heights of rows without boxes.
const (
	colGap     = 18
	rowGap     = 21.6
	headerH    = 36
	lineRowH   = 21.6
	emptyLaneH = 28.8
)

// A blueprint is a grid — rows are ranks of lanes and lines, columns
// are stages — so the poster lays it out itself, in time linear in its
// cells and flows: each column as wide as its widest box, each row as
// high as its highest, every node centred in its cell, every flow a
// straight line from box edge to box edge. (Graphviz, which laid it out
// before, placed it the same way, at 40 times the cost, with a
// process-wide lock and a heap that never shrank.)
func (m *model) layout(ctx context.Context) (*layout, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.gridNames()
	widths := append([]float64{m.laneTitleWidth()}, m.colWidth...)
	xs := make([]float64, len(widths)) // column centres
	x := 0.0
	for c, w := range widths {
		xs[c] = x + w/2
		x += w + colGap
	}
	l := &layout{w: x - colGap, nodes: map[string]placed{}}
	y := 0.0
	for ri, r := range m.rows {
		h := m.rowHeight(r)
		for c, name := range m.grid[ri] {
			w, nh := widths[c], h
			if c > 0 && r.kind == rowLane {
				if bx := r.cells[c-1]; bx != nil {
					w, nh = bx.w, bx.h
				}
			}
			l.nodes[name] = placed{x: xs[c], y: y + h/2, w: w, h: nh}
		}
		y += h + rowGap
	}
	l.h = y - rowGap
	for _, f := range m.flows() {
		a, b := l.nodes[f.from], l.nodes[f.to]
		l.edges = append(l.edges, route{from: f.from, to: f.to, journey: f.journey, start: clip(a, b), end: clip(b, a)})
	}
	return l, ctx.Err()
}

// rowHeight is the height of a row: its highest box, or its kind's.
func (m *model) rowHeight(r *row) float64 {
	switch r.kind {
	case rowHeader:
		return headerH
	case rowLine:
		return lineRowH
	}
	h := emptyLaneH
	for _, bx := range r.cells {
		if bx != nil {
			h = max(h, bx.h)
		}
	}
	return h
}

// clip is where the line from a's centre to b's leaves a's box.
func clip(a, b placed) [2]float64 {
	dx, dy := b.x-a.x, b.y-a.y
	t := math.Inf(1)
	if dx != 0 {
		t = min(t, a.w/2/math.Abs(dx))
	}
	if dy != 0 {
		t = min(t, a.h/2/math.Abs(dy))
	}
	if math.IsInf(t, 1) || t > 1 {
		t = 1
	}
	return [2]float64{a.x + dx*t, a.y + dy*t}
}

// gridNames names the node of every cell as the DOT does: rNcM, or the
// box's id.
func (m *model) gridNames() {
	m.grid = make([][]string, len(m.rows))
	for ri, r := range m.rows {
		m.grid[ri] = make([]string, len(m.b.Stages)+1)
		for c := range m.grid[ri] {
			m.grid[ri][c] = fmt.Sprintf("r%dc%d", ri, c)
			if c > 0 && r.kind == rowLane && r.cells[c-1] != nil {
				m.grid[ri][c] = r.cells[c-1].id
			}
		}
	}
}

// A flow is an arrow between two boxes: a next of the blueprint, or a
// step of the emphasised journey.
type flow struct {
	from, to string // box ids
	dimmed   bool   // from or to a box off the emphasised journey
	journey  bool
}

// flows lists the arrows, the next ones first, then the journey's path.
func (m *model) flows() []flow {
	ids := map[string]*box{}
	for _, bx := range m.boxes {
		ids[bx.tp.ID] = bx
	}
	var out []flow
	for _, bx := range m.boxes {
		for _, next := range bx.tp.Next {
			to, ok := ids[next]
			if !ok || to == bx {
				continue
			}
			out = append(out, flow{from: bx.id, to: to.id, dimmed: bx.dimmed || to.dimmed})
		}
	}
	if m.journey == nil {
		return out
	}
	for i := 1; i < len(m.journey.Steps); i++ {
		from, ok1 := ids[m.journey.Steps[i-1]]
		to, ok2 := ids[m.journey.Steps[i]]
		if ok1 && ok2 && from != to {
			out = append(out, flow{from: from.id, to: to.id, journey: true})
		}
	}
	return out
}
