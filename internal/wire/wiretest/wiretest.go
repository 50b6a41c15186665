// Package wiretest holds the tests every accumulator's binary form
// passes: a round trip to the same bytes, and a fuzz target for its
// UnmarshalBinary.
package wiretest

import (
	"bytes"
	"errors"
	"testing"

	"github.com/peakend/peakend/internal/wire"
	"github.com/peakend/peakend/scoring"
)

// A Form is an accumulator's binary form.
type Form interface {
	MarshalBinary() ([]byte, error)
	UnmarshalBinary([]byte) error
}

// RoundTrip encodes acc, decodes it into fresh and checks that fresh
// encodes to the same bytes.
func RoundTrip(t testing.TB, acc, fresh Form) {
	t.Helper()
	data, err := acc.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if err := fresh.UnmarshalBinary(data); err != nil {
		t.Fatalf("UnmarshalBinary of its own encoding: %v", err)
	}
	if again, _ := fresh.MarshalBinary(); !bytes.Equal(data, again) {
		t.Fatalf("decoded and encoded again: %d bytes, not the %d encoded", len(again), len(data))
	}
}

// Fuzz is the fuzz test of an accumulator's UnmarshalBinary, seeded
// with the encodings of a fresh one, of seen and of half of seen's: any
// bytes are decoded or refused with scoring.ErrCorruptEncoding or
// scoring.ErrMergeMismatch, never a panic; what decodes encodes again to
// the same bytes, and use (a merge with seen and a report) may fail but
// must not panic.
func Fuzz[T Form](f *testing.F, fresh func() T, seen T, use func(decoded, seen T) error) {
	empty, _ := fresh().MarshalBinary()
	full, _ := seen.MarshalBinary()
	for _, data := range [][]byte{empty, full, full[:len(full)/2]} {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		acc := fresh()
		if err := acc.UnmarshalBinary(data); err != nil {
			if !errors.Is(err, wire.ErrCorrupt) && !errors.Is(err, scoring.ErrMergeMismatch) {
				t.Fatalf("error %v is neither ErrCorruptEncoding nor ErrMergeMismatch", err)
			}
			return
		}
		if again, _ := acc.MarshalBinary(); !bytes.Equal(again, data) {
			t.Fatalf("decoded %x, encodes as %x", data, again)
		}
		use(acc, seen)
	})
}
