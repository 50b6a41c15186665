package mot_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/peakend/peakend/examples/servicehall"
	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/scoring"
	"github.com/peakend/peakend/scoring/analyze"
)

// orders returns the simulated visits of the service hall in order,
// reversed and shuffled, each as parts: one, or k random parts.
func orders(t *testing.T) map[string][][]scoring.Visit {
	t.Helper()
	memory, _ := scoring.ParseMemoryModel("peak=0.6,end=0.2,mean=0.2,noise=0.3")
	var visits []scoring.Visit
	for v := range servicehall.Simulation(memory, 3).Visits(1500) {
		visits = append(visits, v)
	}
	reversed := slices.Clone(visits)
	slices.Reverse(reversed)
	rng := rand.New(rand.NewPCG(3, 4))
	shuffled := slices.Clone(visits)
	rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	out := map[string][][]scoring.Visit{"in order": {visits}, "reversed": {reversed}, "shuffled": {shuffled}}
	for _, k := range []int{2, 3, 8} {
		parts := make([][]scoring.Visit, k)
		for _, v := range shuffled {
			i := rng.IntN(k)
			parts[i] = append(parts[i], v)
		}
		out[fmt.Sprint("in ", k, " parts")] = parts
	}
	return out
}

// mergedInRandomOrder adds each part to an accumulator of its own,
// sends every other one through its binary form, and merges them all
// in random order into a fresh one.
func mergedInRandomOrder[T interface {
	scoring.Accumulator
	Merge(T) error
	MarshalBinary() ([]byte, error)
	UnmarshalBinary([]byte) error
}](t *testing.T, parts [][]scoring.Visit, fresh func() T) T {
	t.Helper()
	accs := make([]T, len(parts))
	for i, part := range parts {
		accs[i] = fresh()
		for j := range part {
			f := scoring.Compute(&part[j], scoring.DefaultScale)
			accs[i].Add(&part[j], &f)
		}
		if i%2 == 1 {
			data, err := accs[i].MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			accs[i] = fresh()
			if err := accs[i].UnmarshalBinary(data); err != nil {
				t.Fatal(err)
			}
		}
	}
	total := fresh()
	for _, i := range rand.New(rand.NewPCG(uint64(len(parts)), 9)).Perm(len(parts)) {
		if err := total.Merge(accs[i]); err != nil {
			t.Fatal(err)
		}
	}
	return total
}

// The leverage report and the classical fit of one set of visits are
// the same to the bit, whatever the order the visits come in and
// however they are split among accumulators and merged: what a Beam
// pipeline needs to give the single machine's outputs byte for byte.
// A robust fit's estimates are too; its standard errors only to
// rounding (the sandwich's sums are floats).
func TestReportsAreOrderIndependent(t *testing.T) {
	bp, _, err := mot.Load("../examples/servicehall/hall.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var wantLeverage, wantFit, wantRobust string
	for name, parts := range orders(t) {
		meter := mergedInRandomOrder(t, parts, func() *mot.LeverageMeter { return mot.NewLeverageMeter(bp, scoring.DefaultScale, 5) })
		report := meter.Report("en")
		var csv bytes.Buffer
		if err := report.WriteCSV(&csv); err != nil {
			t.Fatal(err)
		}
		if report.Fit == nil {
			t.Fatal("no fit in the leverage report")
		}
		leverage := fmt.Sprintf("%+v\n%+v\n%s", report.Journeys, *report.Fit, csv.Bytes())
		classical := mergedInRandomOrder(t, parts, func() *analyze.Fitter {
			ft, _ := analyze.NewFitter(analyze.DefaultFeatures())
			return ft
		})
		robust := mergedInRandomOrder(t, parts, func() *analyze.Fitter {
			ft, _ := analyze.NewFitterWith(analyze.DefaultFeatures(), analyze.FitOptions{Robust: true})
			return ft
		})
		fit, err := classical.Result()
		if err != nil {
			t.Fatal(err)
		}
		rfit, err := robust.Result()
		if err != nil {
			t.Fatal(err)
		}
		estimates := ""
		for _, c := range rfit.Coefficients {
			estimates += fmt.Sprintln(c.Term, c.Estimate, c.Standardized)
		}
		if wantLeverage == "" {
			wantLeverage, wantFit, wantRobust = leverage, fmt.Sprintf("%+v", *fit), estimates
			continue
		}
		if leverage != wantLeverage {
			t.Errorf("%s: the leverage report differs:\n%s\nnot\n%s", name, leverage, wantLeverage)
		}
		if got := fmt.Sprintf("%+v", *fit); got != wantFit {
			t.Errorf("%s: the fit differs:\n%s\nnot\n%s", name, got, wantFit)
		}
		if estimates != wantRobust {
			t.Errorf("%s: the robust fit's estimates differ:\n%s\nnot\n%s", name, estimates, wantRobust)
		}
	}
}
