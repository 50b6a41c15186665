package scoring

import (
	"bytes"
	"encoding/binary"
	"math/bits"
)

// The plain line: nearly every row of an export is one line of
// printable ASCII without a quote. Such a line is cut in place, in the
// reader's buffer, in one pass of eight bytes a load that finds its
// end, its separators, and any byte that would make it not plain (a
// quote, a byte outside printable ASCII other than the separator, a
// carriage return other than the one before its newline). Any other
// line, and a line that does not end within the bytes buffered, is
// read the general way (readLine, split, quoted): the two give the same
// fields, columns and line numbers, as TestPlainLineAsGeneral checks.

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
	lows  = 0x7f7f7f7f7f7f7f7f
)

// zeroBytes has the top bit of each zero byte of x set, and no other:
// no carry crosses a byte, so each flag is exact.
func zeroBytes(x uint64) uint64 { return ^((x&lows + lows) | x) & highs }

// notPlain has the top bit of each byte of x that a plain line has only
// as its line ending or separator set, and no other: one outside
// printable ASCII (0x20 to 0x7e), or a quote. A byte c is below 0x20
// or a quote exactly when c^0x02 is below 0x21; no sum carries out of
// its byte.
func notPlain(x uint64) uint64 {
	low := x & lows
	return (x | ^((low ^ 0x02*ones) + 0x5f*ones) | (low + ones)) & highs
}

// plainFields is the most fields a plain line is cut into; a line of
// more is read the general way.
const plainFields = 64

// plainBackoff is how many lines after one that is not plain are read
// the general way without trying: in a file of Chinese text or quoted
// fields few lines are plain, and the try costs a pass up to the first
// byte that makes the line not plain.
const plainBackoff = 16

// plainRecord reads the next record when it is a plain line, and the
// blank lines before it; false leaves the first line that is not plain
// (or not yet buffered whole) to the general way, which catchUp must
// precede.
func (s *csvScanner) plainRecord() bool {
	if len(s.win) == 0 && s.lag == 0 {
		s.win, _ = s.br.Peek(s.br.Buffered()) // never reads: the bytes are buffered
	}
	for {
		n, end, ok := s.cutPlain(s.win)
		if !ok {
			return false
		}
		line := s.win[:end:end] // its capacity ends with it, so that no append writes into the reader's buffer
		s.win, s.lag = s.win[n:], s.lag+n
		s.line++
		s.startLine = s.line // as the general way counts a blank line
		if end == 0 {
			continue
		}
		if !s.inPlace {
			s.own, s.inPlace = s.buf, true
		}
		s.buf = line
		s.plain, s.lineErr = true, nil
		return true
	}
}

// catchUp discards from the reader the lines plainRecord took from its
// buffer, before it is read the general way; the reader's buffer, and
// a line held in it, are then no longer valid.
func (s *csvScanner) catchUp() {
	if s.lag > 0 {
		s.br.Discard(s.lag)
	}
	s.win, s.lag = nil, 0
	if s.inPlace {
		s.buf, s.inPlace = s.own, false
	}
}

// cutPlain cuts the plain line at the start of data into s.fields and
// s.cols. It returns the bytes of the line with its line ending (n),
// and without (end); ok is false when the line is not plain or data
// holds no newline. It may read past len(data), up to its capacity:
// those bytes are masked off. The fields are written into arrays as
// the separators are found: few enough values stay live that they
// stay in registers.
func (s *csvScanner) cutPlain(data []byte) (n, end int, ok bool) {
	size := len(data)
	if size > MaxLine { // never with the reader's buffer; readLine's error when it is
		return 0, 0, false
	}
	b := data[:cap(data)]
	sepw := uint64(s.sep) * ones
	fields, cols := &s.plainFields, &s.plainCols
	k, start := 0, 0
	for i := 0; i < size; i += 8 {
		var x uint64
		if i+8 <= len(b) { // inline, not a call: nearly every word
			x = binary.LittleEndian.Uint64(b[i : i+8])
		} else {
			x = loadTail(b, i)
		}
		seps := zeroBytes(x ^ sepw)
		special := notPlain(x) &^ seps // a tab separator is not special
		if size-i < 8 {
			valid := uint64(1)<<(8*(size-i)) - 1
			seps, special = seps&valid, special&valid
		}
		if special != 0 {
			at := i + bits.TrailingZeros64(special)>>3
			switch {
			case b[at] == '\n':
				end, n = at, at+1
			case b[at] == '\r' && at+1 < size && b[at+1] == '\n':
				end, n = at, at+2
			default:
				s.backoff = s.backoffLines
				return 0, 0, false // a quote, a carriage return within the line, a byte outside printable ASCII
			}
			seps &= special&-special - 1 // those before the line's end
		}
		for ; seps != 0; seps &= seps - 1 {
			at := i + bits.TrailingZeros64(seps)>>3
			if k == len(fields)-1 {
				return 0, 0, false
			}
			fields[k], cols[k] = b[start:at:at], start+1
			start = at + 1
			k++
		}
		if n > 0 {
			if end > 0 {
				fields[k], cols[k] = b[start:end:end], start+1
				s.fields, s.cols = fields[:k+1], cols[:k+1]
			}
			return n, end, true // end is 0 for a blank line
		}
	}
	return 0, 0, false // no newline
}

// loadTail returns the last bytes of b, from i, as a little-endian
// word, the bytes past its end as zero.
func loadTail(b []byte, i int) uint64 {
	var w [8]byte
	copy(w[:], b[i:])
	return binary.LittleEndian.Uint64(w[:])
}

// blankID reports whether a visit id is empty or all white space. An id
// that starts with printable ASCII other than a space, as nearly every
// one does, is neither; TrimSpace decides the others.
func blankID(id []byte) bool {
	if len(id) > 0 && id[0] > ' ' && id[0] < 0x7f {
		return false
	}
	return len(bytes.TrimSpace(id)) == 0
}
