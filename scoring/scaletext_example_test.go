package scoring_test

import (
	"fmt"

	"github.com/peakend/peakend/scoring"
)

// A pain scale written as a person writes it: 0..10, neutral 0, higher
// is worse.
func ExampleScaleText() {
	s, err := scoring.ScaleText{Range: "0..10", Neutral: "0", Higher: "worse"}.Apply(scoring.DefaultScale)
	fmt.Println(s, err)
	_, err = scoring.ScaleText{Range: "1-5"}.Apply(scoring.DefaultScale)
	fmt.Println(err)
	// Output:
	// {0 10 0 true} <nil>
	// scale "1-5": write it as MIN..MAX, such as 1..5 or 0..10
}
