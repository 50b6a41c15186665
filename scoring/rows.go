package scoring

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"strconv"
	"strings"
)

// Rows, for readers that group a visit's rows themselves, such as a
// pipeline that reads many files on many machines: ReadRows gives each
// row of an input with where it is, and Join makes one visit of its
// rows, in any order, by the rules Read applies to a visit's rows.

// A Row is one moment's row of an input, parsed: where it is, the text
// it was read from, and its values. A bad row whose visit is known is a
// Row too (Bad), so that its visit can be rejected whole when joined.
// Rows are values: Beam and other encoders take them by MarshalBinary.
type Row struct {
	File string // the input's name, Options.Name
	Line int    // 1-based
	// Index is the moment's place in its line: 0 in CSV, and 0, 1, …
	// among the moments of a JSON line.
	Index int
	// Record is the row as read: a CSV record, or a JSON line on its
	// first moment (and "" on the others, so that the line travels once).
	Record string
	Visit  string
	// Purpose, Customer and Site are "" when the row does not give them;
	// Remembered and Recommend NA.
	Purpose, Customer, Site string
	Remembered, Recommend   float64
	Moment                  Moment

	has      uint // the visit-level fields the row gives, as row.has
	timeKind int
	missing  bool // no rating, under SkipMissing
	jsonLine bool // read from JSON Lines
	span     int  // the moments of a JSON line, on its first
	bad      *ParseError
}

// Bad returns the problem of a bad row, or nil for a good one.
func (r *Row) Bad() *ParseError { return r.bad }

// ErrUnordered is a visit whose moments have no start time and whose
// rows come from several inputs: they have no order to score them in.
var ErrUnordered = errors.New("a visit's moments have no order")

// ReadRows returns the rows of r, in input order, as Read reads them
// (the same Options, the same checks of each row), without joining
// them into visits and on the caller's goroutine. A bad row whose visit
// is known is yielded as a Row whose Bad is set; one whose visit is not
// known (such as a line that is not JSON) goes to Options.Reject, as
// Read sends it. Without Reject the first bad row ends reading with its
// *ParseError, as does an error that ends the input (a bad header, say).
// The checks of a visit as a whole — disagreeing rows, its size, its
// times — are Join's.
func ReadRows(r io.Reader, opt Options) iter.Seq2[Row, error] {
	opt = opt.withDefaults()
	return func(yield func(Row, error) bool) {
		if r == nil {
			yield(Row{}, errors.New("scoring: ReadRows of a nil io.Reader"))
			return
		}
		if err := opt.check(); err != nil {
			yield(Row{}, err)
			return
		}
		if err := opt.checkText(); err != nil {
			yield(Row{}, err)
			return
		}
		stopped, index, lastLine := false, 0, 0
		p := &parser{opt: opt, intern: map[string]string{}, batch: &rowBatch{}}
		p.each = func(pr *row) bool {
			if pr.bad != nil {
				ok := badRowOf(opt, pr.bad, yield)
				stopped = !ok
				return ok
			}
			if pr.line == lastLine && !pr.opens {
				index++
			} else {
				index = 0
			}
			lastLine = pr.line
			r := exportRow(opt.Name, pr, index)
			r.jsonLine = opt.Format == JSONL
			if !yield(r, nil) {
				stopped = true
				return false
			}
			return true
		}
		if err := p.parse(r); err != nil && !stopped {
			yield(Row{}, err)
		}
	}
}

// badRowOf passes on a bad row as ReadRows does; false means stop.
func badRowOf(opt Options, e *ParseError, yield func(Row, error) bool) bool {
	e.File = opt.Name
	switch {
	case opt.Reject == nil:
		yield(Row{}, e)
		return false
	case strings.TrimSpace(e.Visit) == "":
		opt.Reject(e)
		return true
	}
	return yield(Row{File: e.File, Line: e.Line, Record: e.Record, Visit: e.Visit,
		Remembered: NA, Recommend: NA, Moment: Moment{T: NA, Duration: NA, Rating: NA},
		jsonLine: opt.Format == JSONL, bad: e}, nil)
}

// exportRow copies a parsed row, whose bytes the parser reuses.
func exportRow(file string, pr *row, index int) Row {
	r := Row{File: file, Line: pr.line, Index: index, Visit: string(pr.visit),
		Remembered: NA, Recommend: NA, Moment: pr.moment,
		has: pr.has, timeKind: pr.timeKind, missing: pr.missing, span: pr.span}
	if index == 0 {
		r.Record = string(pr.record)
	}
	if pr.has&(1<<colPurpose) != 0 {
		r.Purpose = string(pr.purpose)
	}
	for _, c := range whoColumns {
		if pr.has&(1<<c) != 0 {
			*r.who(c) = string(pr.who[c-colWho])
		}
	}
	if pr.has&(1<<colRemembered) != 0 {
		r.Remembered = pr.remembered
	}
	if pr.has&(1<<colRecommend) != 0 {
		r.Recommend = pr.recommend
	}
	return r
}

func (r *Row) who(c int) *string {
	if c == colCustomer {
		return &r.Customer
	}
	return &r.Site
}

// Join returns the visit of rows, all of one visit id and in any order,
// as Read would give it had it read the rows sorted by file and line:
// the same checks (rows that disagree on purpose, remembered,
// recommend, customer or site; mixed kinds of time; Options.MaxMoments
// and MaxVisitBytes) with the same messages, and its moments in the
// same order. A visit is joined whole or not at all: with
// Options.Reject each bad row goes to Reject with the visit's other
// rows (ErrVisitRejected) and Join returns ErrVisitRejected; without
// it, Join returns the first bad row's *ParseError. Where rows come from
// several files, messages name a line with its file ("line 12 of
// a.csv"), and a visit whose moments have neither a start time nor a
// seq is rejected (ErrUnordered): its files give its rows no order.
func Join(rows []Row, opt Options) (Visit, error) {
	if len(rows) == 0 {
		return Visit{}, errors.New("scoring: Join of no rows")
	}
	for i := range rows {
		if rows[i].Visit != rows[0].Visit {
			return Visit{}, fmt.Errorf("scoring: Join of the rows of visits %q and %q", rows[0].Visit, rows[i].Visit)
		}
	}
	j := newJoin(rows, opt)
	return j.run()
}

// A join assembles one visit's rows by Read's assembler: sorted by file
// and line, numbered so that a line of one file is never taken for the
// same line of another, with the numbers turned back into file and line
// in what it reports.
type join struct {
	opt      Options
	rows     []Row
	places   []place // by the assembler's line − 1
	files    int
	seen     map[place]bool // the rows reported, once each
	failed   error
	rejected bool
}

type place struct {
	file string
	line int
}

func newJoin(rows []Row, opt Options) *join {
	opt = opt.withDefaults()
	j := &join{opt: opt, rows: slices.Clone(rows), seen: map[place]bool{}}
	slices.SortStableFunc(j.rows, func(a, b Row) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Index, b.Index))
	})
	for i, r := range j.rows {
		pl := place{r.File, r.Line}
		if n := len(j.places); n == 0 || j.places[n-1] != pl {
			j.places = append(j.places, pl)
		}
		if i == 0 || r.File != j.rows[i-1].File {
			j.files++
		}
	}
	return j
}

func (j *join) run() (Visit, error) {
	opt := j.opt
	opt.Unsorted, opt.Format, opt.ReuseMoments = true, j.format(), false
	opt.Name = j.rows[0].File
	if j.opt.Reject != nil {
		opt.Reject = j.report
	}
	var joined *Visit
	a := newAssembler(opt, nil, func(v Visit, err error) bool {
		if err != nil {
			j.failed = j.restore(err)
			return false
		}
		joined = &v
		return true
	})
	if j.files > 1 {
		a.where = func(line int) string {
			pl := j.placeOf(line)
			return "line " + strconv.Itoa(pl.line) + " of " + pl.file
		}
	}
	for i := range j.rows {
		r := j.internal(&j.rows[i])
		if !a.take(&r) {
			break
		}
	}
	a.finish()
	switch {
	case j.failed != nil:
		return Visit{}, j.failed
	case joined == nil:
		return Visit{}, ErrVisitRejected
	}
	v := *joined
	v.Line = j.placeOf(v.Line).line
	if err := j.ordered(&v); err != nil {
		return Visit{}, err
	}
	return v, nil
}

// format is the format the rows are joined as: JSON Lines when all are
// of JSON lines, each a visit whole or a part of one, as Read joins
// them; else CSV.
func (j *join) format() Format {
	for i := range j.rows {
		if !j.rows[i].jsonLine {
			return CSV
		}
	}
	return JSONL
}

// ordered refuses a visit without start times whose rows come from
// several files, which give them no order.
func (j *join) ordered(v *Visit) error {
	if j.files == 1 || len(v.Moments) < 2 || OrderedByContent(v) {
		return nil
	}
	err := errorf(ErrUnordered, "its moments have no t and its rows are in %d files, which give them no order; give every row a t or a seq", j.files)
	for _, r := range j.rows {
		if r.Index > 0 {
			continue
		}
		e := &ParseError{File: r.File, Line: r.Line, Visit: r.Visit, Field: "t", Err: err, Record: r.Record}
		if j.opt.Reject == nil {
			return e
		}
		j.opt.Reject(e)
	}
	return ErrVisitRejected
}

// internal is r as the assembler takes it, at its numbered line.
func (j *join) internal(r *Row) row {
	line := r.Line
	if j.files > 1 {
		line, _ = slices.BinarySearchFunc(j.places, place{r.File, r.Line}, func(a, b place) int {
			return cmp.Or(strings.Compare(a.file, b.file), cmp.Compare(a.line, b.line))
		})
		line++
	}
	if r.bad != nil {
		e := *r.bad
		e.Line = line
		return row{line: line, bad: &e}
	}
	pr := row{line: line, visit: []byte(r.Visit), purpose: []byte(r.Purpose),
		remembered: r.Remembered, recommend: r.Recommend, moment: r.Moment,
		timeKind: r.timeKind, missing: r.missing, opens: r.Index == 0 && r.span > 0, span: r.span,
		has: r.has, record: []byte(r.Record)}
	for _, c := range whoColumns {
		pr.who[c-colWho] = []byte(*r.who(c))
	}
	return pr
}

// placeOf is the file and line of the assembler's line.
func (j *join) placeOf(line int) place {
	if j.files == 1 {
		return place{j.rows[0].File, line}
	}
	if line < 1 || line > len(j.places) {
		return place{}
	}
	return j.places[line-1]
}

// restore gives a problem the assembler reported its file and line.
func (j *join) restore(err error) error {
	var e *ParseError
	if errors.As(err, &e) && e.Line > 0 {
		pl := j.placeOf(e.Line)
		e.File, e.Line = pl.file, pl.line
	}
	return err
}

// report passes a bad row on to Reject, each row once: the moments of a
// JSON line are the assembler's rows, but one row of the input.
func (j *join) report(e *ParseError) {
	j.restore(e)
	pl := place{e.File, e.Line}
	if j.seen[pl] {
		return
	}
	j.seen[pl] = true
	j.opt.Reject(e)
}
