package scoring

import (
	"bufio"
	"bytes"
	"io"
	"unicode/utf8"
)

// csvScanner splits RFC 4180 CSV into records without allocating for
// the common case: a plain line (see csvplain.go) is cut where it lies
// in the reader's buffer; any other is copied into one buffer of the
// scanner's own, and its fields are slices of it. Quoted fields (with ""
// for a quote, commas and newlines inside) are supported and unescaped
// into their own slices.
// It replaces encoding/csv on the hot path of Read, where that package's
// allocation per record and its generality cost half the time.
type csvScanner struct {
	br        *bufio.Reader
	line      int // lines read so far
	startLine int // line of the current record
	buf       []byte
	// fields and cols are the fields of a record read the general way,
	// and the 1-based byte column of each in buf; a plain line's are in
	// starts (see count, field and col).
	fields  [][]byte
	cols    []int
	sep     byte // the field separator; 0 until the header tells it
	dec     *lineDecoder
	lineErr error // the first line of the record that did not decode
	plain   bool  // the record is one line of printable ASCII: its fields need no checkText
	// unasked is set for JSON Lines, whose lines are checked whole
	// (utf8.Valid): plain is then found only where decoding needs it.
	unasked bool
	// buf holds a plain line in place, in br's buffer, while inPlace;
	// own is then the scanner's buffer, for the other lines.
	own     []byte
	inPlace bool
	win     []byte // the bytes of br's buffer when plainRecord last looked
	lag     int    // the bytes of win plainRecord took, that br has yet to discard
	// starts holds where the fields of a plain line start, and one past
	// the end of its last: field i is buf[starts[i]:starts[i+1]-1]
	// (see cutPlain). It has room for twice as many fields as a plain
	// line has, so that an index masked to those is in it with the next.
	// cut is their number, 0 for a record read the general way.
	starts       [2 * plainFields]uint32
	cut          int
	backoff      int  // lines to read the general way before plainRecord tries again
	backoffLines int  // plainBackoff; tests set 0, to try every line
	general      bool // every line is read the general way: tests compare the two
}

func newCSVScanner(r io.Reader, enc Encoding, sep byte) *csvScanner {
	return &csvScanner{br: bufio.NewReaderSize(r, 1<<16), dec: newLineDecoder(enc), sep: sep, backoffLines: plainBackoff}
}

// count returns the number of fields of the record.
func (s *csvScanner) count() int {
	if s.cut > 0 {
		return s.cut
	}
	return len(s.fields)
}

// field returns field i of the record.
func (s *csvScanner) field(i int) []byte {
	if s.cut > 0 {
		return s.plainField(i)
	}
	return s.fields[i]
}

// cell returns field i of the record, nil when i is -1: a column the
// header does not have. A plain line's field is told from the others
// by one comparison, which a negative i fails too.
func (s *csvScanner) cell(i int) []byte {
	if uint(i) < uint(s.cut) {
		return s.plainField(i)
	}
	if i < 0 {
		return nil
	}
	return s.fields[i]
}

// plainField returns field i, below s.cut, of a plain line.
func (s *csvScanner) plainField(i int) []byte {
	i &= plainFields - 1 // no bounds check: i is below s.cut, at most plainFields
	end := s.starts[i+1] - 1
	return s.buf[s.starts[i]:end:end] // its capacity ends with it, as split's fields do
}

// col returns the 1-based byte column of field i in buf.
func (s *csvScanner) col(i int) int {
	if s.cut > 0 {
		return int(s.starts[i]) + 1
	}
	return s.cols[i]
}

// readLine appends the next line, without its line ending, to s.buf.
func (s *csvScanner) readLine() (ok bool, err error) {
	start := len(s.buf)
	for {
		chunk, err := s.br.ReadSlice('\n')
		s.buf = append(s.buf, chunk...)
		if len(s.buf)-start > MaxLine {
			return false, ErrLineTooLong
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF && len(s.buf) == start {
			return false, io.EOF
		}
		if err != nil && err != io.EOF {
			return false, err
		}
		s.line++
		// Trim the line ending of this line only: what came before may
		// be the first lines of a quoted field.
		if n := len(s.buf); n > start && s.buf[n-1] == '\n' {
			s.buf = s.buf[:n-1]
		}
		if n := len(s.buf); n > start && s.buf[n-1] == '\r' {
			s.buf = s.buf[:n-1]
		}
		if s.unasked && s.dec.verbatim() {
			s.plain = false
			return true, nil
		}
		plain := printable(s.buf[start:])
		s.plain = plain && start == 0 // a second line is a quoted field's: it holds a newline
		if !plain && !s.dec.verbatim() {
			s.decodeLine(start)
		}
		return true, nil
	}
}

// decodeLine turns the line at s.buf[start:] into UTF-8 in place; a
// line that does not decode stays as it is, its error in s.lineErr.
func (s *csvScanner) decodeLine(start int) {
	out, err := s.dec.decode(s.buf[start:], s.line)
	switch {
	case err != nil:
		if s.lineErr == nil {
			s.lineErr = err
		}
	case len(out) > 0 && &out[0] != &s.buf[start]:
		s.buf = append(s.buf[:start], out...)
	}
}

// next reads the next non-blank record. err is io.EOF at the end. A
// quote error leaves the fields read so far and skips the record.
func (s *csvScanner) next() error {
	if s.nextPlain() {
		return nil
	}
	return s.nextGeneral()
}

// nextPlain reads the next record when it is a plain line (see
// plainRecord); false leaves it to nextGeneral.
func (s *csvScanner) nextPlain() bool {
	if s.backoff > 0 { // only plainRecord sets it
		s.backoff--
		return false
	}
	return s.sep != 0 && !s.general && s.plainRecord()
}

// nextGeneral reads the next record the general way, after nextPlain
// found it is not a plain line.
func (s *csvScanner) nextGeneral() error {
	s.catchUp()
	for {
		s.buf, s.lineErr = s.buf[:0], nil
		if _, err := s.readLine(); err != nil {
			return err
		}
		s.startLine = s.line
		if len(s.buf) > 0 {
			break
		}
	}
	if s.sep == 0 {
		s.sep = separatorOf(s.buf)
	}
	s.fields, s.cols, s.cut = s.fields[:0], s.cols[:0], 0
	if bytes.IndexByte(s.buf, '"') < 0 {
		s.split() // the common line: no quotes at all
		return nil
	}
	i := 0
	for {
		s.cols = append(s.cols, i+1)
		if i < len(s.buf) && s.buf[i] == '"' {
			field, end, err := s.quoted(i + 1)
			s.fields = append(s.fields, field)
			if err != nil {
				return err
			}
			i = end
		} else {
			j := bytes.IndexByte(s.buf[i:], s.sep)
			end := len(s.buf)
			if j >= 0 {
				end = i + j
			}
			field := s.buf[i:end:end]
			s.fields = append(s.fields, field)
			if bytes.IndexByte(field, '"') >= 0 {
				return ErrBareQuote
			}
			i = end
		}
		if i >= len(s.buf) {
			return nil
		}
		i++ // the separator
	}
}

// quoted reads a quoted field whose content starts at buf[i], reading
// more lines while the quote stays open. It returns the unescaped field
// and the index just past the closing quote.
func (s *csvScanner) quoted(i int) ([]byte, int, error) {
	var field []byte
	for {
		j := bytes.IndexByte(s.buf[i:], '"')
		if j < 0 { // the field goes on to the next line
			field = append(field, s.buf[i:]...)
			field = append(field, '\n')
			i = len(s.buf)
			if _, err := s.readLine(); err != nil {
				if err == io.EOF {
					return field, i, ErrQuote
				}
				return field, i, err
			}
			continue
		}
		field = append(field, s.buf[i:i+j]...)
		i += j + 1
		if i < len(s.buf) && s.buf[i] == '"' { // "" is a quote
			field = append(field, '"')
			i++
			continue
		}
		if i < len(s.buf) && s.buf[i] != s.sep {
			return field, i, ErrQuote
		}
		return field, i, nil
	}
}

// separatorOf returns the separator a header line uses: a tab when it
// has more tabs than commas, as text pasted from a spreadsheet has, else
// a comma.
func separatorOf(header []byte) byte {
	if bytes.Count(header, []byte{'\t'}) > bytes.Count(header, []byte{','}) {
		return '\t'
	}
	return ','
}

// split cuts a line without quotes at its separators in one pass.
func (s *csvScanner) split() {
	start := 0
	sep := s.sep
	for i, c := range s.buf {
		if c == sep {
			s.fields = append(s.fields, s.buf[start:i:i])
			s.cols = append(s.cols, start+1)
			start = i + 1
		}
	}
	s.fields = append(s.fields, s.buf[start:len(s.buf):len(s.buf)])
	s.cols = append(s.cols, start+1)
}

// column returns the 1-based column of field i in characters, as an
// editor counts them (each byte that is not UTF-8 counts as one).
func (s *csvScanner) column(i int) int {
	return utf8.RuneCount(s.buf[:s.col(i)-1]) + 1
}
