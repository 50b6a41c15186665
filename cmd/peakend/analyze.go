package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/peakend/peakend/scoring"
	"github.com/peakend/peakend/scoring/analyze"
)

func init() {
	register(compareCommand)
	register(fitCommand)
}

var compareCommand = &command{
	name:            "compare",
	readsBlueprints: true,
	summary:         "set peak-end against the rival rules on remembered ratings",
	usage: `Usage: peakend compare [--bootstrap N] [--seed S] [--window SECONDS] [--half-life K]
                       [visit flags as for score] FILE...

Scores every visit that has a remembered rating by each rule — peak-end,
mean, time-mean, peak, end, first, best, worst, trend, recency — and
writes CSV, best Pearson's r first: rule, n, pearson, pearson_low,
pearson_high (a bootstrap 95% interval), spearman, rmse, mae. With
--window, peak-end also runs with the end taken as the mean of the last
SECONDS of the visit (Redelmeier and Kahneman used 180).

Example:
  $ peakend simulate --visits 20000 --seed 3 --memory peak=0.5,end=0.5,noise=0.3 > v.csv
  $ peakend compare v.csv
  rule,n,pearson,pearson_low,pearson_high,spearman,rmse,mae
  peak-end,20000,0.93...
`,
	run:         runCompare,
	writesFiles: true, // --rejects
	holdsVisits: true, // the bootstrap resamples every visit's scores
}

var fitCommand = &command{
	name:            "fit",
	readsBlueprints: true,
	summary:         "regress remembered ratings on peak, end, mean, duration and more",
	usage: `Usage: peakend fit [--features a,b,c] [--robust | --cluster customer|site|purpose]
                   [--against a,b] [visit flags as for score] FILE...

Fits remembered = intercept + Σ weight·feature by least squares over the
visits that have a remembered rating and every feature, and writes CSV:
term, estimate, std_error, t, p, then n, r2 and adj_r2 on every row, then
low and high (the 95% interval), standardized (the weight in standard
deviations of remembered per standard deviation of the feature), aic, bic,
se (which standard errors), df (of t and p) and clusters (G). The default
features are peak, end, mean, duration, first and trend: a duration weight
near zero is duration neglect in your data.

Standard errors are classical unless asked: --robust gives HC1, robust to
unequal variances; --cluster COLUMN gives CR1, robust to errors correlated
within a customer, site or purpose (as Stata's vce(cluster) and R's
sandwich::vcovCL), with t and p on G−1 degrees of freedom. When the same
customer visits many times, or a study's participants rate many journeys,
report the clustered ones: the classical ones are too small. Every visit
then needs the column; a cluster of one visit is allowed, and counted on
standard error.

--against a,b tests the fit against the smaller one on features a,b
(some of --features; "" for the intercept only) and writes instead one
row: test (F, or Wald when robust or clustered), larger, smaller,
statistic, df1, df2, p, n.

Example:
  $ peakend fit visits.csv
  $ peakend fit --features peak,end,mean --cluster customer visits.csv
  $ peakend fit --features peak,end,mean --against peak,end visits.csv
`,
	run:         runFit,
	writesFiles: true,
}

func runCompare(c *command, e *env, args []string) int {
	fs := c.flags(e)
	var vf visitFlags
	vf.register(fs, "format")
	resamples := fs.Int("bootstrap", 1000, "bootstrap resamples for the interval of r (0: none)")
	seed := fs.Uint64("seed", 1, "seed of the bootstrap")
	window := fs.Float64("window", 0, "also compare peak-end with the end as the mean of the last `SECONDS`")
	halfLife := fs.Float64("half-life", 2, "half-life of the recency rule, in moments")
	if code, ok := c.parse(e, fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 || *resamples < 0 || *halfLife <= 0 || *window < 0 {
		fmt.Fprintln(e.stderr, "peakend compare: name input files; --bootstrap, --window must not be negative and --half-life must be positive")
		return exitUsage
	}
	rules := scoring.DefaultRulesWithHalfLife(*halfLife)
	if *window > 0 {
		rules = append(rules, scoring.PeakEnd(0.5, 0.5, *window))
	}
	if err := vf.prepare(e, fs.Args()); err != nil {
		return fail(e, c.name, err)
	}
	cmp := analyze.NewComparer(rules)
	code, ok := eachVisit(c, e, &vf, fs.Args(), cmp)
	if !ok {
		return code
	}
	w := e.stdout
	fmt.Fprintln(w, "rule,n,pearson,pearson_low,pearson_high,spearman,rmse,mae")
	for _, r := range cmp.Results(*resamples, *seed) {
		fmt.Fprintf(w, "%s,%d,%s\n", csvField(r.Rule), r.N, numbers(r.Pearson, r.PearsonLow, r.PearsonHigh, r.Spearman, r.RMSE, r.MAE))
	}
	return code
}

func runFit(c *command, e *env, args []string) int {
	fs := c.flags(e)
	var vf visitFlags
	vf.register(fs, "format")
	features := fs.String("features", strings.Join(analyze.DefaultFeatures(), ","), "features to fit on, comma-separated")
	robust := fs.Bool("robust", false, "HC1 standard errors, robust to unequal variances")
	cluster := fs.String("cluster", "", "CR1 standard errors clustered by `COLUMN`: customer, site or purpose")
	against := fs.String("against", "", "test against the fit on these `FEATURES` (some of --features)")
	if code, ok := c.parse(e, fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(e.stderr, "peakend fit: no input; name files, or - for standard input")
		return exitUsage
	}
	by, err := analyze.ParseCluster(*cluster)
	if err == nil && *robust && by != analyze.NoCluster {
		err = fmt.Errorf("--robust and --cluster: choose one (clustered standard errors are robust too)")
	}
	var fitter *analyze.Fitter
	if err == nil {
		fitter, err = analyze.NewFitterWith(strings.Split(*features, ","), analyze.FitOptions{Robust: *robust, Cluster: by})
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "peakend fit: %v\n", err)
		return exitUsage
	}
	if err := vf.prepare(e, fs.Args()); err != nil {
		return fail(e, c.name, err)
	}
	code, ok := eachVisit(c, e, &vf, fs.Args(), fitter)
	if !ok {
		return code
	}
	if isSet(fs, "against") {
		return writeNested(e, fitter, *against, code)
	}
	res, err := fitter.Result()
	if err != nil {
		return fail(e, "fit", err)
	}
	if res.SingleVisitClusters > 0 {
		fmt.Fprintf(e.stderr, "peakend fit: %d of %d clusters by %s have one visit only; they count as in a robust fit\n",
			res.SingleVisitClusters, res.Clusters, by)
	}
	w := e.stdout
	fmt.Fprintln(w, "term,estimate,std_error,t,p,n,r2,adj_r2,low,high,standardized,aic,bic,se,df,clusters")
	for _, k := range res.Coefficients {
		fmt.Fprintf(w, "%s,%s,%d,%s,%s,%s,%d\n", k.Term, numbers(k.Estimate, k.StdErr, k.T, k.P), res.N,
			numbers(res.R2, res.AdjR2, k.Low, k.High, k.Standardized, res.AIC, res.BIC), res.SE, numbers(res.DF), res.Clusters)
	}
	return code
}

// writeNested writes the test of the fit against the smaller model.
func writeNested(e *env, fitter *analyze.Fitter, smaller string, code int) int {
	var names []string
	if smaller != "" {
		names = strings.Split(smaller, ",")
	}
	t, err := fitter.Against(names)
	if err != nil {
		return fail(e, "fit", err)
	}
	test := "F"
	if t.Wald {
		test = "Wald (" + t.SE.String() + ")"
	}
	fmt.Fprintln(e.stdout, "test,larger,smaller,statistic,df1,df2,p,n")
	fmt.Fprintf(e.stdout, "%s,%s,%s,%s,%d\n", csvField(test), csvField(strings.Join(t.Larger, " ")), csvField(strings.Join(t.Smaller, " ")),
		numbers(t.F, t.DF1, t.DF2, t.P), t.N)
	return code
}

// isSet reports whether the flag was given on the command line.
func isSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// eachVisit reads the visits of paths and passes each with its features
// to acc. ok is false when reading failed; code is the exit code. The
// caller has called vf.prepare and created its own output first.
func eachVisit(c *command, e *env, vf *visitFlags, paths []string, acc scoring.Accumulator) (code int, ok bool) {
	if !vf.unsorted && !c.holdsVisits {
		limitMemory()
	}
	src, err := vf.open(e)
	if err != nil {
		fmt.Fprintf(e.stderr, "peakend %s: %v\n", c.name, err)
		return exitUsage, false
	}
	for v, err := range src.visits(paths) {
		if err != nil {
			return fail(e, c.name, err), false
		}
		f := scoring.Compute(&v, src.scale)
		acc.Add(&v, &f)
	}
	if code, err = src.close(); err != nil {
		return fail(e, c.name, err), false
	}
	return code, true
}

// numbers formats numbers as CSV cells, as every CSV of peakend does
// (scoring.AppendNumber): shortest round-trip form, empty for not
// available.
func numbers(xs ...float64) string {
	var b []byte
	for i, x := range xs {
		if i > 0 {
			b = append(b, ',')
		}
		b = scoring.AppendNumber(b, x)
	}
	return string(b)
}

// csvField is one text cell, quoted as every CSV of peakend is.
func csvField(s string) string { return string(scoring.AppendCSVText(nil, s)) }
