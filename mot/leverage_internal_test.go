package mot

import (
	"math"
	"math/rand/v2"
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
	return featureDeltas{peak: g.Peak - f.Peak, end: g.End - f.End, mean: g.Mean - f.Mean, first: g.First - f.First, trend: g.Trend - f.Trend}
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
	return featureDeltas{peak: g.Peak - f.Peak, end: g.End - f.End, mean: g.Mean - f.Mean, trend: g.Trend - f.Trend}
}

func TestLeverageMatchesRecomputing(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	tps := []string{"a", "b", "c", "d"}
	b := &blueprint.Blueprint{Journeys: []blueprint.Journey{{ID: "j", Steps: tps}}}
	for _, s := range []scoring.Scale{scoring.DefaultScale, {Min: 0, Max: 10, Neutral: 0, HigherIsWorse: true}} {
		step := 1.0
		if s.HigherIsWorse {
			step = -1
		}
		for trial := 0; trial < 3000; trial++ {
			v := scoring.Visit{Purpose: "j", Remembered: scoring.NA}
			timed := rng.IntN(2) == 0
			for k := 0; k < 1+rng.IntN(8); k++ {
				m := scoring.Moment{Touchpoint: tps[rng.IntN(len(tps))], Rating: s.Min + float64(rng.IntN(int(s.Max-s.Min)+1)), T: scoring.NA, Duration: 30}
				if timed {
					m.T = float64(rng.IntN(10) * 60)
				}
				v.Moments = append(v.Moments, m)
			}
			meter := NewLeverageMeter(b, s, s.Max)
			f := scoring.Compute(&v, s)
			meter.Add(&v, &f)
			js := meter.journeys["j"]
			for tp, ds := range js.touchpoints {
				want := recompute(&v, s, tp, step)
				for k, name := range analyze.DefaultFeatures() {
					if got := ds.features.Float64(k); math.Abs(got-want.value(name)) > 1e-9 {
						t.Fatalf("%+v on %+v, touchpoint %s: Δ%s %g, recomputed %g", v.Moments, s, tp, name, got, want.value(name))
					}
				}
			}
			want := recomputeEnd(&v, s, s.Max)
			for k, name := range analyze.DefaultFeatures() {
				if got := js.end.features.Float64(k); math.Abs(got-want.value(name)) > 1e-9 {
					t.Fatalf("%+v on %+v, better end: Δ%s %g, recomputed %g", v.Moments, s, name, got, want.value(name))
				}
			}
		}
	}
}
