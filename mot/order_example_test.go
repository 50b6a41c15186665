package mot_test

import (
	"fmt"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/scoring"
)

// The features of a visit in the order of its journey's steps, as the
// Observer and LeverageMeter of the same blueprint take its moments.
func ExampleStepOrder() {
	b := &blueprint.Blueprint{Journeys: []blueprint.Journey{{ID: "bill", Steps: []string{"queue", "desk", "leave"}}}}
	steps := mot.StepOrder(b)
	fmt.Println(steps["bill"]["desk"])
	v := scoring.Visit{ID: "v1", Purpose: "bill", Moments: []scoring.Moment{
		{Touchpoint: "leave", T: 300, Duration: 0, Rating: 5},
		{Touchpoint: "desk", T: 300, Duration: 0, Rating: 2},
	}}
	f := scoring.ComputeWith(&v, scoring.DefaultScale, scoring.FeatureOptions{Steps: steps})
	fmt.Println(f.End)
	// Output:
	// 1
	// 5
}
