package analyze_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/peakend/peakend/scoring"
	"github.com/peakend/peakend/scoring/analyze"
)

// visitsOf returns a visit per row of (customer, peak, end, remembered).
func fitOn(t *testing.T, features []string, opt analyze.FitOptions, rows [][4]any) (*analyze.FitResult, error) {
	t.Helper()
	fit, err := analyze.NewFitterWith(features, opt)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		v := scoring.Visit{ID: "v" + string(rune('a'+i)), Customer: r[0].(string), Remembered: r[3].(float64), Line: i + 2}
		peak, end := r[1].(float64), r[2].(float64)
		f := scoring.Features{Peak: peak, End: end, PeakEnd: (peak + end) / 2, Mean: 3}
		fit.Add(&v, &f)
	}
	return fit.Result()
}

var someRows = [][4]any{
	{"a", 1.0, 2.0, 1.5}, {"a", 2.0, 4.0, 3.1}, {"b", 3.0, 3.0, 3.2}, {"b", 5.0, 4.0, 4.4},
	{"c", 4.0, 1.0, 2.6}, {"c", 2.0, 5.0, 3.3}, {"d", 1.0, 1.0, 1.1},
}

func TestFitNamesTheCombination(t *testing.T) {
	_, err := fitOn(t, []string{"peak", "end", "peak_end"}, analyze.FitOptions{}, someRows)
	var ce *analyze.CollinearError
	if !errors.As(err, &ce) || !errors.Is(err, analyze.ErrCollinear) || err.Error() != "peak_end = 0.5·peak + 0.5·end: drop one" {
		t.Errorf("got %v", err)
	}
	_, err = fitOn(t, []string{"peak", "mean"}, analyze.FitOptions{}, someRows)
	if !errors.As(err, &ce) || ce.Term != "mean" || len(ce.Of) != 0 || !strings.Contains(err.Error(), "mean is constant") {
		t.Errorf("a constant feature: %v", err)
	}
}

func TestFitRefusesAConstantOutcome(t *testing.T) {
	rows := make([][4]any, len(someRows))
	for i, r := range someRows {
		rows[i] = [4]any{r[0], r[1], r[2], 3.0}
	}
	if _, err := fitOn(t, []string{"peak", "end"}, analyze.FitOptions{}, rows); !errors.Is(err, analyze.ErrConstantOutcome) {
		t.Errorf("got %v", err)
	}
}

func TestFitCountsCoefficients(t *testing.T) {
	_, err := fitOn(t, []string{"peak", "end"}, analyze.FitOptions{}, someRows[:3])
	if !errors.Is(err, analyze.ErrTooFewVisits) || !strings.Contains(err.Error(), "3 visits for 3 coefficients (2 features and the intercept)") {
		t.Errorf("got %v", err)
	}
}

func TestClusteredFitBadInput(t *testing.T) {
	byCustomer := analyze.FitOptions{Cluster: analyze.ByCustomer}
	res, err := fitOn(t, []string{"peak", "end"}, byCustomer, someRows)
	if err != nil || res.Clusters != 4 || res.SingleVisitClusters != 1 || res.DF != 3 || res.SE != analyze.CR1 {
		t.Errorf("G %d, single %d, df %v, %v: %v", res.Clusters, res.SingleVisitClusters, res.DF, res.SE, err)
	}
	missing := append([][4]any{}, someRows...)
	missing[4] = [4]any{"", 4.0, 1.0, 2.6}
	_, err = fitOn(t, []string{"peak", "end"}, byCustomer, missing)
	var me *analyze.MissingClusterError
	if !errors.As(err, &me) || !errors.Is(err, analyze.ErrMissingCluster) || me.Line != 6 ||
		err.Error() != "visit ve (line 6) has no customer; clustering by customer needs one on every visit" {
		t.Errorf("a visit without a customer: %v", err)
	}
	one := make([][4]any, len(someRows))
	for i, r := range someRows {
		one[i] = [4]any{"a", r[1], r[2], r[3]}
	}
	if _, err := fitOn(t, []string{"peak", "end"}, byCustomer, one); !errors.Is(err, analyze.ErrTooFewVisits) || !strings.Contains(err.Error(), "at least 2") {
		t.Errorf("one cluster: %v", err)
	}
	if _, err := analyze.ParseCluster("hall"); !errors.Is(err, analyze.ErrUnknownCluster) {
		t.Errorf("an unknown cluster: %v", err)
	}
}

func TestNestedTestBadInput(t *testing.T) {
	fit, _ := analyze.NewFitter([]string{"peak", "end"})
	for i, r := range someRows {
		v := scoring.Visit{ID: string(rune('a' + i)), Remembered: r[3].(float64)}
		f := scoring.Features{Peak: r[1].(float64), End: r[2].(float64)}
		fit.Add(&v, &f)
	}
	for _, smaller := range [][]string{{"mean"}, {"peak", "end"}, {"peak", "peak"}} {
		if _, err := fit.Against(smaller); err == nil {
			t.Errorf("against %v: no error", smaller)
		}
	}
	test, err := fit.Against(nil) // the intercept only
	if err != nil || test.DF1 != 2 || test.DF2 != 4 || !(test.P > 0 && test.P < 1) {
		t.Errorf("against the intercept: %+v %v", test, err)
	}
}
