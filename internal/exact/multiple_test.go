package exact_test

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/peakend/peakend/internal/exact"
)

// AddMultiple, AddWhole and AddInt add what math/big says they add:
// multiples of sums of any numbers, with many additions pending or
// none, whole numbers of any size, into sums with windows of their own.
func TestAddMultipleMatchesBig(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for trial := range 2000 {
		s, other := exact.NewSums(2), exact.NewSums(2)
		want := [2]*big.Int{new(big.Int), new(big.Int)}
		for range r.IntN(30) {
			x := wide(r)
			s.Add(1, x)
			other.Add(r.IntN(2), x)
		}
		want[1] = s.Int(1) // as the tests of Add hold it
		for range r.IntN(30) {
			s.Add(0, wide(r))
		}
		want[0] = s.Int(0)
		k := int64(r.IntN(33) - 16)
		if trial%7 == 0 {
			k = r.Int64() - 1<<62 // beyond the limbs' room: by big.Int
		}
		j := r.IntN(2)
		s.AddMultiple(0, other, j, k)
		want[0].Add(want[0], new(big.Int).Mul(other.Int(j), big.NewInt(k)))
		w := r.Int64() >> r.IntN(63)
		if r.IntN(2) == 0 {
			w = -w
		}
		s.AddWhole(1, w)
		want[1].Add(want[1], new(big.Int).Lsh(big.NewInt(w), exact.Scale))
		bytes := make([]byte, 1+r.IntN(500))
		for b := range bytes {
			bytes[b] = byte(r.Uint32())
		}
		v := new(big.Int).SetBytes(bytes)
		if r.IntN(2) == 0 {
			v.Neg(v)
		}
		s.AddInt(1, v)
		want[1].Add(want[1], v)
		for i := range want {
			if got := s.Int(i); got.Cmp(want[i]) != 0 {
				t.Fatalf("trial %d, sum %d: %v, want %v", trial, i, got, want[i])
			}
		}
	}
}
