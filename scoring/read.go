package scoring

import (
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
	// ReuseMoments lets Read reuse the memory of a visit's Moments once
	// the loop body that received the visit returns, as ReuseRecord does
	// for encoding/csv: a program that keeps visits must copy their
	// Moments. It spares the garbage collector most of the work when a
	// program only scores visits as they stream by.
	ReuseMoments bool
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
// a visit is yielded as soon as its last row is read, and only a 40-bit
// fingerprint of each visit id is kept to find one that reappears.
//
// Read splits and parses rows on a goroutine of its own while the
// caller's goroutine assembles them into visits and runs the loop body,
// so that the work shares two cores. Visits and rejected rows arrive in
// input order, and Reject is called on the caller's goroutine. A loop
// that stops early waits for the read in progress to end.
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
		batches := make(chan *rowBatch, 4)
		free := make(chan *rowBatch, 6) // batches handed back for reuse
		done := make(chan struct{})
		go func() {
			defer close(batches)
			p := &parser{opt: opt, batches: batches, free: free, done: done, intern: map[string]string{}}
			p.run(r)
		}()
		defer func() {
			close(done)
			for range batches { // let the reader see done and end
			}
		}()
		a := newAssembler(opt, yield)
		for batch := range batches {
			for i := range batch.rows {
				if !a.take(&batch.rows[i]) {
					return
				}
			}
			batch.reset()
			select {
			case free <- batch:
			default:
			}
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

func checkRating(s Scale, x float64) error {
	if !s.Contains(x) {
		return fmt.Errorf("%s is outside the scale %g..%g", formatNumber(x), s.Min, s.Max)
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
