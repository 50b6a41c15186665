package report_test

import (
	"fmt"
	"io"
	"log"

	"github.com/peakend/peakend/examples/servicehall"
	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/mot/report"
	"github.com/peakend/peakend/scoring"
)

// A Builder reads the visits once; Data gives the report's numbers, and
// WriteHTML draws them.
func ExampleBuilder() {
	b, _, err := mot.Load("../../examples/servicehall/hall.yaml")
	if err != nil {
		log.Fatal(err)
	}
	scale := mot.ScoringScale(b)
	memory, _ := scoring.ParseMemoryModel("peak=0.7,end=0.1,mean=0.2,noise=0.3")
	r := report.New(b, scale, scale.Max)
	for v := range servicehall.Simulation(memory, 1).Visits(2000) {
		f := scoring.Compute(&v, scale)
		r.Add(&v, &f)
	}
	d := r.Data("en", []string{"visits.csv"})
	counter := d.Journeys[0]
	wait := counter.Steps[4]
	fmt.Printf("%s: %d visits\n", counter.Name, counter.Visits)
	fmt.Printf("%s: mean %.2f, middle half %g to %g\n", wait.Name, float64(wait.Mean), float64(wait.Q1), float64(wait.Q3))
	fmt.Println("first lever:", counter.Levers[0].Name)
	fmt.Println(counter.Findings[0].Text)
	if err := d.WriteHTML(io.Discard); err != nil {
		log.Fatal(err)
	}
	// Output:
	// Counter business: 1235 visits
	// Wait to be called: mean 2.26, middle half 1 to 3
	// first lever: Wait to be called
	// disagrees: declared peak counter-result is the peak of 7% of counter visits; wait-seat is the peak of 35%
}
