package xlsx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
	"sort"
	"strings"
	"sync"

	"github.com/peakend/peakend/scoring"
)

// Sheets returns the names of a workbook's sheets, in its order.
func Sheets(r io.ReaderAt, size int64) ([]string, error) {
	wb, err := openWorkbook(r, size)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(wb.sheets))
	for i, s := range wb.sheets {
		names[i] = s.name
	}
	return names, nil
}

// Read returns the visits of the named sheet of the workbook r (of size
// bytes), the first sheet for "", as scoring.Read returns those of a
// CSV file with opt. opt.Encoding and opt.Separator do not apply: a
// workbook's text is Unicode and its fields are cells. Every error, and
// every row passed to opt.Reject, is a *scoring.ParseError that names
// its cell (ParseError.Cell) and has the row's number as its Line.
func Read(r io.ReaderAt, size int64, sheet string, opt scoring.Options) iter.Seq2[scoring.Visit, error] {
	if opt.Name == "" {
		opt.Name = "<workbook>"
	}
	return func(yield func(scoring.Visit, error) bool) {
		fail := func(cell string, err error) {
			yield(scoring.Visit{}, &scoring.ParseError{File: opt.Name, Cell: cell, Err: err})
		}
		wb, err := openWorkbook(r, size)
		if err != nil {
			fail("", err)
			return
		}
		ref, err := wb.sheet(sheet)
		if err != nil {
			fail("", err)
			return
		}
		where := sheetName(ref.name)
		switch merged, err := wb.mergedCells(ref); {
		case err != nil:
			fail(where, err)
			return
		case merged != "":
			fail(where+"!"+merged, fmt.Errorf("%w: a merged cell's value is in its first cell only; unmerge them and fill every cell", ErrMerged))
			return
		}
		rows, err := wb.openSheet(ref)
		if err != nil {
			fail(where, err)
			return
		}
		c := &converter{sheet: rows, where: where}
		pr, pw := io.Pipe()
		done := make(chan struct{})
		go func() {
			defer close(done)
			defer rows.close()
			pw.CloseWithError(c.run(pw))
		}()
		defer func() {
			pr.Close() // a loop that stops early ends the converter
			<-done
		}()
		text := opt
		text.Encoding, text.Separator = scoring.UTF8, ','
		if opt.Reject != nil {
			text.Reject = func(e *scoring.ParseError) { c.locate(e); opt.Reject(e) }
		}
		for v, err := range scoring.Read(pr, text) {
			if err != nil {
				err = c.locateError(err)
			}
			if err == nil {
				v.Line = c.rowOf(v.Line)
			}
			if !yield(v, err) || err != nil {
				return
			}
		}
	}
}

// sheetName is a sheet's name as a cell reference writes it: quoted
// when it has spaces or punctuation, as 'My visits'!B7.
func sheetName(name string) string {
	if strings.ContainsAny(name, " !'-+,;()&%$#@^") {
		return "'" + strings.ReplaceAll(name, "'", "''") + "'"
	}
	return name
}

// A converter writes a sheet's rows as CSV for scoring.Read, and knows
// which row each line of the CSV came from.
type converter struct {
	sheet *sheetReader
	where string
	mu    sync.Mutex
	marks []mark // where the lines stop counting rows one for one
}

// A mark is a line of the CSV and the row it came from; the lines after
// it come from the rows after it, up to the next mark.
type mark struct{ line, row int }

func (c *converter) run(w io.Writer) error {
	var b []byte
	line, width := 1, 0
	for {
		ok, err := c.sheet.next()
		if err != nil || !ok {
			return err
		}
		cells := c.sheet.cells
		if empty(cells) {
			continue // a blank line, written with the next row's
		}
		if width == 0 {
			width = len(cells) // the header
		}
		// A blank line for each row before this one that is not in the
		// sheet or is empty keeps lines and rows one for one, so that
		// the line numbers in messages are the rows.
		b = b[:0]
		for ; line < c.sheet.row; line++ {
			b = append(b, '\n')
		}
		record := len(b)
		for i := range max(width, len(cells)) {
			if i > 0 {
				b = append(b, ',')
			}
			if i < len(cells) {
				b = scoring.AppendCSVTextVerbatim(b, cells[i])
			}
		}
		b = append(b, '\n')
		c.mark(line, c.sheet.row)
		line += bytes.Count(b[record:], []byte{'\n'})
		if _, err := w.Write(b); err != nil {
			return nil // the reader stopped
		}
	}
}

func empty(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func (c *converter) mark(line, row int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if n := len(c.marks); n > 0 && c.marks[n-1].row-c.marks[n-1].line == row-line {
		return
	}
	c.marks = append(c.marks, mark{line, row})
}

// rowOf returns the row a line of the CSV came from.
func (c *converter) rowOf(line int) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	i := sort.Search(len(c.marks), func(i int) bool { return c.marks[i].line > line }) - 1
	if i < 0 {
		return line
	}
	return c.marks[i].row + line - c.marks[i].line
}

// locate turns the line and field of a ParseError into a cell.
func (c *converter) locate(e *scoring.ParseError) {
	if e.Cell != "" || e.Line <= 0 {
		return
	}
	row := c.rowOf(e.Line)
	e.Line, e.Column = row, e.Index
	if e.Index > 0 {
		e.Cell = fmt.Sprintf("%s!%s%d", c.where, columnName(e.Index), row)
	} else {
		e.Cell = fmt.Sprintf("%s!%d:%d", c.where, row, row)
	}
}

// locateError places an error of scoring.Read, or of the converter
// that it passed on, in the sheet.
func (c *converter) locateError(err error) error {
	var pe *scoring.ParseError
	if !errors.As(err, &pe) {
		return err
	}
	var ce *cellError
	if errors.As(err, &ce) {
		return &scoring.ParseError{File: pe.File, Line: ce.row, Cell: c.where + "!" + ce.ref, Err: ce.err}
	}
	c.locate(pe)
	return err
}
