package scoring

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// checkShortest fails when appendShortest takes x and writes other
// text than strconv's shortest 'g', or refuses an x of its range that
// is not a power of two.
func checkShortest(t *testing.T, x float64) {
	t.Helper()
	got, ok := appendShortest([]byte("cell,"), x)
	want := strconv.FormatFloat(x, 'g', -1, 64)
	ax := math.Abs(x)
	inRange := ax >= 1e-3 && ax < 1e6 && ax != math.Trunc(ax)
	switch {
	case ok && string(got) != "cell,"+want:
		t.Fatalf("appendShortest(%v) = %q, want %q", x, got[5:], want)
	case !ok && string(got) != "cell,":
		t.Fatalf("appendShortest(%v) refused but appended %q", x, got)
	case !ok && inRange && !isPowerOfTwo(ax):
		t.Fatalf("appendShortest(%v) refused a number of its range", x)
	case ok && !inRange:
		t.Fatalf("appendShortest(%v) took a number outside its range", x)
	}
}

func isPowerOfTwo(x float64) bool { return math.Float64bits(x)&(1<<52-1) == 0 }

// TestAppendShortest holds appendShortest to strconv on the numbers
// peakend writes (means and slopes of whole ratings, duration-weighted
// means, differences of decimal times), on random doubles of every
// size in its range, on the neighbours of decimals and powers of ten
// and two, and on numbers whose shortest decimal ties.
func TestAppendShortest(t *testing.T) {
	for n := 1; n <= 400; n++ {
		for sum := -3 * n; sum <= 12*n; sum++ {
			checkShortest(t, float64(sum)/float64(n))
		}
	}
	for n := 2; n <= 200; n++ { // trends: (Σk·x − mean k·Σx) / Σ(k − mean k)²
		nf := float64(n)
		sxx := nf * (nf*nf - 1) / 12
		for m := -400; m <= 400; m++ {
			checkShortest(t, float64(m)/2/sxx)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 300_000 {
		// A duration-weighted mean of whole ratings over decimal durations.
		var sw, swx float64
		for range 1 + rng.IntN(12) {
			d := math.Round(rng.Float64()*1000) / 10
			x := float64(1 + rng.IntN(5))
			sw += d
			swx += d * x
		}
		checkShortest(t, swx/sw)
		// A difference of times with decimals, as durations are.
		a, b := math.Round(rng.Float64()*1e5)/10, math.Round(rng.Float64()*1e5)/10
		checkShortest(t, a+b-a)
		checkShortest(t, b-a)
		// Any double of the range, by its bits, and by its size.
		lo, hi := math.Float64bits(1e-3), math.Float64bits(1e6)
		checkShortest(t, math.Float64frombits(lo+rng.Uint64N(hi-lo)))
		checkShortest(t, -math.Float64frombits(lo+rng.Uint64N(hi-lo)))
		checkShortest(t, math.Pow(10, rng.Float64()*9-3))
		// Short decimals and their neighbours.
		k := rng.IntN(17)
		dec := math.Round(rng.Float64()*1e6*math.Pow(10, float64(k%10))) / math.Pow(10, float64(k))
		checkShortest(t, dec)
		checkShortest(t, math.Nextafter(dec, math.Inf(1)))
		checkShortest(t, math.Nextafter(dec, math.Inf(-1)))
	}
	for e := -3; e <= 6; e++ {
		p := math.Pow(10, float64(e))
		for x, i := p, 0; i < 50; i, x = i+1, math.Nextafter(x, math.Inf(1)) {
			checkShortest(t, x)
		}
		for x, i := p, 0; i < 50; i, x = i+1, math.Nextafter(x, 0) {
			checkShortest(t, x)
		}
	}
	for e := -10; e <= 20; e++ {
		p := math.Ldexp(1, e)
		for _, x := range []float64{p, math.Nextafter(p, 0), math.Nextafter(p, math.Inf(1)), p * 3, p * 5, p * 0.75} {
			checkShortest(t, x)
		}
	}
	// Numbers right between two shortest decimals, where the tie rule
	// decides: x = k + m/2¹¹ (m odd) for k ≥ 2¹⁹ has eleven places, and
	// the two decimals of ten places around it both read back to it.
	for i := range 20000 {
		k := float64(1<<19 + rng.IntN(1e6-1<<19))
		checkShortest(t, k+float64(2*i%2048+1)/2048)
		checkShortest(t, (float64(i)+0.5)/1024)
	}
	for _, x := range []float64{0.001, 0.0015, 0.1, 0.5, 999999.5, 999999.999, 1e6 - 1e-10, math.Nextafter(1e6, 0), math.Nextafter(1e-3, 1), math.Nextafter(1e-3, 0), 0.1 + 0.2, 1.005, 2.675, 5e-324, 0, math.Copysign(0, -1), 1e6, 1e300, math.Inf(1), math.NaN()} {
		checkShortest(t, x)
	}
}

// TestAppendShortestFewPlaces holds appendShortest's quick path to
// strconv on the decimals of one to three places of every size in its
// range, on their neighbours, which have many places, and on the
// decimals of four places, which it leaves to the search.
func TestAppendShortestFewPlaces(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	check := func(x float64) {
		for _, y := range []float64{x, -x, math.Nextafter(x, 0), math.Nextafter(x, math.Inf(1))} {
			checkShortest(t, y)
		}
	}
	for n := 1; n < 100_000; n++ {
		for _, p := range []float64{10, 100, 1000, 10000} {
			check(float64(n) / p)
		}
	}
	for range 200_000 {
		for _, p := range []float64{10, 100, 1000, 10000} {
			check(float64(rng.Int64N(int64(1e6*p))) / p)
		}
	}
}

// TestEightDigits holds eightDigits to strconv on every value of each
// 4-digit lane, with the other lane at its extremes and at each value.
func TestEightDigits(t *testing.T) {
	for a := range uint64(10000) {
		for _, b := range []uint64{0, 9999, a, 9999 - a} {
			for _, n := range []uint64{a*10000 + b, b*10000 + a} {
				var got [8]byte
				binary.LittleEndian.PutUint64(got[:], eightDigits(n))
				if want := fmt.Sprintf("%08d", n); string(got[:]) != want {
					t.Fatalf("eightDigits(%d) = %q, want %q", n, got[:], want)
				}
			}
		}
	}
}

// FuzzAppendShortest holds appendShortest to strconv's shortest 'g'
// on any float64.
func FuzzAppendShortest(f *testing.F) {
	for _, x := range []float64{3.02991452991453, -0.04242424242424243, 0.001, 999999.9999999999, 2.675, 1.5} {
		f.Add(math.Float64bits(x))
	}
	f.Fuzz(func(t *testing.T, u uint64) { checkShortest(t, math.Float64frombits(u)) })
}
