package scoring

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestOneDigit holds oneDigit to strconv: it takes exactly the numbers
// whose shortest text is one digit, and gives that digit.
func TestOneDigit(t *testing.T) {
	xs := []float64{math.Copysign(0, -1), NA, math.Inf(1), math.Inf(-1), 1e19, -1e19, 1 << 63, -1 << 63, 5e-324, 10, 9.5, -9}
	for n := -100; n <= 100; n++ {
		x := float64(n) / 4
		xs = append(xs, x, math.Nextafter(x, 0), math.Nextafter(x, math.Inf(1)))
	}
	for _, x := range xs {
		text := strconv.FormatFloat(x, 'g', -1, 64)
		want := len(text) == 1 && text[0] >= '0' && text[0] <= '9'
		d, ok := oneDigit(x)
		if ok != want || ok && string(d) != text {
			t.Errorf("oneDigit(%v) = %q, %v; want %v for %q", x, d, ok, want, text)
		}
	}
}

// TestAppendText holds appendText, which finds plain text 8 bytes at a
// time, to AppendCSVText and AppendCSVTextVerbatim on texts of every
// length to 40 of plain bytes with one byte of any value, at any place,
// or none, after text with room for it or not.
func TestAppendText(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	plain := "abcXYZ019-._/:;<>?~\x7f\xc3\xa9 \t=+@'"
	for i := range 300000 {
		b := make([]byte, i%41)
		for k := range b {
			b[k] = plain[rng.IntN(len(plain))]
		}
		if len(b) > 0 && rng.IntN(2) == 0 {
			b[rng.IntN(len(b))] = byte(rng.IntN(256))
		}
		s := string(b)
		prefix := make([]byte, 2, 2+rng.IntN(48)) // room for the text or not
		copy(prefix, "x,")
		if got, want := appendText(prefix, false, s), AppendCSVText([]byte("x,"), s); string(got) != string(want) {
			t.Fatalf("appendText(%q) = %q, want %q", s, got, want)
		}
		if got, want := appendText(prefix, true, s), AppendCSVTextVerbatim([]byte("x,"), s); string(got) != string(want) {
			t.Fatalf("appendText(%q, verbatim) = %q, want %q", s, got, want)
		}
	}
}

// TestAnyByteBelow holds anyByteBelow to a look at each byte, for the
// bound appendText uses and every other it may.
func TestAnyByteBelow(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for range 1000000 {
		w, n := rng.Uint64(), byte(rng.IntN(129))
		if rng.IntN(2) == 0 { // bytes near the bound
			for k := range 8 {
				w = w&^(0xff<<(8*k)) | uint64(int(n)+rng.IntN(5)-2)&0xff<<(8*k)
			}
		}
		want := false
		for k := range 8 {
			want = want || byte(w>>(8*k)) < n
		}
		if got := anyByteBelow(w, n); got != want {
			t.Fatalf("anyByteBelow(%#x, %d) = %v, want %v", w, n, got, want)
		}
	}
}
