package scoring

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"math"
	"strconv"
	"strings"
	"time"
)

// Format is an input or output format of visits.
type Format int

const (
	CSV   Format = iota // tidy (long) CSV: one row per moment, with a header
	JSONL               // JSON Lines: one visit per line
)

// ParseFormat returns the format named "csv" or "jsonl".
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(s) {
	case "csv":
		return CSV, nil
	case "jsonl", "ndjson":
		return JSONL, nil
	}
	return 0, fmt.Errorf("unknown format %q; formats are csv and jsonl", s)
}

// MaxLine is the longest line Read accepts, so that a huge line is
// refused instead of read into memory.
const MaxLine = 16 << 20

// Options control Read.
type Options struct {
	Name   string // the input's name in messages, such as its file name
	Format Format
	Scale  Scale // ratings outside it are errors; the zero Scale means DefaultScale
	// Unsorted accepts the rows of a visit anywhere in a CSV input (the
	// input is then held in memory); without it a visit must be
	// contiguous, and one that reappears is an error.
	Unsorted bool
	// Reject, when set, receives every bad row, and reading goes on with
	// the rest; without it the first bad row ends reading with its error.
	// A bad row never becomes part of a visit.
	Reject func(*ParseError)
}

// A ParseError is a bad row: where it is, what is wrong, and the row.
type ParseError struct {
	File   string
	Line   int    // 1-based; 0 when not known
	Column int    // 1-based column of the bad field (CSV); 0 when not known
	Visit  string // the visit id of the row, when known
	Field  string // the column or key at fault, when known
	Err    error
	Record string // the row as read (re-encoded for CSV)
}

func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	b.WriteString(": ")
	if e.Visit != "" {
		fmt.Fprintf(&b, "visit %s: ", e.Visit)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, "%s: ", e.Field)
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *ParseError) Unwrap() error { return e.Err }

// Errors that a ParseError may wrap.
var (
	ErrLineTooLong = fmt.Errorf("line longer than %d MiB", MaxLine>>20)
	ErrReappears   = errors.New("visit reappears after other visits; group a visit's rows together, or pass --unsorted")
)

// Read returns the visits of r, in input order. It stops at the first
// error, which names file, line and visit, unless Options.Reject is set.
// With contiguous input its memory stays flat in the number of visits:
// a visit is yielded as soon as its last row is read, and only a 64-bit
// hash of each visit id is kept to find one that reappears.
//
// Read parses on a goroutine of its own while the caller's loop body
// runs, so that reading and scoring share two cores. Visits and
// rejected rows still arrive in input order, and Reject is called on
// the caller's goroutine. A loop that stops early waits for the read in
// progress to end.
func Read(r io.Reader, opt Options) iter.Seq2[Visit, error] {
	if opt.Scale == (Scale{}) {
		opt.Scale = DefaultScale
	}
	if opt.Name == "" {
		opt.Name = "<input>"
	}
	return func(yield func(Visit, error) bool) {
		if err := opt.Scale.Validate(); err != nil {
			yield(Visit{}, err)
			return
		}
		batches := make(chan []readItem, 4)
		done := make(chan struct{})
		go func() {
			defer close(batches)
			produce(r, opt, batches, done)
		}()
		defer func() {
			close(done)
			for range batches { // let the reader see done and end
			}
		}()
		for batch := range batches {
			for _, it := range batch {
				if it.rejected != nil {
					opt.Reject(it.rejected)
					continue
				}
				if !yield(it.visit, it.err) || it.err != nil {
					return
				}
			}
		}
	}
}

// readItem is what the reading goroutine passes on: a visit, a row for
// Options.Reject, or the error that ends reading.
type readItem struct {
	visit    Visit
	rejected *ParseError
	err      error
}

const batchSize = 256

// produce reads r and sends its items in batches until the input ends,
// an error ends it, or done is closed.
func produce(r io.Reader, opt Options, batches chan<- []readItem, done <-chan struct{}) {
	batch := make([]readItem, 0, batchSize)
	send := func(it readItem) bool {
		batch = append(batch, it)
		if len(batch) < batchSize && it.err == nil {
			return true
		}
		select {
		case batches <- batch:
			batch = make([]readItem, 0, batchSize)
			return it.err == nil
		case <-done:
			return false
		}
	}
	a := &assembler{opt: opt, send: send, intern: map[string]string{}}
	if opt.Unsorted {
		a.held, a.timeKinds = map[string]*Visit{}, map[*Visit]int{}
	}
	var err error
	if opt.Format == JSONL {
		err = a.readJSONL(r)
	} else {
		err = a.readCSV(r)
	}
	if err != nil {
		if !a.stopped {
			send(readItem{err: err})
		}
		return
	}
	a.finish()
	if len(batch) > 0 {
		select {
		case batches <- batch:
		case <-done:
		}
	}
}

// ReadAll reads every visit of r into a slice, for tests and small data.
func ReadAll(r io.Reader, opt Options) ([]Visit, error) {
	var visits []Visit
	for v, err := range Read(r, opt) {
		if err != nil {
			return visits, err
		}
		visits = append(visits, v)
	}
	return visits, nil
}

// assembler builds visits from rows and yields them.
type assembler struct {
	opt     Options
	send    func(readItem) bool // passes an item on; false when reading must stop
	stopped bool                // the consumer stopped, or an error ended reading

	cur       *Visit
	curTimed  int             // moments of cur with / without t: +1 timed, -1 untimed, 0 none yet
	fieldAt   [numColumns]int // line where cur's visit-level fields were first given
	seen      idSet           // hashes of the visit ids seen, with their first lines
	intern    map[string]string
	recent    [64]string        // a cache in front of intern
	lastLen   int               // moments of the last visit: the next one's likely size
	held      map[string]*Visit // --unsorted: visits by id
	timeKinds map[*Visit]int    // --unsorted: the time kind of each held visit
	heldList  []*Visit
}

// bad reports a bad row; it returns false when reading must stop.
func (a *assembler) bad(e *ParseError) bool {
	e.File = a.opt.Name
	if a.opt.Reject != nil {
		if !a.send(readItem{rejected: e}) {
			a.stopped = true
			return false
		}
		return true
	}
	a.stopped = true
	a.send(readItem{err: e})
	return false
}

// internBytes returns b as a string, sharing one copy per distinct
// value: touchpoints and purposes repeat on millions of rows. A small
// direct-mapped cache answers most rows before the map is asked.
func (a *assembler) internBytes(b []byte) string {
	slot := 0
	if len(b) > 0 {
		slot = (len(b)*31 + int(b[0])*7 + int(b[len(b)-1])) & (len(a.recent) - 1)
		if s := a.recent[slot]; s == string(b) {
			return s
		}
	}
	if v, ok := a.intern[string(b)]; ok {
		a.recent[slot] = v
		return v
	}
	s := string(b)
	if len(a.intern) < 1<<16 {
		a.intern[s] = s
	}
	return s
}

// hashID is FNV-1a of a visit id. Read keeps only these hashes of the
// ids it has seen; two ids of one input share a hash with a chance of
// about n²/2⁶⁵ (3·10⁻⁸ for a million visits).
func hashID(id []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range id {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// emit passes a finished visit on.
func (a *assembler) emit(v *Visit) bool {
	if a.held != nil {
		return true // held until the end
	}
	a.lastLen = len(v.Moments)
	if !a.send(readItem{visit: *v}) {
		a.stopped = true
		return false
	}
	return true
}

func (a *assembler) finish() {
	if a.cur != nil && !a.emit(a.cur) {
		return
	}
	for _, v := range a.heldList {
		if !a.send(readItem{visit: *v}) {
			return
		}
	}
}

// row is one moment's row, decoded. Its byte slices point into the
// reader's buffer and are valid until the next row.
type row struct {
	line         int
	visitBytes   []byte
	purposeBytes []byte
	remembered   float64
	recommend    float64
	moment       Moment
	timeKind     int  // untimed, seconds or clockTime
	has          uint // bits 1<<colPurpose, colRemembered, colRecommend: the visit-level fields the row carries
}

// add puts a decoded row into its visit. It returns a problem for a row
// that conflicts with its visit, which then is not added; ok is false
// when the consumer stopped.
func (a *assembler) add(r *row) (perr *ParseError, ok bool) {
	if a.cur == nil || string(r.visitBytes) != a.cur.ID {
		if a.held != nil {
			if v, found := a.held[string(r.visitBytes)]; found {
				a.cur = v
				a.curTimed = a.timedState(v)
				return a.merge(r), true
			}
		}
		if a.cur != nil && !a.emit(a.cur) {
			return nil, false
		}
		a.cur = nil
		if a.held == nil {
			if first := a.seen.seen(hashID(r.visitBytes), r.line); first != 0 {
				return &ParseError{Line: r.line, Visit: string(r.visitBytes), Field: "visit",
					Err: fmt.Errorf("%w (first seen at line %d)", ErrReappears, first)}, true
			}
		}
		a.cur = &Visit{ID: string(r.visitBytes), Remembered: NA, Recommend: NA, Line: r.line,
			Moments: make([]Moment, 0, max(8, a.lastLen))}
		a.curTimed = 0
		a.fieldAt = [numColumns]int{}
		if a.held != nil {
			a.held[a.cur.ID] = a.cur
			a.heldList = append(a.heldList, a.cur)
		}
	}
	return a.merge(r), true
}

// timedState is the time kind of a held visit's moments. A held visit
// keeps its kind in timeKinds, as moments do not record it.
func (a *assembler) timedState(v *Visit) int { return a.timeKinds[v] }

func (a *assembler) merge(r *row) *ParseError {
	v := a.cur
	conflict := func(c int, old, now string) *ParseError {
		return &ParseError{Line: r.line, Visit: v.ID, Field: csvColumns[c],
			Err: fmt.Errorf("%s here, but %s at line %d", now, old, a.fieldAt[c])}
	}
	if r.has&(1<<colPurpose) != 0 && v.Purpose != "" && v.Purpose != string(r.purposeBytes) {
		return conflict(colPurpose, strconv.Quote(v.Purpose), strconv.Quote(string(r.purposeBytes)))
	}
	if r.has&(1<<colRemembered) != 0 && !IsNA(v.Remembered) && v.Remembered != r.remembered {
		return conflict(colRemembered, formatNumber(v.Remembered), formatNumber(r.remembered))
	}
	if r.has&(1<<colRecommend) != 0 && !IsNA(v.Recommend) && v.Recommend != r.recommend {
		return conflict(colRecommend, formatNumber(v.Recommend), formatNumber(r.recommend))
	}
	state := r.timeKind
	if a.curTimed != 0 && a.curTimed != state {
		msg := "some moments of this visit have a time t and others not; give every moment one, or none"
		if a.curTimed != untimed && state != untimed {
			msg = "this visit mixes seconds and RFC 3339 times in t; use one kind for a visit"
		}
		return &ParseError{Line: r.line, Visit: v.ID, Field: "t", Err: errors.New(msg)}
	}
	a.curTimed = state
	if a.held != nil {
		a.timeKinds[v] = state
	}
	if r.has&(1<<colPurpose) != 0 && v.Purpose == "" {
		v.Purpose = a.internBytes(r.purposeBytes)
		a.fieldAt[colPurpose] = r.line
	}
	if r.has&(1<<colRemembered) != 0 && IsNA(v.Remembered) {
		v.Remembered = r.remembered
		a.fieldAt[colRemembered] = r.line
	}
	if r.has&(1<<colRecommend) != 0 && IsNA(v.Recommend) {
		v.Recommend = r.recommend
		a.fieldAt[colRecommend] = r.line
	}
	v.Moments = append(v.Moments, r.moment)
	return nil
}

// numbers

var errNotFinite = errors.New("not a finite number")

// parseNumber parses a decimal number. Short decimals such as 4, 300
// or 1635.6, which ratings, seconds and durations mostly are, take a
// fast path that gives exactly strconv.ParseFloat's result: a mantissa
// of at most 15 digits is exact in a float64, as is a power of ten up
// to 10^15, and one division of exact values is correctly rounded.
func parseNumber(b []byte) (float64, error) {
	if x, ok := parseShortDecimal(b); ok {
		return x, nil
	}
	s := string(b)
	x, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		if len(b) == 0 {
			return 0, errors.New("empty; a number is required")
		}
		return 0, fmt.Errorf("%q is not a number", s)
	}
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, fmt.Errorf("%q: %w", s, errNotFinite)
	}
	return x, nil
}

var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

func parseShortDecimal(b []byte) (float64, bool) {
	if len(b) == 0 || len(b) > 16 {
		return 0, false
	}
	i, neg := 0, false
	if b[0] == '-' || b[0] == '+' {
		neg, i = b[0] == '-', 1
	}
	var mant uint64
	digits, frac, dot := 0, 0, false
	for ; i < len(b); i++ {
		c := b[i]
		switch {
		case c >= '0' && c <= '9':
			mant = mant*10 + uint64(c-'0')
			digits++
			if dot {
				frac++
			}
		case c == '.' && !dot:
			dot = true
		default:
			return 0, false
		}
	}
	if digits == 0 || digits > 15 {
		return 0, false
	}
	x := float64(mant) / pow10[frac]
	if neg {
		x = -x
	}
	return x, true
}

// The kinds of start time a visit's moments may have; one visit keeps
// to one kind.
const (
	untimed   = -1
	seconds   = 1 // seconds from the visit's start
	clockTime = 2 // RFC 3339, as seconds since the Unix epoch
)

// parseTime parses a start time: seconds, or an RFC 3339 time, taken as
// seconds since the Unix epoch (features use only differences).
func parseTime(b []byte) (float64, int, error) {
	if x, err := parseNumber(b); err == nil {
		return x, seconds, nil
	} else if errors.Is(err, errNotFinite) {
		return 0, 0, err
	}
	t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(string(b)))
	if err != nil {
		return 0, 0, fmt.Errorf("%q is neither seconds nor an RFC 3339 time such as 2026-11-23T09:30:00+08:00", b)
	}
	return float64(t.UnixNano()) / 1e9, clockTime, nil
}

func (a *assembler) checkRating(x float64) error {
	if !a.opt.Scale.Contains(x) {
		return fmt.Errorf("%s is outside the scale %g..%g", formatNumber(x), a.opt.Scale.Min, a.opt.Scale.Max)
	}
	return nil
}

func checkRecommend(x float64) error {
	if x < 0 || x > 10 {
		return fmt.Errorf("%s is outside 0..10", formatNumber(x))
	}
	return nil
}

func checkDuration(x float64) error {
	if x < 0 {
		return fmt.Errorf("%s is negative", formatNumber(x))
	}
	return nil
}

// CSV

var csvColumns = []string{"visit", "rating", "touchpoint", "t", "duration", "purpose", "remembered", "recommend"}

// Column indices into csvColumns, and the bits of row.has.
const (
	colVisit = iota
	colRating
	colTouchpoint
	colT
	colDuration
	colPurpose
	colRemembered
	colRecommend
	numColumns
)

// csvLayout maps each known column to its index in a record, -1 when
// the header has no such column.
type csvLayout [numColumns]int

func (a *assembler) readCSV(r io.Reader) error {
	sc := newCSVScanner(r)
	err := sc.next()
	if err == io.EOF {
		return &ParseError{File: a.opt.Name, Line: 1, Err: errors.New("empty input; a CSV header with at least visit and rating is required")}
	}
	if err != nil {
		return &ParseError{File: a.opt.Name, Line: sc.startLine, Err: err}
	}
	layout, err := a.csvHeader(sc.fields)
	if err != nil {
		return err
	}
	width := len(sc.fields)
	rw := &row{}
	for !a.stopped {
		err := sc.next()
		if err == io.EOF {
			return nil
		}
		var perr *ParseError
		switch {
		case err == errQuote || err == errBareQuote:
			perr = &ParseError{Line: sc.startLine, Column: sc.cols[len(sc.cols)-1], Err: err}
		case err != nil:
			return &ParseError{File: a.opt.Name, Line: sc.line + 1, Err: err}
		case len(sc.fields) != width:
			perr = &ParseError{Line: sc.startLine, Err: fmt.Errorf("%d fields, but the header has %d", len(sc.fields), width)}
		default:
			perr = a.csvRow(sc, &layout, rw)
			if perr == nil {
				var ok bool
				if perr, ok = a.add(rw); !ok {
					return nil
				}
			}
		}
		if perr != nil {
			if i := layout[colVisit]; perr.Visit == "" && i < len(sc.fields) {
				perr.Visit = string(sc.fields[i])
			}
			perr.Record = joinCSV(sc.fields)
			if !a.bad(perr) {
				return nil
			}
		}
	}
	return nil
}

func (a *assembler) csvHeader(header [][]byte) (csvLayout, error) {
	var l csvLayout
	for i := range l {
		l[i] = -1
	}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(string(h), "\ufeff")))
		for c, known := range csvColumns {
			if name != known {
				continue
			}
			if l[c] >= 0 {
				return l, &ParseError{File: a.opt.Name, Line: 1, Column: i + 1, Field: name, Err: errors.New("column appears twice in the header")}
			}
			l[c] = i
		}
	}
	for _, required := range []int{colVisit, colRating} {
		if l[required] < 0 {
			return l, &ParseError{File: a.opt.Name, Line: 1, Err: fmt.Errorf("the header has no %s column; it needs visit and rating (and may have %s)",
				csvColumns[required], strings.Join(csvColumns[2:], ", "))}
		}
	}
	return l, nil
}

// csvRow decodes the scanner's record into rw.
func (a *assembler) csvRow(sc *csvScanner, l *csvLayout, rw *row) *ParseError {
	rec := sc.fields
	rw.line = sc.startLine
	rw.visitBytes = rec[l[colVisit]]
	rw.has = 0
	fail := func(c int, err error) *ParseError {
		return &ParseError{Line: sc.startLine, Column: sc.cols[l[c]], Visit: string(rw.visitBytes), Field: csvColumns[c], Err: err}
	}
	if len(bytes.TrimSpace(rw.visitBytes)) == 0 {
		return fail(colVisit, errors.New("empty visit id"))
	}
	rating, err := parseNumber(rec[l[colRating]])
	if err == nil {
		err = a.checkRating(rating)
	}
	if err != nil {
		return fail(colRating, err)
	}
	m := Moment{Rating: rating, T: NA, Duration: NA}
	rw.timeKind = untimed
	if i := l[colTouchpoint]; i >= 0 {
		m.Touchpoint = a.internBytes(rec[i])
	}
	if i := l[colT]; i >= 0 && len(rec[i]) > 0 {
		if m.T, rw.timeKind, err = parseTime(rec[i]); err != nil {
			return fail(colT, err)
		}
	}
	if i := l[colDuration]; i >= 0 && len(rec[i]) > 0 {
		if m.Duration, err = parseNumber(rec[i]); err == nil {
			err = checkDuration(m.Duration)
		}
		if err != nil {
			return fail(colDuration, err)
		}
	}
	rw.moment = m
	if i := l[colPurpose]; i >= 0 && len(rec[i]) > 0 {
		rw.purposeBytes = rec[i]
		rw.has |= 1 << colPurpose
	}
	rw.remembered, rw.recommend = NA, NA
	if i := l[colRemembered]; i >= 0 && len(rec[i]) > 0 {
		x, err := parseNumber(rec[i])
		if err == nil {
			err = a.checkRating(x)
		}
		if err != nil {
			return fail(colRemembered, err)
		}
		rw.remembered = x
		rw.has |= 1 << colRemembered
	}
	if i := l[colRecommend]; i >= 0 && len(rec[i]) > 0 {
		x, err := parseNumber(rec[i])
		if err == nil {
			err = checkRecommend(x)
		}
		if err != nil {
			return fail(colRecommend, err)
		}
		rw.recommend = x
		rw.has |= 1 << colRecommend
	}
	return nil
}

func joinCSV(fields [][]byte) string {
	record := make([]string, len(fields))
	for i, f := range fields {
		record[i] = string(f)
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(record)
	w.Flush()
	return strings.TrimSuffix(b.String(), "\n")
}

// JSON Lines

type jsonVisit struct {
	Visit      *string      `json:"visit"`
	Purpose    string       `json:"purpose"`
	Remembered *float64     `json:"remembered"`
	Recommend  *float64     `json:"recommend"`
	Moments    []jsonMoment `json:"moments"`
}

type jsonMoment struct {
	Touchpoint string          `json:"touchpoint"`
	T          json.RawMessage `json:"t"`
	Duration   *float64        `json:"duration"`
	Rating     *float64        `json:"rating"`
}

func (a *assembler) readJSONL(r io.Reader) error {
	sc := newCSVScanner(r) // its line reader: buffered, limited to MaxLine
	for !a.stopped {
		sc.buf = sc.buf[:0]
		if _, err := sc.readLine(); err == io.EOF {
			return nil
		} else if err != nil {
			return &ParseError{File: a.opt.Name, Line: sc.line + 1, Err: err}
		}
		if perr := a.jsonLine(bytes.TrimSpace(sc.buf), sc.line); perr != nil {
			perr.Record = string(sc.buf)
			if !a.bad(perr) {
				return nil
			}
		}
	}
	return nil
}

func (a *assembler) jsonLine(text []byte, line int) *ParseError {
	if len(text) == 0 {
		return nil // blank lines separate nothing
	}
	if text[0] != '{' {
		return &ParseError{Line: line, Err: errors.New("not a JSON object; each line holds one visit as {\"visit\": ..., \"moments\": [...]}")}
	}
	var jv jsonVisit
	if err := json.Unmarshal(text, &jv); err != nil {
		return &ParseError{Line: line, Err: fmt.Errorf("bad JSON: %v", err)}
	}
	if jv.Visit == nil || strings.TrimSpace(*jv.Visit) == "" {
		return &ParseError{Line: line, Field: "visit", Err: errors.New("missing or empty visit id")}
	}
	id := *jv.Visit
	fail := func(field string, err error) *ParseError {
		return &ParseError{Line: line, Visit: id, Field: field, Err: err}
	}
	if len(jv.Moments) == 0 {
		return fail("moments", errors.New("the visit has no moments"))
	}
	rw := &row{line: line, visitBytes: []byte(id), purposeBytes: []byte(jv.Purpose), remembered: NA, recommend: NA}
	if jv.Purpose != "" {
		rw.has |= 1 << colPurpose
	}
	if jv.Remembered != nil {
		if err := a.checkRating(*jv.Remembered); err != nil {
			return fail("remembered", err)
		}
		rw.remembered = *jv.Remembered
		rw.has |= 1 << colRemembered
	}
	if jv.Recommend != nil {
		if err := checkRecommend(*jv.Recommend); err != nil {
			return fail("recommend", err)
		}
		rw.recommend = *jv.Recommend
		rw.has |= 1 << colRecommend
	}
	moments := make([]Moment, 0, len(jv.Moments))
	kinds := make([]int, 0, len(jv.Moments))
	for i, jm := range jv.Moments {
		field := func(name string) string { return fmt.Sprintf("moments[%d].%s", i, name) } // only on error
		if jm.Rating == nil {
			return fail(field("rating"), errors.New("missing; every moment needs a rating"))
		}
		if err := a.checkRating(*jm.Rating); err != nil {
			return fail(field("rating"), err)
		}
		m := Moment{Touchpoint: a.internBytes([]byte(jm.Touchpoint)), Rating: *jm.Rating, T: NA, Duration: NA}
		kind := untimed
		if len(jm.T) > 0 && string(jm.T) != "null" {
			var err error
			var s string
			if json.Unmarshal(jm.T, &s) != nil {
				s = string(jm.T)
			}
			if m.T, kind, err = parseTime([]byte(s)); err != nil {
				return fail(field("t"), err)
			}
		}
		if jm.Duration != nil {
			if err := checkDuration(*jm.Duration); err != nil {
				return fail(field("duration"), err)
			}
			m.Duration = *jm.Duration
		}
		moments = append(moments, m)
		kinds = append(kinds, kind)
	}
	// A JSON line is a whole visit: add its moments as rows of one visit,
	// so that reappearing ids and mixed times are caught as in CSV.
	for i, m := range moments {
		rw.moment, rw.timeKind = m, kinds[i]
		if i > 0 {
			rw.has = 0
		}
		perr, ok := a.add(rw)
		if !ok {
			return nil
		}
		if perr != nil {
			return perr
		}
	}
	return nil
}
