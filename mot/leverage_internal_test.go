package mot

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/scoring"
	"github.com/peakend/peakend/scoring/analyze"
)

// recompute is the meaning of a lever, spelled out: copy the visit,
// change it, and compute all its features again.
func recompute(v *scoring.Visit, s scoring.Scale, tp string, step float64) featureDeltas {
	f := scoring.Compute(v, s)
	w := *v
	w.Moments = append([]scoring.Moment(nil), v.Moments...)
	for i := range w.Moments {
		if w.Moments[i].Touchpoint == tp {
			w.Moments[i].Rating = s.Clamp(w.Moments[i].Rating + step)
		}
	}
	g := scoring.Compute(&w, s)
	return featureDeltas{sumPeak: g.Peak - f.Peak, sumEnd: g.End - f.End, sumMean: g.Mean - f.Mean, sumFirst: g.First - f.First, sumTrend: g.Trend - f.Trend}
}

func recomputeEnd(v *scoring.Visit, s scoring.Scale, r float64) featureDeltas {
	f := scoring.Compute(v, s)
	w := *v
	last := v.Moments[f.EndMoment]
	end := scoring.Moment{Rating: r, T: scoring.NA, Duration: scoring.NA}
	if !scoring.IsNA(last.T) {
		end.T = last.T + max(0, last.Duration)
	}
	w.Moments = append(append([]scoring.Moment(nil), v.Moments...), end)
	g := scoring.Compute(&w, s)
	return featureDeltas{sumPeak: g.Peak - f.Peak, sumEnd: g.End - f.End, sumMean: g.Mean - f.Mean, sumTrend: g.Trend - f.Trend}
}

// checkSums fails unless ds holds one visit's changes want.
func checkSums(t *testing.T, what string, m *LeverageMeter, js *leverageSums, ds *deltaSums, place int, want featureDeltas) {
	t.Helper()
	for k, name := range analyze.DefaultFeatures() {
		got := 0.0
		if at := featureSum[k]; at >= 0 {
			got = ds.total.float64(at, js.boot, place, &m.units)
		}
		if math.Abs(got-want.value(name)) > 1e-9 {
			t.Fatalf("%s: Δ%s %g, recomputed %g", what, name, got, want.value(name))
		}
	}
	if got, pe := ds.total.peakEnd(js.boot, place, &m.units), (want[sumPeak]+want[sumEnd])/2; math.Abs(got-pe) > 1e-9 {
		t.Fatalf("%s: Δpeak-end %g, recomputed %g", what, got, pe)
	}
}

// The one pass of Add gives each touchpoint the changes that changing
// the visit and computing it again give: on scales with the neutral at
// an end and in the middle, higher better and worse, ratings on and
// between the points (so a point more is clamped by less than a point),
// touchpoints met more than once and outside the journey's steps,
// moments out of time order, and ties of intensity on either side of
// the neutral.
func TestLeverageMatchesRecomputing(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	tps := []string{"a", "b", "c", "d", "e"} // e is no step of the journey
	b := &blueprint.Blueprint{Journeys: []blueprint.Journey{{ID: "j", Steps: tps[:4]}}}
	scales := []scoring.Scale{scoring.DefaultScale, {Min: 0, Max: 10, Neutral: 0, HigherIsWorse: true}, {Min: 1, Max: 7, Neutral: 4}}
	for _, s := range scales {
		step := 1.0
		if s.HigherIsWorse {
			step = -1
		}
		for trial := 0; trial < 3000; trial++ {
			v := randomVisit(rng, s, tps)
			if rng.IntN(3) == 0 {
				v = steppedVisit(rng, s, tps[:4])
			}
			meter := NewLeverageMeter(b, s, s.Max)
			meter.Resamples = 0 // the changes, not their intervals
			f := scoring.Compute(&v, s)
			meter.Add(&v, &f)
			meter.settle() // the counted changes into the sums read below
			js := meter.journeys["j"]
			seen := 0
			for k, ds := range js.levers {
				if ds == nil {
					continue
				}
				seen++
				tp := js.ids[k]
				checkSums(t, fmt.Sprintf("%+v on %+v, touchpoint %s", v.Moments, s, tp), meter, js, ds, leverPlace(k), recompute(&v, s, tp, step))
			}
			if distinct := len(touchpointsOf(&v)); seen != distinct {
				t.Fatalf("%+v: %d levers, %d touchpoints", v.Moments, seen, distinct)
			}
			checkSums(t, fmt.Sprintf("%+v on %+v, better end", v.Moments, s), meter, js, &js.end, betterEndPlace, recomputeEnd(&v, s, s.Max))
		}
	}
}

func touchpointsOf(v *scoring.Visit) map[string]bool {
	tps := map[string]bool{}
	for _, m := range v.Moments {
		tps[m.Touchpoint] = true
	}
	return tps
}

// value returns the change of the named feature.
func (d featureDeltas) value(name string) float64 {
	switch name {
	case "peak":
		return d[sumPeak]
	case "end":
		return d[sumEnd]
	case "mean":
		return d[sumMean]
	case "first":
		return d[sumFirst]
	case "trend":
		return d[sumTrend]
	}
	return 0
}

// randomVisit is a visit of journey j of up to 8 moments at random
// touchpoints of tps, timed or not, rated on s.
func randomVisit(rng *rand.Rand, s scoring.Scale, tps []string) scoring.Visit {
	v := scoring.Visit{Purpose: "j", Remembered: scoring.NA}
	timed, halves := rng.IntN(2) == 0, rng.IntN(3) == 0
	for k := 0; k < 1+rng.IntN(8); k++ {
		r := s.Min + float64(rng.IntN(int(s.Max-s.Min)+1))
		if halves {
			r = s.Clamp(r - 0.5*float64(rng.IntN(2)))
		}
		m := scoring.Moment{Touchpoint: tps[rng.IntN(len(tps))], Rating: r, T: scoring.NA, Duration: 30}
		if timed {
			m.T = float64(rng.IntN(10) * 60)
		}
		v.Moments = append(v.Moments, m)
	}
	return v
}

// steppedVisit is a visit of journey j as most are: a moment at each of
// the first of its steps, in their order and in strictly increasing
// time, as addStepVisit takes.
func steppedVisit(rng *rand.Rand, s scoring.Scale, steps []string) scoring.Visit {
	v := scoring.Visit{Purpose: "j", Remembered: scoring.NA}
	for k := range 1 + rng.IntN(len(steps)) {
		r := s.Min + float64(rng.IntN(int(s.Max-s.Min)+1))
		if rng.IntN(3) == 0 {
			r = s.Clamp(r - 0.5*float64(rng.IntN(2)))
		}
		v.Moments = append(v.Moments, scoring.Moment{Touchpoint: steps[k], Rating: r, T: float64(k*60 + rng.IntN(60)), Duration: 30})
	}
	return v
}

// The common visit's path adds what the path of any visit does, to the
// bit: the levers' sums, common changes, the groups' sums and counts.
func TestStepVisitAsAnyVisit(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	steps := []string{"a", "b", "c", "d", "e", "f"}
	b := &blueprint.Blueprint{Journeys: []blueprint.Journey{{ID: "j", Steps: steps}}}
	for _, s := range []scoring.Scale{scoring.DefaultScale, {Min: 0, Max: 10, Neutral: 0, HigherIsWorse: true}, {Min: 1, Max: 7, Neutral: 4}} {
		// fast takes whole points by the scale's tables (addWholeSteps),
		// floats the others; float takes every rating as a float.
		fast, float, general := NewLeverageMeter(b, s, s.Max), NewLeverageMeter(b, s, s.Max), NewLeverageMeter(b, s, s.Max)
		if fast.whole == nil {
			t.Fatalf("scale %+v: no tables of its whole points", s)
		}
		float.whole = nil
		for _, js := range float.journeys {
			js.whole = nil
		}
		for trial := range 2000 {
			v := steppedVisit(rng, s, steps)
			f := scoring.Compute(&v, s)
			for _, m := range []*LeverageMeter{fast, float, general} {
				js := m.journeys["j"]
				g, boot := m.group(js, fmt.Sprint("v", trial))
				if m == general {
					m.addLevers(js, &v, &f, g, boot)
				} else if !m.addStepVisit(js, &v, &f, g, boot) {
					t.Fatalf("%+v: not taken as a visit in step order", v.Moments)
				}
			}
		}
		for _, m := range []*LeverageMeter{fast, float} {
			m.settle()
		}
		general.settle()
		y := general.journeys["j"]
		for path, m := range map[string]*LeverageMeter{"by the tables": fast, "by floats": float} {
			x := m.journeys["j"]
			if len(x.levers) != len(y.levers) {
				t.Fatalf("scale %+v, %s: %d levers, %d by any visit's path", s, path, len(x.levers), len(y.levers))
			}
			for k := range x.levers {
				// Which change is a lever's common one may differ; the sums
				// may not.
				a, b := x.levers[k], y.levers[k]
				if (a == nil) != (b == nil) || a != nil && (a.visits != b.visits || !reflect.DeepEqual(a.total, b.total)) {
					t.Errorf("scale %+v, %s, lever %d: %+v, by any visit's path %+v", s, path, k, a, b)
				}
			}
			if a, b := x.boot, y.boot; !reflect.DeepEqual(a.visits, b.visits) || !reflect.DeepEqual(a.sums, b.sums) || !reflect.DeepEqual(a.counts, b.counts) || !reflect.DeepEqual(a.lost, b.lost) || slices.Max(append(a.points, 0)) != 0 {
				t.Errorf("scale %+v, %s: the step order's path sums in groups other than any visit's", s, path)
			}
		}
	}
}

// A visit out of step, out of time or with a touchpoint twice is not the
// common visit's.
func TestStepVisitOnlyInStepOrder(t *testing.T) {
	b := &blueprint.Blueprint{Journeys: []blueprint.Journey{{ID: "j", Steps: []string{"a", "b", "c"}}}}
	for name, ms := range map[string][]scoring.Moment{
		"skipped step": {{Touchpoint: "a", T: 0}, {Touchpoint: "c", T: 1}},
		"twice":        {{Touchpoint: "a", T: 0}, {Touchpoint: "a", T: 1}},
		"same time":    {{Touchpoint: "a", T: 0}, {Touchpoint: "b", T: 0}},
		"untimed":      {{Touchpoint: "a", T: scoring.NA}, {Touchpoint: "b", T: scoring.NA}},
		"late time":    {{Touchpoint: "a", T: 0}, {Touchpoint: "b", T: scoring.NA}},
		"earlier":      {{Touchpoint: "a", T: 5}, {Touchpoint: "b", T: 1}},
		"more steps":   {{Touchpoint: "a", T: 0}, {Touchpoint: "b", T: 1}, {Touchpoint: "c", T: 2}, {Touchpoint: "d", T: 3}},
	} {
		m := NewLeverageMeter(b, scoring.DefaultScale, 5)
		v := scoring.Visit{Purpose: "j", Moments: ms}
		f := scoring.Compute(&v, scoring.DefaultScale)
		js := m.journeys["j"]
		g, boot := m.group(js, "v")
		if m.addStepVisit(js, &v, &f, g, boot) {
			t.Errorf("%s: taken as a visit in step order", name)
		}
	}
}
