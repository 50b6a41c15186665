package mot_test

import (
	"slices"
	"testing"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/scoring"
)

func TestScoringScale(t *testing.T) {
	for _, c := range []struct {
		yaml string
		want scoring.Scale
	}{
		{"{min: 1, max: 5}", scoring.Scale{Min: 1, Max: 5, Neutral: 3}},
		{"{min: 0, max: 10, neutral: 7}", scoring.Scale{Min: 0, Max: 10, Neutral: 7}},
		{"{min: 0, max: 10, higher: worse}", scoring.Scale{Min: 0, Max: 10, Neutral: 5, HigherIsWorse: true}},
	} {
		b, err := blueprint.Parse("s.yaml", []byte("peakend: 1\nscale: "+c.yaml+"\nstages: [{id: s, name: S}]\ntouchpoints: [{id: t, stage: s, lane: customer, name: T}]\n"))
		if err != nil {
			t.Fatalf("%s: %v", c.yaml, err)
		}
		if got := mot.ScoringScale(b); got != c.want {
			t.Errorf("scale %s: %+v, want %+v", c.yaml, got, c.want)
		}
	}
}

// Visits simulated from a blueprint follow its journeys, on its scale,
// and a touchpoint with a wait standard lasts that long.
func TestSimulationOf(t *testing.T) {
	b := hall(t)
	memory, _ := scoring.ParseMemoryModel("peak=0.5,end=0.5")
	sim := mot.SimulationOf(b, memory, 3)
	if sim.Scale != mot.ScoringScale(b) || sim.Seed != 3 || len(sim.Journeys) != len(b.Journeys) {
		t.Fatalf("simulation: %+v", sim)
	}
	wait, _ := b.Touchpoint("wait-seat")
	if got := sim.Ratings["wait-seat"].Duration; got != wait.Wait.Standard.Seconds() {
		t.Errorf("wait-seat lasts %gs, want its standard %v", got, wait.Wait.Standard)
	}
	for v := range sim.Visits(50) {
		j, ok := b.Journey(v.Purpose)
		if !ok {
			t.Fatalf("visit %s has purpose %q, no journey of the blueprint", v.ID, v.Purpose)
		}
		for _, m := range v.Moments {
			if !slices.Contains(j.Steps, m.Touchpoint) || m.Rating < b.Scale.Min || m.Rating > b.Scale.Max {
				t.Fatalf("visit %s: moment %+v is not a step of %s on the scale", v.ID, m, j.ID)
			}
		}
	}
}
