package main

import (
	"fmt"
	"os"
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
	usage: `Usage: peakend fit [--features a,b,c] [visit flags as for score] FILE...

Fits remembered = intercept + Σ weight·feature by least squares over the
visits that have a remembered rating and every feature, and writes CSV:
term, estimate, std_error, t, p, then n, r2 and adj_r2 on every row. The
default features are peak, end, mean, duration, first and trend: a
duration weight near zero is duration neglect in your data.

Example:
  $ peakend fit visits.csv
  $ peakend fit --features peak,end,mean visits.csv
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
	code, ok := eachVisitMerged(c, e, &vf, fs.Args(), cmp, func() *analyze.Comparer { return analyze.NewComparer(rules) })
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
	if code, ok := c.parse(e, fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(e.stderr, "peakend fit: no input; name files, or - for standard input")
		return exitUsage
	}
	fitter, err := analyze.NewFitter(strings.Split(*features, ","))
	if err != nil {
		fmt.Fprintf(e.stderr, "peakend fit: %v\n", err)
		return exitUsage
	}
	if err := vf.prepare(e, fs.Args()); err != nil {
		return fail(e, c.name, err)
	}
	code, ok := eachVisitMerged(c, e, &vf, fs.Args(), fitter, func() *analyze.Fitter {
		part, _ := analyze.NewFitter(strings.Split(*features, ",")) // valid: NewFitter took them above
		return part
	})
	if !ok {
		return code
	}
	res, err := fitter.Result()
	if err != nil {
		return fail(e, "fit", err)
	}
	w := e.stdout
	fmt.Fprintln(w, "term,estimate,std_error,t,p,n,r2,adj_r2")
	for _, k := range res.Coefficients {
		fmt.Fprintf(w, "%s,%s,%d,%s\n", k.Term, numbers(k.Estimate, k.StdErr, k.T, k.P), res.N, numbers(res.R2, res.AdjR2))
	}
	return code
}

// eachVisit reads the visits of paths and passes each with its features
// to acc. ok is false when reading failed; code is the exit code. The
// caller has called vf.prepare and created its own output first.
func eachVisit(c *command, e *env, vf *visitFlags, paths []string, acc scoring.Accumulator) (code int, ok bool) {
	return eachVisitRanged(c, e, vf, paths, acc, nil)
}

// eachVisitRanged is eachVisit with the regular files read by ranged,
// when it is set (see eachVisitMerged).
func eachVisitRanged(c *command, e *env, vf *visitFlags, paths []string, acc scoring.Accumulator,
	ranged func(*os.File, int64, scoring.Options) error) (code int, ok bool) {
	if !vf.unsorted && !c.holdsVisits {
		limitMemory()
	}
	src, err := vf.open(e)
	if err != nil {
		fmt.Fprintf(e.stderr, "peakend %s: %v\n", c.name, err)
		return exitUsage, false
	}
	src.ranged = ranged
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
