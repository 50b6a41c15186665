package analyze_test

import (
	"fmt"

	"github.com/peakend/peakend/examples/servicehall"
	"github.com/peakend/peakend/scoring"
	"github.com/peakend/peakend/scoring/analyze"
)

// panel returns visits by 50 customers who each remember leniently or
// harshly, and experience better or worse service.
func panel() (*scoring.Simulation, []scoring.Visit) {
	memory, _ := scoring.ParseMemoryModel("peak=0.5,end=0.5,noise=0.3")
	sim := servicehall.Simulation(memory, 3)
	sim.Panel = scoring.Panel{Customers: 50, CustomerSD: 0.5}
	var visits []scoring.Visit
	for v := range sim.Visits(2000) {
		visits = append(visits, v)
	}
	return sim, visits
}

// Standard errors clustered by customer, beside the naive ones.
func ExampleFitOptions() {
	sim, visits := panel()
	naive, _ := analyze.NewFitter([]string{"peak", "end"})
	clustered, _ := analyze.NewFitterWith([]string{"peak", "end"}, analyze.FitOptions{Cluster: analyze.ByCustomer})
	for _, v := range visits {
		f := scoring.Compute(&v, sim.Scale)
		naive.Add(&v, &f)
		clustered.Add(&v, &f)
	}
	n, _ := naive.Result()
	c, _ := clustered.Result()
	fmt.Printf("%s SE, %s SE (G=%d, df %g)\n", n.SE, c.SE, c.Clusters, c.DF)
	for i, k := range n.Coefficients {
		fmt.Printf("%-9s %.3f  %.3f  %.3f\n", k.Term, k.Estimate, k.StdErr, c.Coefficients[i].StdErr)
	}
	// Output:
	// classical SE, CR1 SE (G=50, df 49)
	// intercept 0.276  0.059  0.149
	// peak      0.477  0.007  0.013
	// end       0.437  0.015  0.025
}

// Does the mean add to peak and end? The Wald test on the clustered
// covariance says whether by more than chance.
func ExampleFitter_Against() {
	sim, visits := panel()
	fit, _ := analyze.NewFitterWith([]string{"peak", "end", "mean"}, analyze.FitOptions{Cluster: analyze.ByCustomer})
	for _, v := range visits {
		f := scoring.Compute(&v, sim.Scale)
		fit.Add(&v, &f)
	}
	t, _ := fit.Against([]string{"peak", "end"})
	fmt.Printf("Wald %v: F(%g, %g) = %.2f, p = %.2f\n", t.Wald, t.DF1, t.DF2, t.F, t.P)
	// Output:
	// Wald true: F(1, 49) = 0.37, p = 0.54
}

// Rules ranked out of sample, whole customers held out.
func ExampleComparer_CrossValidate() {
	sim, visits := panel()
	cmp := analyze.NewClusteredComparer(scoring.DefaultRules(), analyze.ByCustomer)
	for _, v := range visits {
		f := scoring.Compute(&v, sim.Scale)
		cmp.Add(&v, &f)
	}
	results, _ := cmp.CrossValidate(10, 5, 1)
	for _, r := range results[:3] {
		fmt.Printf("%-8s r=%.2f RMSE %.2f (raw %.2f)\n", r.Rule, r.Pearson, r.RMSE, r.RawRMSE)
	}
	// Output:
	// peak-end r=0.88 RMSE 0.52 (raw 0.53)
	// peak     r=0.82 RMSE 0.62 (raw 0.99)
	// worst    r=0.63 RMSE 0.84 (raw 1.67)
}

// Fitters of two halves of the input, merged, fit as one pass would.
func ExampleFitter_Merge() {
	sim, visits := panel()
	first, _ := analyze.NewFitterWith([]string{"peak", "end"}, analyze.FitOptions{Cluster: analyze.ByCustomer})
	second, _ := analyze.NewFitterWith([]string{"peak", "end"}, analyze.FitOptions{Cluster: analyze.ByCustomer})
	for i, v := range visits {
		f := scoring.Compute(&v, sim.Scale)
		if i < len(visits)/2 {
			first.Add(&v, &f)
		} else {
			second.Add(&v, &f)
		}
	}
	if err := first.Merge(second); err != nil {
		fmt.Println(err)
	}
	res, _ := first.Result()
	fmt.Printf("n=%d G=%d peak %.3f ± %.3f\n", res.N, res.Clusters, res.Coefficients[1].Estimate, res.Coefficients[1].StdErr)
	// Output:
	// n=2000 G=50 peak 0.477 ± 0.013
}
