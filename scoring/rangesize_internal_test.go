package scoring

import "testing"

// TestRangeSize holds that large ranges are taken as asked on a large
// input, lowered on a smaller one to make minRanges, never below the
// default, and that small ones (as tests ask) stay.
func TestRangeSize(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct{ asked, size, want int64 }{
		{0, 330 * mib, DefaultRangeBytes},
		{16 * mib, 330 * mib, 16 * mib},
		{16 * mib, 64 * mib, 8 * mib},
		{16 * mib, 33 * mib, 33 * mib / minRanges},
		{16 * mib, 9 * mib, DefaultRangeBytes},
		{4 << 10, 9 * mib, 4 << 10},
	} {
		if got := rangeSize(c.asked, c.size); got != c.want {
			t.Errorf("rangeSize(%d, %d) = %d, want %d", c.asked, c.size, got, c.want)
		}
	}
}
