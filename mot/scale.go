package mot

import (
	"time"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/scoring"
)

// ScoringScale is the blueprint's rating scale as package scoring takes
// it, the neutral rating resolved (the declared one, else the
// midpoint). Package scoring does not import blueprint, so the
// conversion lives here, once.
func ScoringScale(b *blueprint.Blueprint) scoring.Scale {
	return scoring.Scale{Min: b.Scale.Min, Max: b.Scale.Max, Neutral: b.Scale.NeutralValue(), HigherIsWorse: b.Scale.HigherIsWorse}
}

// SimulationOf returns a simulation of visits to the blueprint: its
// journeys, on its scale, each touchpoint rated around neutral with a
// standard deviation of a sixth of the scale's range, and lasting its
// wait's standard, else a minute. Visits drawn from it have the
// blueprint's purposes and touchpoints, so they can be checked against
// it.
func SimulationOf(b *blueprint.Blueprint, memory scoring.MemoryModel, seed uint64) *scoring.Simulation {
	scale := ScoringScale(b)
	sim := &scoring.Simulation{Scale: scale, Memory: memory, Seed: seed, Ratings: map[string]scoring.RatingModel{}}
	for _, j := range b.Journeys {
		sim.Journeys = append(sim.Journeys, scoring.SimJourney{ID: j.ID, Steps: j.Steps})
	}
	for _, t := range b.Touchpoints {
		d := time.Minute
		if t.Wait != nil && t.Wait.Standard > 0 {
			d = t.Wait.Standard
		}
		sim.Ratings[t.ID] = scoring.RatingModel{Mean: scale.Neutral, SD: (scale.Max - scale.Min) / 6, Duration: d.Seconds()}
	}
	return sim
}
