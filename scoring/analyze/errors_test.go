package analyze_test

import (
	"errors"
	"testing"

	"github.com/peakend/peakend/scoring"
	"github.com/peakend/peakend/scoring/analyze"
)

// Each documented error of a fit, as a program tests for it.
func TestDocumentedErrors(t *testing.T) {
	for name, features := range map[string][]string{
		"no features":     nil,
		"unknown feature": {"peak", "nope"},
		"named twice":     {"peak", "peak"},
	} {
		if _, err := analyze.NewFitter(features); !errors.Is(err, analyze.ErrFeatures) {
			t.Errorf("%s: got %v, want ErrFeatures", name, err)
		}
	}
	fitter, err := analyze.NewFitter([]string{"peak", "end"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fitter.Result(); !errors.Is(err, analyze.ErrTooFewVisits) {
		t.Errorf("a fit of no visits: got %v, want ErrTooFewVisits", err)
	}
	// worst and weakest are always equal.
	fitter, _ = analyze.NewFitter([]string{"worst", "weakest"})
	sim := wideHall(scoring.MemoryModel{Weights: map[string]float64{"mean": 1}, Noise: 0.3}, 1)
	for v := range sim.Visits(100) {
		f := scoring.Compute(&v, sim.Scale)
		fitter.Add(&v, &f)
	}
	if _, err := fitter.Result(); !errors.Is(err, analyze.ErrCollinear) {
		t.Errorf("collinear features: got %v, want ErrCollinear", err)
	}
}
