package scoring

import (
	"bytes"
	"testing"
)

// printableSlow is printable a byte at a time.
func printableSlow(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// TestPrintableEveryByte puts every byte value at every place of lines
// of 0 to 24 bytes, so that each place of a word, the overlapping tail
// and the short lines meet each value.
func TestPrintableEveryByte(t *testing.T) {
	for n := 0; n <= 24; n++ {
		line := bytes.Repeat([]byte{'a'}, n)
		if !printable(line) {
			t.Fatalf("%q: not printable", line)
		}
		for at := range n {
			for c := range 256 {
				line[at] = byte(c)
				if got, want := printable(line), printableSlow(line); got != want {
					t.Fatalf("byte %#02x at %d of %d: printable %v, want %v", c, at, n, got, want)
				}
			}
			line[at] = 'a'
		}
	}
}

func FuzzPrintable(f *testing.F) {
	f.Add([]byte("v0000001,handset,find-hall,0,146.7,5,4.668,"))
	f.Add([]byte("\x7f\x1f\x20\x7e\xff\x80"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := printable(b), printableSlow(b); got != want {
			t.Fatalf("%q: printable %v, want %v", b, got, want)
		}
	})
}
