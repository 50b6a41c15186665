package exact_test

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/peakend/peakend/internal/exact"
	"github.com/peakend/peakend/internal/wire"
)

func encode(s *exact.Sums) []byte {
	w := wire.NewWriter("exact.Sums")
	s.Encode(w)
	return w.Bytes()
}

func decode(data []byte, n int) (*exact.Sums, error) {
	r := wire.NewReader(data, "exact.Sums")
	s := exact.NewSums(n)
	s.Decode(r)
	return s, r.End()
}

// TestEncodingIsOfTheValue: sums of one multiset added in different
// orders and windows encode alike, and decode to the same values.
func TestEncodingIsOfTheValue(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	xs := make([]float64, 200)
	for i := range xs {
		xs[i] = wide(r)
	}
	a, b := exact.NewSums(3), exact.NewSums(3)
	for _, i := range r.Perm(len(xs)) {
		a.Add(i%3, xs[i])
	}
	for i := len(xs) - 1; i >= 0; i-- {
		b.Add(i%3, xs[i])
	}
	b.Add(1, math.Inf(1))
	a.Add(1, math.Inf(1))
	ea, eb := encode(a), encode(b)
	if !bytes.Equal(ea, eb) {
		t.Fatalf("one multiset encodes as %x and %x", ea, eb)
	}
	d, err := decode(ea, 3)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if math.Float64bits(d.Float64(i)) != math.Float64bits(a.Float64(i)) {
			t.Errorf("sum %d decodes as %v, not %v", i, d.Float64(i), a.Float64(i))
		}
	}
	if again := encode(d); !bytes.Equal(again, ea) {
		t.Fatalf("decoded sums encode as %x, not %x", again, ea)
	}
}

func TestDecodeRefuses(t *testing.T) {
	s := exact.NewSums(1)
	s.Add(0, 3)
	good := encode(s)
	for name, data := range map[string][]byte{
		"truncated":     good[:len(good)-1],
		"flags":         append(encode(exact.NewSums(0)), 9, 0, 0),
		"negative zero": append(encode(exact.NewSums(0)), 0, 1, 0),
		"zero digit":    append(encode(exact.NewSums(0)), 0, 0, 1, 70, 0),
		"far":           append(encode(exact.NewSums(0)), 0, 0, 1, 200, 1),
	} {
		if _, err := decode(data, 1); !errors.Is(err, wire.ErrCorrupt) {
			t.Errorf("%s: error %v", name, err)
		}
	}
}

// FuzzDecode: any bytes decode or fail with wire.ErrCorrupt; what
// decodes encodes again to the same bytes.
func FuzzDecode(f *testing.F) {
	s := exact.NewSums(2)
	s.Add(0, 1e-300)
	s.Add(0, -1e300)
	s.Add(1, math.NaN())
	f.Add(encode(s))
	f.Add(encode(exact.NewSums(2)))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := decode(data, 2)
		if err != nil {
			if !errors.Is(err, wire.ErrCorrupt) {
				t.Fatalf("error %v is not ErrCorrupt", err)
			}
			return
		}
		if again := encode(d); !bytes.Equal(again, data) {
			t.Fatalf("decoded %x, encodes as %x", data, again)
		}
		d.Float64(0)
		d.Merge(s)
	})
}
