package scoring

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
	"sync"
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
	enc      Encoding              // UTF8 or GB18030 once known; DetectEncoding while every line was ASCII
	forced   bool                  // enc was given, not detected
	detected int                   // the line at which GB18030 was detected, until reported
	gb       transform.Transformer // for the characters of four bytes
	out      []byte
}

func newLineDecoder(enc Encoding) *lineDecoder {
	return &lineDecoder{enc: enc, forced: enc != DetectEncoding}
}

// verbatim reports that decode returns every line as it is: UTF-8 was
// forced, and its text fields are checked where they are parsed. The
// scanner asks before each line, as a call per line costs as much as
// the check.
func (d *lineDecoder) verbatim() bool { return d.forced && d.enc == UTF8 }

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

// ascii reports whether b is all ASCII, eight bytes a load.
func ascii(b []byte) bool {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 != 0 {
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

// fromGB18030 decodes a line of GB18030. The two-byte characters, which
// are nearly all of Chinese text, are looked up in a table of their
// UTF-8 bytes; the rest go through x/text's decoder one at a time.
func (d *lineDecoder) fromGB18030(line []byte) ([]byte, error) {
	if ascii(line) {
		return line, nil
	}
	table := gbTable()
	out := d.out[:0]
	for i := 0; i < len(line); {
		c := line[i]
		if c < utf8.RuneSelf {
			j := i + 1
			for j < len(line) && line[j] < utf8.RuneSelf {
				j++
			}
			out = append(out, line[i:j]...)
			i = j
			continue
		}
		if i+1 < len(line) {
			if t := gbTrail(line[i+1]); c >= 0x81 && c <= 0xfe && t >= 0 {
				if e := table[int(c-0x81)*190+t]; e != 0 {
					out = append(out, byte(e>>16), byte(e>>8), byte(e))[:len(out)+int(e>>24)]
					i += 2
					continue
				}
			}
		}
		size := gbChar(line[i:])
		if size == 0 {
			d.out = out
			return line, notGB18030(line, d.enc)
		}
		out = d.appendChar(out, line[i:i+size])
		i += size
	}
	d.out = out
	return out, nil
}

// appendChar appends the UTF-8 of one GB18030 character, known to decode.
func (d *lineDecoder) appendChar(out, char []byte) []byte {
	if d.gb == nil {
		d.gb = simplifiedchinese.GB18030.NewDecoder()
	}
	var buf [8]byte
	d.gb.Reset()
	n, _, _ := d.gb.Transform(buf[:], char, true)
	return append(out, buf[:n]...)
}

// gbTrail returns the index of the second byte of a two-byte GB18030
// character among the 190 there are, or -1.
func gbTrail(c byte) int {
	switch {
	case c >= 0x40 && c <= 0x7e:
		return int(c - 0x40)
	case c >= 0x80 && c <= 0xfe:
		return int(c - 0x41)
	}
	return -1
}

// gbTable holds the UTF-8 of each two-byte GB18030 character, made from
// x/text's decoder once: the length in the top byte and up to three
// bytes left-aligned below it (all are in the Basic Multilingual Plane),
// 0 for a pair that is no character.
var gbTable = sync.OnceValue(func() *[126 * 190]uint32 {
	var t [126 * 190]uint32
	dec := simplifiedchinese.GB18030.NewDecoder()
	var out [8]byte
	for lead := 0x81; lead <= 0xfe; lead++ {
		for trail := 0x40; trail <= 0xfe; trail++ {
			i := gbTrail(byte(trail))
			if i < 0 {
				continue
			}
			dec.Reset()
			n, nSrc, err := dec.Transform(out[:], []byte{byte(lead), byte(trail)}, true)
			r, size := utf8.DecodeRune(out[:n])
			if err != nil || nSrc != 2 || size != n || r == utf8.RuneError || n > 3 {
				continue
			}
			var e uint32
			for k := range 3 {
				e <<= 8
				if k < n {
					e |= uint32(out[k])
				}
			}
			t[(lead-0x81)*190+i] = uint32(n)<<24 | e
		}
	}
	return &t
})

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
