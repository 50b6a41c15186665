package scoring_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/peakend/peakend/scoring"
)

// TestMergeWritesAsWrite holds the rows written through parts and
// Merge to the rows Write writes, byte for byte, and to its errors: on
// visits with and without customer and site (rows the first row's
// header has no column for are refused, rows without a column the
// header has get an empty cell), split into parts at random, with and
// without Verbatim and the missing column.
func TestMergeWritesAsWrite(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := range 400 {
		visits := make([]scoring.Visit, 1+rng.IntN(30))
		for i := range visits {
			v := scoring.Visit{ID: fmt.Sprintf("v%d", i), Purpose: []string{"a", "=b", "c,d"}[rng.IntN(3)], Remembered: float64(rng.IntN(5)) + 1,
				Recommend: scoring.NA, Missing: rng.IntN(2)}
			if rng.IntN(4) == 0 {
				v.Customer = "cust" + fmt.Sprint(rng.IntN(3))
			}
			if rng.IntN(4) == 0 {
				v.Site = "site"
			}
			for k := range 1 + rng.IntN(5) {
				v.Moments = append(v.Moments, scoring.Moment{Touchpoint: "t" + fmt.Sprint(k), T: float64(10 * k), Duration: 9.5, Rating: float64(1 + rng.IntN(5))})
			}
			visits[i] = v
		}
		verbatim, missing := rng.IntN(2) == 0, rng.IntN(2) == 0
		newWriter := func(w *bytes.Buffer) *scoring.FeatureWriter {
			fw := scoring.NewFeatureWriter(w)
			if missing {
				fw = scoring.NewFeatureWriterMissing(w)
			}
			fw.Verbatim = verbatim
			return fw
		}
		var want, got bytes.Buffer
		seq, whole := newWriter(&want), newWriter(&got)
		var wantErrs, gotErrs []error
		var part *scoring.FeatureWriter
		for i := range visits {
			f := scoring.Compute(&visits[i], scoring.DefaultScale)
			if err := seq.Write(&visits[i], &f); err != nil {
				wantErrs = append(wantErrs, err)
			}
			if part == nil {
				part = whole.Part()
			}
			if err := part.Write(&visits[i], &f); err != nil {
				t.Fatalf("trial %d: a part refused visit %d: %v", trial, i, err)
			}
			if rng.IntN(4) == 0 || i == len(visits)-1 {
				if err := whole.Merge(part); err != nil {
					gotErrs = append(gotErrs, err)
				}
				part = nil
			}
		}
		if err := seq.Flush(); err != nil {
			t.Fatal(err)
		}
		if err := whole.Flush(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Fatalf("trial %d: merged parts wrote\n%s\nWrite wrote\n%s", trial, got.Bytes(), want.Bytes())
		}
		if (len(wantErrs) == 0) != (len(gotErrs) == 0) {
			t.Fatalf("trial %d: Write's errors %v, Merge's %v", trial, wantErrs, gotErrs)
		}
		for _, err := range gotErrs {
			if !errors.Is(err, scoring.ErrNoWhoColumn) {
				t.Fatalf("trial %d: Merge's error %v is not ErrNoWhoColumn", trial, err)
			}
		}
	}
}

// TestWriteKeepsFeaturesOnTheStack holds FeatureWriter.Write and
// Summary.Add to no allocation a visit: the features a caller computes
// for each visit stay on its stack, which a pointer to them handed on
// to the feature table's functions would not let them.
func TestWriteKeepsFeaturesOnTheStack(t *testing.T) {
	v := scoring.Visit{ID: "v1", Purpose: "a", Remembered: 3.5, Recommend: scoring.NA}
	for k := range 10 {
		v.Moments = append(v.Moments, scoring.Moment{Touchpoint: "t", T: float64(60 * k), Duration: 59.5, Rating: float64(1 + k%5)})
	}
	fw := scoring.NewFeatureWriter(io.Discard)
	var s scoring.Summary
	f := scoring.Compute(&v, scoring.DefaultScale)
	fw.Write(&v, &f) // the header, and the row buffer grown once
	s.Add(&v, &f)
	if n := testing.AllocsPerRun(100, func() {
		f := scoring.Compute(&v, scoring.DefaultScale)
		fw.Write(&v, &f)
		s.Add(&v, &f)
	}); n != 0 {
		t.Errorf("%v allocations a visit, want 0", n)
	}
}
