package scoring_test

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/peakend/peakend/examples/servicehall"
	"github.com/peakend/peakend/internal/wire/wiretest"
	"github.com/peakend/peakend/scoring"
)

// summaryOf returns the summary of n simulated visits.
func summaryOf(n int, seed uint64) *scoring.Summary {
	sim := servicehall.Simulation(scoring.MemoryModel{Weights: map[string]float64{"peak_end": 1}}, seed)
	var s scoring.Summary
	for v := range sim.Visits(n) {
		f := scoring.Compute(&v, sim.Scale)
		s.Add(&v, &f)
	}
	return &s
}

// TestSummaryEncoding merges summaries sent through their binary form:
// the CSV is byte for byte that of the summaries merged as they were.
func TestSummaryEncoding(t *testing.T) {
	var direct, decoded scoring.Summary
	for seed := range uint64(4) {
		part := summaryOf(300, seed)
		var back scoring.Summary
		wiretest.RoundTrip(t, part, &back)
		if err := errors.Join(direct.Merge(part), decoded.Merge(&back)); err != nil {
			t.Fatal(err)
		}
	}
	var want, got bytes.Buffer
	if err := errors.Join(direct.WriteCSV(&want), decoded.WriteCSV(&got)); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() || got.Len() == 0 {
		t.Fatalf("decoded parts write\n%s\nnot\n%s", &got, &want)
	}
	data, _ := direct.MarshalBinary()
	var s scoring.Summary
	for name, bad := range map[string][]byte{"truncated": data[:len(data)-1], "other version": append([]byte{data[0] + 1}, data[1:]...)} {
		if err := s.UnmarshalBinary(bad); !errors.Is(err, scoring.ErrCorruptEncoding) {
			t.Errorf("%s: %v, want ErrCorruptEncoding", name, err)
		}
	}
}

// FuzzSummaryUnmarshalBinary: see wiretest.Fuzz.
func FuzzSummaryUnmarshalBinary(f *testing.F) {
	wiretest.Fuzz(f, func() *scoring.Summary { return &scoring.Summary{} }, summaryOf(20, 1), func(s, seen *scoring.Summary) error {
		return errors.Join(s.Merge(seen), s.WriteCSV(io.Discard))
	})
}
