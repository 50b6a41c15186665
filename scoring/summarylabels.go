package scoring

import (
	"bufio"
	"io"
	"sort"
	"strconv"
)

// SummaryLabels give a Summary's CSV headings and purpose names for
// people who read it in their own language; the zero value writes the
// columns' own names, as programs read them.
type SummaryLabels struct {
	// Column returns the heading of the column name ("purpose",
	// "visits", a feature's name, "remembered"); nil keeps the names.
	Column func(name string) string
	// Name returns the name of a purpose, written in a column after
	// the purpose headed NameColumn; nil writes no such column.
	Name       func(purpose string) string
	NameColumn string
}

// WriteCSVLabelled writes the summary as WriteCSV does, with the
// headings and the column of names that l gives.
func (s *Summary) WriteCSVLabelled(w io.Writer, l SummaryLabels) error {
	if w == nil {
		return errNilWriter
	}
	if s == nil {
		s = &Summary{}
	}
	heading := l.Column
	if heading == nil {
		heading = func(name string) string { return name }
	}
	bw := bufio.NewWriter(w)
	var head []byte
	for i, name := range SummaryColumns() {
		if i > 0 {
			head = append(head, ',')
		}
		head = appendText(head, s.Verbatim, heading(name))
		if i == 0 && l.Name != nil {
			head = appendText(append(head, ','), s.Verbatim, l.NameColumn)
		}
	}
	bw.Write(append(head, '\n'))
	purposes := make([]string, 0, len(s.groups))
	for p := range s.groups {
		purposes = append(purposes, p)
	}
	sort.Strings(purposes)
	for _, p := range purposes {
		g := s.groups[p]
		b := appendText(nil, s.Verbatim, p)
		if l.Name != nil {
			b = appendText(append(b, ','), s.Verbatim, l.Name(p))
		}
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(g.visits), 10)
		for i := range len(columnFeatures) + 1 {
			b = append(b, ',')
			if g.n[i] > 0 {
				b = AppendNumber(b, g.sum[i]/float64(g.n[i]))
			}
		}
		bw.Write(append(b, '\n'))
	}
	return bw.Flush()
}

// SummaryColumns returns the names of the columns of Summary.WriteCSV,
// in order, in a new slice each call: purpose, visits, the features,
// remembered.
func SummaryColumns() []string {
	names := []string{"purpose", "visits"}
	for _, ft := range columnFeatures {
		names = append(names, ft.name)
	}
	return append(names, "remembered")
}
