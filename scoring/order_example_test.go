package scoring_test

import (
	"fmt"

	"github.com/peakend/peakend/scoring"
)

// Two moments start at the same instant: the journey's step order puts
// the queue before the desk, whichever row came first.
func ExampleOrderWith() {
	v := scoring.Visit{ID: "v1", Purpose: "bill", Moments: []scoring.Moment{
		{Touchpoint: "desk", T: 60, Duration: 120, Rating: 4},
		{Touchpoint: "queue", T: 60, Duration: 0, Rating: 2},
		{Touchpoint: "door", T: 0, Duration: 60, Rating: 3},
	}}
	steps := scoring.StepOrder{"bill": {"door": 0, "queue": 1, "desk": 2}}
	fmt.Println(scoring.OrderWith(&v, steps))
	fmt.Println(scoring.Order(&v)) // without steps: by touchpoint id
	f := scoring.ComputeWith(&v, scoring.DefaultScale, scoring.FeatureOptions{Steps: steps})
	fmt.Println(f.End)
	// Output:
	// [2 1 0]
	// [2 0 1]
	// 4
}

// A seq column orders moments that have no times.
func ExampleMoment_seq() {
	v := scoring.Visit{ID: "v1", Moments: []scoring.Moment{
		{Rating: 5, T: scoring.NA, Duration: scoring.NA, Seq: 2, HasSeq: true},
		{Rating: 1, T: scoring.NA, Duration: scoring.NA, Seq: 1, HasSeq: true},
	}}
	f := scoring.Compute(&v, scoring.DefaultScale)
	fmt.Println(f.First, f.End)
	// Output: 1 5
}
