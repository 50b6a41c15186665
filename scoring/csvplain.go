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
		switch s.cutPlain(s.win[s.lag:]) {
		case cutLine:
			return true
		case cutNone:
			return false
		}
	}
}

// What cutPlain found at the start of the bytes it was given.
const (
	cutNone  = iota // no plain line: one to read the general way, or not buffered whole
	cutLine         // a plain line, now the record
	cutBlank        // a blank line, taken
)

// catchUp discards from the reader the lines plainRecord took from its
// buffer, before it is read the general way; the reader's buffer, and
// a line held in it, are then no longer valid.
func (s *csvScanner) catchUp() {
	if s.lag > 0 {
		s.br.Discard(s.lag)
	}
	s.win, s.lag, s.cut = nil, 0, 0
	if s.inPlace {
		s.buf, s.inPlace = s.own, false
	}
}

// cutPlain cuts the plain line at the start of data, the bytes of the
// reader's buffer from s.lag, into s.starts and s.cut, makes it the
// record and takes it and its line ending from the buffer. Each field
// costs one store of where it starts, not a slice and a column; the
// words before the line's end test for nothing else, so that few
// enough values stay live that they stay in registers.
func (s *csvScanner) cutPlain(data []byte) int {
	size := len(data)
	if size > MaxLine { // never with the reader's buffer; readLine's error when it is
		return cutNone
	}
	sepw := uint64(s.sep) * ones
	k, i := 0, 0 // the separators so far; the word
	var seps, special uint64
	for ; i < size-7; i += 8 { // i+8 <= size, as the prover sees it
		x := binary.LittleEndian.Uint64(data[i:])
		seps = zeroBytes(x ^ sepw)
		if special = notPlain(x) &^ seps; special != 0 { // a tab separator is not special
			break
		}
		if k = s.cutSeps(k, i, seps); k >= plainFields { // more than plainFields fields
			return cutNone
		}
	}
	if special == 0 && i < size { // the last bytes of data, once a buffer: those past it masked off
		x := loadTail(data, i)
		valid := uint64(1)<<(8*(size-i)) - 1
		seps = zeroBytes(x^sepw) & valid
		special = notPlain(x) &^ seps & valid
	}
	if special == 0 {
		return cutNone // no newline
	}
	end := i + bits.TrailingZeros64(special)>>3
	n := end + 1 // with its line ending
	switch {
	case data[end] == '\n':
	case data[end] == '\r' && end+1 < size && data[end+1] == '\n':
		n++
	default:
		s.backoff = s.backoffLines
		return cutNone // a quote, a carriage return within the line, a byte outside printable ASCII
	}
	if k = s.cutSeps(k, i, seps&(special&-special-1)); k >= plainFields { // the separators before the line's end
		return cutNone
	}
	s.lag += n
	s.line++
	s.startLine = s.line // as the general way counts a blank line
	if end == 0 {
		return cutBlank
	}
	s.starts[k+1] = uint32(end) + 1
	s.cut = k + 1
	if !s.inPlace {
		s.own, s.inPlace = s.buf, true
	}
	s.buf = data[:end:end] // its capacity ends with it, so that no append writes into the reader's buffer
	s.plain, s.lineErr = true, nil
	return cutLine
}

// cutSeps notes the starts of the fields after the separators seps of
// the word at i, which follow k others, and returns their number. The
// caller asks once a word, not once a separator, that the line has at
// most plainFields fields: a word holds at most eight separators, which
// s.starts has room for past those; the index is masked rather than
// checked, as it is below len(s.starts) either way.
func (s *csvScanner) cutSeps(k, i int, seps uint64) int {
	after := uint(i+1) * 8 // the bit of the byte after the word's first: a separator's bit over 8 is where its next field starts
	for ; seps != 0; seps &= seps - 1 {
		k++
		s.starts[k&(len(s.starts)-1)] = uint32((after + uint(bits.TrailingZeros64(seps))) >> 3)
	}
	return k
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
// one does, is neither, and is answered inline; TrimSpace decides the
// others.
func blankID(id []byte) bool {
	return (len(id) == 0 || id[0]-'!' > '~'-'!') && len(bytes.TrimSpace(id)) == 0 // '!' to '~': printable ASCII other than a space
}
