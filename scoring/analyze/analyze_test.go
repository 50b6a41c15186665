package analyze_test

import (
	"math"
	"testing"

	"github.com/peakend/peakend/examples/servicehall"
	"github.com/peakend/peakend/scoring"
	"github.com/peakend/peakend/scoring/analyze"
)

// wideHall is a simulation on a 0..10 scale whose remembered ratings
// almost never reach the ends of the scale, so that clamping does not
// bias the fit and the weights put in can be recovered.
func wideHall(memory scoring.MemoryModel, seed uint64) *scoring.Simulation {
	sim := servicehall.Simulation(memory, seed)
	sim.Scale = scoring.NewScale(0, 10)
	for tp, m := range sim.Ratings {
		m.Mean = 2 + m.Mean
		m.SD *= 1.5
		sim.Ratings[tp] = m
	}
	return sim
}

func TestFitRecoversTheMemoryModel(t *testing.T) {
	truth := map[string]float64{"peak": 0.4, "end": 0.4, "mean": 0.2}
	sim := wideHall(scoring.MemoryModel{Weights: truth, Noise: 0.5}, 42)
	fitter, err := analyze.NewFitter(analyze.DefaultFeatures())
	if err != nil {
		t.Fatal(err)
	}
	for v := range sim.Visits(100_000) {
		f := scoring.Compute(&v, sim.Scale)
		fitter.Add(&v, &f)
	}
	res, err := fitter.Result()
	if err != nil {
		t.Fatal(err)
	}
	if res.N != 100_000 {
		t.Errorf("n = %d, want 100000", res.N)
	}
	for _, c := range res.Coefficients {
		want := truth[c.Term] // 0 for the intercept, duration, first and trend
		tolerance := 0.03
		if c.Term == "duration" {
			tolerance = 0.03 / 600 // per second: 0.03 over a typical visit
		}
		if math.Abs(c.Estimate-want) > tolerance {
			t.Errorf("%s: estimate %.4f, want %.2f ± %g", c.Term, c.Estimate, want, tolerance)
		}
		if want != 0 && c.P > 1e-6 {
			t.Errorf("%s: p = %g, want a clear effect", c.Term, c.P)
		}
	}
	if res.R2 < 0.5 || res.R2 > 1 {
		t.Errorf("R² = %g", res.R2)
	}
	// The residuals are the noise put in: 0.5, and a little from
	// rounding remembered ratings to thousandths.
	if math.Abs(res.ResidualSE-0.5) > 0.01 {
		t.Errorf("residual standard error %.4f, want the noise 0.5 ± 0.01", res.ResidualSE)
	}
}

func TestCompareRanksTheTrueRuleFirst(t *testing.T) {
	for _, tc := range []struct {
		truth map[string]float64
		rule  string
	}{
		{map[string]float64{"peak_end": 1}, "peak-end"},
		{map[string]float64{"mean": 1}, "mean"},
		{map[string]float64{"end": 1}, "end"},
	} {
		sim := wideHall(scoring.MemoryModel{Weights: tc.truth, Noise: 0.3}, 7)
		cmp := analyze.NewComparer(scoring.DefaultRules())
		for v := range sim.Visits(5000) {
			f := scoring.Compute(&v, sim.Scale)
			cmp.Add(&v, &f)
		}
		res := cmp.Results(200, 1)
		if res[0].Rule != tc.rule {
			t.Errorf("memory %v: ranked %s first (r=%.3f), want %s", tc.truth, res[0].Rule, res[0].Pearson, tc.rule)
		}
		top := res[0]
		if !(top.PearsonLow <= top.Pearson && top.Pearson <= top.PearsonHigh) || top.PearsonHigh-top.PearsonLow > 0.1 {
			t.Errorf("%s: interval [%g, %g] around %g", top.Rule, top.PearsonLow, top.PearsonHigh, top.Pearson)
		}
		again := cmp.Results(200, 1)
		if again[0].PearsonLow != top.PearsonLow {
			t.Error("the same seed gave a different interval")
		}
	}
}

func TestCompareStatistics(t *testing.T) {
	// Remembered = 2·mean exactly: Pearson and Spearman are 1 and the
	// errors are those of mean against 2·mean.
	cmp := analyze.NewComparer([]scoring.Rule{scoring.Mean})
	for _, r := range [][]float64{{1, 1}, {2, 2}, {1, 3}, {2, 4}} {
		v := scoring.Visit{Remembered: r[0] + r[1], Moments: []scoring.Moment{
			{Rating: r[0], T: scoring.NA, Duration: scoring.NA}, {Rating: r[1], T: scoring.NA, Duration: scoring.NA}}}
		f := scoring.Compute(&v, scoring.DefaultScale)
		cmp.Add(&v, &f)
	}
	res := cmp.Results(0, 1)[0]
	// means 1, 2, 2, 3 against 2, 4, 4, 6: errors 1, 2, 2, 3
	if res.N != 4 || math.Abs(res.Pearson-1) > 1e-12 || math.Abs(res.Spearman-1) > 1e-12 ||
		math.Abs(res.MAE-2) > 1e-12 || math.Abs(res.RMSE-math.Sqrt(18.0/4)) > 1e-12 || !math.IsNaN(res.PearsonLow) {
		t.Errorf("got %+v", res)
	}
}

func TestFitRefusesTooFewOrCollinear(t *testing.T) {
	fitter, _ := analyze.NewFitter([]string{"peak", "peak_end"})
	if _, err := fitter.Result(); err == nil {
		t.Error("a fit of no visits succeeded")
	}
	// end and weakest equal on these visits: collinear with peak_end? use
	// worst and weakest, which are always equal.
	fitter, _ = analyze.NewFitter([]string{"worst", "weakest"})
	sim := wideHall(scoring.MemoryModel{Weights: map[string]float64{"mean": 1}, Noise: 0.3}, 1)
	for v := range sim.Visits(100) {
		f := scoring.Compute(&v, sim.Scale)
		fitter.Add(&v, &f)
	}
	if _, err := fitter.Result(); err == nil {
		t.Error("a collinear fit succeeded")
	}
	if _, err := analyze.NewFitter([]string{"peak", "nope"}); err == nil {
		t.Error("an unknown feature was accepted")
	}
}
