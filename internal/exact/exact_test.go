package exact_test

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/peakend/peakend/internal/exact"
)

// wide returns a float64 of random sign, mantissa and exponent over
// float64's whole range, subnormals included, or one of a narrow range
// (as ratings are), so that both carries and wide windows are tried.
func wide(r *rand.Rand) float64 {
	var x float64
	switch r.IntN(4) {
	case 0:
		x = math.Float64frombits(r.Uint64() &^ (1 << 63))
		if math.IsInf(x, 0) || math.IsNaN(x) {
			x = math.MaxFloat64
		}
	case 1:
		x = math.Float64frombits(r.Uint64() & (1<<52 - 1)) // subnormal
	case 2:
		x = math.Ldexp(r.Float64(), r.IntN(80)-40)
	default:
		x = float64(r.IntN(11))
	}
	if r.IntN(2) == 0 {
		x = -x
	}
	return x
}

// bigSum is the exact sum of xs by math/big, rounded once.
func bigSum(xs []float64, products bool) float64 {
	acc := new(big.Float).SetPrec(0)
	acc.SetPrec(1 << 14)
	for i, x := range xs {
		t := new(big.Float).SetPrec(1 << 14).SetFloat64(x)
		if products {
			t.Mul(t, new(big.Float).SetFloat64(xs[(i+1)%len(xs)]))
		}
		acc.Add(acc, t)
	}
	f, _ := acc.Float64()
	return f
}

// sumIn adds xs to a Sums in parts split at random, merged in random
// order.
func sumIn(r *rand.Rand, xs []float64, products bool) float64 {
	order := r.Perm(len(xs))
	k := 1 + r.IntN(5)
	parts := make([]*exact.Sums, k)
	for i := range parts {
		parts[i] = exact.NewSums(1)
	}
	for _, i := range order {
		p := parts[r.IntN(k)]
		if products {
			p.AddProduct(0, xs[i], xs[(i+1)%len(xs)])
		} else {
			p.Add(0, xs[i])
		}
	}
	total := exact.NewSums(1)
	for _, i := range r.Perm(k) {
		total.Merge(parts[i])
	}
	return total.Float64(0)
}

func TestSumMatchesBig(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 2000 {
		xs := make([]float64, 1+r.IntN(40))
		for i := range xs {
			xs[i] = wide(r)
		}
		for _, products := range []bool{false, true} {
			want := bigSum(xs, products)
			for range 3 {
				if got := sumIn(r, xs, products); math.Float64bits(got) != math.Float64bits(want) {
					t.Fatalf("trial %d (products %v): %v, not %v, of %v", trial, products, got, want, xs)
				}
			}
		}
	}
}

// TestCancellation adds numbers that cancel but for a tiny one, which
// float addition loses.
func TestCancellation(t *testing.T) {
	s := exact.NewSums(1)
	for _, x := range []float64{1e300, 1, -1e300, 1e-300, math.SmallestNonzeroFloat64} {
		s.Add(0, x)
	}
	if got := s.Float64(0); got != 1 {
		t.Fatalf("sum %v, not 1", got)
	}
	s.Add(0, -1)
	if got := s.Float64(0); got != 1e-300 {
		t.Fatalf("sum %v, not 1e-300", got)
	}
}

func TestSpecial(t *testing.T) {
	for _, c := range []struct {
		xs   []float64
		want float64
	}{
		{[]float64{1, math.Inf(1), 2}, math.Inf(1)},
		{[]float64{math.Inf(-1), 1e308, 1e308}, math.Inf(-1)},
		{[]float64{math.Inf(1), math.Inf(-1)}, math.NaN()},
		{[]float64{1, math.NaN()}, math.NaN()},
		{[]float64{math.MaxFloat64, math.MaxFloat64}, math.Inf(1)}, // the exact sum overflows when rounded
	} {
		s := exact.NewSums(1)
		for _, x := range c.xs {
			s.Add(0, x)
		}
		if got := s.Float64(0); math.Float64bits(got) != math.Float64bits(c.want) && !(math.IsNaN(got) && math.IsNaN(c.want)) {
			t.Errorf("sum of %v: %v, not %v", c.xs, got, c.want)
		}
	}
	s := exact.NewSums(1)
	s.AddProduct(0, math.Inf(1), 0) // NaN, as float multiplication gives
	if !math.IsNaN(s.Float64(0)) {
		t.Errorf("Inf·0 summed to %v", s.Float64(0))
	}
}

func TestRound(t *testing.T) {
	s := exact.NewSums(1)
	for _, x := range []float64{1, 1, 0.1} { // 2.1 exactly as the floats are
		s.Add(0, x)
	}
	want, _ := new(big.Rat).SetFrac(s.Int(0), new(big.Int).Lsh(big.NewInt(3), exact.Scale)).Float64()
	if got := exact.Round(s.Int(0), exact.Scale, 3); got != want {
		t.Fatalf("mean %v, not %v", got, want)
	}
}

// benchNumbers are 1024 numbers of the range of ratings' changes.
func benchNumbers() []float64 {
	xs := make([]float64, 1024)
	r := rand.New(rand.NewPCG(1, 1))
	for i := range xs {
		xs[i] = r.Float64()*10 - 5
	}
	return xs
}

func BenchmarkAdd(b *testing.B) {
	xs := benchNumbers()
	s := exact.NewSums(1)
	for i := 0; b.Loop(); i++ {
		s.Add(0, xs[i&1023])
	}
}

func BenchmarkAddProduct(b *testing.B) {
	xs := benchNumbers()
	s := exact.NewSums(1)
	for i := 0; b.Loop(); i++ {
		s.AddProduct(0, xs[i&1023], xs[(i+1)&1023])
	}
}

// AddMoments is Add of each number and AddProduct of each pair.
func TestAddMoments(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	const p = 5
	a, b := exact.NewSums(p+p*(p+1)/2), exact.NewSums(p+p*(p+1)/2)
	for trial := range 300 {
		z := make([]float64, p)
		for i := range z {
			z[i] = wide(r)
			if r.IntN(10) == 0 {
				z[i] = 0
			}
		}
		switch trial {
		case 100:
			z[2] = math.Inf(-1)
		case 200:
			z[4] = math.NaN()
		}
		a.AddMoments(z)
		at := p
		for i := range z {
			b.Add(i, z[i])
			for j := i; j < p; j++ {
				b.AddProduct(at, z[i], z[j])
				at++
			}
		}
	}
	for i := range a.Len() {
		x, y := a.Float64(i), b.Float64(i)
		if math.Float64bits(x) != math.Float64bits(y) && !(math.IsNaN(x) && math.IsNaN(y)) {
			t.Errorf("sum %d: %v by AddMoments, %v by Add and AddProduct", i, x, y)
		}
	}
}

// Float64 rounds to nearest, ties to even, whatever the bits below the
// tie: the cases where a sticky bit decides.
func TestFloat64RoundsTies(t *testing.T) {
	p53 := math.Ldexp(1, 53)
	for _, c := range []struct {
		add  []float64
		want float64
	}{
		{[]float64{p53, 1}, p53},                              // a tie, to even
		{[]float64{p53, 3}, p53 + 4},                          // a tie, to even
		{[]float64{p53, 1, math.Ldexp(1, -200)}, p53 + 2},     // just above the tie
		{[]float64{p53, 1, -math.Ldexp(1, -200)}, p53},        // just below it
		{[]float64{p53 + 2, 1}, p53 + 4},                      // a tie from an odd mantissa
		{[]float64{-p53, -1}, -p53},                           // negative ties
		{[]float64{-p53, -1, -math.Ldexp(1, -200)}, -p53 - 2}, // and beyond them
		{[]float64{1e300, 1, -1e300}, 1},                      // cancellation
		{[]float64{0.1, 0.2}, 0.30000000000000004},            // as float addition, where it is exact
		{[]float64{math.Ldexp(1, 1000), math.Ldexp(1, 1000)}, math.Ldexp(1, 1001)},
		{[]float64{math.Ldexp(1, -1000), -math.Ldexp(1, -1001)}, math.Ldexp(1, -1001)},
	} {
		s := exact.NewSums(2)
		for _, x := range c.add {
			s.Add(1, x)
		}
		if got := s.Float64(1); got != c.want {
			t.Errorf("%v: %v, not %v", c.add, got, c.want)
		}
		if got := s.Float64(0); got != 0 {
			t.Errorf("an empty sum beside %v: %v", c.add, got)
		}
	}
}
