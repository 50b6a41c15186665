package analyze_test

import (
	"bytes"
	"encoding/csv"
	"math"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/peakend/peakend/scoring"
	"github.com/peakend/peakend/scoring/analyze"
)

// readGolden reads name,value rows written by testdata/golden.R.
func readGolden(t *testing.T, data []byte) map[string]float64 {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, r := range rows[1:] {
		x, err := strconv.ParseFloat(r[1], 64)
		if err != nil {
			t.Fatal(err)
		}
		out[r[0]] = x
	}
	return out
}

// panelVisits reads testdata/panel.csv: visit, customer and the
// features peak, end, mean with the remembered rating.
func panelVisits(t *testing.T) (visits []scoring.Visit, features []scoring.Features) {
	t.Helper()
	data, err := os.ReadFile("testdata/panel.csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for line, r := range rows[1:] {
		x := make([]float64, 4)
		for i := range x {
			if x[i], err = strconv.ParseFloat(r[2+i], 64); err != nil {
				t.Fatalf("panel.csv:%d: %v", line+2, err)
			}
		}
		visits = append(visits, scoring.Visit{ID: r[0], Customer: r[1], Remembered: x[3], Line: line + 2})
		features = append(features, scoring.Features{Peak: x[0], End: x[1], Mean: x[2]})
	}
	return visits, features
}

func closeTo(got, want, rel float64) bool {
	return math.Abs(got-want) <= rel*math.Max(math.Abs(want), 1e-300)
}

// The fits agree with R's lm, sandwich::vcovHC, sandwich::vcovCL,
// anova and lmtest::waldtest, whose numbers testdata/golden.csv keeps.
func TestFitAgreesWithR(t *testing.T) {
	data, err := os.ReadFile("testdata/golden.csv")
	if err != nil {
		t.Fatal(err)
	}
	checkAgainstR(t, readGolden(t, data))
}

// When R is installed, testdata/golden.R gives the numbers kept.
func TestGoldenScriptGivesTheKeptNumbers(t *testing.T) {
	if _, err := exec.LookPath("Rscript"); err != nil {
		t.Skip("Rscript is not installed (apt-get install r-base-core r-cran-sandwich)")
	}
	if exec.Command("Rscript", "-e", "library(sandwich)").Run() != nil {
		t.Skip("R's sandwich package is not installed (apt-get install r-cran-sandwich)")
	}
	cmd := exec.Command("Rscript", "golden.R", "panel.csv")
	cmd.Dir = "testdata"
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("Rscript: %v", err)
	}
	kept, _ := os.ReadFile("testdata/golden.csv")
	fresh, want := readGolden(t, out), readGolden(t, kept)
	for name, x := range want {
		// A p-value is a tail probability from R's math library, whose
		// last digits differ between machines: 1.3e-11 relative at
		// p = 8e-85, where estimates agree to 1e-12. So do an
		// interval's ends, by the quantile of t, the more where the
		// end lies near zero: 1.3e-12 relative at −0.0074 (CR1 mean).
		tol := 1e-12
		if strings.HasSuffix(name, " p") || strings.HasSuffix(name, " low") || strings.HasSuffix(name, " high") {
			tol = 1e-9
		}
		if !closeTo(fresh[name], x, tol) {
			t.Errorf("%s: R gives %v now, golden.csv keeps %v", name, fresh[name], x)
		}
	}
}

func checkAgainstR(t *testing.T, r map[string]float64) {
	visits, features := panelVisits(t)
	features3 := []string{"peak", "end", "mean"}
	for _, tc := range []struct {
		kind string
		opt  analyze.FitOptions
	}{{"classical", analyze.FitOptions{}}, {"HC1", analyze.FitOptions{Robust: true}},
		{"CR1", analyze.FitOptions{Cluster: analyze.ByCustomer}}} {
		fit, err := analyze.NewFitterWith(features3, tc.opt)
		if err != nil {
			t.Fatal(err)
		}
		for i := range visits {
			fit.Add(&visits[i], &features[i])
		}
		res, err := fit.Result()
		if err != nil {
			t.Fatal(err)
		}
		if res.SE.String() != tc.kind {
			t.Errorf("SE %v, want %s", res.SE, tc.kind)
		}
		for _, c := range res.Coefficients {
			for what, got := range map[string]float64{"estimate": c.Estimate, "se": c.StdErr, "p": c.P, "low": c.Low} {
				name := tc.kind + " " + c.Term + " " + what
				want, ok := r[name]
				if !ok {
					t.Fatalf("golden.csv has no %q", name)
				}
				rel := 1e-12
				if what == "p" { // far in the tail, the t distributions' algorithms differ in the last digits
					rel = 1e-9
				}
				if !closeTo(got, want, rel) {
					t.Errorf("%s: %v, R %v (relative %.2g)", name, got, want, math.Abs(got-want)/math.Abs(want))
				}
			}
		}
		if tc.kind == "classical" {
			for name, got := range map[string]float64{"r2": res.R2, "adj_r2": res.AdjR2, "aic": res.AIC, "bic": res.BIC} {
				if !closeTo(got, r[name], 1e-11) {
					t.Errorf("%s: %v, R %v", name, got, r[name])
				}
			}
		}
		if tc.kind == "CR1" && res.Clusters != 40 {
			t.Errorf("G = %d, want 40", res.Clusters)
		}
		test, err := fit.Against([]string{"peak", "end"})
		if err != nil {
			t.Fatal(err)
		}
		switch tc.kind {
		case "classical":
			if test.Wald || !closeTo(test.F, r["F"], 1e-9) || !closeTo(test.P, r["F p"], 1e-9) {
				t.Errorf("F test %+v, R F %v p %v", test, r["F"], r["F p"])
			}
		case "CR1":
			if !test.Wald || !closeTo(test.F, r["Wald CR1"], 1e-9) || !closeTo(test.P, r["Wald CR1 p"], 1e-9) || test.DF2 != 39 {
				t.Errorf("Wald test %+v, R W %v p %v", test, r["Wald CR1"], r["Wald CR1 p"])
			}
		}
	}
}

// Cross-validated r, RMSE and MAE with folds fixed by customer agree
// with R's (testdata/golden.R: customer cN in fold N mod 5).
func TestCrossValidationAgreesWithR(t *testing.T) {
	data, err := os.ReadFile("testdata/golden.csv")
	if err != nil {
		t.Fatal(err)
	}
	r := readGolden(t, data)
	visits, features := panelVisits(t)
	rules := []scoring.Rule{scoring.Peak, scoring.End, scoring.Mean, scoring.PeakEndRule}
	cmp := analyze.NewClusteredComparer(rules, analyze.ByCustomer)
	var fold []int
	seen := map[string]bool{}
	for i := range visits {
		features[i].PeakEnd = (features[i].Peak + features[i].End) / 2
		cmp.Add(&visits[i], &features[i])
		if c := visits[i].Customer; !seen[c] { // clusters are numbered in order of first appearance
			seen[c] = true
			n, _ := strconv.Atoi(c[1:])
			fold = append(fold, n%5)
		}
	}
	names := map[string]string{"peak": "peak", "end": "end", "mean": "mean", "peak-end": "peak_end"}
	for _, res := range analyze.CrossValidateFolds(cmp, fold, 5) {
		rule := names[res.Rule]
		for what, got := range map[string]float64{"r": res.Pearson, "rmse": res.RMSE, "mae": res.MAE} {
			name := "cv " + rule + " " + what
			if want, ok := r[name]; !ok || !closeTo(got, want, 1e-12) {
				t.Errorf("%s: %v, R %v", name, got, want)
			}
		}
	}
}
