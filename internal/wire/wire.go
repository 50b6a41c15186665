// Package wire is the binary form of the library's accumulators (their
// MarshalBinary and UnmarshalBinary) and of scoring's rows, written once
// for scoring, mot and analyze: a leading format version and the accumulator's kind, then
// counts as unsigned varints, numbers as the 8 little-endian bytes of
// their IEEE 754 bits (exact, NA's NaN kept), texts and lists with their
// length first.
//
// A Reader is given bytes from another process, perhaps another build:
// every length is checked against the bytes that remain before anything
// is allocated for it, so that garbled input costs at most its own size,
// and the first fault sticks (every later read returns zero) so that a
// decoder checks End once, at its end.
package wire

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// Version is the format version this build writes and reads. Change it
// whenever an accumulator's encoding changes, so that the workers of a
// pipeline built from different sources fail loudly instead of adding
// up counts that mean different things. Version 2: a Fitter's and a
// LeverageMeter's sums are exact (internal/exact), no longer floats.
// Version 3: a LeverageMeter keeps its bootstrap's sums per group of
// visits, in whole units, not per replicate.
const Version = 3

// ErrCorrupt is an encoding that is truncated, garbled, of another
// accumulator or of another format version.
var ErrCorrupt = errors.New("accumulator encoding is truncated, garbled or of another version")

// A Writer appends an encoding.
type Writer struct{ buf []byte }

// NewWriter starts the encoding of an accumulator of the given kind.
func NewWriter(kind string) *Writer {
	w := &Writer{buf: []byte{Version}}
	w.String(kind)
	return w
}

// AppendWriter starts the encoding of a value of the given kind at the
// end of b, for a caller that appends many (a pipeline's rows).
func AppendWriter(b []byte, kind string) *Writer {
	w := &Writer{buf: append(b, Version)}
	w.String(kind)
	return w
}

// Bytes returns the encoding.
func (w *Writer) Bytes() []byte { return w.buf }

// Uint appends x.
func (w *Writer) Uint(x uint64) { w.buf = binary.AppendUvarint(w.buf, x) }

// Int appends a signed x, zigzag-encoded (small magnitudes short).
func (w *Writer) Int(x int64) { w.Uint(uint64(x<<1) ^ uint64(x>>63)) }

// Count appends a count, which is never negative.
func (w *Writer) Count(n int) { w.Uint(uint64(n)) }

// Float appends x exactly.
func (w *Writer) Float(x float64) {
	w.buf = binary.LittleEndian.AppendUint64(w.buf, math.Float64bits(x))
}

// Floats appends xs, its length first.
func (w *Writer) Floats(xs []float64) {
	w.Count(len(xs))
	w.FloatsN(xs)
}

// FloatsN appends xs, whose length the reader knows.
func (w *Writer) FloatsN(xs []float64) {
	for _, x := range xs {
		w.Float(x)
	}
}

// Bool appends b.
func (w *Writer) Bool(b bool) {
	if b {
		w.buf = append(w.buf, 1)
	} else {
		w.buf = append(w.buf, 0)
	}
}

// String appends s, its length first.
func (w *Writer) String(s string) {
	w.Count(len(s))
	w.buf = append(w.buf, s...)
}

// Strings appends ss, its length first.
func (w *Writer) Strings(ss []string) {
	w.Count(len(ss))
	for _, s := range ss {
		w.String(s)
	}
}

// A Reader reads an encoding.
type Reader struct {
	data []byte
	err  error
}

// NewReader starts reading the encoding of an accumulator of the given
// kind: it fails unless data begins with this build's Version and kind.
func NewReader(data []byte, kind string) *Reader {
	r := &Reader{data: data}
	if len(data) == 0 {
		r.Fail("empty")
		return r
	}
	if data[0] != Version {
		r.Fail("format version %d; this build reads version %d", data[0], Version)
		return r
	}
	r.data = data[1:]
	if got := r.String(); r.err == nil && got != kind {
		r.Fail("the encoding of a %s, not a %s", got, kind)
	}
	return r
}

// Fail records the first fault, which Err then returns.
func (r *Reader) Fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: %s", ErrCorrupt, fmt.Sprintf(format, args...))
		r.data = nil
	}
}

// Err returns the first fault so far.
func (r *Reader) Err() error { return r.err }

// End returns the first fault, or one for bytes left over: a decoder's
// last call.
func (r *Reader) End() error {
	if r.err == nil && len(r.data) > 0 {
		r.Fail("%d bytes after the end", len(r.data))
	}
	return r.err
}

// Uint reads an unsigned varint.
func (r *Reader) Uint() uint64 {
	x, n := binary.Uvarint(r.data)
	if n <= 0 || n > 1 && r.data[n-1] == 0 {
		// A last byte of 0 adds nothing: that number has a shorter form,
		// and an encoding has one form only.
		r.Fail("a truncated, overlong or padded number")
		return 0
	}
	r.data = r.data[n:]
	return x
}

// Int reads a signed number Writer.Int wrote.
func (r *Reader) Int() int64 {
	x := r.Uint()
	return int64(x>>1) ^ -int64(x&1)
}

// Count reads a count: at most math.MaxInt.
func (r *Reader) Count() int {
	x := r.Uint()
	if x > math.MaxInt {
		r.Fail("count %d out of range", x)
		return 0
	}
	return int(x)
}

// Len reads the length of a list whose elements take at least size
// bytes each, refusing one longer than the bytes left could hold: the
// bound that keeps a decoder from allocating for data it was not given.
func (r *Reader) Len(size int) int {
	n := r.Count()
	if size > 0 && n > len(r.data)/size {
		r.Fail("a list of %d, more than the %d bytes left can hold", n, len(r.data))
		return 0
	}
	return n
}

// Float reads a number.
func (r *Reader) Float() float64 {
	if len(r.data) < 8 {
		r.Fail("a truncated number")
		return 0
	}
	x := math.Float64frombits(binary.LittleEndian.Uint64(r.data))
	r.data = r.data[8:]
	return x
}

// Floats reads a list of numbers, its length first.
func (r *Reader) Floats() []float64 { return r.FloatsN(r.Len(8)) }

// FloatsN reads n numbers, nil when n is 0.
func (r *Reader) FloatsN(n int) []float64 {
	if n < 0 || n > len(r.data)/8 {
		r.Fail("%d numbers, more than the %d bytes left hold", n, len(r.data))
		return nil
	}
	if n == 0 {
		return nil
	}
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = r.Float()
	}
	return xs
}

// Bool reads a flag: a byte 0 or 1.
func (r *Reader) Bool() bool {
	if len(r.data) < 1 || r.data[0] > 1 {
		r.Fail("a truncated or bad flag")
		return false
	}
	b := r.data[0] == 1
	r.data = r.data[1:]
	return b
}

// String reads a text, its length first.
func (r *Reader) String() string {
	n := r.Len(1)
	s := string(r.data[:n])
	r.data = r.data[n:]
	return s
}

// Strings reads a list of texts, its length first.
func (r *Reader) Strings() []string {
	n := r.Len(1) // each text takes its length's byte at least
	if n == 0 {
		return nil
	}
	ss := make([]string, n)
	for i := range ss {
		ss[i] = r.String()
	}
	return ss
}

// Remaining returns how many bytes are left: the bound of a list whose
// length the decoder knows from elsewhere.
func (r *Reader) Remaining() int { return len(r.data) }

// Key reads the i-th key of a map written in sorted order, failing
// unless it sorts after the key before it, prev: so a map has one
// encoding, and no key twice.
func (r *Reader) Key(i int, prev string) string {
	s := r.String()
	if i > 0 && s <= prev {
		r.Fail("key %q after %q: not in order", s, prev)
	}
	return s
}
