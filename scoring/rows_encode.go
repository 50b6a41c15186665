package scoring

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// A Row's binary form, for pipelines that send rows between machines:
// a version byte, then its fields in order as varints, length-prefixed
// strings and float64 bits, then its problem, if bad, with the kind of
// error it wraps (an index into errorKinds) and its text, so that the
// decoded row reports the same message and errors.Is still holds.

const rowVersion = 1

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
	b = append(b, rowVersion)
	for _, s := range [...]string{r.File, r.Record, r.Visit, r.Purpose, r.Customer, r.Site, r.Moment.Touchpoint} {
		b = appendString(b, s)
	}
	for _, n := range [...]int{r.Line, r.Index, int(r.has), r.timeKind, r.span} {
		b = binary.AppendVarint(b, int64(n))
	}
	b = binary.AppendVarint(b, r.Moment.Seq)
	for _, x := range [...]float64{r.Remembered, r.Recommend, r.Moment.T, r.Moment.Duration, r.Moment.Rating} {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
	}
	flags := byte(0)
	if r.missing {
		flags |= 1
	}
	if r.bad != nil {
		flags |= 2
	}
	if r.jsonLine {
		flags |= 4
	}
	if r.Moment.HasSeq {
		flags |= 8
	}
	b = append(b, flags)
	if r.bad != nil {
		b = appendProblem(b, r.bad)
	}
	return b, nil
}

func appendProblem(b []byte, e *ParseError) []byte {
	for _, s := range [...]string{e.File, e.Visit, e.Field, e.Record, e.Cell} {
		b = appendString(b, s)
	}
	for _, n := range [...]int{e.Line, e.Column, e.Index} {
		b = binary.AppendVarint(b, int64(n))
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
	b = binary.AppendVarint(b, int64(kind))
	return appendString(b, text)
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// ErrRowEncoding is a row's binary form that does not decode.
var ErrRowEncoding = errors.New("scoring: not a row's binary form")

// UnmarshalBinary decodes a row MarshalBinary encoded.
func (r *Row) UnmarshalBinary(data []byte) error {
	d := rowDecoder{data: data}
	if d.byte() != rowVersion {
		return fmt.Errorf("%w: version", ErrRowEncoding)
	}
	var out Row
	for _, s := range [...]*string{&out.File, &out.Record, &out.Visit, &out.Purpose, &out.Customer, &out.Site, &out.Moment.Touchpoint} {
		*s = d.string()
	}
	var has int
	for _, n := range [...]*int{&out.Line, &out.Index, &has, &out.timeKind, &out.span} {
		*n = d.int()
	}
	out.has = uint(has)
	out.Moment.Seq = d.seq()
	for _, x := range [...]*float64{&out.Remembered, &out.Recommend, &out.Moment.T, &out.Moment.Duration, &out.Moment.Rating} {
		*x = d.float()
	}
	flags := d.byte()
	out.missing, out.jsonLine, out.Moment.HasSeq = flags&1 != 0, flags&4 != 0, flags&8 != 0
	if flags&2 != 0 {
		out.bad = d.problem()
	}
	switch {
	case d.err != nil:
		return d.err
	case len(d.data) != 0:
		return fmt.Errorf("%w: %d bytes after its end", ErrRowEncoding, len(d.data))
	case flags&^15 != 0 || has < 0 || uint(has)&^(1<<numColumns-1) != 0:
		return fmt.Errorf("%w: unknown flags", ErrRowEncoding)
	}
	*r = out
	return nil
}

// A rowDecoder reads a row's fields; its first error sticks, and every
// length is checked against the bytes left before it is taken.
type rowDecoder struct {
	data []byte
	err  error
}

func (d *rowDecoder) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: bad %s", ErrRowEncoding, what)
	}
	d.data = nil
}

func (d *rowDecoder) byte() byte {
	if len(d.data) < 1 {
		d.fail("end")
		return 0
	}
	c := d.data[0]
	d.data = d.data[1:]
	return c
}

func (d *rowDecoder) int() int {
	n, k := binary.Varint(d.data)
	if k <= 0 || n > math.MaxInt32 || n < math.MinInt32 {
		d.fail("number")
		return 0
	}
	d.data = d.data[k:]
	return int(n)
}

func (d *rowDecoder) seq() int64 {
	n, k := binary.Varint(d.data)
	if k <= 0 || n > MaxSeq || n < -MaxSeq {
		d.fail("seq")
		return 0
	}
	d.data = d.data[k:]
	return n
}

func (d *rowDecoder) string() string {
	n, k := binary.Uvarint(d.data)
	if k <= 0 || n > uint64(len(d.data)-k) {
		d.fail("text")
		return ""
	}
	s := string(d.data[k : k+int(n)])
	d.data = d.data[k+int(n):]
	return s
}

func (d *rowDecoder) float() float64 {
	if len(d.data) < 8 {
		d.fail("number")
		return 0
	}
	x := math.Float64frombits(binary.LittleEndian.Uint64(d.data))
	d.data = d.data[8:]
	return x
}

func (d *rowDecoder) problem() *ParseError {
	e := &ParseError{}
	for _, s := range [...]*string{&e.File, &e.Visit, &e.Field, &e.Record, &e.Cell} {
		*s = d.string()
	}
	for _, n := range [...]*int{&e.Line, &e.Column, &e.Index} {
		*n = d.int()
	}
	kind, text := d.int(), d.string()
	switch {
	case kind == -1 && text == "":
	case kind == -1:
		e.Err = errors.New(text)
	case kind >= 0 && kind < len(errorKinds):
		e.Err = &detail{errorKinds[kind], text}
	default:
		d.fail("kind of error")
	}
	return e
}
