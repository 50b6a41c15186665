package scoring_test

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/peakend/peakend/examples/servicehall"
	"github.com/peakend/peakend/scoring"
)

// TestSummaryMerge splits visits into k parts: the parts summarised and
// merged in order write what one summary of all writes, counts exactly
// and means within 1e-12 relative.
func TestSummaryMerge(t *testing.T) {
	memory, _ := scoring.ParseMemoryModel("peak=0.6,end=0.2,mean=0.2,noise=0.3")
	for seed := range uint64(20) {
		sim := servicehall.Simulation(memory, seed)
		var visits []scoring.Visit
		for v := range sim.Visits(3000) {
			visits = append(visits, v)
		}
		rng := rand.New(rand.NewPCG(seed, 3))
		cuts := []int{0, len(visits)}
		for range rng.IntN(7) {
			cuts = append(cuts, rng.IntN(len(visits)+1))
		}
		slices.Sort(cuts)
		var whole, merged scoring.Summary
		for i := range visits {
			f := scoring.Compute(&visits[i], sim.Scale)
			whole.Add(&visits[i], &f)
		}
		for c := 1; c < len(cuts); c++ {
			var part scoring.Summary
			for i := cuts[c-1]; i < cuts[c]; i++ {
				f := scoring.Compute(&visits[i], sim.Scale)
				part.Add(&visits[i], &f)
			}
			if err := merged.Merge(&part); err != nil {
				t.Fatal(err)
			}
		}
		var w, m bytes.Buffer
		whole.WriteCSV(&w)
		merged.WriteCSV(&m)
		compareCSV(t, w.String(), m.String())
	}
}

// compareCSV compares two CSV texts cell by cell: numbers within 1e-12
// relative, anything else exactly.
func compareCSV(t *testing.T, want, got string) {
	t.Helper()
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	if len(wl) != len(gl) {
		t.Fatalf("%d lines, want %d:\n%s\nwant\n%s", len(gl), len(wl), got, want)
	}
	for i := range wl {
		wc, gc := strings.Split(wl[i], ","), strings.Split(gl[i], ",")
		if len(wc) != len(gc) {
			t.Fatalf("line %d: %q, want %q", i+1, gl[i], wl[i])
		}
		for j := range wc {
			x, errx := strconv.ParseFloat(wc[j], 64)
			y, erry := strconv.ParseFloat(gc[j], 64)
			if errx != nil || erry != nil || strings.Contains(wl[0], "visits") && j == 1 {
				if wc[j] != gc[j] {
					t.Fatalf("line %d cell %d: %q, want %q", i+1, j+1, gc[j], wc[j])
				}
				continue
			}
			if math.Abs(x-y) > 1e-12*math.Max(math.Abs(x), 1e-300) && math.Abs(x-y) > 1e-12 {
				t.Fatalf("line %d cell %d: %v, want %v", i+1, j+1, y, x)
			}
		}
	}
}

// TestSummaryMergeNothing merges nil and empty summaries into any
// summary without changing it.
func TestSummaryMergeNothing(t *testing.T) {
	var s scoring.Summary
	v := scoring.Visit{ID: "v", Purpose: "p", Moments: []scoring.Moment{{Rating: 4, T: scoring.NA, Duration: scoring.NA}}, Remembered: scoring.NA}
	f := scoring.Compute(&v, scoring.DefaultScale)
	s.Add(&v, &f)
	var before, after bytes.Buffer
	s.WriteCSV(&before)
	if err := errors.Join(s.Merge(nil), s.Merge(&scoring.Summary{})); err != nil {
		t.Fatal(err)
	}
	s.WriteCSV(&after)
	if before.String() != after.String() {
		t.Errorf("after merging nothing:\n%s\nbefore:\n%s", after.String(), before.String())
	}
}
