package mot

import (
	"sort"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/internal/exact"
	"github.com/peakend/peakend/scoring"
	"github.com/peakend/peakend/scoring/analyze"
)

// A LeverageMeter finds where an improvement moves memory most: for
// each touchpoint of each journey, the change in the journey's mean
// peak-end score if that touchpoint's ratings were one scale point
// better (capped at the scale), and — when the visits carry remembered
// ratings — the change in the remembered rating that a least-squares
// fit of remembered on the features predicts. It also measures "a
// better end": a final moment of a given rating appended to every
// visit, as IKEA's ice cream at the exit.
//
// It reads the visits once and keeps sums per journey and touchpoint.
// The prediction is linear, so the mean change of each feature is
// enough to apply the fit found at the end. Each gain has a 95%
// interval from a Poisson bootstrap over the visits (leverboot.go),
// which keeps the same sums once per replicate.
type LeverageMeter struct {
	// Resamples is how many bootstrap replicates to keep (0: none, and
	// no intervals); Seed picks their weights. NewLeverageMeter sets
	// DefaultResamples and seed 1; change them before the first Add.
	Resamples int
	Seed      uint64

	b         *blueprint.Blueprint
	steps     scoring.StepOrder // b's, for the order of moments
	scale     scoring.Scale
	endRating float64
	fitter    *analyze.Fitter
	journeys  map[string]*leverageSums
	unknown   *tally
	weights   bootWeights // the weights of the visit being added
	inTime    []int       // the moments of the visit being added, in time
}

type leverageSums struct {
	visits      int
	touchpoints map[string]*deltaSums
	end         deltaSums // the appended better end
	bootVisits  []float64 // per replicate, the weight of its visits
}

// deltaSums sums the changes of the fitted features and of peak-end,
// exactly (internal/exact), so that a report is the same to the bit
// whatever the order of the visits or the meters they were split among.
type deltaSums struct {
	visits   int
	peakEnd  *exact.Sums   // one sum
	features *exact.Sums   // parallel to analyze.DefaultFeatures(); nil until the first visit
	boot     []*exact.Sums // per feature, its sums per replicate, weighted; nil without replicates
}

// NewLeverageMeter returns a meter for blueprint b on scale s (as
// NewObserver takes it: ScoringScale(b) for the blueprint's own); the
// better end appended has rating endRating.
func NewLeverageMeter(b *blueprint.Blueprint, s scoring.Scale, endRating float64) *LeverageMeter {
	fitter, _ := analyze.NewFitter(analyze.DefaultFeatures()) // the default features are valid
	m := &LeverageMeter{Resamples: DefaultResamples, Seed: 1, b: b, steps: StepOrder(b), scale: s, endRating: s.Clamp(endRating), fitter: fitter, journeys: map[string]*leverageSums{}, unknown: newTally()}
	for _, j := range b.Journeys {
		m.journeys[j.ID] = &leverageSums{touchpoints: map[string]*deltaSums{}}
	}
	return m
}

var _ scoring.Accumulator = (*LeverageMeter)(nil)

// Add measures visit v, with features f.
//
// A point more for one touchpoint changes the features in ways that
// follow from their definitions: the mean by the sum of the changes over
// n, first and end by the change at their moment, the trend by the
// changes weighted by position, the duration not at all; only the peak
// needs a scan. So each touchpoint costs one pass over the moments
// rather than a full scoring.Compute, which keeps a million visits
// within seconds. TestLeverageMatchesRecomputing holds the two equal.
//
// A nil visit or features count nothing.
func (m *LeverageMeter) Add(v *scoring.Visit, f *scoring.Features) {
	if v == nil || f == nil {
		return
	}
	m.fitter.Add(v, f)
	js, ok := m.journeys[v.Purpose]
	if !ok || len(v.Moments) == 0 {
		m.unknown.add(nameOr(v.Purpose, "(none)"), v.ID)
		return
	}
	js.visits++
	m.weights.draw(v.ID, m.Seed, m.Resamples)
	js.weigh(&m.weights, m.Resamples)
	step := 1.0
	if m.scale.HigherIsWorse {
		step = -1
	}
	order := timeOrder(v, m.steps)
	n := len(v.Moments)
	inTime := m.inTime[:0] // the moments' indices in time, once for the n passes below
	for k := range n {
		inTime = append(inTime, order(k))
	}
	m.inTime = inTime
	s := m.scale
	meanK := float64(n-1) / 2
	sxx := float64(n) * float64(n*n-1) / 12
	for i, mo := range v.Moments {
		if seenBefore(v.Moments[:i], mo.Touchpoint) {
			continue
		}
		var d featureDeltas
		var sum, sumKX, peak float64
		for k, at := range inTime {
			at := &v.Moments[at]
			x := at.Rating
			if at.Touchpoint == mo.Touchpoint {
				y := s.Clamp(x + step)
				delta := y - x
				sum += delta
				sumKX += (float64(k) - meanK) * delta
				if k == 0 {
					d.first = delta
				}
				if k == n-1 {
					d.end = delta
				}
				x = y
			}
			if k == 0 || s.MoreIntense(x, peak) {
				peak = x
			}
		}
		d.peak, d.mean = peak-f.Peak, sum/float64(n)
		if n > 1 {
			d.trend = sumKX / sxx
		}
		js.touchpoint(mo.Touchpoint).add(d, &m.weights, m.Resamples)
	}
	js.end.add(m.betterEnd(f), &m.weights, m.Resamples)
}

// betterEnd is the change from appending a last moment rated endRating,
// lasting no time: computed from the features, which hold what is needed.
func (m *LeverageMeter) betterEnd(f *scoring.Features) featureDeltas {
	n := float64(f.Moments)
	sum := f.Mean * n
	// trend = (Σk·x − mean(k)·Σx) / Sxx, so Σk·x comes back from it.
	sumKX := f.Trend*n*(n*n-1)/12 + (n-1)/2*sum
	r := m.endRating
	n1, sum1, sumKX1 := n+1, sum+r, sumKX+n*r
	trend1 := (sumKX1 - n/2*sum1) / (n1 * (n1*n1 - 1) / 12)
	peak1 := f.Peak
	if m.scale.MoreIntense(r, f.Peak) {
		peak1 = r
	}
	return featureDeltas{peak: peak1 - f.Peak, end: r - f.End, mean: sum1/n1 - f.Mean, trend: trend1 - f.Trend}
}

// featureDeltas are the changes of the features a lever moves; the
// duration never changes.
type featureDeltas struct{ peak, end, mean, first, trend float64 }

// deltaValue returns the change of the named feature.
func (d featureDeltas) value(name string) float64 {
	switch name {
	case "peak":
		return d.peak
	case "end":
		return d.end
	case "mean":
		return d.mean
	case "first":
		return d.first
	case "trend":
		return d.trend
	}
	return 0
}

func (js *leverageSums) touchpoint(id string) *deltaSums {
	ds := js.touchpoints[id]
	if ds == nil {
		ds = &deltaSums{}
		ds.init(0)
		js.touchpoints[id] = ds
	}
	return ds
}

// init makes ds's sums, with replicates if it has none and resamples
// asks for them.
func (ds *deltaSums) init(resamples int) {
	nf := len(analyze.DefaultFeatures())
	if ds.features == nil {
		ds.peakEnd, ds.features = exact.NewSums(1), exact.NewSums(nf)
	}
	if ds.boot == nil && resamples > 0 {
		ds.boot = make([]*exact.Sums, nf)
		for k := range ds.boot {
			ds.boot[k] = exact.NewSums(resamples)
		}
	}
}

// weigh adds the visit's weight in each replicate.
func (js *leverageSums) weigh(w *bootWeights, resamples int) {
	if js.bootVisits == nil && resamples > 0 {
		js.bootVisits = make([]float64, resamples)
	}
	for i, b := range w.index {
		js.bootVisits[b] += float64(w.weight[i]) // integers: exact in any order
	}
}

func (ds *deltaSums) add(d featureDeltas, w *bootWeights, resamples int) {
	ds.init(resamples)
	v := d.vector()
	addBoot(ds.boot, &v, w)
	ds.visits++
	ds.peakEnd.Add(0, (d.peak+d.end)/2)
	for k, x := range v {
		ds.features.Add(k, x)
	}
}

// A leverVector is a lever's changes of the fit's features, in the
// order of analyze.DefaultFeatures (with another number of them the
// package stops at its start, in every test).
type leverVector [6]float64

// vector returns d's changes in the order of analyze.DefaultFeatures:
// the meter's loops read them by place, not by name.
func (d featureDeltas) vector() leverVector {
	var v leverVector
	for k, at := range leverFields {
		switch at {
		case fieldPeak:
			v[k] = d.peak
		case fieldEnd:
			v[k] = d.end
		case fieldMean:
			v[k] = d.mean
		case fieldFirst:
			v[k] = d.first
		case fieldTrend:
			v[k] = d.trend
		}
	}
	return v
}

// The fields of featureDeltas, by place in leverFields.
const (
	fieldNone = iota // a feature no lever moves: the duration
	fieldPeak
	fieldEnd
	fieldMean
	fieldFirst
	fieldTrend
)

// leverFields says which field of featureDeltas each of
// analyze.DefaultFeatures is.
var leverFields = func() (at [len(leverVector{})]int) {
	names := analyze.DefaultFeatures()
	if len(names) != len(at) {
		panic("mot: leverVector does not fit analyze.DefaultFeatures")
	}
	fields := map[string]int{"peak": fieldPeak, "end": fieldEnd, "mean": fieldMean, "first": fieldFirst, "trend": fieldTrend}
	for k, name := range names {
		at[k] = fields[name]
	}
	return at
}()

// A Lever is the effect of improving one touchpoint of a journey.
type Lever struct {
	Touchpoint string
	Name       string
	Declared   string  // peak, end, peak+end or empty
	Visits     int     // visits through the touchpoint
	PeakEnd    float64 // change in the journey's mean peak-end
	Remembered float64 // predicted change in the journey's mean remembered rating; NA without a fit
	// The 95% bootstrap intervals of PeakEnd and Remembered; NA without
	// replicates (or, for Remembered, a fit).
	PeakEndLow, PeakEndHigh       float64
	RememberedLow, RememberedHigh float64
}

// A JourneyLeverage ranks a journey's levers, strongest first.
type JourneyLeverage struct {
	ID, Name  string
	Visits    int
	Levers    []Lever
	BetterEnd Lever // the appended end
}

// LeverageReport is what a LeverageMeter found.
type LeverageReport struct {
	// Lang is the language the report was asked in, as Report's.
	Lang           string
	Journeys       []JourneyLeverage
	Fit            *analyze.FitResult // nil when the visits carry too few remembered ratings
	UnknownPurpose []Count
}

// Report ranks the levers of each journey: by predicted change in the
// remembered rating when a fit was possible, else by change in
// peak-end.
func (m *LeverageMeter) Report(lang string) *LeverageReport {
	r := &LeverageReport{Lang: lang, UnknownPurpose: m.unknown.list()}
	fit, err := m.fitter.Result()
	if err == nil {
		r.Fit = fit
	}
	for _, j := range m.b.Journeys {
		js := m.journeys[j.ID]
		jl := JourneyLeverage{ID: j.ID, Name: m.b.JourneyName(j.ID, lang), Visits: js.visits}
		for id, ds := range js.touchpoints {
			jl.Levers = append(jl.Levers, m.lever(id, declared(j, id), ds, js, r.Fit, lang))
		}
		if js.visits > 0 {
			jl.BetterEnd = m.lever(betterEnd, "", &js.end, js, r.Fit, lang)
		}
		sort.Slice(jl.Levers, func(a, b int) bool {
			x, y := jl.Levers[a], jl.Levers[b]
			kx, ky := x.Remembered, y.Remembered
			if r.Fit == nil {
				kx, ky = x.PeakEnd, y.PeakEnd
			}
			if kx != ky {
				return kx > ky
			}
			return x.Touchpoint < y.Touchpoint
		})
		r.Journeys = append(r.Journeys, jl)
	}
	return r
}

// lever turns sums into mean changes over all the journey's visits.
func (m *LeverageMeter) lever(id, decl string, ds *deltaSums, js *leverageSums, fit *analyze.FitResult, lang string) Lever {
	n := float64(js.visits)
	l := Lever{Touchpoint: id, Name: m.b.TouchpointName(id, lang), Declared: decl, Visits: ds.visits, PeakEnd: ds.peakEnd.Float64(0) / n, Remembered: scoring.NA}
	if id == betterEnd {
		l.Name = TermBetterEnd.Label(lang)
	}
	pe, re := m.interval(ds.boot, js.bootVisits, fit)
	l.PeakEndLow, l.PeakEndHigh, l.RememberedLow, l.RememberedHigh = pe[0], pe[1], re[0], re[1]
	if fit != nil {
		l.Remembered = 0
		for k := range analyze.DefaultFeatures() {
			l.Remembered += fit.Coefficients[k+1].Estimate * ds.features.Float64(k) / n
		}
	}
	return l
}

// betterEnd is the Touchpoint of the lever that appends a better end.
const betterEnd = "(better end)"

// Only keeps the journey id in the report.
func (r *LeverageReport) Only(id string) {
	var kept []JourneyLeverage
	for _, j := range r.Journeys {
		if j.ID == id {
			kept = append(kept, j)
		}
	}
	r.Journeys = kept
}
