package scoring

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

// chunkReader returns its input in pieces of 1 to max bytes, so that
// lines straddle the ends of the scanner's buffer.
type chunkReader struct {
	b   []byte
	rng *rand.Rand
	max int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.b) == 0 {
		return 0, io.EOF
	}
	n := min(len(p), len(c.b), 1+c.rng.IntN(c.max))
	copy(p, c.b[:n])
	c.b = c.b[n:]
	return n, nil
}

// scanTranscript is every record the scanner reads from src, as it
// reads it: fields, columns, lines and errors.
func scanTranscript(src []byte, sep byte, enc Encoding, general bool, rng *rand.Rand) string {
	return scanTranscriptBackoff(src, sep, enc, general, rng, plainBackoff)
}

func scanTranscriptBackoff(src []byte, sep byte, enc Encoding, general bool, rng *rand.Rand, backoff int) string {
	var r io.Reader = bytes.NewReader(src)
	if rng != nil {
		r = &chunkReader{b: src, rng: rng, max: 1 + rng.IntN(100)}
	}
	sc := newCSVScanner(r, enc, sep)
	sc.general, sc.backoffLines = general, backoff
	var b strings.Builder
	for range 10000 {
		err := sc.next()
		fmt.Fprintf(&b, "err %v line %d start %d lineErr %v buf %q\n", err, sc.line, sc.startLine, sc.lineErr, sc.buf)
		if err == io.EOF {
			return b.String()
		}
		for i := range sc.count() {
			fmt.Fprintf(&b, "  %d %q\n", sc.col(i), sc.field(i))
		}
		// A line with tabs that separate is plain to the fast path
		// only: its fields need no checkText either way.
		if sc.sep != '\t' {
			fmt.Fprintf(&b, "  plain %v\n", sc.plain)
		} else if sc.plain && !general && err == nil {
			for i := range sc.count() {
				if f := sc.field(i); checkText(f) != nil {
					fmt.Fprintf(&b, "  plain, but field %q does not pass checkText\n", f)
				}
			}
		}
		if err != nil && err != ErrQuote && err != ErrBareQuote {
			return b.String()
		}
	}
	return b.String()
}

// checkPlainAsGeneral fails when the plain lines' fast path reads src
// otherwise than the general way.
func checkPlainAsGeneral(t *testing.T, src []byte, sep byte, rng *rand.Rand) {
	t.Helper()
	for _, enc := range []Encoding{DetectEncoding, UTF8, GB18030} {
		want := scanTranscript(src, sep, enc, true, nil)
		got := scanTranscript(src, sep, enc, false, nil)
		if got == want { // every line that is plain tried, however many are not
			got = scanTranscriptBackoff(src, sep, enc, false, nil, 0)
		}
		if rng != nil && got == want {
			got = scanTranscriptBackoff(src, sep, enc, false, rng, 0)
		}
		if got != want {
			t.Fatalf("%q, separator %q, %v:\nplain lines cut\n%s\nread the general way\n%s", src, sep, enc, got, want)
		}
	}
}

// randomLines are lines of bytes that are plain, and of each kind that
// makes a line not plain: quotes, tabs, carriage returns, control and
// non-ASCII bytes, empty and long fields, blank lines.
func randomLines(rng *rand.Rand, sep byte) []byte {
	pieces := []string{"a", "b", "v0000001", "25.2", " ", "~", string(sep), string(sep), string(sep), ",", "\t", ";", "\"", "\"\"", "\r", "\r\n", "\n", "\n", "\n", "\x00", "\x1f", "\x7f", "\x80", "\xff", "中", "\xe4\xb8", "é"}
	var b bytes.Buffer
	b.WriteString("visit" + string(sep) + "rating" + string(sep) + "t\n")
	for range 1 + rng.IntN(60) {
		switch rng.IntN(10) {
		case 0:
			b.WriteString(strings.Repeat("x", rng.IntN(200))) // a long field
		case 1, 2, 3:
			b.WriteString("v1" + string(sep) + "4" + string(sep) + "3.137\n") // plain
		default:
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
	}
	return b.Bytes()
}

// TestPlainLineAsGeneral reads random lines with the fast path for
// plain lines and without, in pieces of every size, with each
// separator and encoding: the records, columns, line numbers and errors
// must be the same.
func TestPlainLineAsGeneral(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 1000 {
		sep := []byte{',', '\t', ';'}[rng.IntN(3)]
		given := sep
		if rng.IntN(4) == 0 {
			given = 0 // told by the header
		}
		checkPlainAsGeneral(t, randomLines(rng, sep), given, rng)
	}
}

// TestPlainLinesPastTheBuffer reads plain lines past the ends of the
// scanner's buffer, where a line is read the general way.
func TestPlainLinesPastTheBuffer(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("visit,rating,t\n")
	for i := range 20000 {
		fmt.Fprintf(&b, "v%07d,%d,%d.5\r\n", i, i%5, i)
		if i%997 == 0 {
			b.WriteString("\n")
		}
	}
	checkPlainAsGeneral(t, b.Bytes(), ',', rand.New(rand.NewPCG(3, 4)))
}

func FuzzPlainLine(f *testing.F) {
	f.Add([]byte("visit,rating\nv1,4\r\n\nv2,\"a\"\nv3,\t\n"), byte(','))
	f.Add([]byte("visit\trating\nv1\t4\r\nv2\t5\r"), byte('\t'))
	f.Fuzz(func(t *testing.T, src []byte, sep byte) {
		if sep != ',' && sep != '\t' && sep != ';' {
			sep = ','
		}
		checkPlainAsGeneral(t, src, sep, nil)
	})
}

// TestWordFlagsEveryByte puts every byte value at every place of a word
// among random bytes: zeroBytes and notPlain must flag that byte exactly
// as a byte at a time would, whatever its neighbours.
func TestWordFlagsEveryByte(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for range 200 {
		x := rng.Uint64()
		for at := range 8 {
			for c := range 256 {
				w := x&^(0xff<<(8*at)) | uint64(c)<<(8*at)
				for k := range 8 {
					b := byte(w >> (8 * k))
					zero, notPlainByte := b == 0, b < 0x20 || b >= 0x7f || b == '"'
					if got := zeroBytes(w)>>(8*k+7)&1 == 1; got != zero {
						t.Fatalf("zeroBytes(%#016x) byte %d: %v, want %v", w, k, got, zero)
					}
					if got := notPlain(w)>>(8*k+7)&1 == 1; got != notPlainByte {
						t.Fatalf("notPlain(%#016x) byte %d: %v, want %v", w, k, got, notPlainByte)
					}
				}
			}
		}
	}
}

// BenchmarkScanLines scans 20 000 rows of eight fields, as the bench
// file has them, the general way and with the fast path for plain
// lines (compare ns/line, in one run).
func BenchmarkScanLines(b *testing.B) {
	var src bytes.Buffer
	src.WriteString("visit,purpose,touchpoint,t,duration,rating,remembered,recommend\n")
	for i := range 20000 {
		fmt.Fprintf(&src, "v%07d,a,t%d,%d.%d,25.2,%d,3.137,\n", i/10, i%10, i%1000, i%10, i%5+1)
	}
	for _, general := range []bool{true, false} {
		b.Run(map[bool]string{true: "general", false: "plain"}[general], func(b *testing.B) {
			b.SetBytes(int64(src.Len()))
			for b.Loop() {
				sc := newCSVScanner(bytes.NewReader(src.Bytes()), UTF8, 0)
				sc.general = general
				for sc.next() == nil {
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/20001, "ns/line")
		})
	}
}

// TestPlainFieldsLimit cuts lines of about plainFields fields, the
// separators placed at every offset of a word: up to plainFields a line
// is cut plain, past it read the general way, to the same fields.
func TestPlainFieldsLimit(t *testing.T) {
	for fields := plainFields - 9; fields <= plainFields+9; fields++ {
		for pad := range 8 {
			cells := make([]string, fields)
			for i := range cells {
				cells[i] = strings.Repeat("x", (i+pad)%3)
			}
			line := strings.Join(cells, ",")
			src := []byte("h\n" + line + "\n")
			checkPlainAsGeneral(t, src, ',', nil)
			sc := newCSVScanner(bytes.NewReader(src), UTF8, ',')
			sc.backoffLines = 0
			if err := sc.next(); err != nil {
				t.Fatal(err)
			}
			if err := sc.next(); err != nil {
				t.Fatal(err)
			}
			if plain := sc.cut > 0; plain != (fields <= plainFields) {
				t.Fatalf("%d fields (%q): cut plain %v", fields, line, plain)
			}
			if sc.count() != fields {
				t.Fatalf("%d fields (%q): %d", fields, line, sc.count())
			}
		}
	}
}
