package mot

import (
	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/scoring"
)

// StepOrder returns the step order of b's journeys, by which scoring
// orders moments that start at the same instant (scoring.OrderWith):
// each journey's touchpoints at the index of their first step. Set it as
// scoring.FeatureOptions.Steps so that the features agree with the
// Observer's and LeverageMeter's order, which use it themselves. A nil
// blueprint has none.
func StepOrder(b *blueprint.Blueprint) scoring.StepOrder {
	if b == nil {
		return nil
	}
	steps := make(scoring.StepOrder, len(b.Journeys))
	for _, j := range b.Journeys {
		at := make(map[string]int, len(j.Steps))
		for i, tp := range j.Steps {
			if _, ok := at[tp]; !ok {
				at[tp] = i
			}
		}
		steps[j.ID] = at
	}
	return steps
}
