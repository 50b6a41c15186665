package poster

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/peakend/peakend/blueprint"
)

// quote writes s as a DOT string whose text Graphviz shows literally:
// quotes and backslashes are escaped (so \N, \G and \l stay text), and
// a line break is only ever one the poster puts in.
func quote(s string) string {
	s = strings.NewReplacer("\\", "\\\\", "\"", "\\\"", "\r", " ", "\n", " ").Replace(s)
	return "\"" + s + "\""
}

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

// dot writes the poster's graph. Rows are ranks, top to bottom; an
// invisible chain per column, with a high weight, keeps the columns
// straight; every cell has a node, empty ones invisible, so that the
// grid holds; the three lines are chains of points joined by dashed
// edges; flows between touchpoints do not constrain the layout.
func (m *model) dot() []byte {
	var b bytes.Buffer
	name := nameOr(m.b.Text(m.b.Name, m.opt.Lang), m.words.title)
	fmt.Fprintf(&b, "digraph blueprint {\n\tlabel=%s; labelloc=t; fontsize=28;\n", quote(name))
	b.WriteString("\trankdir=TB; newrank=true; splines=line; nodesep=0.25; ranksep=0.3; outputorder=edgesfirst;\n")
	b.WriteString("\tnode [shape=box, style=\"rounded,filled\", fixedsize=true, fontname=\"Noto Sans CJK SC\", fontsize=11, penwidth=1];\n")
	b.WriteString("\tedge [arrowsize=0.7];\n")
	grid := make([][]string, len(m.rows)) // node names by row and column (column 0: lane titles)
	m.grid = grid
	for ri, r := range m.rows {
		grid[ri] = make([]string, len(m.b.Stages)+1)
		for c := range grid[ri] {
			grid[ri][c] = fmt.Sprintf("r%dc%d", ri, c)
		}
		switch r.kind {
		case rowHeader:
			fmt.Fprintf(&b, "\t%s [shape=plaintext, style=invis, label=\"\", width=%s, height=0.5];\n", grid[ri][0], inches(m.laneTitleWidth()))
			for c, title := range m.stages {
				fmt.Fprintf(&b, "\t%s [shape=box, style=\"filled\", fillcolor=\"#333333\", fontcolor=white, fontsize=%d, label=%s, width=%s, height=0.5];\n",
					grid[ri][c+1], headerSize, quote(title), inches(m.colWidth[c]))
			}
		case rowLine:
			fmt.Fprintf(&b, "\t%s [shape=plaintext, style=\"\", fontcolor=\"#b03a2e\", fontsize=11, label=%s, width=%s, height=0.3];\n",
				grid[ri][0], quote(m.words.lineNames[r.line.Name]), inches(m.laneTitleWidth()))
			for c := range m.b.Stages {
				fmt.Fprintf(&b, "\t%s [shape=point, style=invis, width=0.01, height=0.01];\n", grid[ri][c+1])
			}
		case rowLane:
			label := ""
			if r.slot == 0 {
				label = m.words.lanes[r.lane]
			}
			fmt.Fprintf(&b, "\t%s [shape=plaintext, style=\"\", fontsize=%d, label=%s, width=%s, height=0.4];\n", grid[ri][0], headerSize, quote(label), inches(m.laneTitleWidth()))
			for c, bx := range r.cells {
				if bx == nil {
					fmt.Fprintf(&b, "\t%s [style=invis, label=\"\", width=%s, height=0.4];\n", grid[ri][c+1], inches(m.colWidth[c]))
					continue
				}
				grid[ri][c+1] = bx.id
				m.writeBox(&b, bx)
			}
		}
		fmt.Fprintf(&b, "\t{rank=same; %s}\n", strings.Join(grid[ri], "; "))
		for c := 1; c < len(grid[ri]); c++ { // keep the row in column order
			style := "invis"
			if r.kind == rowLine {
				style = "dashed, color=\"#b03a2e\", dir=none, penwidth=1.5"
			}
			fmt.Fprintf(&b, "\t%s -> %s [style=%s, weight=10];\n", grid[ri][c-1], grid[ri][c], style)
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
		w = max(w, boldMeasurer().width(name, headerSize))
	}
	for _, name := range m.words.lineNames {
		w = max(w, defaultMeasurer().width(name, 12))
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
	extra := ""
	if bx.dimmed {
		extra = ", fontcolor=\"#aaaaaa\", color=\"#cccccc\", fillcolor=\"#f5f5f5\""
	}
	fmt.Fprintf(b, "\t%s [label=%s, width=%s, height=%s, fillcolor=\"%s\", color=\"%s\", penwidth=%g%s];\n",
		bx.id, quoteLines(bx.lines), inches(bx.w), inches(bx.h), fill, color, pen, extra)
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
			if bx.dimmed || (m.journey != nil && !contains(m.journey.Steps, next)) {
				color = "#d0d0d0"
			}
			fmt.Fprintf(b, "\t%s -> %s [constraint=false, color=\"%s\"];\n", bx.id, to, color)
		}
	}
	if m.journey == nil {
		return
	}
	for i := 1; i < len(m.journey.Steps); i++ {
		from, ok1 := ids[m.journey.Steps[i-1]]
		to, ok2 := ids[m.journey.Steps[i]]
		if ok1 && ok2 && from != to {
			fmt.Fprintf(b, "\t%s -> %s [constraint=false, color=\"%s\", penwidth=3];\n", from, to, journeyColor)
		}
	}
}
