package xlsx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// A sheetReader streams the rows of a sheet.
type sheetReader struct {
	wb    *workbook
	t     *tokenizer
	rc    io.ReadCloser
	row   int      // the current row's number
	cells []string // the current row's values, by column from A
	value []byte
}

// A cellError is a cell that cannot be read.
type cellError struct {
	ref string // such as B7, or 7:7 for a row
	row int
	err error
}

func (e *cellError) Error() string { return e.ref + ": " + e.err.Error() }
func (e *cellError) Unwrap() error { return e.err }

func (wb *workbook) openSheet(ref sheetRef) (*sheetReader, error) {
	rc, err := wb.part(ref.part)
	if err != nil {
		return nil, err
	}
	if rc == nil {
		return nil, fmt.Errorf("%w: the part %s of sheet %q is missing", ErrWorkbook, ref.part, ref.name)
	}
	return &sheetReader{wb: wb, t: newTokenizer(rc), rc: rc}, nil
}

func (s *sheetReader) close() { s.rc.Close() }

// token reads the next tag; io.EOF inside a row or cell is an error.
func (s *sheetReader) token(inside string) error {
	err := s.t.next()
	if err == io.EOF {
		return s.bad(fmt.Errorf("%w: the %s ends early", ErrWorkbook, inside))
	}
	if errors.Is(err, errXML) {
		return s.bad(fmt.Errorf("%w: %v", ErrWorkbook, err))
	}
	if err != nil {
		return s.bad(err)
	}
	return nil
}

// next reads the next row; false at the end of the sheet's data.
func (s *sheetReader) next() (bool, error) {
	for {
		err := s.t.next()
		switch {
		case err == io.EOF:
			return false, nil
		case errors.Is(err, errXML):
			return false, s.bad(fmt.Errorf("%w: %v", ErrWorkbook, err))
		case err != nil:
			return false, s.bad(err)
		case string(s.t.name) == "row" && !s.t.end:
			return true, s.readRow()
		case string(s.t.name) == "sheetData" && s.t.end:
			return false, nil
		}
	}
}

// bad is an error at the current row.
func (s *sheetReader) bad(err error) error {
	return &cellError{ref: fmt.Sprintf("%d:%d", s.row, s.row), row: s.row, err: err}
}

func (s *sheetReader) readRow() error {
	prev := s.row
	if r := s.t.attr("r"); r != nil {
		n, err := strconv.Atoi(string(r))
		if err != nil || n <= prev || n > MaxRows {
			return s.bad(fmt.Errorf("%w: row number %q after row %d (rows go up, to %d at most)", ErrCell, r, prev, MaxRows))
		}
		s.row = n
	} else {
		s.row++
	}
	s.cells = s.cells[:0]
	if s.t.empty {
		return nil
	}
	for {
		if err := s.token("row"); err != nil {
			return err
		}
		switch name := string(s.t.name); {
		case name == "c" && !s.t.end:
			if err := s.readCell(); err != nil {
				return err
			}
		case name == "row" && s.t.end:
			return nil
		}
	}
}

// readCell reads one <c> into its column of s.cells.
func (s *sheetReader) readCell() error {
	col := len(s.cells) + 1
	ref := string(s.t.attr("r"))
	if ref != "" {
		c, ok := columnOf(ref)
		if !ok {
			return s.bad(fmt.Errorf("%w: cell reference %q", ErrCell, ref))
		}
		col = c
	}
	if col > MaxColumns || col <= len(s.cells) {
		return s.bad(fmt.Errorf("%w: cell %q out of order or past column XFD", ErrCell, ref))
	}
	ref = columnName(col) + strconv.Itoa(s.row)
	kind, style := string(s.t.attr("t")), string(s.t.attr("s"))
	formula := false
	s.value = s.value[:0]
	if !s.t.empty {
		var err error
		if formula, err = s.cellContent(); err != nil {
			return &cellError{ref: ref, row: s.row, err: err}
		}
	}
	value := string(s.value)
	if formula && value == "" && kind != "str" && kind != "inlineStr" {
		return &cellError{ref: ref, row: s.row, err: fmt.Errorf("%w; open the workbook in Excel and save it, so that the values are stored, or paste the values", ErrFormula)}
	}
	text, err := s.wb.cellText(kind, style, value)
	if err != nil {
		return &cellError{ref: ref, row: s.row, err: err}
	}
	for len(s.cells) < col-1 {
		s.cells = append(s.cells, "")
	}
	s.cells = append(s.cells, text)
	return nil
}

// cellContent reads a cell's children into s.value: the text of <v>,
// or of the <t> of <is> (without phonetic runs); it reports whether the
// cell has a formula <f>.
func (s *sheetReader) cellContent() (formula bool, err error) {
	t := s.t
	phonetic := false
	defer func() { t.keep = false }()
	for {
		if err := t.next(); err != nil {
			if err == io.EOF || errors.Is(err, errXML) {
				return false, fmt.Errorf("%w: the cell ends early or is malformed: %v", ErrWorkbook, err)
			}
			return false, err
		}
		switch name := string(t.name); {
		case name == "c" && t.end:
			return formula, nil
		case name == "f" && !t.end:
			formula = true
		case name == "rPh":
			phonetic = !t.end && !t.empty
		case (name == "v" || name == "t") && t.end:
			if t.keep {
				s.value = append(s.value, t.text...)
				if len(s.value) > MaxCellText {
					return false, fmt.Errorf("%w: more than %d KiB of text", ErrCell, MaxCellText>>10)
				}
			}
			t.keep = false
		case (name == "v" || name == "t") && !t.empty:
			t.keep = !phonetic
		}
	}
}

// cellText is the text of a cell as Excel shows its value.
func (wb *workbook) cellText(kind, style, value string) (string, error) {
	switch kind {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(value))
		if err != nil || i < 0 || i >= len(wb.strings) {
			return "", fmt.Errorf("%w: shared string %q is not in the workbook", ErrCell, value)
		}
		return wb.strings[i], nil
	case "b":
		if strings.TrimSpace(value) == "1" {
			return "TRUE", nil
		}
		return "FALSE", nil
	case "str", "inlineStr", "e", "d":
		return value, nil // text, an error value such as #N/A, an ISO 8601 date
	}
	if s, err := strconv.Atoi(style); err == nil && s >= 0 && s < len(wb.dates) && wb.dates[s] && value != "" {
		x, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
		if err != nil {
			return "", fmt.Errorf("%w: the date %q is not a number", ErrCell, value)
		}
		text, ok := dateText(x, wb.date1904)
		if !ok {
			return "", fmt.Errorf("%w: %s is not a date Excel shows", ErrCell, value)
		}
		return text, nil
	}
	return value, nil
}

// columnOf returns the column number of a cell reference such as B7.
func columnOf(ref string) (int, bool) {
	col, i := 0, 0
	for ; i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z'; i++ {
		col = col*26 + int(ref[i]-'A'+1)
		if col > MaxColumns {
			return 0, false
		}
	}
	if i == 0 || i == len(ref) {
		return 0, false
	}
	for _, c := range ref[i:] {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	return col, true
}

// columnName returns the letters of column n: 1 is A, 27 is AA.
func columnName(n int) string {
	var b []byte
	for ; n > 0; n = (n - 1) / 26 {
		b = append(b, byte('A'+(n-1)%26))
	}
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

// mergedCells returns the first merged range of a sheet, "" when it has
// none. Merged ranges are listed after a sheet's rows, so the sheet is
// read once for them, without parsing, before its rows are read:
// a merged cell's value is in its first cell only, and the others would
// be read as empty.
func (wb *workbook) mergedCells(ref sheetRef) (string, error) {
	rc, err := wb.part(ref.part)
	if rc == nil || err != nil {
		return "", err
	}
	defer rc.Close()
	const overlap = 256
	buf := make([]byte, 64<<10)
	have := 0
	for {
		n, err := io.ReadFull(rc, buf[have:])
		have += n
		if i := bytes.Index(buf[:have], []byte("mergeCell ")); i >= 0 {
			tail := buf[i:have]
			if j := bytes.Index(tail, []byte(`ref="`)); j >= 0 {
				if k := bytes.IndexByte(tail[j+5:], '"'); k >= 0 {
					return string(tail[j+5 : j+5+k]), nil
				}
			}
			if err != nil || i == 0 && have == len(buf) {
				return "?", nil // a reference cut short: merged all the same
			}
			copy(buf, buf[i:have]) // read on for the reference
			have -= i
			continue
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return "", nil
		}
		if err != nil {
			return "", fmt.Errorf("%w: sheet %q: %v", ErrWorkbook, ref.name, err)
		}
		keep := min(overlap, have)
		copy(buf, buf[have-keep:have])
		have = keep
	}
}
