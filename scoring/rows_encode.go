package scoring

import (
	"errors"
	"fmt"
	"math"

	"github.com/peakend/peakend/internal/wire"
)

// A Row's binary form, for pipelines that send rows between machines, in
// the accumulators' codec (internal/wire: its version, the kind "row"):
// its fields in order, then its problem, if bad, with the kind of error
// it wraps (an index into errorKinds) and its text, so that the decoded
// row reports the same message and errors.Is still holds.

const rowKind = "row"

// errorKinds are the kinds a decoded problem can wrap, by index: the
// list is only ever appended to.
var errorKinds = []error{
	ErrHeader, ErrFieldCount, ErrQuote, ErrBareQuote, ErrJSON, ErrMissing,
	ErrText, ErrNotNumber, ErrNotFinite, ErrOutOfScale, ErrOutOfRange,
	ErrTime, ErrMixedTimes, ErrConflict, ErrVisitTooLarge, ErrVisitRejected,
	ErrEncoding, ErrScale, ErrLineTooLong, ErrReappears, ErrConfirmBudget,
	ErrUnordered,
}

// MarshalBinary encodes the row; UnmarshalBinary decodes it.
func (r Row) MarshalBinary() ([]byte, error) {
	return r.AppendBinary(make([]byte, 0, 64+len(r.Record)+len(r.Visit)))
}

// AppendBinary appends the row's binary form to b.
func (r Row) AppendBinary(b []byte) ([]byte, error) {
	w := wire.AppendWriter(b, rowKind)
	for _, s := range [...]string{r.File, r.Record, r.Visit, r.Purpose, r.Customer, r.Site, r.Moment.Touchpoint} {
		w.String(s)
	}
	for _, n := range [...]int{r.Line, r.Index, int(r.has), r.timeKind, r.span} {
		w.Int(int64(n))
	}
	w.Int(r.Moment.Seq)
	for _, x := range [...]float64{r.Remembered, r.Recommend, r.Moment.T, r.Moment.Duration, r.Moment.Rating} {
		w.Float(x)
	}
	for _, f := range [...]bool{r.missing, r.bad != nil, r.jsonLine, r.Moment.HasSeq} {
		w.Bool(f)
	}
	if r.bad != nil {
		appendProblem(w, r.bad)
	}
	return w.Bytes(), nil
}

func appendProblem(w *wire.Writer, e *ParseError) {
	for _, s := range [...]string{e.File, e.Visit, e.Field, e.Record, e.Cell} {
		w.String(s)
	}
	for _, n := range [...]int{e.Line, e.Column, e.Index} {
		w.Int(int64(n))
	}
	kind, text := -1, ""
	if e.Err != nil {
		text = e.Err.Error()
		for i, k := range errorKinds {
			if errors.Is(e.Err, k) {
				kind = i
				break
			}
		}
	}
	w.Int(int64(kind))
	w.String(text)
}

// ErrRowEncoding is a row's binary form that does not decode.
var ErrRowEncoding = errors.New("scoring: not a row's binary form")

// UnmarshalBinary decodes a row MarshalBinary encoded.
func (r *Row) UnmarshalBinary(data []byte) error {
	d := wire.NewReader(data, rowKind)
	var out Row
	for _, s := range [...]*string{&out.File, &out.Record, &out.Visit, &out.Purpose, &out.Customer, &out.Site, &out.Moment.Touchpoint} {
		*s = d.String()
	}
	var has int
	for _, n := range [...]*int{&out.Line, &out.Index, &has, &out.timeKind, &out.span} {
		*n = smallInt(d)
	}
	out.has = uint(has)
	if out.Moment.Seq = d.Int(); out.Moment.Seq > MaxSeq || out.Moment.Seq < -MaxSeq {
		d.Fail("seq %d beyond ±%d", out.Moment.Seq, int64(MaxSeq))
	}
	for _, x := range [...]*float64{&out.Remembered, &out.Recommend, &out.Moment.T, &out.Moment.Duration, &out.Moment.Rating} {
		*x = d.Float()
	}
	var bad bool
	for _, f := range [...]*bool{&out.missing, &bad, &out.jsonLine, &out.Moment.HasSeq} {
		*f = d.Bool()
	}
	if bad {
		out.bad = problem(d)
	}
	if has < 0 || uint(has)&^(1<<numColumns-1) != 0 {
		d.Fail("unknown columns %#x", has)
	}
	if err := d.End(); err != nil {
		return fmt.Errorf("%w: %w", ErrRowEncoding, err)
	}
	*r = out
	return nil
}

// smallInt reads a line, an index or a kind: within ±2³¹.
func smallInt(d *wire.Reader) int {
	n := d.Int()
	if n > math.MaxInt32 || n < math.MinInt32 {
		d.Fail("number %d out of range", n)
		return 0
	}
	return int(n)
}

func problem(d *wire.Reader) *ParseError {
	e := &ParseError{}
	for _, s := range [...]*string{&e.File, &e.Visit, &e.Field, &e.Record, &e.Cell} {
		*s = d.String()
	}
	for _, n := range [...]*int{&e.Line, &e.Column, &e.Index} {
		*n = smallInt(d)
	}
	kind, text := smallInt(d), d.String()
	switch {
	case kind == -1 && text == "":
	case kind == -1:
		e.Err = errors.New(text)
	case kind >= 0 && kind < len(errorKinds):
		e.Err = &detail{errorKinds[kind], text}
	default:
		d.Fail("kind of error %d", kind)
	}
	return e
}
