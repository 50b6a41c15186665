package xlsx

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// A tokenizer reads the elements and text of a sheet's XML, the small
// part of XML that sheets use, many times faster than encoding/xml,
// whose cost would be most of reading a workbook: start, end and empty
// elements with their attributes, text with its entities, CDATA, and
// comments and processing instructions, skipped.
type tokenizer struct {
	r     *bufio.Reader
	name  []byte      // the element's local name (no prefix)
	attrs [][2][]byte // its attributes: local name and unescaped value
	end   bool        // an end tag </name>
	empty bool        // an empty-element tag <name/>
	text  []byte      // text before the tag, unescaped (kept only when keepText)
	keep  bool        // keep the text before the next tag
	buf   []byte
}

func newTokenizer(r io.Reader) *tokenizer {
	return &tokenizer{r: bufio.NewReaderSize(r, 64<<10)}
}

var errXML = errors.New("malformed XML")

// next reads up to the next element tag. io.EOF at the end.
func (t *tokenizer) next() error {
	t.text = t.text[:0]
	for {
		chunk, err := t.r.ReadSlice('<')
		body := chunk
		if err == nil {
			body = chunk[:len(chunk)-1]
		}
		if t.keep {
			if err := t.appendText(body); err != nil {
				return err
			}
			if len(t.text) > MaxCellText {
				return fmt.Errorf("%w: more than %d KiB of text", ErrCell, MaxCellText>>10)
			}
		}
		switch err {
		case nil:
		case bufio.ErrBufferFull:
			continue
		case io.EOF:
			return io.EOF
		default:
			return err
		}
		c, err := t.r.Peek(1)
		if err != nil {
			return fmt.Errorf("%w: a tag cut short", errXML)
		}
		switch c[0] {
		case '?':
			if err := t.skipPast("?>"); err != nil {
				return err
			}
			continue
		case '!':
			if err := t.special(); err != nil {
				return err
			}
			continue
		}
		return t.tag()
	}
}

// special reads a comment, skipped, or CDATA, kept as text.
func (t *tokenizer) special() error {
	head, _ := t.r.Peek(8)
	switch {
	case bytes.HasPrefix(head, []byte("!--")):
		return t.skipPast("-->")
	case bytes.HasPrefix(head, []byte("![CDATA[")):
		t.r.Discard(8)
		start := len(t.buf)
		if err := t.readPast("]]>"); err != nil {
			return err
		}
		if t.keep {
			t.text = append(t.text, t.buf[start:len(t.buf)-3]...)
		}
		t.buf = t.buf[:start]
		return nil
	}
	return t.skipPast(">") // a declaration such as <!DOCTYPE>
}

func (t *tokenizer) skipPast(end string) error {
	start := len(t.buf)
	err := t.readPast(end)
	t.buf = t.buf[:start]
	return err
}

// readPast appends to t.buf up to and with end.
func (t *tokenizer) readPast(end string) error {
	last := end[len(end)-1]
	start := len(t.buf)
	for {
		chunk, err := t.r.ReadSlice(last)
		t.buf = append(t.buf, chunk...)
		if len(t.buf)-start > MaxCellText {
			return fmt.Errorf("%w: a comment or CDATA of more than %d KiB", errXML, MaxCellText>>10)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			return fmt.Errorf("%w: %q is not closed", errXML, end)
		}
		if bytes.HasSuffix(t.buf[start:], []byte(end)) {
			return nil
		}
	}
}

// tag reads a tag after its '<'.
func (t *tokenizer) tag() error {
	t.buf = t.buf[:0]
	if err := t.readPast(">"); err != nil {
		return err
	}
	b := t.buf[:len(t.buf)-1]
	t.end, t.empty = false, false
	if len(b) > 0 && b[0] == '/' {
		t.end, b = true, b[1:]
	}
	if len(b) > 0 && b[len(b)-1] == '/' {
		t.empty, b = true, b[:len(b)-1]
	}
	i := 0
	for i < len(b) && !space(b[i]) {
		i++
	}
	t.name = localName(b[:i])
	if len(t.name) == 0 {
		return fmt.Errorf("%w: a tag without a name", errXML)
	}
	t.attrs = t.attrs[:0]
	return t.attributes(b[i:])
}

func space(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func localName(b []byte) []byte {
	if i := bytes.IndexByte(b, ':'); i >= 0 {
		return b[i+1:]
	}
	return b
}

// attributes reads name="value" pairs; values are unescaped in place.
func (t *tokenizer) attributes(b []byte) error {
	for {
		for len(b) > 0 && space(b[0]) {
			b = b[1:]
		}
		if len(b) == 0 {
			return nil
		}
		eq := bytes.IndexByte(b, '=')
		if eq <= 0 {
			return fmt.Errorf("%w: an attribute without a value", errXML)
		}
		name := localName(bytes.TrimRight(b[:eq], " \t\r\n"))
		b = bytes.TrimLeft(b[eq+1:], " \t\r\n")
		if len(b) == 0 || b[0] != '"' && b[0] != '\'' {
			return fmt.Errorf("%w: an attribute value without quotes", errXML)
		}
		end := bytes.IndexByte(b[1:], b[0])
		if end < 0 {
			return fmt.Errorf("%w: an attribute value not closed", errXML)
		}
		value, err := unescape(b[1:1+end:1+end], b[1:1])
		if err != nil {
			return err
		}
		t.attrs = append(t.attrs, [2][]byte{name, value})
		b = b[end+2:]
	}
}

// attr returns the value of the tag's attribute name, or "".
func (t *tokenizer) attr(name string) []byte {
	for _, a := range t.attrs {
		if string(a[0]) == name {
			return a[1]
		}
	}
	return nil
}

func (t *tokenizer) appendText(b []byte) error {
	if bytes.IndexByte(b, '&') < 0 {
		t.text = append(t.text, b...)
		return nil
	}
	var err error
	t.text, err = unescape(b, t.text)
	return err
}

// unescape appends b to dst with its entity references replaced.
func unescape(b, dst []byte) ([]byte, error) {
	for {
		i := bytes.IndexByte(b, '&')
		if i < 0 {
			return append(dst, b...), nil
		}
		dst = append(dst, b[:i]...)
		b = b[i+1:]
		semi := bytes.IndexByte(b, ';')
		if semi < 0 || semi > 10 {
			return dst, fmt.Errorf("%w: an & that starts no entity", errXML)
		}
		name := string(b[:semi])
		b = b[semi+1:]
		switch name {
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "amp":
			dst = append(dst, '&')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			r, ok := charRef(name)
			if !ok {
				return dst, fmt.Errorf("%w: unknown entity &%s;", errXML, name)
			}
			dst = utf8.AppendRune(dst, r)
		}
	}
}

// charRef reads the number of a character reference, #65 or #x41.
func charRef(name string) (rune, bool) {
	if len(name) < 2 || name[0] != '#' {
		return 0, false
	}
	base, digits := 10, name[1:]
	if digits[0] == 'x' {
		base, digits = 16, digits[1:]
	}
	n, err := strconv.ParseUint(digits, base, 32)
	if err != nil || n == 0 || n > utf8.MaxRune || !utf8.ValidRune(rune(n)) {
		return 0, false
	}
	return rune(n), true
}
