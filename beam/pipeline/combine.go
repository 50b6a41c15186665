package pipeline

import (
	"bytes"
	"encoding"
	"fmt"
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/scoring"
	"github.com/peakend/peakend/scoring/analyze"
)

// The analyses of moments, leverage, fit and compare run as Beam
// CombineFns over the library's own accumulators: each worker adds its
// visits to a mot.Observer, mot.LeverageMeter, analyze.Fitter or
// analyze.Comparer made as the single machine makes it, the runner
// merges them with their Merge methods, and they travel between
// workers in their binary form (MarshalBinary). Each analysis is
// combined per site (CombinePerKey on Visit.Site), and the sites'
// accumulators are merged again into the whole data's, so that every
// visit is added once. Journeys are rows of every report already.
//
// Each function returns a PCollection of KV<string, []byte>: a file's
// name below the output prefix and its content, exactly what the
// single-machine command writes (WriteFiles writes them):
//
//	moments.csv                  all visits
//	moments/site=<site>.csv      the visits of one site
//	moments/no-site.csv          the visits without a site
//
// with the analysis's name in place of moments, and .json or .txt
// (the table) when MomentsOptions or LeverageOptions ask for that
// format. A site's name is kept as it is where it is a letter, a digit,
// '-', '_' or '.', and written as %XX (its UTF-8 bytes) otherwise, so
// that no name makes a path outside the prefix. An analysis the data of
// one site cannot give (a fit on too few visits, say) writes, instead of
// its file, <file>.error with the library's message; one the whole data
// cannot give fails the pipeline, as the single machine fails.

// MomentsOptions are peakend moments' flags.
type MomentsOptions struct {
	Lang   string // language of names; "" for the blueprint's locale
	Format string // "csv" (or ""), "json" or "table"
}

// LeverageOptions are peakend leverage's flags.
type LeverageOptions struct {
	Journey string // keep this journey only; "" for all
	// EndRating is the rating of the better end appended; nil for the
	// scale's best. (A pointer, not NA: Beam sends options as JSON,
	// which has no NaN.)
	EndRating *float64
	// Resamples and Seed are the bootstrap's (the command's default
	// replicates are mot.DefaultResamples and its seed 1).
	Resamples int
	Seed      uint64
	Lang      string
	Format    string // "csv" (or "") or "table"
}

// FitOptions are peakend fit's flags.
type FitOptions struct {
	Features []string // nil for analyze.DefaultFeatures()
	Robust   bool
	Cluster  string // "", "customer", "site" or "purpose"
}

// CompareOptions are peakend compare's flags.
type CompareOptions struct {
	// Resamples and Seed are the bootstrap's (the command's defaults
	// are 1000 and 1); Seed also draws the folds.
	Resamples int
	Seed      uint64
	Window    float64 // also peak-end with the end as the mean of the last Window seconds; 0 for none
	HalfLife  float64 // of the recency rule, in moments; 0 for the command's 2
	Cluster   string  // "", "customer", "site" or "purpose"
	// Folds, when positive, cross-validates with Folds folds repeated
	// Repeats times (0 for the command's 10) instead of the bootstrap.
	Folds, Repeats int
}

// Moments returns the moments reports of visits, a PCollection of
// scoring.Visit, as peakend moments writes them.
func Moments(s beam.Scope, cfg Config, visits beam.PCollection, opt MomentsOptions) beam.PCollection {
	return combine(s.Scope("moments"), analysis{Kind: momentsKind, Config: cfg, Moments: opt}, visits)
}

// Leverage returns the leverage reports of visits, as peakend leverage
// writes them.
func Leverage(s beam.Scope, cfg Config, visits beam.PCollection, opt LeverageOptions) beam.PCollection {
	return combine(s.Scope("leverage"), analysis{Kind: leverageKind, Config: cfg, Leverage: opt}, visits)
}

// Fit returns the fits of visits, as peakend fit writes them.
func Fit(s beam.Scope, cfg Config, visits beam.PCollection, opt FitOptions) beam.PCollection {
	return combine(s.Scope("fit"), analysis{Kind: fitKind, Config: cfg, Fit: opt}, visits)
}

// Compare returns the comparisons of rules on visits, as peakend
// compare writes them.
func Compare(s beam.Scope, cfg Config, visits beam.PCollection, opt CompareOptions) beam.PCollection {
	return combine(s.Scope("compare"), analysis{Kind: compareKind, Config: cfg, Compare: opt}, visits)
}

// check returns the first error the analysis would meet on every
// worker: a blueprint that does not load, an unknown feature, journey
// or cluster, a bad format.
func (a analysis) check() error {
	_, err := a.fresh()
	if err == nil {
		_, err = a.extension()
	}
	return err
}

func combine(s beam.Scope, a analysis, visits beam.PCollection) beam.PCollection {
	bySite := beam.ParDo(s, keyBySite, visits)
	sites := beam.CombinePerKey(s, &visitsFn{A: a}, bySite)
	perSite := beam.ParDo(s, &renderSiteFn{A: a}, sites)
	// The whole is the sites merged, seeded with an empty accumulator so
	// that data without visits still has its report.
	states := beam.Flatten(s, beam.DropKey(s, sites), beam.Create(s, &state{}))
	whole := beam.ParDo(s, &renderWholeFn{A: a}, beam.Combine(s, &statesFn{A: a}, states))
	return beam.Flatten(s, whole, perSite)
}

// CheckAnalysis returns what Moments, Leverage, Fit or Compare (kind
// "moments", "leverage", "fit" or "compare") would refuse of cfg and
// opt, one of MomentsOptions, LeverageOptions, FitOptions or
// CompareOptions: call it before building the pipeline, whose workers
// would otherwise fail on them, each, once it runs.
func CheckAnalysis(cfg Config, opt any) error {
	a := analysis{Config: cfg}
	switch o := opt.(type) {
	case MomentsOptions:
		a.Kind, a.Moments = momentsKind, o
	case LeverageOptions:
		a.Kind, a.Leverage = leverageKind, o
	case FitOptions:
		a.Kind, a.Fit = fitKind, o
	case CompareOptions:
		a.Kind, a.Compare = compareKind, o
	default:
		return fmt.Errorf("peakend pipeline: options of type %T are of no analysis", opt)
	}
	return a.check()
}

const (
	momentsKind  = "moments"
	leverageKind = "leverage"
	fitKind      = "fit"
	compareKind  = "compare"
)

// An analysis is one of the four with its options: plain values, as
// Beam sends the functions that hold it to the workers as JSON.
type analysis struct {
	Kind     string
	Config   Config
	Moments  MomentsOptions  `json:",omitempty"`
	Leverage LeverageOptions `json:",omitempty"`
	Fit      FitOptions      `json:",omitempty"`
	Compare  CompareOptions  `json:",omitempty"`
}

// An accumulator is one of the library's: it adds visits and travels
// in its binary form.
type accumulator interface {
	scoring.Accumulator
	encoding.BinaryMarshaler
	encoding.BinaryUnmarshaler
}

// fresh returns an empty accumulator of the analysis, made as the
// single-machine command makes it.
func (a analysis) fresh() (accumulator, error) {
	switch a.Kind {
	case momentsKind, leverageKind:
		b, err := a.Config.Load()
		if err != nil {
			return nil, err
		}
		if b == nil {
			return nil, fmt.Errorf("%s needs a blueprint", a.Kind)
		}
		if a.Kind == momentsKind {
			return mot.NewObserver(b, a.Config.Scale), nil
		}
		opt := a.Leverage
		end := a.Config.Scale.Best()
		if opt.EndRating != nil {
			end = *opt.EndRating
		}
		if opt.Journey != "" && !hasJourney(b.Journeys, opt.Journey) {
			return nil, fmt.Errorf("the blueprint has no journey %q", opt.Journey)
		}
		m := mot.NewLeverageMeter(b, a.Config.Scale, end)
		m.Resamples, m.Seed = opt.Resamples, opt.Seed
		return m, nil
	case fitKind:
		by, err := analyze.ParseCluster(a.Fit.Cluster)
		if err != nil {
			return nil, err
		}
		features := a.Fit.Features
		if features == nil {
			features = analyze.DefaultFeatures()
		}
		return analyze.NewFitterWith(features, analyze.FitOptions{Robust: a.Fit.Robust, Cluster: by})
	case compareKind:
		by, err := analyze.ParseCluster(a.Compare.Cluster)
		if err != nil {
			return nil, err
		}
		return analyze.NewClusteredComparer(scoring.CompareRules(a.halfLife(), a.Compare.Window), by), nil
	}
	return nil, fmt.Errorf("no analysis %q", a.Kind)
}

func hasJourney(js []blueprint.Journey, id string) bool {
	for _, j := range js {
		if j.ID == id {
			return true
		}
	}
	return false
}

func (a analysis) halfLife() float64 {
	if a.Compare.HalfLife == 0 {
		return 2
	}
	return a.Compare.HalfLife
}

// features are the feature options the command computes the visits'
// features with: moments and leverage take no feature flags, but order
// tied moments by the blueprint's steps (Config.Features.Steps), as
// peakend moments and leverage do.
func (a analysis) features() scoring.FeatureOptions {
	if a.Kind == fitKind || a.Kind == compareKind {
		return a.Config.Features
	}
	return scoring.FeatureOptions{Steps: a.Config.Features.Steps}
}

// add adds visit v to acc, with its features.
func (a analysis) add(acc accumulator, v *scoring.Visit) {
	f := scoring.ComputeWith(v, a.Config.Scale, a.features())
	acc.Add(v, &f)
}

// merge merges other into acc: both of the analysis, so of one type.
func merge(acc, other accumulator) error {
	switch x := acc.(type) {
	case *mot.Observer:
		return x.Merge(other.(*mot.Observer))
	case *mot.LeverageMeter:
		return x.Merge(other.(*mot.LeverageMeter))
	case *analyze.Fitter:
		return x.Merge(other.(*analyze.Fitter))
	case *analyze.Comparer:
		return x.Merge(other.(*analyze.Comparer))
	}
	return fmt.Errorf("no merge of a %T", acc)
}

// render writes the result of acc as the command writes it.
func (a analysis) render(acc accumulator) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	switch x := acc.(type) {
	case *mot.Observer:
		r := x.Report(a.Moments.Lang)
		switch a.Moments.Format {
		case "json":
			err = r.WriteJSON(&buf)
		case "table":
			err = r.WriteTable(&buf)
		default:
			err = r.WriteCSV(&buf)
		}
	case *mot.LeverageMeter:
		r := x.Report(a.Leverage.Lang)
		if a.Leverage.Journey != "" {
			r.Only(a.Leverage.Journey)
		}
		if a.Leverage.Format == "table" {
			err = r.WriteTable(&buf)
		} else {
			err = r.WriteCSV(&buf)
		}
	case *analyze.Fitter:
		var res *analyze.FitResult
		if res, err = x.Result(); err == nil {
			err = res.WriteCSV(&buf)
		}
	case *analyze.Comparer:
		err = a.writeComparison(&buf, x)
	default:
		err = fmt.Errorf("no result of a %T", acc)
	}
	return buf.Bytes(), err
}

func (a analysis) writeComparison(buf *bytes.Buffer, c *analyze.Comparer) error {
	if err := c.Err(); err != nil {
		return err
	}
	opt := a.Compare
	if opt.Folds > 0 {
		repeats := opt.Repeats
		if repeats == 0 {
			repeats = 10
		}
		cv, err := c.CrossValidate(opt.Folds, repeats, opt.Seed)
		if err != nil {
			return err
		}
		return analyze.WriteCrossValidationCSV(buf, cv)
	}
	return analyze.WriteComparisonsCSV(buf, c.Results(opt.Resamples, opt.Seed))
}

// extension is the file extension of the analysis's format.
func (a analysis) extension() (string, error) {
	format := ""
	switch a.Kind {
	case momentsKind:
		format = a.Moments.Format
	case leverageKind:
		format = a.Leverage.Format
		if format == "json" {
			return "", fmt.Errorf("leverage is written as csv or table, not json")
		}
	}
	switch format {
	case "", "csv":
		return ".csv", nil
	case "json":
		return ".json", nil
	case "table":
		return ".txt", nil
	}
	return "", fmt.Errorf("no format %q; formats are csv, json and table", format)
}

// fileName is the name, below the output prefix, of the result for a
// site, or for the whole data.
func (a analysis) fileName(site string, whole bool) string {
	ext, _ := a.extension() // checked when the pipeline was built
	switch {
	case whole:
		return a.Kind + ext
	case site == "":
		return a.Kind + "/no-site" + ext
	}
	return a.Kind + "/site=" + escapeSite(site) + ext
}

// escapeSite keeps letters, digits, '-', '_' and '.' of a site's name
// and writes every other byte as %XX, and a leading '.' too: no name
// becomes a separator, "..", or a hidden file.
func escapeSite(site string) string {
	var b strings.Builder
	for i := 0; i < len(site); {
		r, size := utf8.DecodeRuneInString(site[i:])
		keep := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == '.' && i > 0
		if keep {
			b.WriteString(site[i : i+size])
		}
		for ; !keep && size > 0; size-- { // the bytes as they are, valid UTF-8 or not
			fmt.Fprintf(&b, "%%%02X", site[i])
			i++
		}
		i += size
	}
	return b.String()
}

// A state is an accumulator on its way through the pipeline: the
// accumulator itself on the worker that made or decoded it, or its
// binary form as it arrived, decoded (opened) by the first function
// that needs it, which knows the analysis. An empty state stands for
// an empty accumulator.
type state struct {
	acc  accumulator
	data []byte
}

func encodeState(s *state) ([]byte, error) {
	if s.acc != nil {
		return s.acc.MarshalBinary()
	}
	return s.data, nil
}

func decodeState(data []byte) (*state, error) {
	return &state{data: bytes.Clone(data)}, nil
}

// open returns the accumulator of s, decoding it on first use.
func (a analysis) open(s *state) (accumulator, error) {
	if s.acc != nil {
		return s.acc, nil
	}
	acc, err := a.fresh()
	if err != nil {
		return nil, err
	}
	if len(s.data) > 0 {
		if err := acc.UnmarshalBinary(s.data); err != nil {
			return nil, fmt.Errorf("peakend pipeline: %s: %w", a.Kind, err)
		}
	}
	s.acc, s.data = acc, nil
	return acc, nil
}

// mergeStates merges b into a.
func (a analysis) mergeStates(x, y *state) (*state, error) {
	ax, err := a.open(x)
	if err != nil {
		return nil, err
	}
	ay, err := a.open(y)
	if err != nil {
		return nil, err
	}
	return x, merge(ax, ay)
}

// visitsFn combines visits into an analysis's accumulator.
type visitsFn struct{ A analysis }

func (f *visitsFn) CreateAccumulator() (*state, error) {
	acc, err := f.A.fresh()
	return &state{acc: acc}, err
}

func (f *visitsFn) AddInput(s *state, v scoring.Visit) (*state, error) {
	acc, err := f.A.open(s)
	if err != nil {
		return nil, err
	}
	f.A.add(acc, &v)
	return s, nil
}

func (f *visitsFn) MergeAccumulators(x, y *state) (*state, error) { return f.A.mergeStates(x, y) }

func (f *visitsFn) ExtractOutput(s *state) *state { return s }

// statesFn merges the accumulators of the sites into the whole's.
type statesFn struct{ A analysis }

func (f *statesFn) CreateAccumulator() *state { return &state{} }

func (f *statesFn) AddInput(s, in *state) (*state, error) { return f.A.mergeStates(s, in) }

func (f *statesFn) MergeAccumulators(x, y *state) (*state, error) { return f.A.mergeStates(x, y) }

func (f *statesFn) ExtractOutput(s *state) *state { return s }

func keyBySite(v scoring.Visit) (string, scoring.Visit) { return v.Site, v }

// renderSiteFn writes a site's result, or what kept it from one.
type renderSiteFn struct{ A analysis }

func (f *renderSiteFn) ProcessElement(site string, s *state, emit func(string, []byte)) error {
	name := f.A.fileName(site, false)
	acc, err := f.A.open(s)
	if err != nil {
		return err // a worker of another build, or garbled state: nothing is right
	}
	out, err := f.A.render(acc)
	if err != nil {
		emit(name+".error", []byte(err.Error()+"\n"))
		return nil
	}
	emit(name, out)
	return nil
}

// renderWholeFn writes the whole data's result; one it cannot give
// fails the pipeline.
type renderWholeFn struct{ A analysis }

func (f *renderWholeFn) ProcessElement(s *state, emit func(string, []byte)) error {
	acc, err := f.A.open(s)
	if err != nil {
		return err
	}
	out, err := f.A.render(acc)
	if err != nil {
		return fmt.Errorf("peakend pipeline: %s: %w", f.A.Kind, err)
	}
	emit(f.A.fileName("", true), out)
	return nil
}

func init() {
	beam.RegisterCoder(reflect.TypeOf((*state)(nil)), encodeState, decodeState)
	register.Function1x2(keyBySite)
	register.Combiner3[*state, scoring.Visit, *state](&visitsFn{})
	register.Combiner3[*state, *state, *state](&statesFn{})
	register.DoFn3x1[string, *state, func(string, []byte), error](&renderSiteFn{})
	register.DoFn2x1[*state, func(string, []byte), error](&renderWholeFn{})
	register.Emitter2[string, []byte]()
}
