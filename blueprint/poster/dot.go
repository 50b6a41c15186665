package poster

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/peakend/peakend/blueprint"
)

// quote writes s as a DOT string whose text Graphviz shows literally:
// quotes and backslashes are escaped (so \N, \G and \l stay text), and
// a line break is only ever one the poster puts in.
func quote(s string) string {
	return "\"" + dotEscaper.Replace(s) + "\""
}

var dotEscaper = strings.NewReplacer("\\", "\\\\", "\"", "\\\"", "\r", " ", "\n", " ")

func quoteLines(lines []textLine) string {
	parts := make([]string, len(lines))
	for i, l := range lines {
		parts[i] = strings.TrimSuffix(strings.TrimPrefix(quote(l.text), "\""), "\"")
	}
	return "\"" + strings.Join(parts, "\\n") + "\""
}

// inches converts points to the inches Graphviz sizes nodes in.
func inches(pt float64) string { return fmt.Sprintf("%.4f", pt/72) }

var laneFill = map[blueprint.Lane]string{
	blueprint.Evidence:   "#f3efe6",
	blueprint.Customer:   "#fff3cd",
	blueprint.Frontstage: "#dcecfa",
	blueprint.Backstage:  "#e2f2e3",
	blueprint.Support:    "#efe3f4",
}

// an attr is one attribute of a node or edge; look attributes are left
// out of the DOT given to the layout, which needs only geometry.
type attr struct {
	name, value string
	look        bool
}

func (m *model) attrs(list ...attr) string {
	parts := make([]string, 0, len(list))
	for _, a := range list {
		if a.look && m.forLayout {
			continue
		}
		parts = append(parts, a.name+"="+a.value)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func look(name, value string) attr { return attr{name, value, true} }
func geom(name, value string) attr { return attr{name, value, false} }

// layoutDOT is the DOT the layout engine gets: the same graph with only
// what positions depend on. Every box has a fixed size, so labels,
// colours and fonts go: go-graphviz's memory grows with what it parses
// and writes and never shrinks, and a long-running service must give it
// as little as it can.
func (m *model) layoutDOT() []byte {
	m.forLayout = true
	defer func() { m.forLayout = false }()
	return m.dot()
}

// dot writes the poster's graph. Rows are ranks, top to bottom; an
// invisible chain per column, with a high weight, keeps the columns
// straight; every cell has a node, empty ones invisible, so that the
// grid holds; the three lines are chains of points joined by dashed
// edges; flows between touchpoints do not constrain the layout.
func (m *model) dot() []byte {
	var b bytes.Buffer
	name := nameOr(m.b.Text(m.b.Name, m.opt.Lang), m.words.title)
	b.WriteString("digraph blueprint {\n")
	if !m.forLayout {
		fmt.Fprintf(&b, "\tlabel=%s; labelloc=t; fontsize=28;\n", quote(name))
		b.WriteString("\tnode [fontname=\"Noto Sans CJK SC\", fontsize=11];\n")
	}
	// The column chains fix the grid, so little crossing minimisation or
	// network simplex is needed: limiting both saves a fifth of the layout.
	b.WriteString("\trankdir=TB; newrank=true; splines=line; nodesep=0.25; ranksep=0.3; outputorder=edgesfirst; mclimit=0.1; nslimit=0.5;\n")
	b.WriteString("\tnode [shape=box, style=\"rounded,filled\", fixedsize=true, penwidth=1];\n")
	b.WriteString("\tedge [arrowsize=0.7];\n")
	grid := make([][]string, len(m.rows)) // node names by row and column (column 0: lane titles)
	m.grid = grid
	titleW := inches(m.laneTitleWidth())
	for ri, r := range m.rows {
		grid[ri] = make([]string, len(m.b.Stages)+1)
		for c := range grid[ri] {
			grid[ri][c] = fmt.Sprintf("r%dc%d", ri, c)
		}
		node := func(name string, list ...attr) { fmt.Fprintf(&b, "\t%s %s;\n", name, m.attrs(list...)) }
		switch r.kind {
		case rowHeader:
			node(grid[ri][0], geom("shape", "plaintext"), geom("style", "invis"), look("label", `""`), geom("width", titleW), geom("height", "0.5"))
			for c, title := range m.stages {
				node(grid[ri][c+1], geom("style", "filled"), look("fillcolor", `"#333333"`), look("fontcolor", "white"),
					look("fontsize", fmt.Sprint(headerSize)), look("label", quote(title)), geom("width", inches(m.colWidth[c])), geom("height", "0.5"))
			}
		case rowLine:
			node(grid[ri][0], geom("shape", "plaintext"), geom("style", `""`), look("fontcolor", `"#b03a2e"`), look("fontsize", "11"),
				look("label", quote(m.words.lineNames[r.line.Name])), geom("width", titleW), geom("height", "0.3"))
			for c := range m.b.Stages {
				if m.forLayout {
					node(grid[ri][c+1], geom("shape", "point"), geom("style", "invis"), geom("width", "0.01"), geom("height", "0.01"))
					continue
				}
				// For native Graphviz each cell underlines its column, so
				// that with the edges between cells the line runs the full
				// width, as on the poster.
				node(grid[ri][c+1], geom("shape", "underline"), geom("style", "dashed"), geom("color", `"#b03a2e"`), geom("penwidth", "1.5"),
					geom("label", `""`), geom("width", inches(m.colWidth[c])), geom("height", "0.02"))
			}
		case rowLane:
			label := ""
			if r.slot == 0 {
				label = m.words.lanes[r.lane]
			}
			node(grid[ri][0], geom("shape", "plaintext"), geom("style", `""`), look("fontsize", fmt.Sprint(headerSize)),
				look("label", quote(label)), geom("width", titleW), geom("height", "0.4"))
			for c, bx := range r.cells {
				if bx == nil {
					node(grid[ri][c+1], geom("style", "invis"), look("label", `""`), geom("width", inches(m.colWidth[c])), geom("height", "0.4"))
					continue
				}
				grid[ri][c+1] = bx.id
				m.writeBox(&b, bx)
			}
		}
		fmt.Fprintf(&b, "\t{rank=same; %s}\n", strings.Join(grid[ri], "; "))
		for c := 1; c < len(grid[ri]); c++ { // keep the row in column order
			if r.kind == rowLine {
				fmt.Fprintf(&b, "\t%s -> %s %s;\n", grid[ri][c-1], grid[ri][c], m.attrs(geom("style", "dashed"), look("color", `"#b03a2e"`),
					geom("dir", "none"), look("penwidth", "1.5"), geom("weight", "10")))
				continue
			}
			fmt.Fprintf(&b, "\t%s -> %s [style=invis, weight=10];\n", grid[ri][c-1], grid[ri][c])
		}
	}
	for c := range grid[0] { // the column chains
		for ri := 1; ri < len(grid); ri++ {
			fmt.Fprintf(&b, "\t%s -> %s [style=invis, weight=100];\n", grid[ri-1][c], grid[ri][c])
		}
	}
	m.writeFlows(&b)
	b.WriteString("}\n")
	return b.Bytes()
}

// journeyColor marks the emphasised journey's path, in the DOT and back
// from the layout.
const journeyColor = "#c0392b"

// laneTitleWidth is the width of the first column: the widest lane or
// line title, measured.
func (m *model) laneTitleWidth() float64 {
	w := 0.0
	for _, name := range m.words.lanes {
		w = max(w, m.measure.width(name, headerSize, true))
	}
	for _, name := range m.words.lineNames {
		w = max(w, m.measure.width(name, 12, false))
	}
	return w + 2*padX
}

func (m *model) writeBox(b *bytes.Buffer, bx *box) {
	fill, color, pen := laneFill[bx.lane], "#555555", 1.0
	switch {
	case bx.peak:
		fill, color, pen = "#ffd9d6", "#c0392b", 3
	case bx.end:
		fill, color, pen = "#ffe4c4", "#d35400", 3
	}
	if bx.dimmed {
		fill, color = "#f5f5f5", "#cccccc"
	}
	list := []attr{look("label", quoteLines(bx.lines)), geom("width", inches(bx.w)), geom("height", inches(bx.h)),
		look("fillcolor", `"`+fill+`"`), look("color", `"`+color+`"`), look("penwidth", fmt.Sprint(pen))}
	if bx.dimmed {
		list = append(list, look("fontcolor", `"#aaaaaa"`))
	}
	fmt.Fprintf(b, "\t%s %s;\n", bx.id, m.attrs(list...))
}

// writeFlows writes the next arrows, and the emphasised journey's path.
func (m *model) writeFlows(b *bytes.Buffer) {
	ids := map[string]string{}
	for _, bx := range m.boxes {
		ids[bx.tp.ID] = bx.id
	}
	for _, bx := range m.boxes {
		for _, next := range bx.tp.Next {
			to, ok := ids[next]
			if !ok {
				continue
			}
			color := "#666666"
			if bx.dimmed || (m.journey != nil && !slices.Contains(m.journey.Steps, next)) {
				color = "#d0d0d0"
			}
			fmt.Fprintf(b, "\t%s -> %s %s;\n", bx.id, to, m.attrs(geom("constraint", "false"), look("color", `"`+color+`"`)))
		}
	}
	if m.journey == nil {
		return
	}
	for i := 1; i < len(m.journey.Steps); i++ {
		from, ok1 := ids[m.journey.Steps[i-1]]
		to, ok2 := ids[m.journey.Steps[i]]
		if ok1 && ok2 && from != to {
			fmt.Fprintf(b, "\t%s -> %s %s;\n", from, to, m.attrs(geom("constraint", "false"), geom("color", `"`+journeyColor+`"`), look("penwidth", "3")))
		}
	}
}
