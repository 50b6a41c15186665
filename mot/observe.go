package mot

import (
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/scoring"
)

// An Observer counts, over recorded visits, where each journey's peaks,
// worst and best moments and ends fall, and how the standards fare, to
// set beside what the blueprint declares: step 2 of the study's five
// steps, "analyse data". It keeps counters per journey and touchpoint,
// so its memory does not grow with the visits.
type Observer struct {
	b     *blueprint.Blueprint
	steps scoring.StepOrder // b's, for the order of moments
	scale scoring.Scale
	// FailAt is the rating at or below which a moment counts as failed
	// (on a higher-is-worse scale: at or above). NewObserver sets it
	// halfway between the worst rating and neutral.
	FailAt float64

	visits            int
	known             map[string]bool // the blueprint's touchpoints
	journeys          map[string]*journeyCount
	byPurpose         journeys[*journeyCount] // journeys found by purpose
	unknownPurpose    *tally
	unknownTouchpoint *tally
	standards         []*standardCount
}

type journeyCount struct {
	visits      int
	sumPeakEnd  float64
	touchpoints map[string]*touchpointCount
	// atPlace remembers the touchpoint last met at each place of a
	// visit: a journey's visits pass its touchpoints in the same order,
	// so that most moments are found without hashing their touchpoint.
	atPlace [16]placed
}

type placed struct {
	touchpoint string
	count      *touchpointCount
}

// count returns the count of touchpoint tp, met at place i of a visit,
// made when it is the first.
func (j *journeyCount) count(tp string, i int) *touchpointCount {
	at := &j.atPlace[i&(len(j.atPlace)-1)]
	if at.count != nil && (sameText(at.touchpoint, tp) || at.touchpoint == tp) {
		at.touchpoint = tp // the reader's text, which the next visits share
		return at.count
	}
	tc := j.touchpoints[tp]
	if tc == nil {
		tc = &touchpointCount{}
		j.touchpoints[tp] = tc
	}
	at.touchpoint, at.count = tp, tc
	return tc
}

type touchpointCount struct {
	visits                 int // visits through it
	peak, worst, best, end int
	ratings, fails         int
	sumRating, sumPeakEnd  float64

	// Not counts, neither merged nor encoded: what Add remembers.
	lastVisit      int              // the Observer's count of visits when one last passed here
	checked, known bool             // known: the touchpoint is the blueprint's, once checked
	standards      []*standardCount // the timed standards of the touchpoint, once checked
}

// tally counts names with a few examples of visits.
type tally struct {
	count    map[string]int
	examples map[string][]string
}

func newTally() *tally { return &tally{count: map[string]int{}, examples: map[string][]string{}} }

func (t *tally) add(name, visit string) {
	t.count[name]++
	t.examples[name] = withExample(t.examples[name], visit)
}

// withExample returns examples, the smallest visit ids in order, with
// visit among them if it is one of the three smallest: examples that
// depend on which visits were counted, not on the order they came in
// or were merged in.
func withExample(examples []string, visit string) []string {
	i, found := slices.BinarySearch(examples, visit)
	if found || i >= 3 {
		return examples
	}
	examples = slices.Insert(examples, i, visit)
	return examples[:min(len(examples), 3)]
}

// A Count is how many visits had an unknown purpose or touchpoint.
type Count struct {
	Name     string
	Visits   int
	Examples []string // up to three visit ids: the smallest, in order
}

func (t *tally) list() []Count {
	var out []Count
	for name, n := range t.count {
		out = append(out, Count{Name: name, Visits: n, Examples: t.examples[name]})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Visits != out[j].Visits {
			return out[i].Visits > out[j].Visits
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// standardCount measures one standard against the visits: a wait
// point's standard and tolerance, or a card's time standard, against
// the durations of the moments at its touchpoint.
type standardCount struct {
	report                   StandardReport
	seconds                  float64 // the target in seconds; 0 when not measurable
	tolerance                float64
	measured, met, tolerated int
}

// NewObserver returns an Observer of visits against blueprint b, with
// ratings on scale s: ScoringScale(b) for the blueprint's own, which is
// converted there, once; another only when the visits were rated on
// another scale.
func NewObserver(b *blueprint.Blueprint, s scoring.Scale) *Observer {
	o := &Observer{b: b, steps: StepOrder(b), scale: s, FailAt: (worstRating(s) + s.Neutral) / 2,
		journeys: map[string]*journeyCount{}, unknownPurpose: newTally(), unknownTouchpoint: newTally()}
	for _, j := range b.Journeys {
		o.journeys[j.ID] = &journeyCount{touchpoints: map[string]*touchpointCount{}}
	}
	o.byPurpose = journeysOf(o.journeys)
	o.known = map[string]bool{}
	for _, t := range b.Touchpoints {
		o.known[t.ID] = true
	}
	o.standards = standardsOf(b, "")
	return o
}

func worstRating(s scoring.Scale) float64 {
	if s.HigherIsWorse {
		return s.Max
	}
	return s.Min
}

// unitSeconds is how many seconds a unit of a time standard is.
var unitSeconds = map[string]float64{
	"s": 1, "sec": 1, "second": 1, "seconds": 1, "秒": 1,
	"min": 60, "mins": 60, "minute": 60, "minutes": 60, "分钟": 60, "分": 60,
	"h": 3600, "hour": 3600, "hours": 3600, "小时": 3600,
}

func standardsOf(b *blueprint.Blueprint, lang string) []*standardCount {
	var out []*standardCount
	for _, t := range b.Touchpoints {
		if t.Wait == nil || t.Wait.Standard == 0 {
			continue
		}
		std := t.Wait.Standard.Minutes()
		out = append(out, &standardCount{
			report:    StandardReport{Touchpoint: t.ID, Name: waitStandard, Target: std, Upper: true, Unit: "min", Tolerance: t.Wait.Tolerance.Minutes()},
			seconds:   t.Wait.Standard.Seconds(),
			tolerance: t.Wait.Tolerance.Seconds(),
		})
	}
	for _, m := range b.Cards {
		for _, s := range m.Standards {
			target, upper, ok := s.Target()
			if !ok {
				continue
			}
			sc := &standardCount{report: StandardReport{Touchpoint: m.Touchpoint, Name: b.Text(s.Name, lang), Target: target, Upper: upper, Unit: s.Unit, Baseline: s.Baseline}}
			if per, ok := unitSeconds[strings.ToLower(s.Unit)]; ok && upper {
				sc.seconds = target * per
			}
			out = append(out, sc)
		}
	}
	return out
}

var _ scoring.Accumulator = (*Observer)(nil)

// Add counts visit v, with features f; a nil visit or features count
// nothing.
func (o *Observer) Add(v *scoring.Visit, f *scoring.Features) {
	if v == nil || f == nil {
		return
	}
	o.visits++
	j, ok := o.byPurpose.find(v.Purpose)
	if !ok {
		for _, m := range v.Moments {
			if !o.known[m.Touchpoint] {
				o.unknownTouchpoint.add(m.Touchpoint, v.ID)
			}
		}
		for _, sc := range o.standards {
			sc.add(v)
		}
		name := v.Purpose
		if name == "" {
			name = "(none)"
		}
		o.unknownPurpose.add(name, v.ID)
		return
	}
	if len(v.Moments) == 0 {
		return
	}
	j.visits++
	j.sumPeakEnd += f.PeakEnd
	worst, best := extremes(v, o.scale, o.steps)
	for i, m := range v.Moments {
		tc := j.count(m.Touchpoint, i)
		if !tc.checked { // one look in the blueprint per touchpoint, not per moment
			tc.checked, tc.known, tc.standards = true, o.known[m.Touchpoint], o.standardsAt(m.Touchpoint)
		}
		if !tc.known {
			o.unknownTouchpoint.add(m.Touchpoint, v.ID)
		}
		for _, sc := range tc.standards {
			sc.addMoment(&m)
		}
		tc.ratings++
		tc.sumRating += m.Rating
		if o.failed(m.Rating) {
			tc.fails++
		}
		if i == f.PeakMoment {
			tc.peak++
		}
		if i == worst {
			tc.worst++
		}
		if i == best {
			tc.best++
		}
		if i == f.EndMoment {
			tc.end++
		}
		if tc.lastVisit != o.visits { // the visit's first moment here: o.visits numbers the visits added
			tc.lastVisit = o.visits
			tc.visits++
			tc.sumPeakEnd += f.PeakEnd
		}
	}
}

func (o *Observer) failed(x float64) bool {
	if o.scale.HigherIsWorse {
		return x >= o.FailAt
	}
	return x <= o.FailAt
}

// extremes returns the indices of the first worst and first best
// moments in time order.
func extremes(v *scoring.Visit, s scoring.Scale, steps scoring.StepOrder) (worst, best int) {
	if scoring.Ordered(v, steps) { // nearly every visit: no order to allocate
		return extremesIn(v.Moments, s, nil)
	}
	return extremesIn(v.Moments, s, scoring.OrderWith(v, steps))
}

// extremesIn returns the indices of the first worst and first best of
// moments taken in order, or in their own order when order is nil.
func extremesIn(moments []scoring.Moment, s scoring.Scale, order []int) (worst, best int) {
	if order == nil {
		if worst, best, ok := extremesByKey(moments, s); ok {
			return worst, best
		}
	}
	for k := range moments {
		i := k
		if order != nil {
			i = order[k]
		}
		if k == 0 {
			worst, best = i, i
		}
		x := moments[i].Rating
		better := x > moments[best].Rating
		worse := x < moments[worst].Rating
		if s.HigherIsWorse {
			better, worse = x < moments[best].Rating, x > moments[worst].Rating
		}
		if better {
			best = i
		}
		if worse {
			worst = i
		}
	}
	return worst, best
}

// extremesByKey is extremesIn of moments in their own order, by integer
// keys that order the ratings as the scale does: the choices are then
// conditional moves, where a compare of floats takes a branch that the
// ratings decide, which a processor guesses wrong a third of the time.
// It returns false when a rating is NaN, which no key orders as a
// compare of floats does.
func extremesByKey(ms []scoring.Moment, s scoring.Scale) (worst, best int, ok bool) {
	dir := 1.0 // ratings times dir compare higher as better; negating is exact
	if s.HigherIsWorse {
		dir = -1
	}
	var worstKey, bestKey int64
	for i := range ms {
		x := dir * ms[i].Rating
		if x != x {
			return 0, 0, false
		}
		k := orderKey(x + 0) // −0 as +0, as they compare
		if i == 0 {
			worstKey, bestKey = k, k
		}
		if k > bestKey {
			best, bestKey = i, k
		}
		if k < worstKey {
			worst, worstKey = i, k
		}
	}
	return worst, best, true
}

// orderKey returns an integer that orders x among the floats that are
// not NaN as x compares with them, but for −0 below +0.
func orderKey(x float64) int64 {
	b := int64(math.Float64bits(x))
	return b ^ int64(uint64(b>>63)>>1)
}

// add counts the visit's moments at the standard's touchpoint.
func (sc *standardCount) add(v *scoring.Visit) {
	if sc.seconds == 0 {
		return
	}
	for i := range v.Moments {
		if v.Moments[i].Touchpoint == sc.report.Touchpoint {
			sc.addMoment(&v.Moments[i])
		}
	}
}

// addMoment counts a moment at the standard's touchpoint, if it has a
// duration.
func (sc *standardCount) addMoment(m *scoring.Moment) {
	if scoring.IsNA(m.Duration) {
		return
	}
	sc.measured++
	if m.Duration <= sc.seconds {
		sc.met++
	}
	if sc.tolerance > 0 && m.Duration <= sc.tolerance {
		sc.tolerated++
	}
}

// standardsAt returns the standards with a time at touchpoint tp.
func (o *Observer) standardsAt(tp string) []*standardCount {
	var at []*standardCount
	for _, sc := range o.standards {
		if sc.seconds != 0 && sc.report.Touchpoint == tp {
			at = append(at, sc)
		}
	}
	return at
}

// A Report is what an Observer found.
type Report struct {
	// Lang is the language the report was asked in: names are in it
	// (the blueprint's locale when empty), and so are the table's
	// headings and the findings' words when it is Chinese (else English).
	Lang              string
	Visits            int
	UnknownPurpose    []Count // visits whose purpose is no journey of the blueprint
	UnknownTouchpoint []Count // touchpoints of visits that the blueprint lacks
	Journeys          []JourneyReport
	Standards         []StandardReport
}

// A JourneyReport is one journey in the data.
type JourneyReport struct {
	ID, Name    string
	Visits      int
	MeanPeakEnd float64
	Peaks       []string // declared
	End         string   // declared
	Touchpoints []TouchpointReport
	Findings    []Finding // where data and declaration agree or disagree
}

// A TouchpointReport is one touchpoint of a journey in the data. Shares
// are of the journey's visits.
type TouchpointReport struct {
	ID, Name    string
	Declared    string // peak, end, peak+end, or empty
	Visits      int
	PeakShare   float64
	WorstShare  float64
	BestShare   float64
	EndShare    float64
	MeanRating  float64
	FailShare   float64 // of its ratings
	MeanPeakEnd float64 // of the visits through it
}

// A StandardReport sets a standard's target beside its baseline and,
// where the visits carry durations, the share of them that meet it.
type StandardReport struct {
	Touchpoint string
	// TouchpointName is the touchpoint's name in the report's language.
	TouchpointName string
	Name           string
	Target         float64
	Upper          bool
	Unit           string
	Baseline       *float64
	Tolerance      float64 // a wait's tolerance, in minutes; 0 otherwise
	Measured       int     // moments measured; 0 when the visits do not carry the quantity
	Met            float64 // share of measured moments meeting the target
	Tolerated      float64 // for a wait: share within the tolerance
}

// Report returns what the observer found, names in language lang.
func (o *Observer) Report(lang string) *Report {
	r := &Report{Lang: lang, Visits: o.visits, UnknownPurpose: o.unknownPurpose.list(), UnknownTouchpoint: o.unknownTouchpoint.list()}
	for _, j := range o.b.Journeys {
		r.Journeys = append(r.Journeys, o.journeyReport(j, lang))
	}
	for _, sc := range o.standards {
		sr := sc.report
		if lang != "" {
			sr.Name = renameStandard(o.b, sr, lang)
		}
		sr.TouchpointName = o.b.TouchpointName(sr.Touchpoint, lang)
		sr.Measured = sc.measured
		if sc.measured > 0 {
			sr.Met = float64(sc.met) / float64(sc.measured)
			sr.Tolerated = float64(sc.tolerated) / float64(sc.measured)
		}
		r.Standards = append(r.Standards, sr)
	}
	return r
}

func renameStandard(b *blueprint.Blueprint, sr StandardReport, lang string) string {
	if m, ok := b.Card(sr.Touchpoint); ok {
		for _, s := range m.Standards {
			if b.Text(s.Name, "") == sr.Name || b.Text(s.Name, b.Locale) == sr.Name {
				return b.Text(s.Name, lang)
			}
		}
	}
	return sr.Name
}

func (o *Observer) journeyReport(j blueprint.Journey, lang string) JourneyReport {
	jc := o.journeys[j.ID]
	jr := JourneyReport{ID: j.ID, Name: o.b.JourneyName(j.ID, lang), Visits: jc.visits, Peaks: j.Peaks, End: j.EndStep(), MeanPeakEnd: scoring.NA}
	if jc.visits > 0 {
		jr.MeanPeakEnd = jc.sumPeakEnd / float64(jc.visits)
	}
	ids := append([]string{}, j.Steps...)
	var extra []string
	for id := range jc.touchpoints {
		if !slices.Contains(ids, id) {
			extra = append(extra, id)
		}
	}
	sort.Strings(extra)
	seen := map[string]bool{}
	for _, id := range append(ids, extra...) {
		if seen[id] {
			continue
		}
		seen[id] = true
		tr := TouchpointReport{ID: id, Name: o.b.TouchpointName(id, lang), Declared: declared(j, id),
			MeanRating: scoring.NA, FailShare: scoring.NA, MeanPeakEnd: scoring.NA}
		if tc := jc.touchpoints[id]; tc != nil && jc.visits > 0 {
			n := float64(jc.visits)
			tr.Visits = tc.visits
			tr.PeakShare, tr.WorstShare = float64(tc.peak)/n, float64(tc.worst)/n
			tr.BestShare, tr.EndShare = float64(tc.best)/n, float64(tc.end)/n
			tr.MeanRating = tc.sumRating / float64(tc.ratings)
			tr.FailShare = float64(tc.fails) / float64(tc.ratings)
			tr.MeanPeakEnd = tc.sumPeakEnd / float64(tc.visits)
		}
		jr.Touchpoints = append(jr.Touchpoints, tr)
	}
	jr.Findings = findings(jr)
	return jr
}

func nameOr(name, id string) string {
	if name == "" {
		return id
	}
	return name
}

func declared(j blueprint.Journey, id string) string {
	peak, end := slices.Contains(j.Peaks, id), id == j.EndStep()
	switch {
	case peak && end:
		return "peak+end"
	case peak:
		return "peak"
	case end:
		return "end"
	}
	return ""
}

func find(ts []TouchpointReport, id string) TouchpointReport {
	for _, t := range ts {
		if t.ID == id {
			return t
		}
	}
	return TouchpointReport{ID: id}
}
