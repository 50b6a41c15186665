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

// attrs writes a node's or an edge's attributes, name=value pairs.
func attrs(pairs ...string) string {
	parts := make([]string, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		parts = append(parts, pairs[i]+"="+pairs[i+1])
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// dot writes the poster's graph for native Graphviz. Rows are ranks,
// top to bottom; an invisible chain per column, with a high weight,
// keeps the columns straight; every cell has a node, empty ones
// invisible, so that the grid holds; the three lines are dashed chains
// across the rows between lanes; flows between touchpoints do not
// constrain the layout.
func (m *model) dot() []byte {
	var b bytes.Buffer
	name := nameOr(m.b.Text(m.b.Name, m.opt.Lang), m.words.title)
	b.WriteString("digraph blueprint {\n")
	fmt.Fprintf(&b, "\tlabel=%s; labelloc=t; fontsize=28;\n", quote(name))
	b.WriteString("\tnode [fontname=\"Noto Sans SC\", fontsize=11];\n")
	// The column chains fix the grid, so little crossing minimisation or
	// network simplex is needed: limiting both saves a fifth of the layout.
	b.WriteString("\trankdir=TB; newrank=true; splines=line; nodesep=0.25; ranksep=0.3; outputorder=edgesfirst; mclimit=0.1; nslimit=0.5;\n")
	b.WriteString("\tnode [shape=box, style=\"rounded,filled\", fixedsize=true, penwidth=1];\n")
	b.WriteString("\tedge [arrowsize=0.7];\n")
	m.gridNames()
	grid := m.grid // node names by row and column (column 0: lane titles)
	titleW := inches(m.laneTitleWidth())
	for ri, r := range m.rows {
		node := func(name string, pairs ...string) { fmt.Fprintf(&b, "\t%s %s;\n", name, attrs(pairs...)) }
		switch r.kind {
		case rowHeader:
			node(grid[ri][0], "shape", "plaintext", "style", "invis", "label", `""`, "width", titleW, "height", "0.5")
			for c, title := range m.stages {
				node(grid[ri][c+1], "style", "filled", "fillcolor", `"#333333"`, "fontcolor", "white",
					"fontsize", fmt.Sprint(headerSize), "label", quote(title), "width", inches(m.colWidth[c]), "height", "0.5")
			}
		case rowLine:
			node(grid[ri][0], "shape", "plaintext", "style", `""`, "fontcolor", `"#b03a2e"`, "fontsize", "11",
				"label", quote(m.words.lineNames[r.line.Name]), "width", titleW, "height", "0.3")
			for c := range m.b.Stages {
				// Each cell underlines its column, so that with the edges
				// between cells the line runs the full width, as on the
				// poster.
				node(grid[ri][c+1], "shape", "underline", "style", "dashed", "color", `"#b03a2e"`, "penwidth", "1.5",
					"label", `""`, "width", inches(m.colWidth[c]), "height", "0.02")
			}
		case rowLane:
			label := ""
			if r.slot == 0 {
				label = m.words.lanes[r.lane]
			}
			node(grid[ri][0], "shape", "plaintext", "style", `""`, "fontsize", fmt.Sprint(headerSize),
				"label", quote(label), "width", titleW, "height", "0.4")
			for c, bx := range r.cells {
				if bx == nil {
					node(grid[ri][c+1], "style", "invis", "label", `""`, "width", inches(m.colWidth[c]), "height", "0.4")
					continue
				}
				m.writeBox(&b, bx)
			}
		}
		fmt.Fprintf(&b, "\t{rank=same; %s}\n", strings.Join(grid[ri], "; "))
		for c := 1; c < len(grid[ri]); c++ { // keep the row in column order
			if r.kind == rowLine {
				fmt.Fprintf(&b, "\t%s -> %s %s;\n", grid[ri][c-1], grid[ri][c], attrs("style", "dashed", "color", `"#b03a2e"`,
					"dir", "none", "penwidth", "1.5", "weight", "10"))
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
	list := []string{"label", quoteLines(bx.lines), "width", inches(bx.w), "height", inches(bx.h),
		"fillcolor", `"` + fill + `"`, "color", `"` + color + `"`, "penwidth", fmt.Sprint(pen)}
	if bx.dimmed {
		list = append(list, "fontcolor", `"#aaaaaa"`)
	}
	fmt.Fprintf(b, "\t%s %s;\n", bx.id, attrs(list...))
}

// writeFlows writes the next arrows, and the emphasised journey's path.
func (m *model) writeFlows(b *bytes.Buffer) {
	for _, f := range m.flows() {
		list := []string{"constraint", "false", "color", `"#666666"`}
		switch {
		case f.journey:
			list = []string{"constraint", "false", "color", `"` + journeyColor + `"`, "penwidth", "3"}
		case f.dimmed:
			list[3] = `"#d0d0d0"`
		}
		fmt.Fprintf(b, "\t%s -> %s %s;\n", f.from, f.to, attrs(list...))
	}
}
