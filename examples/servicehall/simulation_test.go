package servicehall_test

import (
	"slices"
	"testing"

	"github.com/peakend/peakend/examples/servicehall"
	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/scoring"
)

// TestSimulationIsTheHall holds the simulation to hall.yaml: the same
// journeys with the same steps, every rated touchpoint one of the
// hall's, on the hall's scale, so that visits drawn from it can be
// checked against the blueprint.
func TestSimulationIsTheHall(t *testing.T) {
	b, _, err := mot.Load("hall.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sim := servicehall.Simulation(scoring.MemoryModel{}, 1)
	if sim.Scale != mot.ScoringScale(b) {
		t.Errorf("scale %+v, the hall's is %+v", sim.Scale, mot.ScoringScale(b))
	}
	if len(sim.Journeys) != len(b.Journeys) {
		t.Errorf("%d journeys, the hall has %d", len(sim.Journeys), len(b.Journeys))
	}
	for _, sj := range sim.Journeys {
		j, ok := b.Journey(sj.ID)
		if !ok || !slices.Equal(sj.Steps, j.Steps) {
			t.Errorf("journey %s: steps %v, the hall's are %v", sj.ID, sj.Steps, j.Steps)
		}
	}
	for id := range sim.Ratings {
		if _, ok := b.Touchpoint(id); !ok {
			t.Errorf("rates %s, which the hall does not have", id)
		}
	}
}
