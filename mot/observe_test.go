package mot_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/peakend/peakend/examples/servicehall"
	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/scoring"
)

// The scenario: visits simulated from the service hall, whose
// waiting seat is rated low and varied, with a memory that weighs the
// peak most. The data must say the counter journey's peak is the wait,
// not the declared counter result, and leverage must rank the waiting
// seat first.
func TestServiceHallScenario(t *testing.T) {
	b := hall(t)
	memory, _ := scoring.ParseMemoryModel("peak=0.6,end=0.2,mean=0.2,noise=0.3")
	sim := servicehall.Simulation(memory, 2)
	obs := mot.NewObserver(b, sim.Scale)
	meter := mot.NewLeverageMeter(b, sim.Scale, sim.Scale.Max)
	for v := range sim.Visits(20000) {
		f := scoring.Compute(&v, sim.Scale)
		obs.Add(&v, &f)
		meter.Add(&v, &f)
	}
	report := obs.Report("en")
	counter := report.Journeys[0]
	if counter.ID != "counter" || len(counter.Findings) == 0 {
		t.Fatalf("counter findings: %+v", counter.Findings)
	}
	if f := counter.Findings[0]; f.Kind != mot.PeakDisagrees || f.Journey != "counter" || f.Touchpoint != "counter-result" ||
		f.Rival != "wait-seat" || !(f.Share < f.RivalShare) || f.RivalShare > 1 {
		t.Errorf("counter's first finding: %+v", f)
	}
	lev := meter.Report("en")
	if lev.Fit == nil {
		t.Fatal("no fit")
	}
	if top := lev.Journeys[0].Levers[0]; lev.Journeys[0].ID != "counter" || top.Touchpoint != "wait-seat" {
		t.Errorf("counter's strongest lever is %s, want wait-seat", top.Touchpoint)
	}
	var waits *mot.StandardReport
	for i, s := range report.Standards {
		if s.Touchpoint == "wait-seat" && s.Name == "wait" {
			waits = &report.Standards[i]
		}
	}
	if waits == nil || waits.Measured == 0 || waits.Met <= 0 || waits.Met >= waits.Tolerated || waits.Tolerated > 1 {
		t.Errorf("the wait standard against the data: %+v", waits)
	}
}

func TestUnknownPurposesAndTouchpointsAreCounted(t *testing.T) {
	b := hall(t)
	obs := mot.NewObserver(b, scoring.DefaultScale)
	visits := []scoring.Visit{
		{ID: "v1", Purpose: "counter", Moments: []scoring.Moment{{Touchpoint: "wait-seat", Rating: 2}, {Touchpoint: "vending", Rating: 4}}},
		{ID: "v2", Purpose: "repair", Moments: []scoring.Moment{{Touchpoint: "leave", Rating: 3}}},
		{ID: "v3", Moments: []scoring.Moment{{Touchpoint: "leave", Rating: 3}}},
	}
	for i := range visits {
		for k := range visits[i].Moments {
			visits[i].Moments[k].T, visits[i].Moments[k].Duration = scoring.NA, scoring.NA
		}
		f := scoring.Compute(&visits[i], scoring.DefaultScale)
		obs.Add(&visits[i], &f)
	}
	r := obs.Report("en")
	if r.Visits != 3 || len(r.UnknownPurpose) != 2 || len(r.UnknownTouchpoint) != 1 ||
		r.UnknownTouchpoint[0].Name != "vending" || r.UnknownTouchpoint[0].Examples[0] != "v1" {
		t.Errorf("unknown: purposes %+v, touchpoints %+v", r.UnknownPurpose, r.UnknownTouchpoint)
	}
	var vending bool
	for _, tp := range r.Journeys[0].Touchpoints {
		vending = vending || tp.ID == "vending"
	}
	if !vending {
		t.Error("the counter journey does not show the touchpoint the blueprint lacks")
	}
}

// TestObserverCountsTouchpointsInAnyPlace shuffles each visit's moments,
// so that a touchpoint comes at any place of a visit, and repeats some
// so that visits are longer than the places Add remembers: the counts
// are those of the visits in time order.
func TestObserverCountsTouchpointsInAnyPlace(t *testing.T) {
	b := hall(t)
	scale := servicehall.Simulation(scoring.MemoryModel{}, 1).Scale
	visits, _ := splitVisits(t, 3)
	rng := rand.New(rand.NewPCG(3, 9))
	shuffled := make([]scoring.Visit, len(visits))
	for i, v := range visits {
		if i%5 == 0 { // more than 16 moments
			for len(v.Moments) <= 20 {
				last := v.Moments[len(v.Moments)-1]
				last.T += 1
				v.Moments = append(slices.Clip(v.Moments), last)
			}
		}
		visits[i] = v
		s := v
		s.Moments = slices.Clone(v.Moments)
		rng.Shuffle(len(s.Moments), func(a, b int) { s.Moments[a], s.Moments[b] = s.Moments[b], s.Moments[a] })
		shuffled[i] = s
	}
	inOrder, anyOrder := mot.NewObserver(b, scale), mot.NewObserver(b, scale)
	feed(inOrder, visits, scale)
	feed(anyOrder, shuffled, scale)
	if diff := cmp.Diff(inOrder.Report("en"), anyOrder.Report("en"), approx...); diff != "" {
		t.Fatalf("moments shuffled (-in order +shuffled):\n%s", diff)
	}
}
