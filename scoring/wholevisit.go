package scoring

import (
	"errors"
	"strconv"
	"strings"
)

// A visit is read whole or not at all: under Options.Reject, a bad row
// of a visit sends its other rows, before and after it, to Reject too,
// and the visit is not yielded, so that no visit is scored without a
// word on fewer moments than it had (its peak or end could change).

// visitRows keeps the rows of a visit being read, to reject them with it.
type visitRows struct {
	lines []int
	ends  []int  // where each row's record ends in text
	text  []byte // the records, one after another
	bad   int    // the line of the visit's first bad row; 0 while it is good
}

func (vr *visitRows) reset() {
	vr.lines, vr.ends, vr.text, vr.bad = vr.lines[:0], vr.ends[:0], vr.text[:0], 0
}

func (vr *visitRows) add(line int, record []byte) {
	vr.lines = append(vr.lines, line)
	vr.text = append(vr.text, record...)
	vr.ends = append(vr.ends, len(vr.text))
}

// rejectedWith is the error of a good row of a visit that has a bad one.
func (a *assembler) rejectedWith(badLine int) error {
	return errorf(ErrVisitRejected, "rejected with its visit, whose row at %s is bad", a.at(badLine))
}

// at names a line in a message.
func (a *assembler) at(line int) string {
	if a.where != nil {
		return a.where(line)
	}
	return "line " + strconv.Itoa(line)
}

// rowsOf returns the kept rows of visit v, or nil when rows are not
// kept: without Reject the first bad row ends reading, and a JSON line
// is a visit whole.
func (a *assembler) rowsOf(v *Visit) *visitRows {
	switch {
	case a.opt.Reject == nil || a.opt.Format != CSV || v == nil:
		return nil
	case a.held == nil:
		if v != a.cur {
			return nil
		}
		return &a.curRows
	}
	if a.heldRows == nil {
		a.heldRows = map[*Visit]*visitRows{}
	}
	rows := a.heldRows[v]
	if rows == nil {
		rows = &visitRows{}
		a.heldRows[v] = rows
	}
	return rows
}

// badRow reports a bad row, and the rows of its visit read so far; it
// returns false when reading must stop.
func (a *assembler) badRow(e *ParseError) bool {
	if a.opt.Reject == nil || a.opt.Format != CSV || strings.TrimSpace(e.Visit) == "" || errors.Is(e.Err, ErrReappears) {
		return a.bad(e)
	}
	v := a.visitOf(e)
	if a.stopped {
		return false
	}
	rows := a.rowsOf(v)
	if rows == nil {
		return a.bad(e) // a row of a visit read before: it reappears
	}
	if rows.bad == 0 {
		rows.bad = e.Line
		a.rejectRows(v, rows, a.rejectedWith(e.Line))
	}
	return a.bad(e)
}

// visitOf returns the visit a bad row belongs to, opening it when it is
// new, so that the rows after it go with it; nil when the visit was
// read before.
func (a *assembler) visitOf(e *ParseError) *Visit {
	if a.held != nil {
		if v, found := a.held[e.Visit]; found {
			return v
		}
	} else if a.cur != nil && a.cur.ID == e.Visit {
		return a.cur
	}
	if perr := a.open([]byte(e.Visit), e.Line); perr != nil || a.stopped {
		return nil
	}
	return a.cur
}

// rejectRows sends the kept rows of v to Reject with err.
func (a *assembler) rejectRows(v *Visit, rows *visitRows, err error) {
	start := 0
	for i, line := range rows.lines {
		a.bad(&ParseError{Line: line, Visit: v.ID, Err: err, Record: string(rows.text[start:rows.ends[i]])})
		start = rows.ends[i]
	}
	rows.lines, rows.ends, rows.text = rows.lines[:0], rows.ends[:0], rows.text[:0]
}

// whole reports whether visit v is to be yielded: not when a row of it
// was bad, nor when none of its moments has a rating (SkipMissing),
// which is a bad visit in itself.
func (a *assembler) whole(v *Visit) bool {
	rows := a.rowsOf(v)
	if rows != nil && rows.bad != 0 {
		return false
	}
	if len(v.Moments) > 0 || v.Missing == 0 {
		return true
	}
	err := errorf(ErrMissing, "no moment of the visit has a rating")
	if rows == nil {
		a.bad(&ParseError{Line: v.Line, Visit: v.ID, Field: "rating", Err: err})
		return false
	}
	rows.bad = v.Line
	a.rejectRows(v, rows, err)
	return false
}
