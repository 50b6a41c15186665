package report

import (
	"fmt"
	"strconv"
	"time"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/scoring"
)

// A Builder reads visits once for the report: an Observer for where
// peaks, worst moments and ends fall and how standards fare, a
// LeverageMeter for where to invest, and Distributions for the quartile
// bands and the spread of scores. Its memory, like theirs, does not grow
// with the visits.
type Builder struct {
	Observer      *mot.Observer
	Leverage      *mot.LeverageMeter
	Distributions *Distributions

	b     *blueprint.Blueprint
	scale scoring.Scale
}

// New returns a Builder of the report of visits to blueprint b rated on
// scale s; "a better end" appends a last moment rated endRating.
func New(b *blueprint.Blueprint, s scoring.Scale, endRating float64) *Builder {
	leverage := mot.NewLeverageMeter(b, s, endRating)
	leverage.Resamples = 0 // the report draws the gains, not their intervals: no bootstrap to pay for
	return &Builder{
		Observer:      mot.NewObserver(b, s),
		Leverage:      leverage,
		Distributions: NewDistributions(b, s),
		b:             b, scale: s,
	}
}

var _ scoring.Accumulator = (*Builder)(nil)

// Add counts visit v with features f in each accumulator; a nil visit
// or features count nothing.
func (r *Builder) Add(v *scoring.Visit, f *scoring.Features) {
	r.Observer.Add(v, f)
	r.Leverage.Add(v, f)
	r.Distributions.Add(v, f)
}

// Data is everything the report shows, as numbers: WriteHTML draws it
// and WriteJSON writes it for dashboards (schema.json describes it).
// Shares are fractions of a journey's visits; ratings are on the scale.
type Data struct {
	// Lang is the language of the names and words; Chinese when it is
	// zh or a zh- tag, else English.
	Lang    string
	Title   string   // the blueprint's name
	Files   []string // the visit files read, as named
	Scale   Scale
	Visits  int
	Dates   *Dates // nil when the moments' times are not dates
	Fit     *Fit   // nil when the visits carry too few remembered ratings
	Journey string // the one journey shown, when only one is

	Journeys          []Journey
	UnknownPurpose    []Count // visits whose purpose is no journey of the blueprint
	UnknownTouchpoint []Count // touchpoints of visits that the blueprint lacks
}

// Scale is the rating scale as the report draws it.
type Scale struct {
	Min, Max, Neutral float64
	HigherIsWorse     bool
}

// Dates is the span of the moments' start times, when they are Unix
// times (from 2000 on), as UTC dates.
type Dates struct {
	From, To string
}

// Fit is the least-squares fit of remembered ratings that ranks the
// levers.
type Fit struct {
	R2     float64
	Visits int
}

// A Journey is one journey's page.
type Journey struct {
	ID, Name    string
	Visits      int
	MeanPeakEnd Number
	// PeakEnd is the distribution of the visits' peak-end scores.
	PeakEnd   []Bin
	Steps     []Step
	Findings  []Finding
	Levers    []Lever // strongest first
	BetterEnd *Lever  // nil without visits
	// RankedBy says what orders Levers: "remembered" (the fit's
	// prediction) or "peak-end".
	RankedBy  string
	Standards []Standard // of the journey's steps
}

// A Step is one touchpoint of a journey: the journey's steps in order,
// then any other touchpoint its visits passed (InJourney false).
type Step struct {
	ID, Name  string
	Declared  string // peak, end, peak+end, or empty
	InJourney bool
	Visits    int // visits through it
	Ratings   int // ratings of it
	Mean      Number
	Q1        Number // the 25% quantile of its ratings
	Median    Number
	Q3        Number // the 75% quantile
	// Shares of the journey's visits whose peak, worst, best moment and
	// end it is.
	PeakShare, WorstShare, BestShare, EndShare float64
	FailShare                                  Number // of its ratings
}

// A Finding is one of mot's findings, with its text in the report's
// language.
type Finding struct {
	Kind       string
	Text       string
	Touchpoint string
	Share      float64
	Rival      string
	RivalShare float64
}

// A Lever is the effect of one point better at a touchpoint (or of "a
// better end") on the journey's mean peak-end and predicted remembered
// rating.
type Lever struct {
	Touchpoint, Name, Declared string
	Visits                     int
	PeakEnd                    float64
	Remembered                 Number // null without a fit
}

// A Standard is a standard's target and baseline beside the share of
// measured moments that meet it.
type Standard struct {
	Touchpoint, Name string
	Target           float64
	Upper            bool // the target is a maximum
	Unit             string
	Baseline         Number
	Tolerance        float64 // a wait's tolerance in minutes; 0 otherwise
	Measured         int     // 0 when the visits do not carry the quantity
	Met              Number  // share of measured moments meeting the target
	Tolerated        Number  // share within the tolerance; null without one
}

// Data returns the report of the visits added, in language lang (the
// blueprint's locale when empty), naming the visit files read.
func (r *Builder) Data(lang string, files []string) *Data {
	if lang == "" {
		lang = r.b.Locale
	}
	obs := r.Observer.Report(lang)
	lev := r.Leverage.Report(lang)
	d := &Data{Lang: lang, Title: r.b.Text(r.b.Name, lang), Files: files, Visits: obs.Visits,
		Scale:          Scale{r.scale.Min, r.scale.Max, r.scale.Neutral, r.scale.HigherIsWorse},
		Dates:          r.Distributions.dates(),
		UnknownPurpose: obs.UnknownPurpose, UnknownTouchpoint: obs.UnknownTouchpoint}
	if lev.Fit != nil {
		d.Fit = &Fit{R2: lev.Fit.R2, Visits: lev.Fit.N}
	}
	for i, jr := range obs.Journeys {
		d.Journeys = append(d.Journeys, r.journey(jr, lev.Journeys[i], lev.Fit != nil, obs.Standards, lang))
	}
	return d
}

func (r *Builder) journey(jr mot.JourneyReport, jl mot.JourneyLeverage, fitted bool, standards []mot.StandardReport, lang string) Journey {
	j := Journey{ID: jr.ID, Name: jr.Name, Visits: jr.Visits, MeanPeakEnd: Number(jr.MeanPeakEnd), RankedBy: "peak-end"}
	if fitted {
		j.RankedBy = "remembered"
	}
	if h := r.Distributions.PeakEnd(jr.ID); h != nil {
		j.PeakEnd = h.Bins()
	}
	declaredSteps, _ := r.b.Journey(jr.ID)
	for _, t := range jr.Touchpoints {
		j.Steps = append(j.Steps, r.step(jr.ID, t, declaredSteps))
	}
	for _, f := range jr.Findings {
		j.Findings = append(j.Findings, Finding{Kind: f.Kind.String(), Text: f.Text(lang), Touchpoint: f.Touchpoint, Share: f.Share, Rival: f.Rival, RivalShare: f.RivalShare})
	}
	for _, l := range jl.Levers {
		j.Levers = append(j.Levers, lever(l))
	}
	if jl.Visits > 0 {
		be := lever(jl.BetterEnd)
		j.BetterEnd = &be
	}
	for _, s := range standards {
		if containsStep(declaredSteps, s.Touchpoint) {
			j.Standards = append(j.Standards, standard(s))
		}
	}
	return j
}

func containsStep(j *blueprint.Journey, tp string) bool {
	if j == nil {
		return false
	}
	for _, s := range j.Steps {
		if s == tp {
			return true
		}
	}
	return false
}

func (r *Builder) step(journey string, t mot.TouchpointReport, j *blueprint.Journey) Step {
	s := Step{ID: t.ID, Name: t.Name, Declared: t.Declared, InJourney: containsStep(j, t.ID), Visits: t.Visits,
		Mean: Number(t.MeanRating), Q1: Number(scoring.NA), Median: Number(scoring.NA), Q3: Number(scoring.NA),
		PeakShare: t.PeakShare, WorstShare: t.WorstShare, BestShare: t.BestShare, EndShare: t.EndShare, FailShare: Number(t.FailShare)}
	if h := r.Distributions.Ratings(journey, t.ID); h != nil {
		s.Ratings = h.N()
		s.Q1, s.Median, s.Q3 = Number(h.Quantile(0.25)), Number(h.Quantile(0.5)), Number(h.Quantile(0.75))
	}
	return s
}

func lever(l mot.Lever) Lever {
	return Lever{Touchpoint: l.Touchpoint, Name: l.Name, Declared: l.Declared, Visits: l.Visits, PeakEnd: l.PeakEnd, Remembered: Number(l.Remembered)}
}

func standard(s mot.StandardReport) Standard {
	out := Standard{Touchpoint: s.Touchpoint, Name: s.Name, Target: s.Target, Upper: s.Upper, Unit: s.Unit, Baseline: Number(scoring.NA),
		Tolerance: s.Tolerance, Measured: s.Measured, Met: Number(scoring.NA), Tolerated: Number(scoring.NA)}
	if s.Baseline != nil {
		out.Baseline = Number(*s.Baseline)
	}
	if s.Measured > 0 {
		out.Met = Number(s.Met)
		if s.Tolerance > 0 {
			out.Tolerated = Number(s.Tolerated)
		}
	}
	return out
}

// unixFrom is 2000-01-01 in Unix seconds: times from it on are taken
// for dates, smaller ones for seconds from each visit's start.
const unixFrom = 946684800

func (d *Distributions) dates() *Dates {
	if scoring.IsNA(d.earliest) || d.earliest < unixFrom || d.untimed > 0 {
		return nil
	}
	day := func(t float64) string { return time.Unix(int64(t), 0).UTC().Format(time.DateOnly) }
	return &Dates{From: day(d.earliest), To: day(d.latest)}
}

// Only keeps journey id alone in the report; false when the report has
// no such journey.
func (d *Data) Only(id string) bool {
	for _, j := range d.Journeys {
		if j.ID == id {
			d.Journeys, d.Journey = []Journey{j}, id
			return true
		}
	}
	return false
}

// Number is a float64 that JSON writes as null when it is not available
// (scoring.NA).
type Number float64

// MarshalJSON writes the number in its shortest form, or null.
func (n Number) MarshalJSON() ([]byte, error) {
	if scoring.IsNA(float64(n)) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, float64(n), 'g', -1, 64), nil
}

// NA reports whether the number is not available.
func (n Number) NA() bool { return scoring.IsNA(float64(n)) }

// A Count is how many visits had a purpose or touchpoint the blueprint
// lacks, with a few of them.
type Count = mot.Count

// Merge adds the counts of other, a Builder of the same blueprint, scale
// and end rating that read other visits (another range of a file, on
// another core): the result is that of one Builder that read both.
func (r *Builder) Merge(other *Builder) error {
	if other == nil {
		return nil
	}
	if r.b != other.b || r.scale != other.scale {
		return fmt.Errorf("report: Builder.Merge: %w (another blueprint or scale)", ErrMismatch)
	}
	if err := r.Observer.Merge(other.Observer); err != nil {
		return err
	}
	if err := r.Leverage.Merge(other.Leverage); err != nil {
		return err
	}
	return r.Distributions.Merge(other.Distributions)
}
