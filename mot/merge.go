package mot

import (
	"fmt"

	"github.com/peakend/peakend/scoring"
	"github.com/peakend/peakend/scoring/analyze"
)

var (
	_ scoring.Merger[*Observer]      = (*Observer)(nil)
	_ scoring.Merger[*LeverageMeter] = (*LeverageMeter)(nil)
)

// Merge adds what other observed to o, as if o had been given other's
// visits after its own. The two must observe one blueprint (the same
// *blueprint.Blueprint) on one scale with one FailAt, else the error
// wraps scoring.ErrMergeMismatch.
func (o *Observer) Merge(other *Observer) error {
	switch {
	case other == nil:
		return nil
	case o.b != other.b || o.scale != other.scale || o.FailAt != other.FailAt || len(o.standards) != len(other.standards):
		return fmt.Errorf("mot: Observer.Merge: %w (another blueprint, scale or FailAt)", scoring.ErrMergeMismatch)
	}
	o.visits += other.visits
	o.unknownPurpose.merge(other.unknownPurpose)
	o.unknownTouchpoint.merge(other.unknownTouchpoint)
	for i, sc := range o.standards {
		osc := other.standards[i]
		sc.measured += osc.measured
		sc.met += osc.met
		sc.tolerated += osc.tolerated
	}
	for id, oj := range other.journeys {
		j := o.journeys[id] // both have every journey of the blueprint
		j.visits += oj.visits
		j.sumPeakEnd += oj.sumPeakEnd
		for tp, otc := range oj.touchpoints {
			tc := j.touchpoints[tp]
			if tc == nil {
				tc = &touchpointCount{}
				j.touchpoints[tp] = tc
			}
			tc.add(otc)
		}
	}
	return nil
}

func (tc *touchpointCount) add(o *touchpointCount) {
	tc.visits += o.visits
	tc.peak += o.peak
	tc.worst += o.worst
	tc.best += o.best
	tc.end += o.end
	tc.ratings += o.ratings
	tc.fails += o.fails
	tc.sumRating += o.sumRating
	tc.sumPeakEnd += o.sumPeakEnd
}

// merge adds other's counts; the examples stay the three smallest ids.
func (t *tally) merge(other *tally) {
	for name, n := range other.count {
		t.count[name] += n
		for _, ex := range other.examples[name] {
			t.examples[name] = withExample(t.examples[name], ex)
		}
	}
}

// Merge adds what other measured to m, as if m had been given other's
// visits after its own. The two must measure one blueprint (the same
// *blueprint.Blueprint) on one scale with one better end, else the
// error wraps scoring.ErrMergeMismatch; so does a fitter that cannot
// merge.
func (m *LeverageMeter) Merge(other *LeverageMeter) error {
	switch {
	case other == nil:
		return nil
	case m.b != other.b || m.scale != other.scale || m.endRating != other.endRating:
		return fmt.Errorf("mot: LeverageMeter.Merge: %w (another blueprint, scale or end rating)", scoring.ErrMergeMismatch)
	case m.Resamples != other.Resamples || m.Seed != other.Seed || m.groups != 0 && other.groups != 0 && m.groups != other.groups:
		return fmt.Errorf("mot: LeverageMeter.Merge: %w (other bootstrap resamples, seed or groups)", scoring.ErrMergeMismatch)
	}
	// Both settled: m's counts are then empty, and its next settle comes
	// within maxCounted visits of a group, however many other adds.
	m.settle()
	other.settle()
	if err := mergeFitters(m.fitter, other.fitter); err != nil {
		return err
	}
	m.unknown.merge(other.unknown)
	if other.groups == 0 {
		return nil // no visits of a journey
	}
	groups := m.fixGroups()
	for id, ojs := range other.journeys {
		js := m.journeys[id]
		js.visits += ojs.visits
		js.end.merge(&ojs.end)
		ob := ojs.boot
		if ob == nil {
			continue // no visits of the journey
		}
		if js.boot == nil {
			js.boot = newGroupSums(groups, len(js.ids), &m.units, m.whole)
		}
		js.boot.mergeVisits(ob)
		js.boot.merge(betterEndPlace, ob, betterEndPlace)
		for k, ods := range ojs.levers {
			if ods == nil {
				continue
			}
			slot := js.slot(ojs.ids[k], k)
			js.lever(slot).merge(ods)
			js.boot.merge(leverPlace(slot), ob, leverPlace(k))
		}
	}
	return nil
}

func (ds *deltaSums) merge(o *deltaSums) {
	ds.visits += o.visits
	ds.total.merge(&o.total)
}

// fitterMerger is analyze.Fitter's Merge, which the statistics package
// adds; until it has one a meter whose fit has visits cannot merge.
type fitterMerger interface {
	Merge(*analyze.Fitter) error
}

func mergeFitters(into, other *analyze.Fitter) error {
	if fm, ok := any(into).(fitterMerger); ok {
		return fm.Merge(other)
	}
	return fmt.Errorf("mot: LeverageMeter.Merge: %w (analyze.Fitter has no Merge)", scoring.ErrMergeMismatch)
}
