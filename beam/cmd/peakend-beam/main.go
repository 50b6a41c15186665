// Command peakend-beam runs peakend's scoring and moments analysis as an
// Apache Beam pipeline; see the module's README.
//
//	peakend-beam score --input 'GLOB' --output PREFIX [--blueprint FILE] --runner prism|flink|dataflow|…
//
// The command's flags and Beam's (--runner, --endpoint, --project, …)
// share one flag set. A runner that starts this binary as a worker
// starts it with Beam's flags alone, and beam.Init runs the worker.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	_ "time/tzdata" // --tz names a zone on workers without a zone database

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/dataflow"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/flink"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/universal"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/peakend/peakend/beam/pipeline"
	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/scoring"
)

const usage = `Usage: peakend-beam score|moments|leverage|fit|compare --input GLOB --output PREFIX [--blueprint FILE] [--shards N]
                    [--scale MIN..MAX] [--neutral X] [--higher better|worse]
                    [--missing reject-visit|skip] [--encoding utf-8|gb18030] [--sep comma|tab|semicolon]
                    [--tz ZONE] [--verbatim] --runner prism|flink|dataflow|universal [Beam's flags]

Reads the visits' rows from the files matching GLOB (CSV, TSV, JSON Lines
or Parquet, by extension or contents; a visit's rows may be in any files),
joins each visit's rows, scores it as peakend score does and writes
PREFIX-features-SSSSS-of-NNNNN.csv (each shard with the header), and the
bad rows, with file, line and reason, to PREFIX-rejects-00000-of-00001.csv.
moments, leverage (which need --blueprint), fit and compare write
PREFIX-moments.csv (and so on) for all visits, and PREFIX-moments/site=S.csv
for each site, as the peakend commands of those names write them.
A blueprint that does not validate stops the command before any data is
read; bad data never stops it. Exit codes: 0 done, 1 the pipeline failed,
2 a usage error or a blueprint that does not validate.
`

// exitUsage is the exit code of a command line or blueprint refused
// before the pipeline runs.
const exitUsage = 2

// The command's words for the library's options, in rejects' reasons,
// as peakend's own.
var words = map[string]string{
	"set Options.Missing to skip the moment": "pass --missing skip to score the visit without the moment",
}

func main() {
	if len(os.Args) < 2 || strings.HasPrefix(os.Args[1], "-") {
		// A worker started by a runner, with Beam's flags only.
		flag.Parse()
		beam.Init()
		fmt.Fprint(os.Stderr, usage)
		os.Exit(exitUsage)
	}
	os.Exit(run(context.Background(), os.Args[1], os.Args[2:], os.Stderr))
}

// flags are the command's flags.
type flags struct {
	input, output, blueprint   string
	scale, neutral, higher     string
	missing, encoding, sep, tz string
	shards                     int
	verbatim                   bool
	// The analyses' flags, as peakend's moments, leverage, fit and compare.
	lang, format, journey, endRating, features, cluster string
	resamples, folds, repeats                           int
	seed                                                uint64
	window, halfLife                                    float64
	robust                                              bool
}

func (f *flags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.input, "input", "", "read the files matching `GLOB` (local, gs://…)")
	fs.StringVar(&f.output, "output", "", "write PREFIX-features-….csv and PREFIX-rejects-….csv (`PREFIX`)")
	fs.StringVar(&f.blueprint, "blueprint", "", "take the rating scale and the names of purposes, touchpoints and columns from blueprint `FILE`")
	fs.IntVar(&f.shards, "shards", 4, "write the features in `N` shards")
	fs.StringVar(&f.scale, "scale", "", "rating scale `MIN..MAX` (default 1..5, or the blueprint's)")
	fs.StringVar(&f.neutral, "neutral", "", "neutral rating (default: the scale's midpoint)")
	fs.StringVar(&f.higher, "higher", "", "whether a higher rating is `better` (default) or worse")
	fs.StringVar(&f.missing, "missing", "", "a visit with a missing rating: `reject-visit` (default) or skip the moment")
	fs.StringVar(&f.encoding, "encoding", "", "input encoding, `utf-8 or gb18030` (default: detected)")
	fs.StringVar(&f.sep, "sep", "", "field separator of CSV input, `comma, tab or semicolon` (default: by the header)")
	fs.StringVar(&f.tz, "tz", "", "time `ZONE` (an IANA name such as Asia/Shanghai) of dates without one (default UTC)")
	fs.BoolVar(&f.verbatim, "verbatim", false, "write text cells as they are, for programs")
	fs.StringVar(&f.lang, "lang", "", "moments, leverage: names in `LANG` (zh or en; default the blueprint's locale)")
	fs.StringVar(&f.format, "format", "", "moments: csv, json or table; leverage: csv or table (default csv)")
	fs.StringVar(&f.journey, "journey", "", "leverage: this journey `ID` only")
	fs.StringVar(&f.endRating, "end-rating", "", "leverage: the better end's rating `X` (default the scale's best)")
	fs.StringVar(&f.features, "features", "", "fit: the features, comma-separated (default peakend fit's)")
	fs.StringVar(&f.cluster, "cluster", "", "fit, compare: cluster errors by customer, site or purpose")
	fs.BoolVar(&f.robust, "robust", false, "fit: robust (sandwich) standard errors")
	fs.IntVar(&f.resamples, "resamples", 0, "leverage, compare: bootstrap replicates (default the command's)")
	fs.Uint64Var(&f.seed, "seed", 1, "leverage, compare: the bootstrap's seed")
	fs.Float64Var(&f.window, "window", 0, "compare: also peak-end with the end as the mean of the last `SECONDS`")
	fs.Float64Var(&f.halfLife, "half-life", 0, "compare: the recency rule's half-life in moments (default 2)")
	fs.IntVar(&f.folds, "folds", 0, "compare: cross-validate with `K` folds instead of the bootstrap")
	fs.IntVar(&f.repeats, "repeats", 0, "compare: with --folds, repeat the folds `N` times (default 10)")
}

func run(ctx context.Context, cmd string, args []string, stderr io.Writer) int {
	var f flags
	f.register(flag.CommandLine)
	flag.CommandLine.Usage = func() { fmt.Fprint(stderr, usage) }
	if err := flag.CommandLine.Parse(args); err != nil {
		return exitUsage
	}
	beam.Init()
	fail := func(err error) int {
		fmt.Fprintf(stderr, "peakend-beam %s: %v\n", cmd, err)
		return exitUsage
	}
	switch {
	case flag.NArg() > 0:
		return fail(fmt.Errorf("unexpected argument %q; the files are --input 'GLOB'", flag.Arg(0)))
	case f.input == "" || f.output == "":
		return fail(errors.New("--input GLOB and --output PREFIX are required"))
	case f.shards < 1:
		return fail(fmt.Errorf("--shards %d: at least 1", f.shards))
	}
	cfg, err := f.config()
	if err != nil {
		var problems blueprint.Problems
		if errors.As(err, &problems) {
			fmt.Fprintln(stderr, err) // a blueprint's problems name their file, line and column
			return exitUsage
		}
		return fail(err)
	}
	p, s := beam.NewPipelineWithRoot()
	switch cmd {
	case "score":
		pipeline.ScoreFiles(s, cfg, f.input, f.output, f.shards)
	case "moments", "leverage", "fit", "compare":
		opt, err := f.analysis(cmd)
		if err == nil {
			err = pipeline.CheckAnalysis(cfg, opt)
		}
		if err != nil {
			return fail(err)
		}
		visits, rejects := pipeline.ReadVisits(s, cfg, f.input)
		pipeline.WriteRejects(s, f.output, rejects)
		pipeline.WriteFiles(s, f.output+"-", analyse(s, cfg, visits, opt))
	default:
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	if err := beamx.Run(ctx, p); err != nil {
		fmt.Fprintf(stderr, "peakend-beam %s: %v\n", cmd, err)
		return 1
	}
	return 0
}

// analysis returns the options of analysis cmd from the flags.
func (f *flags) analysis(cmd string) (any, error) {
	var features []string
	if f.features != "" {
		features = strings.Split(f.features, ",")
	}
	switch cmd {
	case "moments":
		return pipeline.MomentsOptions{Lang: f.lang, Format: f.format}, nil
	case "leverage":
		opt := pipeline.LeverageOptions{Journey: f.journey, Resamples: f.resamples, Seed: f.seed, Lang: f.lang, Format: f.format}
		if f.endRating != "" {
			x, err := strconv.ParseFloat(f.endRating, 64)
			if err != nil {
				return nil, fmt.Errorf("--end-rating %q is not a number", f.endRating)
			}
			opt.EndRating = &x
		}
		return opt, nil
	case "fit":
		return pipeline.FitOptions{Features: features, Robust: f.robust, Cluster: f.cluster}, nil
	}
	return pipeline.CompareOptions{Resamples: f.resamples, Seed: f.seed, Window: f.window, HalfLife: f.halfLife,
		Cluster: f.cluster, Folds: f.folds, Repeats: f.repeats}, nil
}

// analyse builds the analysis whose options opt are.
func analyse(s beam.Scope, cfg pipeline.Config, visits beam.PCollection, opt any) beam.PCollection {
	switch o := opt.(type) {
	case pipeline.MomentsOptions:
		return pipeline.Moments(s, cfg, visits, o)
	case pipeline.LeverageOptions:
		return pipeline.Leverage(s, cfg, visits, o)
	case pipeline.FitOptions:
		return pipeline.Fit(s, cfg, visits, o)
	}
	return pipeline.Compare(s, cfg, visits, opt.(pipeline.CompareOptions))
}

// config builds the pipeline's Config from the flags, loading and
// validating the blueprint before the pipeline is built.
func (f *flags) config() (pipeline.Config, error) {
	cfg := pipeline.Config{Scale: scoring.DefaultScale, TimeZone: f.tz, Verbatim: f.verbatim, Words: words}
	if f.blueprint != "" {
		files, name, err := blueprintFiles(f.blueprint)
		if err != nil {
			return cfg, err
		}
		cfg.Blueprint, cfg.BlueprintName = files, name
		b, err := cfg.Load()
		if err != nil {
			return cfg, err
		}
		cfg.Scale = mot.ScoringScale(b)
		cfg.Features.Steps = mot.StepOrder(b) // tied moments in the journeys' order, as peakend score orders them
	}
	var err error
	if cfg.Scale, err = f.scaleOf(cfg.Scale); err != nil {
		return cfg, err
	}
	if cfg.Encoding, err = scoring.ParseEncoding(f.encoding); err != nil {
		return cfg, fmt.Errorf("--encoding %q: say utf-8 or gb18030", f.encoding)
	}
	if f.missing != "" {
		if cfg.Missing, err = scoring.ParseMissingRatings(f.missing); err != nil {
			return cfg, fmt.Errorf("--missing %q: say reject-visit or skip", f.missing)
		}
	}
	switch strings.ToLower(f.sep) {
	case "":
	case "comma", ",":
		cfg.Separator = ','
	case "tab", `\t`:
		cfg.Separator = '\t'
	case "semicolon", ";":
		cfg.Separator = ';'
	default:
		return cfg, fmt.Errorf("--sep %q: say comma, tab or semicolon", f.sep)
	}
	return cfg, cfg.Check()
}

// scaleOf applies --scale, --neutral and --higher to the scale s.
func (f *flags) scaleOf(s scoring.Scale) (scoring.Scale, error) {
	s, err := scoring.ScaleText{Range: f.scale, Neutral: f.neutral, Higher: f.higher}.Apply(s)
	if e := (*scoring.ScaleTextError)(nil); errors.As(err, &e) { // the flags are named as the fields
		return s, fmt.Errorf("--%s %q: %s", e.Field, e.Text, e.Hint)
	}
	return s, err
}

// blueprintFiles reads the blueprint at path and the files it extends,
// as the peakend command finds them: a relative path is read from the
// working directory, so that it may extend files beside and above it
// there; any other from its own directory. The files are those the
// loader opens.
func blueprintFiles(path string) (map[string][]byte, string, error) {
	root, name := ".", filepath.ToSlash(filepath.Clean(path))
	if filepath.IsAbs(path) || name == ".." || strings.HasPrefix(name, "../") {
		root, name = filepath.Dir(path), filepath.Base(path)
	}
	rec := &recordingFS{fsys: os.DirFS(root), files: map[string][]byte{}}
	if _, _, err := mot.LoadFS(rec, name); err != nil {
		return nil, "", err
	}
	return rec.files, name, nil
}

// A recordingFS keeps the content of every file read through it.
type recordingFS struct {
	fsys  fs.FS
	files map[string][]byte
}

func (r *recordingFS) Open(name string) (fs.File, error) {
	if b, err := fs.ReadFile(r.fsys, name); err == nil {
		r.files[name] = b
	}
	return r.fsys.Open(name)
}

func (r *recordingFS) ReadFile(name string) ([]byte, error) {
	b, err := fs.ReadFile(r.fsys, name)
	if err == nil {
		r.files[name] = b
	}
	return b, err
}
