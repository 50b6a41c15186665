package scoring

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// The line decoder agrees with x/text's GB18030 decoder wherever that
// decodes without a replacement character a line whose characters have
// the standard's form (x/text takes 0x3a to 0x3f for digits in the
// second and fourth bytes of a four-byte character), and refuses the
// rest.
func checkAgainstXText(t *testing.T, line []byte) {
	want, err := simplifiedchinese.GB18030.NewDecoder().Bytes(line)
	clean := err == nil && (!bytes.Contains(want, []byte("\ufffd")) || bytes.Contains(line, gbReplacement)) && standardForm(line)
	d := newLineDecoder(GB18030)
	got, err := d.decode(line, 1)
	switch {
	case clean && err != nil:
		t.Fatalf("%x: refused (%v), x/text decodes %q", line, err, want)
	case !clean && err == nil && !bytes.Equal(got, want):
		t.Fatalf("%x: decoded %q, x/text has a bad byte: %q", line, got, want)
	case clean && !bytes.Equal(got, want):
		t.Fatalf("%x: decoded %q, want %q", line, got, want)
	case err == nil && !utf8.Valid(got):
		t.Fatalf("%x: decoded to invalid UTF-8 %q", line, got)
	}
}

func TestGB18030EveryPair(t *testing.T) {
	for lead := 0x80; lead <= 0xff; lead++ {
		for trail := 0; trail <= 0xff; trail++ {
			checkAgainstXText(t, []byte{'a', byte(lead), byte(trail), 'b'})
		}
	}
	for _, s := range []string{"\x81\x30\x81\x30", "\x84\x31\xa4\x37", "\x90\x30\x81\x30", "\xe3\x32\x9a\x35", "\xfe\x39\xfe\x39", "\x81\x30"} {
		checkAgainstXText(t, []byte(s))
	}
}

func FuzzDecodeGB18030(f *testing.F) {
	for _, s := range []string{"访问,评分", "\xb7\xc3\xce\xca", "\x81\x30\x81\x30x", "\x84\x31\xa4\x37", "a\x80b", "\xff"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		if bytes.IndexByte(line, '\n') >= 0 {
			return
		}
		checkAgainstXText(t, line)
		// Detection decodes UTF-8 as it is, and anything else as GB18030
		// or not at all.
		d := newLineDecoder(DetectEncoding)
		got, err := d.decode(line, 1)
		if err == nil && !utf8.Valid(got) {
			t.Fatalf("%x: detected to invalid UTF-8 %q", line, got)
		}
		if utf8.Valid(line) && (err != nil || !bytes.Equal(got, line)) {
			t.Fatalf("%x: UTF-8 changed to %q, %v", line, got, err)
		}
	})
}

// standardForm reports whether line is a sequence of GB18030 characters
// of the standard's forms: 00–7F (and 80, the euro sign of code page
// 936); 81–FE with 40–7E or 80–FE; 81–FE, 30–39, 81–FE, 30–39.
func standardForm(line []byte) bool {
	digit := func(c byte) bool { return c >= 0x30 && c <= 0x39 }
	lead := func(c byte) bool { return c >= 0x81 && c <= 0xfe }
	for i := 0; i < len(line); {
		c := line[i]
		switch {
		case c <= 0x80:
			i++
		case !lead(c) || i+1 >= len(line):
			return false
		case gbTrail(line[i+1]) >= 0:
			i += 2
		case digit(line[i+1]) && i+3 < len(line) && lead(line[i+2]) && digit(line[i+3]):
			i += 4
		default:
			return false
		}
	}
	return true
}
