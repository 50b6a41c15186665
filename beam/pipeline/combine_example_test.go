package pipeline_test

import (
	"context"
	"fmt"
	"os"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/peakend/peakend/beam/pipeline"
	"github.com/peakend/peakend/examples/servicehall"
	"github.com/peakend/peakend/scoring"
)

// The moments analysis of simulated visits to the service hall, whole
// and per site, on the in-process Prism runner.
func ExampleMoments() {
	hall, err := os.ReadFile("../../examples/servicehall/hall.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	cfg := pipeline.Config{Blueprint: map[string][]byte{"hall.yaml": hall}, BlueprintName: "hall.yaml", Scale: scoring.DefaultScale}
	if err := pipeline.CheckAnalysis(cfg, pipeline.MomentsOptions{}); err != nil {
		fmt.Println(err)
		return
	}
	sim := servicehall.Simulation(scoring.MemoryModel{}, 1)
	sim.Panel = scoring.Panel{Sites: 2}
	var visits []scoring.Visit
	for v := range sim.Visits(200) {
		visits = append(visits, v)
	}
	dir, err := os.MkdirTemp("", "moments")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	beam.Init()
	p, s := beam.NewPipelineWithRoot()
	files := pipeline.Moments(s, cfg, beam.CreateList(s, visits), pipeline.MomentsOptions{})
	pipeline.WriteFiles(s, dir+"/", files)
	if _, err := prism.Execute(context.Background(), p); err != nil {
		fmt.Println(err)
		return
	}
	for _, name := range []string{"moments.csv", "moments/site=s1.csv", "moments/site=s2.csv"} {
		_, err := os.Stat(dir + "/" + name)
		fmt.Println(name, err == nil)
	}
	// Output:
	// moments.csv true
	// moments/site=s1.csv true
	// moments/site=s2.csv true
}
