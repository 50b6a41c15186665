package main

import (
	"flag"
	"fmt"
	"os"
	"runtime/debug"
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
                       [--cluster customer|site|purpose] [--cv K [--repeat R]]
                       [visit flags as for score] FILE...

Scores every visit that has a remembered rating by each rule — peak-end,
mean, time-mean, peak, end, first, best, worst, trend, recency — and
writes CSV, best Pearson's r first: rule, n, pearson, pearson_low,
pearson_high (a bootstrap 95% percentile interval), spearman, rmse_raw and
mae_raw (of the score itself: bias and association mixed), rmse_calibrated
and mae_calibrated (of remembered on a + b·score: association only), and
diff, diff_low, diff_high: the rule's r less the best rule's, with an
interval from the same resamples (below 0: the best rule is better by more
than chance). With --window, peak-end also runs with the end taken as the
mean of the last SECONDS of the visit (Redelmeier and Kahneman used 180).
The peak is the most intense moment (farthest from neutral).

--cluster COLUMN resamples whole customers, sites or purposes, whose
visits are not independent; fewer than 30 visits or clusters get a
warning, as intervals from so few draws are too narrow.

--cv K writes instead the out-of-sample comparison the literature ranks
rules by: K-fold cross-validation (by cluster with --cluster) of a linear
calibration of each rule, repeated R times (default 10) with folds drawn
from --seed: rule, folds, repeats, cv_pearson, cv_rmse_calibrated,
cv_mae_calibrated (held-out, averaged over folds and repeats), rmse_raw,
mae_raw.

Example:
  $ peakend simulate --visits 20000 --seed 3 --memory peak=0.5,end=0.5,noise=0.3 > v.csv
  $ peakend compare v.csv
  rule,n,pearson,pearson_low,pearson_high,spearman,rmse_raw,mae_raw,...
  peak-end,20000,0.93...
  $ peakend simulate --visits 5000 --customers 200 --seed 3 > p.csv
  $ peakend compare --cluster customer --cv 10 p.csv
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
	vf.register(fs, "input-format")
	oldInputFormat(e, fs, c.name, &vf)
	resamples := fs.Int("bootstrap", 1000, "bootstrap resamples for the interval of r (0: none)")
	seed := fs.Uint64("seed", 1, "seed of the bootstrap and of the folds")
	window := fs.Float64("window", 0, "also compare peak-end with the end as the mean of the last `SECONDS`")
	halfLife := fs.Float64("half-life", 2, "half-life of the recency rule, in moments")
	cluster := fs.String("cluster", "", "resample, and fold, whole clusters by `COLUMN`: customer, site or purpose")
	folds := fs.Int("cv", 0, "cross-validate with `K` folds instead")
	repeats := fs.Int("repeat", 10, "repetitions of the cross-validation, with new folds")
	var ff featureFlags
	ff.register(fs)
	if code, ok := c.parse(e, fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 || *resamples < 0 || *halfLife <= 0 || *window < 0 || *folds < 0 || *repeats < 1 {
		fmt.Fprintln(e.stderr, "peakend compare: name input files; --bootstrap, --window and --cv must not be negative, --half-life must be positive and --repeat at least 1")
		return exitUsage
	}
	by, err := analyze.ParseCluster(*cluster)
	var opt scoring.FeatureOptions
	if err == nil {
		opt, err = ff.options()
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "peakend compare: %v\n", err)
		return exitUsage
	}
	rules := scoring.CompareRules(*halfLife, *window)
	if err := vf.prepare(e, fs.Args()); err != nil {
		return fail(e, c.name, err)
	}
	newComparer := func() *analyze.Comparer { return analyze.NewClusteredComparer(rules, by) }
	cmp := newComparer()
	code, ok := eachVisitMerged(c, e, &vf, fs.Args(), cmp, newComparer, reading{features: opt, grows: true})
	if !ok {
		return code
	}
	if err := cmp.Err(); err != nil {
		return fail(e, c.name, err)
	}
	if *folds > 0 {
		fmt.Fprintf(e.stderr, "peakend compare: %d-fold cross-validation, %d repetitions (seed %d); the peak is %s\n", *folds, *repeats, *seed, opt.Peak.Describe())
		return writeCV(e, cmp, *folds, *repeats, *seed, code)
	}
	results := cmp.Results(*resamples, *seed)
	if len(results) > 0 {
		noteBootstrap(e, results[0], by, *resamples, *seed, opt.Peak)
	}
	if err := analyze.WriteComparisonsCSV(e.stdout, results); err != nil {
		return fail(e, c.name, err)
	}
	return code
}

// noteBootstrap says on standard error what the intervals are, and
// warns when there were too few draws for them.
func noteBootstrap(e *env, top analyze.Comparison, by analyze.Cluster, resamples int, seed uint64, peak scoring.PeakDefinition) {
	units := "visits"
	if by != analyze.NoCluster {
		units = by.String() + " clusters"
	}
	if resamples > 0 {
		fmt.Fprintf(e.stderr, "peakend compare: 95%% percentile intervals from %d bootstrap resamples of %d %s (seed %d); the peak is %s\n",
			resamples, top.Units, units, seed, peak.Describe())
	}
	if top.Units < analyze.MinBootstrapUnits {
		fmt.Fprintf(e.stderr, "peakend compare: warning: only %d %s; with fewer than %d the intervals are too narrow (a bootstrap of few draws misjudges the spread of r)\n",
			top.Units, units, analyze.MinBootstrapUnits)
	}
}

// writeCV writes the cross-validated comparison.
func writeCV(e *env, cmp *analyze.Comparer, folds, repeats int, seed uint64, code int) int {
	results, err := cmp.CrossValidate(folds, repeats, seed)
	if err != nil {
		return fail(e, "compare", err)
	}
	if err := analyze.WriteCrossValidationCSV(e.stdout, results); err != nil {
		return fail(e, "compare", err)
	}
	return code
}

func runFit(c *command, e *env, args []string) int {
	fs := c.flags(e)
	var vf visitFlags
	vf.register(fs, "input-format")
	oldInputFormat(e, fs, c.name, &vf)
	features := fs.String("features", strings.Join(analyze.DefaultFeatures(), ","), "features to fit on, comma-separated")
	robust := fs.Bool("robust", false, "HC1 standard errors, robust to unequal variances")
	cluster := fs.String("cluster", "", "CR1 standard errors clustered by `COLUMN`: customer, site or purpose")
	against := fs.String("against", "", "test against the fit on these `FEATURES` (some of --features)")
	var ff featureFlags
	ff.register(fs)
	if code, ok := c.parse(e, fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		e.say(e.stderr, msgNoInput, c.name)
		return exitUsage
	}
	by, err := analyze.ParseCluster(*cluster)
	if err == nil && *robust && by != analyze.NoCluster {
		err = fmt.Errorf("--robust and --cluster: choose one (clustered standard errors are robust too)")
	}
	var fitter *analyze.Fitter
	var opt scoring.FeatureOptions
	if err == nil {
		opt, err = ff.options()
	}
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
	code, ok := eachVisitMerged(c, e, &vf, fs.Args(), fitter, func() *analyze.Fitter {
		part, _ := analyze.NewFitterWith(strings.Split(*features, ","), analyze.FitOptions{Robust: *robust, Cluster: by}) // valid: taken above
		return part
	}, reading{features: opt, grows: by != analyze.NoCluster})
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
	if err := res.WriteCSV(e.stdout); err != nil {
		return fail(e, "fit", err)
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
	return eachVisitHow(c, e, vf, paths, acc, reading{})
}

// growingMemoryLimit is the soft memory limit of a command whose
// memory grows with its input's clusters, not its visits: 100 000
// customers take about 40 MB, which the streaming limit would leave the
// collector running without pause to stay under.
const growingMemoryLimit = 96 << 20

// reading says how eachVisitHow reads: with the features defined by
// features; grows says that the accumulator's memory grows with the
// input (a fit's clusters), so that the streaming memory limit, under
// which the collector would run without pause, is not set; rangeBytes
// is the size of the ranges of a file read on every core, 0 for
// scoring.DefaultRangeBytes; ranged, when set, reads a regular file on
// every core (see eachVisitMerged).
type reading struct {
	features   scoring.FeatureOptions
	grows      bool
	rangeBytes int64
	ranged     func(*os.File, int64, scoring.Options) error
}

// eachVisitHow is eachVisit read as how says.
func eachVisitHow(c *command, e *env, vf *visitFlags, paths []string, acc scoring.Accumulator, how reading) (code int, ok bool) {
	switch {
	case how.grows && os.Getenv("GOMEMLIMIT") == "":
		debug.SetMemoryLimit(growingMemoryLimit)
	case !vf.unsorted && !c.holdsVisits && !how.grows:
		limitMemory()
	}
	src, err := vf.open(e)
	if err != nil {
		fmt.Fprintf(e.stderr, "peakend %s: %v\n", c.name, err)
		return exitUsage, false
	}
	src.ranged = how.ranged
	how.features = vf.withSteps(how.features)
	for v, err := range src.visits(paths) {
		if err != nil {
			return fail(e, c.name, err), false
		}
		f := scoring.ComputeWith(&v, src.scale, how.features)
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
