package scoring

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
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
		a := &assembler{opt: opt, yield: yield, seen: map[uint64]int{}, intern: map[string]string{}}
		if opt.Unsorted {
			a.held = map[string]*Visit{}
		}
		var err error
		if opt.Format == JSONL {
			err = a.readJSONL(r)
		} else {
			err = a.readCSV(r)
		}
		if err != nil {
			if !a.stopped {
				yield(Visit{}, err)
			}
			return
		}
		a.finish()
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
	yield   func(Visit, error) bool
	stopped bool // the consumer stopped, or an error ended reading

	cur      *Visit
	curTimed int // moments of cur with / without t: +1 timed, -1 untimed, 0 none yet
	fieldAt  map[string]int
	seen     map[uint64]int // hash of visit id → its first line
	intern   map[string]string
	held     map[string]*Visit // --unsorted: visits by id
	heldList []*Visit
}

// bad reports a bad row; it returns false when reading must stop.
func (a *assembler) bad(e *ParseError) bool {
	e.File = a.opt.Name
	if a.opt.Reject != nil {
		a.opt.Reject(e)
		return true
	}
	a.stopped = true
	a.yield(Visit{}, e)
	return false
}

func (a *assembler) internString(s string) string {
	if v, ok := a.intern[s]; ok {
		return v
	}
	if len(a.intern) < 1<<16 {
		s = strings.Clone(s)
		a.intern[s] = s
	}
	return s
}

func hashID(id string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(id))
	return h.Sum64()
}

// emit passes a finished visit on.
func (a *assembler) emit(v *Visit) bool {
	if a.held != nil {
		return true // held until the end
	}
	if !a.yield(*v, nil) {
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
		if !a.yield(*v, nil) {
			return
		}
	}
}

// row is one moment's row, decoded.
type row struct {
	line       int
	visit      string
	purpose    string
	remembered float64
	recommend  float64
	moment     Moment
	has        map[string]bool // which visit-level fields the row carries
}

// add puts a decoded row into its visit. It returns a problem for a row
// that conflicts with its visit, which then is not added.
func (a *assembler) add(r *row) (*ParseError, bool) {
	if a.cur == nil || a.cur.ID != r.visit {
		if a.held != nil {
			if v, ok := a.held[r.visit]; ok {
				a.cur = v
				a.curTimed = timedState(v)
				return a.merge(r)
			}
		}
		if a.cur != nil && !a.emit(a.cur) {
			return nil, false
		}
		h := hashID(r.visit)
		if first, ok := a.seen[h]; ok && a.held == nil {
			a.cur = nil
			return &ParseError{Line: r.line, Visit: r.visit, Field: "visit",
				Err: fmt.Errorf("%w (first seen at line %d)", ErrReappears, first)}, true
		}
		a.seen[h] = r.line
		a.cur = &Visit{ID: strings.Clone(r.visit), Remembered: NA, Recommend: NA, Line: r.line}
		a.curTimed = 0
		a.fieldAt = map[string]int{}
		if a.held != nil {
			a.held[a.cur.ID] = a.cur
			a.heldList = append(a.heldList, a.cur)
		}
	}
	return a.merge(r)
}

func timedState(v *Visit) int {
	if len(v.Moments) == 0 {
		return 0
	}
	if IsNA(v.Moments[0].T) {
		return -1
	}
	return 1
}

func (a *assembler) merge(r *row) (*ParseError, bool) {
	v := a.cur
	conflict := func(field, old, now string) (*ParseError, bool) {
		return &ParseError{Line: r.line, Visit: r.visit, Field: field,
			Err: fmt.Errorf("%s here, but %s at line %d", now, old, a.lineOf(field))}, true
	}
	if r.has["purpose"] && r.purpose != "" {
		if v.Purpose != "" && v.Purpose != r.purpose {
			return conflict("purpose", strconv.Quote(v.Purpose), strconv.Quote(r.purpose))
		}
	}
	if r.has["remembered"] && !IsNA(r.remembered) && !IsNA(v.Remembered) && v.Remembered != r.remembered {
		return conflict("remembered", formatNumber(v.Remembered), formatNumber(r.remembered))
	}
	if r.has["recommend"] && !IsNA(r.recommend) && !IsNA(v.Recommend) && v.Recommend != r.recommend {
		return conflict("recommend", formatNumber(v.Recommend), formatNumber(r.recommend))
	}
	state := 1
	if IsNA(r.moment.T) {
		state = -1
	}
	if a.curTimed != 0 && a.curTimed != state {
		return &ParseError{Line: r.line, Visit: r.visit, Field: "t",
			Err: errors.New("some moments of this visit have a time t and others not; give every moment one, or none")}, true
	}
	a.curTimed = state
	if r.has["purpose"] && r.purpose != "" && v.Purpose == "" {
		v.Purpose = a.internString(r.purpose)
		a.setLine("purpose", r.line)
	}
	if r.has["remembered"] && !IsNA(r.remembered) && IsNA(v.Remembered) {
		v.Remembered = r.remembered
		a.setLine("remembered", r.line)
	}
	if r.has["recommend"] && !IsNA(r.recommend) && IsNA(v.Recommend) {
		v.Recommend = r.recommend
		a.setLine("recommend", r.line)
	}
	v.Moments = append(v.Moments, r.moment)
	return nil, true
}

func (a *assembler) setLine(field string, line int) {
	if a.fieldAt == nil {
		a.fieldAt = map[string]int{}
	}
	a.fieldAt[field] = line
}

func (a *assembler) lineOf(field string) int { return a.fieldAt[field] }

// lineLimiter fails a read once a line runs past MaxLine bytes, so
// that a huge line is refused before it is in memory.
type lineLimiter struct {
	r   io.Reader
	run int // bytes since the last newline
	max int
}

func (l *lineLimiter) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for _, c := range p[:n] {
		if c == '\n' {
			l.run = 0
		} else if l.run++; l.run > l.max {
			return 0, ErrLineTooLong
		}
	}
	return n, err
}

// numbers

var errNotFinite = errors.New("not a finite number")

// parseNumber parses a decimal number, with a fast path for the small
// integers that ratings, seconds and durations mostly are.
func parseNumber(s string) (float64, error) {
	if n := len(s); n > 0 && n < 10 {
		v := 0
		i := 0
		neg := s[0] == '-'
		if neg {
			i = 1
		}
		ok := i < n
		for ; i < n; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				ok = false
				break
			}
			v = v*10 + int(c-'0')
		}
		if ok {
			if neg {
				v = -v
			}
			return float64(v), nil
		}
	}
	x, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		if s == "" {
			return 0, errors.New("empty; a number is required")
		}
		return 0, fmt.Errorf("%q is not a number", s)
	}
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, fmt.Errorf("%q: %w", s, errNotFinite)
	}
	return x, nil
}

// parseTime parses a start time: seconds, or an RFC 3339 time, taken as
// seconds since the Unix epoch (features use only differences).
func parseTime(s string) (float64, error) {
	if x, err := parseNumber(s); err == nil {
		return x, nil
	} else if errors.Is(err, errNotFinite) {
		return 0, err
	}
	t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("%q is neither seconds nor an RFC 3339 time such as 2026-11-23T09:30:00+08:00", s)
	}
	return float64(t.UnixNano()) / 1e9, nil
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

type csvLayout struct{ col map[string]int } // column name → index, -1 when absent

func (a *assembler) readCSV(r io.Reader) error {
	cr := csv.NewReader(&lineLimiter{r: bufio.NewReaderSize(r, 1<<16), max: MaxLine})
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return &ParseError{File: a.opt.Name, Line: 1, Err: errors.New("empty input; a CSV header with at least visit and rating is required")}
	}
	if err != nil {
		return a.csvReadError(err)
	}
	layout, err := a.csvHeader(header)
	if err != nil {
		return err
	}
	cr.FieldsPerRecord = len(header)
	rw := &row{has: map[string]bool{}}
	for !a.stopped {
		record, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) && (errors.Is(err, csv.ErrFieldCount) || errors.Is(err, csv.ErrBareQuote)) {
				visit := ""
				if i := layout.col["visit"]; i >= 0 && i < len(record) {
					visit = record[i]
				}
				if !a.bad(&ParseError{Line: pe.StartLine, Visit: visit, Err: pe.Err, Record: joinCSV(record)}) {
					return nil
				}
				continue
			}
			return a.csvReadError(err)
		}
		if perr := a.csvRow(cr, layout, record, line, rw); perr != nil {
			perr.Record = joinCSV(record)
			if !a.bad(perr) {
				return nil
			}
			continue
		}
		if perr, ok := a.add(rw); !ok {
			return nil
		} else if perr != nil {
			perr.Record = joinCSV(record)
			if !a.bad(perr) {
				return nil
			}
		}
	}
	return nil
}

func (a *assembler) csvReadError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &ParseError{File: a.opt.Name, Line: pe.Line, Column: pe.Column, Err: pe.Err}
	}
	if errors.Is(err, ErrLineTooLong) {
		return &ParseError{File: a.opt.Name, Err: err}
	}
	return &ParseError{File: a.opt.Name, Err: err}
}

func (a *assembler) csvHeader(header []string) (csvLayout, error) {
	l := csvLayout{col: map[string]int{}}
	for _, name := range csvColumns {
		l.col[name] = -1
	}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if j, ok := l.col[name]; ok {
			if j >= 0 {
				return l, &ParseError{File: a.opt.Name, Line: 1, Column: i + 1, Field: name, Err: errors.New("column appears twice in the header")}
			}
			l.col[name] = i
		}
	}
	for _, required := range []string{"visit", "rating"} {
		if l.col[required] < 0 {
			return l, &ParseError{File: a.opt.Name, Line: 1, Err: fmt.Errorf("the header has no %s column; it needs visit and rating (and may have %s)",
				required, strings.Join(csvColumns[2:], ", "))}
		}
	}
	return l, nil
}

// csvRow decodes one record into rw.
func (a *assembler) csvRow(cr *csv.Reader, l csvLayout, record []string, line int, rw *row) *ParseError {
	rw.line = line
	rw.visit = record[l.col["visit"]]
	for k := range rw.has {
		delete(rw.has, k)
	}
	fail := func(field string, err error) *ParseError {
		_, col := cr.FieldPos(l.col[field])
		return &ParseError{Line: line, Column: col, Visit: rw.visit, Field: field, Err: err}
	}
	if strings.TrimSpace(rw.visit) == "" {
		return fail("visit", errors.New("empty visit id"))
	}
	rating, err := parseNumber(record[l.col["rating"]])
	if err == nil {
		err = a.checkRating(rating)
	}
	if err != nil {
		return fail("rating", err)
	}
	m := Moment{Rating: rating, T: NA, Duration: NA}
	if i := l.col["touchpoint"]; i >= 0 {
		m.Touchpoint = a.internString(record[i])
	}
	if i := l.col["t"]; i >= 0 && record[i] != "" {
		if m.T, err = parseTime(record[i]); err != nil {
			return fail("t", err)
		}
	}
	if i := l.col["duration"]; i >= 0 && record[i] != "" {
		if m.Duration, err = parseNumber(record[i]); err == nil {
			err = checkDuration(m.Duration)
		}
		if err != nil {
			return fail("duration", err)
		}
	}
	rw.moment = m
	if i := l.col["purpose"]; i >= 0 {
		rw.purpose = record[i]
		rw.has["purpose"] = true
	}
	for _, f := range []struct {
		name  string
		dst   *float64
		check func(float64) error
	}{{"remembered", &rw.remembered, a.checkRating}, {"recommend", &rw.recommend, checkRecommend}} {
		*f.dst = NA
		if i := l.col[f.name]; i >= 0 && record[i] != "" {
			x, err := parseNumber(record[i])
			if err == nil {
				err = f.check(x)
			}
			if err != nil {
				return fail(f.name, err)
			}
			*f.dst = x
			rw.has[f.name] = true
		}
	}
	return nil
}

func joinCSV(record []string) string {
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
	br := bufio.NewReaderSize(&lineLimiter{r: r, max: MaxLine}, 1<<16)
	line := 0
	for !a.stopped {
		text, err := br.ReadBytes('\n')
		if len(text) > 0 {
			line++
			if perr := a.jsonLine(bytes.TrimSpace(text), line); perr != nil {
				perr.Record = string(bytes.TrimRight(text, "\r\n"))
				if !a.bad(perr) {
					return nil
				}
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return &ParseError{File: a.opt.Name, Line: line + 1, Err: err}
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
	rw := &row{line: line, visit: id, purpose: jv.Purpose, remembered: NA, recommend: NA,
		has: map[string]bool{"purpose": true, "remembered": true, "recommend": true}}
	if jv.Remembered != nil {
		if err := a.checkRating(*jv.Remembered); err != nil {
			return fail("remembered", err)
		}
		rw.remembered = *jv.Remembered
	}
	if jv.Recommend != nil {
		if err := checkRecommend(*jv.Recommend); err != nil {
			return fail("recommend", err)
		}
		rw.recommend = *jv.Recommend
	}
	moments := make([]Moment, 0, len(jv.Moments))
	for i, jm := range jv.Moments {
		field := fmt.Sprintf("moments[%d]", i)
		if jm.Rating == nil {
			return fail(field+".rating", errors.New("missing; every moment needs a rating"))
		}
		if err := a.checkRating(*jm.Rating); err != nil {
			return fail(field+".rating", err)
		}
		m := Moment{Touchpoint: a.internString(jm.Touchpoint), Rating: *jm.Rating, T: NA, Duration: NA}
		if len(jm.T) > 0 && string(jm.T) != "null" {
			var err error
			var s string
			if json.Unmarshal(jm.T, &s) != nil {
				s = string(jm.T)
			}
			if m.T, err = parseTime(s); err != nil {
				return fail(field+".t", err)
			}
		}
		if jm.Duration != nil {
			if err := checkDuration(*jm.Duration); err != nil {
				return fail(field+".duration", err)
			}
			m.Duration = *jm.Duration
		}
		moments = append(moments, m)
	}
	// A JSON line is a whole visit: add its moments as rows of one visit,
	// so that reappearing ids and mixed times are caught as in CSV.
	for i, m := range moments {
		rw.moment = m
		if i > 0 {
			rw.has = map[string]bool{}
		}
		if perr, ok := a.add(rw); !ok {
			return nil
		} else if perr != nil {
			return perr
		}
	}
	return nil
}
