package pipeline

import (
	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/scoring"
)

// A Config is what every stage of the pipeline needs to know: how to
// read the rows and how to score the visits. It is built once, before
// the pipeline runs, from a validated blueprint (or none).
type Config struct {
	// Blueprint is the service's blueprint; nil when none is given
	// (score and fit need none; moments and leverage do).
	Blueprint *blueprint.Blueprint
	// Scale is the rating scale: the blueprint's, or as given.
	Scale scoring.Scale
	// Read are the reading options every file is read with (its Name is
	// set per file).
	Read scoring.Options
	// Features define the peak and the end slope.
	Features scoring.FeatureOptions
}
