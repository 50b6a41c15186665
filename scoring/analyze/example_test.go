package analyze_test

import (
	"fmt"
	"strings"

	"github.com/peakend/peakend/examples/servicehall"
	"github.com/peakend/peakend/scoring"
	"github.com/peakend/peakend/scoring/analyze"
)

// Which rule predicts remembered ratings best, and what weights a fit
// finds, on visits simulated from a peak-end memory.
func Example() {
	memory, _ := scoring.ParseMemoryModel("peak=0.5,end=0.5,noise=0.3")
	sim := servicehall.Simulation(memory, 3)
	cmp := analyze.NewComparer(scoring.DefaultRules())
	fit, _ := analyze.NewFitter([]string{"peak", "end", "mean"})
	for v := range sim.Visits(20000) {
		f := scoring.Compute(&v, sim.Scale)
		cmp.Add(&v, &f)
		fit.Add(&v, &f)
	}
	for _, r := range cmp.Results(100, 1)[:3] {
		fmt.Printf("%-9s r=%.2f [%.2f, %.2f]\n", r.Rule, r.Pearson, r.PearsonLow, r.PearsonHigh)
	}
	res, _ := fit.Result()
	for _, c := range res.Coefficients[1:] {
		fmt.Printf("%s %.2f ± %.2f\n", c.Term, c.Estimate, 1.96*c.StdErr)
	}
	// Output:
	// peak-end  r=0.95 [0.95, 0.95]
	// peak      r=0.88 [0.88, 0.88]
	// worst     r=0.65 [0.64, 0.65]
	// peak 0.49 ± 0.00
	// end 0.47 ± 0.01
	// mean 0.02 ± 0.02
}

// A fit written as peakend fit writes it.
func ExampleFitResult_WriteCSV() {
	sim := servicehall.Simulation(scoring.MemoryModel{Weights: map[string]float64{"peak": 0.5, "end": 0.5}, Noise: 0.3}, 1)
	ft, _ := analyze.NewFitter([]string{"peak", "end"})
	for v := range sim.Visits(500) {
		f := scoring.Compute(&v, sim.Scale)
		ft.Add(&v, &f)
	}
	res, err := ft.Result()
	if err != nil {
		fmt.Println(err)
		return
	}
	var buf strings.Builder
	if err := res.WriteCSV(&buf); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.SplitN(buf.String(), "\n", 2)[0])
	// Output:
	// term,estimate,std_error,t,p,n,r2,adj_r2,low,high,standardized,aic,bic,se,df,clusters
}
