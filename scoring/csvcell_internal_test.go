package scoring

import (
	"math"
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
