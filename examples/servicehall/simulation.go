// Package servicehall is the service-hall example's data: hall.yaml,
// its overlays, and a simulation of visits to it, which peakend simulate
// draws by default and the tests of scoring, analyze and mot use as a
// realistic data set. It is an example, not part of the library.
package servicehall

import "github.com/peakend/peakend/scoring"

// Simulation returns a simulation of the service-hall study's three
// visit purposes (the journeys of hall.yaml) on a 1..5 scale, with the
// given memory model. Waiting
// is rated low and varies most, so that in the data the peak often sits
// at the waiting seat rather than at the counter.
func Simulation(memory scoring.MemoryModel, seed uint64) *scoring.Simulation {
	return &scoring.Simulation{
		Scale: scoring.DefaultScale,
		Journeys: []scoring.SimJourney{
			{ID: "counter", Weight: 6, Steps: []string{"find-hall", "enter-hall", "greet", "take-ticket", "wait-seat", "counter-service", "counter-result", "farewell", "leave"}},
			{ID: "trial", Weight: 2, Steps: []string{"find-hall", "enter-hall", "greet", "try-service", "data-trial", "farewell", "leave"}},
			{ID: "handset", Weight: 2, Steps: []string{"find-hall", "enter-hall", "greet", "choose-phone", "phone-purchase", "farewell", "leave"}},
		},
		Ratings: map[string]scoring.RatingModel{
			"find-hall":       {Mean: 3.6, SD: 0.8, Duration: 300},
			"enter-hall":      {Mean: 3.8, SD: 0.6, Duration: 20},
			"greet":           {Mean: 3.9, SD: 0.8, Duration: 15},
			"take-ticket":     {Mean: 3.5, SD: 0.7, Duration: 30},
			"wait-seat":       {Mean: 2.2, SD: 1.1, Duration: 720},
			"counter-service": {Mean: 3.6, SD: 0.8, Duration: 240},
			"counter-result":  {Mean: 3.9, SD: 0.7, Duration: 60},
			"try-service":     {Mean: 3.7, SD: 0.8, Duration: 180},
			"data-trial":      {Mean: 3.9, SD: 0.9, Duration: 200},
			"choose-phone":    {Mean: 3.6, SD: 0.8, Duration: 600},
			"phone-purchase":  {Mean: 3.8, SD: 0.9, Duration: 420},
			"farewell":        {Mean: 3.7, SD: 0.9, Duration: 10},
			"leave":           {Mean: 3.7, SD: 0.7, Duration: 10},
		},
		Memory: memory,
		Seed:   seed,
	}
}
