package scoring

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// An Encoding is the character encoding of a text input.
type Encoding int

const (
	// DetectEncoding reads UTF-8, and takes an input for GB18030 (which
	// includes GBK and GB2312, as Excel on Chinese Windows saves CSV) at
	// its first line that is not UTF-8 but decodes cleanly as GB18030;
	// Options.Detected is told so.
	DetectEncoding Encoding = iota
	UTF8
	GB18030
)

// String returns the encoding's name, as ParseEncoding reads it.
func (e Encoding) String() string {
	switch e {
	case DetectEncoding:
		return "detect"
	case UTF8:
		return "utf-8"
	case GB18030:
		return "gb18030"
	}
	return fmt.Sprintf("Encoding(%d)", int(e))
}

// ParseEncoding returns the encoding named s: utf-8 (or utf8), gb18030
// (or gbk, gb2312, cp936, all read as GB18030, which includes them),
// or detect (or "").
func ParseEncoding(s string) (Encoding, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "detect", "auto":
		return DetectEncoding, nil
	case "utf-8", "utf8":
		return UTF8, nil
	case "gb18030", "gbk", "gb2312", "cp936":
		return GB18030, nil
	}
	return 0, fmt.Errorf("%w: %q; encodings are utf-8 and gb18030", ErrEncoding, s)
}

// A Detection tells that Read took its input for an encoding other than
// UTF-8 (under DetectEncoding), and from which line on.
type Detection struct {
	File     string
	Line     int
	Encoding Encoding
}

func (d Detection) String() string {
	return fmt.Sprintf("%s: not UTF-8; read as %s (decided at line %d)", d.File, strings.ToUpper(d.Encoding.String()), d.Line)
}

// A lineDecoder turns each line of the input into UTF-8 on its own:
// 0x0A is never part of a multi-byte GB18030 character, so a line (or
// any range of lines) decodes without the lines before it, and the
// input can be split at line ends and decoded in parts.
type lineDecoder struct {
	enc      Encoding // UTF8 or GB18030 once known; DetectEncoding while every line was ASCII
	forced   bool     // enc was given, not detected
	detected int      // the line at which GB18030 was detected, until reported
	gb       transform.Transformer
	out      []byte
}

func newLineDecoder(enc Encoding) *lineDecoder {
	return &lineDecoder{enc: enc, forced: enc != DetectEncoding}
}

// decode returns line as UTF-8, and an error of kind ErrText (with the
// line undecoded) when it is neither UTF-8 nor GB18030, or not the
// encoding that was forced or detected. The result may be line itself
// or the decoder's buffer, valid until the next call.
func (d *lineDecoder) decode(line []byte, n int) ([]byte, error) {
	switch d.enc {
	case UTF8:
		if d.forced || utf8.Valid(line) {
			return line, nil // text fields are checked where they are parsed
		}
		return line, notGB18030(line, UTF8)
	case GB18030:
		return d.fromGB18030(line)
	}
	if ascii(line) {
		return line, nil
	}
	if utf8.Valid(line) {
		d.enc = UTF8
		return line, nil
	}
	out, err := d.fromGB18030(line)
	if err != nil {
		return line, err
	}
	d.enc, d.detected = GB18030, n
	return out, nil
}

// ascii reports whether b is all ASCII, eight bytes at a time.
func ascii(b []byte) bool {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if (uint64(b[i])|uint64(b[i+1])|uint64(b[i+2])|uint64(b[i+3])|
			uint64(b[i+4])|uint64(b[i+5])|uint64(b[i+6])|uint64(b[i+7]))&0x80 != 0 {
			return false
		}
	}
	for ; i < len(b); i++ {
		if b[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// The GB18030 form of U+FFFD, which x/text writes for bytes it cannot
// decode: found in the output, it is an error unless the input had it.
var gbReplacement = []byte{0x84, 0x31, 0xa4, 0x37}

func (d *lineDecoder) fromGB18030(line []byte) ([]byte, error) {
	if ascii(line) {
		return line, nil
	}
	if d.gb == nil {
		d.gb = simplifiedchinese.GB18030.NewDecoder()
	}
	d.gb.Reset()
	if need := 3*len(line) + 4; cap(d.out) < need { // a byte becomes at most 3 (0x80 is €)
		d.out = make([]byte, need)
	}
	n, _, err := d.gb.Transform(d.out[:cap(d.out)], line, true)
	out := d.out[:n]
	if err == nil && bytes.Contains(out, []byte("\ufffd")) && !bytes.Contains(line, gbReplacement) {
		err = errNotGB18030
	}
	if err != nil {
		return line, notGB18030(line, d.enc)
	}
	return out, nil
}

var errNotGB18030 = fmt.Errorf("not GB18030")

// notGB18030 names the first byte of line that does not decode: as
// GB18030 once the input was taken for it, else as UTF-8, the default.
func notGB18030(line []byte, enc Encoding) *DecodeError {
	at, chars := 0, 0
	if enc == GB18030 {
		for at < len(line) {
			size := gbChar(line[at:])
			if size == 0 {
				break
			}
			at += size
			chars++
		}
	} else {
		for at < len(line) {
			r, size := utf8.DecodeRune(line[at:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			at += size
			chars++
		}
	}
	b := byte(0)
	if at < len(line) {
		b = line[at]
	}
	return &DecodeError{Byte: b, ByteColumn: at + 1, Column: chars + 1, After: enc}
}

// gbChar returns the length of the GB18030 character b starts with, or
// 0 when b does not start with one.
func gbChar(b []byte) int {
	size := gbSize(b)
	if size == 0 || size > len(b) {
		return 0
	}
	var out [8]byte
	dec := simplifiedchinese.GB18030.NewDecoder()
	n, nSrc, err := dec.Transform(out[:], b[:size], true)
	r, rsize := utf8.DecodeRune(out[:n])
	if err != nil || nSrc != size || rsize != n || (r == utf8.RuneError && !bytes.HasPrefix(b, gbReplacement)) {
		return 0
	}
	return size
}

// A DecodeError is a line that is neither UTF-8 nor GB18030, or not the
// one of them that its input was read as. It is both an ErrEncoding
// and an ErrText.
type DecodeError struct {
	Byte       byte     // the first byte that does not decode
	ByteColumn int      // its 1-based byte column in the line
	Column     int      // its 1-based character column, as an editor counts
	After      Encoding // the encoding the lines before were read as, if known
}

func (e *DecodeError) Error() string {
	what := "neither UTF-8 nor GB18030"
	switch e.After {
	case GB18030:
		what = "not GB18030, which the input is read as"
	case UTF8:
		what = "not UTF-8, as the lines before were"
	}
	return fmt.Sprintf("byte 0x%02x at byte %d (character %d) is %s; save the file as UTF-8", e.Byte, e.ByteColumn, e.Column, what)
}

func (e *DecodeError) Unwrap() []error { return []error{ErrEncoding, ErrText} }

// gbSize returns the length of the GB18030 character b starts with, as
// its lead and second byte tell it; 0 for a byte no character starts.
func gbSize(b []byte) int {
	switch c := b[0]; {
	case c < 0x80:
		return 1
	case c == 0x80: // the euro sign of code page 936
		return 1
	case c == 0xff:
		return 0
	case len(b) >= 2 && b[1] >= 0x30 && b[1] <= 0x39:
		return 4
	}
	return 2
}
