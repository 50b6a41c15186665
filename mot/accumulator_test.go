package mot_test

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/peakend/peakend/examples/servicehall"
	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/scoring"
	"github.com/peakend/peakend/scoring/analyze"
)

// TestAccumulators holds the contract scoring.Accumulator states for
// each of the five that take visits: a nil visit or nil features count
// nothing, so the result is the same as without them.
func TestAccumulators(t *testing.T) {
	b := hall(t)
	memory, _ := scoring.ParseMemoryModel("peak=0.6,end=0.2,mean=0.2,noise=0.3")
	sim := servicehall.Simulation(memory, 3)
	var visits []scoring.Visit
	for v := range sim.Visits(300) {
		visits = append(visits, v)
	}
	type accumulator struct {
		new    func() scoring.Accumulator
		result func(scoring.Accumulator) any
	}
	fitter := func() scoring.Accumulator {
		ft, err := analyze.NewFitter(analyze.DefaultFeatures())
		if err != nil {
			t.Fatal(err)
		}
		return ft
	}
	accs := map[string]accumulator{
		"Summary": {func() scoring.Accumulator { return &scoring.Summary{} }, func(a scoring.Accumulator) any {
			var out bytes.Buffer
			a.(*scoring.Summary).WriteCSV(&out)
			return out.String()
		}},
		"Comparer": {func() scoring.Accumulator { return analyze.NewComparer(scoring.DefaultRules()) },
			func(a scoring.Accumulator) any { return a.(*analyze.Comparer).Results(50, 1) }},
		"Fitter": {fitter, func(a scoring.Accumulator) any {
			r, err := a.(*analyze.Fitter).Result()
			if err != nil {
				t.Fatal(err)
			}
			return r
		}},
		"Observer": {func() scoring.Accumulator { return mot.NewObserver(b, sim.Scale) },
			func(a scoring.Accumulator) any { return a.(*mot.Observer).Report("en") }},
		"LeverageMeter": {func() scoring.Accumulator { return mot.NewLeverageMeter(b, sim.Scale, sim.Scale.Max) },
			func(a scoring.Accumulator) any { return a.(*mot.LeverageMeter).Report("en") }},
	}
	for name, acc := range accs {
		plain, withNils := acc.new(), acc.new()
		for i := range visits {
			f := scoring.Compute(&visits[i], sim.Scale)
			plain.Add(&visits[i], &f)
			withNils.Add(nil, nil)
			withNils.Add(&visits[i], nil)
			withNils.Add(nil, &f)
			withNils.Add(&visits[i], &f)
		}
		want, got := acc.result(plain), acc.result(withNils)
		if diff := cmp.Diff(want, got, cmpopts.EquateNaNs()); diff != "" {
			t.Errorf("%s with nil visits and features (-without +with):\n%s", name, diff)
		}
	}
}

// TestFailAt holds Observer.FailAt: at the best rating every rated
// moment fails, below the worst none does.
func TestFailAt(t *testing.T) {
	b := hall(t)
	sim := servicehall.Simulation(scoring.MemoryModel{}, 5)
	for failAt, want := range map[float64]float64{sim.Scale.Max: 1, sim.Scale.Min - 1: 0} {
		obs := mot.NewObserver(b, sim.Scale)
		obs.FailAt = failAt
		for v := range sim.Visits(200) {
			f := scoring.Compute(&v, sim.Scale)
			obs.Add(&v, &f)
		}
		rated := 0
		for _, j := range obs.Report("en").Journeys {
			for _, tp := range j.Touchpoints {
				if tp.Visits > 0 {
					rated++
					if tp.FailShare != want {
						t.Errorf("FailAt %v: %s/%s fail share %v, want %v", failAt, j.ID, tp.ID, tp.FailShare, want)
					}
				}
			}
		}
		if rated == 0 {
			t.Fatalf("FailAt %v: no touchpoint was rated", failAt)
		}
	}
}
