package mot

import (
	"bytes"
	"io"
	"strings"

	"golang.org/x/text/width"
)

// A table is a text/tabwriter for terminals that show Chinese: cells end
// in a tab, consecutive lines with tabs form one aligned block, and a
// cell's width is counted as a terminal draws it, CJK characters two
// columns wide (tabwriter counts them as one, which skews Chinese
// tables).
type table struct {
	w   io.Writer
	buf bytes.Buffer
}

func newTable(w io.Writer) *table { return &table{w: w} }

func (t *table) Write(p []byte) (int, error) { return t.buf.Write(p) }

// Flush aligns and writes what was written since the last Flush.
func (t *table) Flush() error {
	lines := strings.SplitAfter(t.buf.String(), "\n")
	t.buf.Reset()
	var out strings.Builder
	for i := 0; i < len(lines); {
		if !strings.Contains(lines[i], "\t") {
			out.WriteString(lines[i])
			i++
			continue
		}
		j := i
		for j < len(lines) && strings.Contains(lines[j], "\t") {
			j++
		}
		writeBlock(&out, lines[i:j])
		i = j
	}
	_, err := io.WriteString(t.w, out.String())
	return err
}

func writeBlock(out *strings.Builder, lines []string) {
	var widths []int
	cells := make([][]string, len(lines))
	for i, l := range lines {
		cells[i] = strings.Split(strings.TrimSuffix(l, "\n"), "\t")
		for c, cell := range cells[i][:len(cells[i])-1] { // the text after the last tab is no cell
			if c >= len(widths) {
				widths = append(widths, 0)
			}
			widths[c] = max(widths[c], displayWidth(cell))
		}
	}
	for i, row := range cells {
		for c, cell := range row {
			out.WriteString(cell)
			if c < len(row)-1 {
				out.WriteString(strings.Repeat(" ", widths[c]-displayWidth(cell)+2))
			}
		}
		if strings.HasSuffix(lines[i], "\n") {
			out.WriteByte('\n')
		}
	}
}

// displayWidth is how many terminal columns s takes.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}
