package research

import (
	"fmt"
	"strings"
	"testing"

	"github.com/peakend/peakend/scoring"
	"github.com/peakend/peakend/scoring/analyze"
)

// A within-subject study: 30 participants each rated about ten
// journeys (testdata/panel-visits.csv). A participant's ratings are
// alike, so their visits are not independent draws, and standard
// errors that take them as independent are too small. The test sets
// naive and clustered fits side by side; the clustered ones are the
// ones to report.
func TestWithinSubjectReportsClusteredErrors(t *testing.T) {
	visits := loadVisits(t, "testdata/panel-visits.csv")
	features := []string{"peak", "end", "mean"}
	naive, _ := analyze.NewFitter(features)
	clustered, _ := analyze.NewFitterWith(features, analyze.FitOptions{Cluster: analyze.ByCustomer})
	rules := analyze.NewClusteredComparer(scoring.DefaultRules(), analyze.ByCustomer)
	for _, v := range visits {
		f := scoring.Compute(&v, scoring.DefaultScale)
		naive.Add(&v, &f)
		clustered.Add(&v, &f)
		rules.Add(&v, &f)
	}
	n, err1 := naive.Result()
	c, err2 := clustered.Result()
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	var table strings.Builder
	fmt.Fprintf(&table, "%-9s %8s  %-20s  %-20s\n", "term", "estimate", "naive SE (p)", fmt.Sprintf("CR1 SE, G=%d (p)", c.Clusters))
	for i, nc := range n.Coefficients {
		cc := c.Coefficients[i]
		fmt.Fprintf(&table, "%-9s %8.3f  %.3f (%-12.2g)  %.3f (%-12.2g)\n", nc.Term, nc.Estimate, nc.StdErr, nc.P, cc.StdErr, cc.P)
	}
	t.Logf("remembered ~ peak + end + mean, %d visits by %d participants:\n%s", n.N, c.Clusters, table.String())

	if c.SE != analyze.CR1 || c.Clusters != 30 || c.DF != 29 {
		t.Errorf("clustered fit: %v, G %d, df %v", c.SE, c.Clusters, c.DF)
	}
	// The intercept carries the participants' leniency: clustering
	// more than doubles its standard error, and a p that looked like
	// 1e-5 is about 0.05.
	if ratio := c.Coefficients[0].StdErr / n.Coefficients[0].StdErr; ratio < 2 {
		t.Errorf("intercept: clustered SE only %.2f× the naive one", ratio)
	}
	if n.Coefficients[0].P > 1e-4 || c.Coefficients[0].P < 0.01 {
		t.Errorf("intercept p: naive %g, clustered %g", n.Coefficients[0].P, c.Coefficients[0].P)
	}
	// Out of sample, with whole participants held out, peak-end still
	// ranks first.
	cv, err := rules.CrossValidate(5, 20, 1)
	if err != nil {
		t.Fatal(err)
	}
	if cv[0].Rule != "peak-end" || cv[1].Rule != "peak" {
		t.Errorf("cross-validated ranking %s, %s, ...", cv[0].Rule, cv[1].Rule)
	}
}
