package scoring

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"math"
	"strings"
	"time"
)

// Format is an input or output format of visits.
type Format int

const (
	CSV   Format = iota // tidy (long) CSV: one row per moment, with a header
	JSONL               // JSON Lines: one visit per line
)

// String returns the format's name, as ParseFormat reads it.
func (f Format) String() string {
	switch f {
	case CSV:
		return "csv"
	case JSONL:
		return "jsonl"
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

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
	// TempDir is where an input that cannot seek, such as standard
	// input, is copied while it is read, so that visit ids can be
	// confirmed (see ErrReappears); "" means os.TempDir. The copy is
	// removed when reading ends. Inputs that seek are read again in
	// place, and Unsorted needs no copy.
	TempDir string
	// MaxMoments and MaxVisitBytes bound one visit: its moments, and the
	// bytes of its rows (or of its JSON line). A row past them is a bad
	// row; 0 means DefaultMaxMoments and DefaultMaxVisitBytes.
	MaxMoments, MaxVisitBytes int
	// Encoding is the input's character encoding; the zero value,
	// DetectEncoding, reads UTF-8 and detects GB18030.
	Encoding Encoding
	// Detected, when set, is called on the caller's goroutine when Read
	// takes the input for GB18030 under DetectEncoding.
	Detected func(Detection)
	// Separator separates the fields of a CSV row: ',' or '\t' (tab-
	// separated text); 0 takes a tab when the header has more tabs than
	// commas, else a comma.
	Separator byte
	// Location is the time zone of dates with a time but no zone, such
	// as 2024-05-01 09:02; nil means UTC.
	Location *time.Location
	// Missing says what becomes of a visit with a missing rating (N/A,
	// NA, -, 无 or an empty cell): the zero value RejectVisit refuses the
	// visit, SkipMissing scores it without the moment (see
	// Visit.Missing).
	Missing MissingRatings
	// Columns are more names of CSV columns, each mapped to the English
	// name, as ColumnNames are: a blueprint's, say.
	Columns map[string]string
	// Names, when set, turns purposes and touchpoints given by name
	// into ids (see Names).
	Names Names
}

// The bounds of one visit unless Options say otherwise: a visit held in
// memory takes at most about 2.6 MB of moments.
const (
	DefaultMaxMoments    = 1 << 16
	DefaultMaxVisitBytes = 4 << 20
)

// A ParseError is a bad row: where it is, what is wrong, and the row.
type ParseError struct {
	File   string
	Line   int    // 1-based; 0 when not known
	Column int    // 1-based column of the bad field (CSV); 0 when not known
	Visit  string // the visit id of the row, when known
	Field  string // the column or key at fault, when known
	Err    error
	Record string // the row as read (re-encoded for CSV)
	// Index is the 1-based position of the field at fault in its
	// record (CSV); 0 when not known. A reader of workbooks turns it
	// into a cell.
	Index int
	// Cell is the place of the row or field in a workbook, such as
	// Visits!B7 (or Visits!7:7 for a whole row): set, it stands for
	// Line and Column in messages.
	Cell string
}

func (e *ParseError) Error() string {
	if e == nil {
		return "<nil>"
	}
	var b strings.Builder
	b.WriteString(e.File)
	if e.Cell != "" {
		b.WriteString(":" + e.Cell)
	} else if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	b.WriteString(": ")
	switch {
	case e.Visit == "":
	case checkText(e.Visit) != nil: // quoted, so that a message shows what is there
		fmt.Fprintf(&b, "visit %q: ", e.Visit)
	default:
		fmt.Fprintf(&b, "visit %s: ", e.Visit)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, "%s: ", e.Field)
	}
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	} else {
		b.WriteString("bad input")
	}
	return b.String()
}

func (e *ParseError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// Read returns the visits of r, in input order. It stops at the first
// error, which names file, line and visit, unless Options.Reject is set.
// With contiguous input its memory stays flat in the number of visits:
// a visit is yielded as soon as its last row is read, and at most a
// 32-bit fingerprint of each visit id is kept to find one that
// reappears, confirmed against the exact id by reading the input again
// (see Options.TempDir). No two different ids are ever taken for one.
//
// Read splits and parses rows on a goroutine of its own while the
// caller's goroutine assembles them into visits and runs the loop body,
// so that the work shares two cores. Visits and rejected rows arrive in
// input order, and Reject is called on the caller's goroutine. A loop
// that stops early waits for the read in progress to end.
func Read(r io.Reader, opt Options) iter.Seq2[Visit, error] {
	opt = opt.withDefaults()
	return func(yield func(Visit, error) bool) {
		if r == nil {
			yield(Visit{}, errors.New("scoring: Read of a nil io.Reader"))
			return
		}
		if err := opt.check(); err != nil {
			yield(Visit{}, err)
			return
		}
		if err := opt.checkText(); err != nil {
			yield(Visit{}, err)
			return
		}
		in := r
		var rp *replay
		if !opt.Unsorted {
			var err error
			if rp, in, err = newReplay(r, opt); err != nil {
				yield(Visit{}, err)
				return
			}
			defer rp.close()
		}
		batches := make(chan *rowBatch, 4)
		free := make(chan *rowBatch, 6) // batches handed back for reuse
		done := make(chan struct{})
		go func() {
			defer close(batches)
			p := &parser{opt: opt, batches: batches, free: free, done: done, intern: map[string]string{}}
			p.run(in)
		}()
		defer func() {
			close(done)
			for range batches { // let the reader see done and end
			}
		}()
		a := newAssembler(opt, rp, yield)
		for batch := range batches {
			if _, ok := a.takeRows(batch.rows, math.MaxInt); !ok {
				return
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

// withDefaults fills in the options left zero.
func (opt Options) withDefaults() Options {
	if opt.Scale == (Scale{}) {
		opt.Scale = DefaultScale
	}
	if opt.Name == "" {
		opt.Name = "<input>"
	}
	if opt.MaxMoments <= 0 {
		opt.MaxMoments = DefaultMaxMoments
	}
	if opt.MaxVisitBytes <= 0 {
		opt.MaxVisitBytes = DefaultMaxVisitBytes
	}
	return opt
}

// check refuses options no input can be read with.
func (opt Options) check() error {
	if opt.Format != CSV && opt.Format != JSONL {
		return fmt.Errorf("scoring: Read of unknown format %v", opt.Format)
	}
	return opt.Scale.Validate()
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
