// Command peakend-beam runs peakend's scoring and moments analysis as an
// Apache Beam pipeline; see the module's README.
package main

import (
	"context"
	"flag"
	"log"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/peakend/peakend/beam/pipeline"
)

func main() {
	flag.Parse()
	beam.Init()
	p, _ := beam.NewPipelineWithRoot()
	_ = pipeline.Config{}
	if err := beamx.Run(context.Background(), p); err != nil {
		log.Fatal(err)
	}
}
