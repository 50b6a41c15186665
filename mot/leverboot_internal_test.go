package mot

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/scoring"
)

// bootVisits draws n visits of journey j through touchpoints a and b,
// whose ratings are uniform on the scale.
func bootVisits(n int, seed uint64) []scoring.Visit {
	rng := rand.New(rand.NewPCG(seed, 9))
	var out []scoring.Visit
	for i := range n {
		v := scoring.Visit{ID: fmt.Sprint("v", i), Purpose: "j", Remembered: scoring.NA}
		for k, tp := range []string{"a", "b"} {
			v.Moments = append(v.Moments, scoring.Moment{Touchpoint: tp, Rating: float64(1 + rng.IntN(5)), T: float64(k), Duration: scoring.NA})
		}
		out = append(out, v)
	}
	return out
}

var bootBlueprint = &blueprint.Blueprint{Journeys: []blueprint.Journey{{ID: "j", Steps: []string{"a", "b"}}}}

func meterOf(visits []scoring.Visit, seed uint64) *LeverageMeter {
	m := NewLeverageMeter(bootBlueprint, scoring.DefaultScale, 5)
	m.Seed = seed
	for i := range visits {
		f := scoring.Compute(&visits[i], scoring.DefaultScale)
		m.Add(&visits[i], &f)
	}
	return m
}

// A visit's weights come from its id, the seed and the replicate alone:
// the order of the visits does not change the sums, and two meters that
// saw halves of the data, their sums added, hold what one meter that saw
// all of it holds — so the intervals can be merged, exactly.
func TestBootstrapIsMergeable(t *testing.T) {
	visits := bootVisits(400, 1)
	whole := meterOf(visits, 7)
	reversed := slices.Clone(visits)
	slices.Reverse(reversed)
	if a, b := whole.Report("").Journeys[0].Levers, meterOf(reversed, 7).Report("").Journeys[0].Levers; fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("the order of the visits changed the levers:\n%+v\n%+v", a, b)
	}
	first, second := meterOf(visits[:150], 7), meterOf(visits[150:], 7)
	js, j1, j2 := whole.journeys["j"], first.journeys["j"], second.journeys["j"]
	for b := range js.bootVisits {
		if js.bootVisits[b] != j1.bootVisits[b]+j2.bootVisits[b] {
			t.Fatalf("replicate %d: weights %g, halves %g + %g", b, js.bootVisits[b], j1.bootVisits[b], j2.bootVisits[b])
		}
	}
	for id, ds := range js.touchpoints {
		halves := j1.touchpoints[id].boot
		for k, s := range j2.touchpoints[id].boot {
			halves[k].Merge(s)
		}
		for k, s := range ds.boot {
			for b := range s.Len() {
				if x, y := s.Float64(b), halves[k].Float64(b); math.Float64bits(x) != math.Float64bits(y) {
					t.Fatalf("touchpoint %s, feature %d, replicate %d: %g, halves %g", id, k, b, x, y)
				}
			}
		}
	}
}

// The interval holds the gain, depends on the seed, and is as wide as
// the normal theory says it should be: the gain of a touchpoint is a
// mean of per-visit changes, so its 95% interval is about ±1.96 of
// their standard deviation over √n.
func TestBootstrapInterval(t *testing.T) {
	visits := bootVisits(2000, 2)
	m := meterOf(visits, 1)
	levers := m.Report("").Journeys[0].Levers
	other := meterOf(visits, 2).Report("").Journeys[0].Levers
	for i, l := range levers {
		if !(l.PeakEndLow < l.PeakEnd && l.PeakEnd < l.PeakEndHigh) {
			t.Errorf("%s: %g outside [%g, %g]", l.Touchpoint, l.PeakEnd, l.PeakEndLow, l.PeakEndHigh)
		}
		if l.PeakEndLow == other[i].PeakEndLow {
			t.Errorf("%s: seeds 1 and 2 gave the same interval", l.Touchpoint)
		}
		var sum, sumSq float64
		for j := range visits {
			d := recompute(&visits[j], scoring.DefaultScale, l.Touchpoint, 1)
			x := (d.peak + d.end) / 2
			sum, sumSq = sum+x, sumSq+x*x
		}
		n := float64(len(visits))
		se := math.Sqrt((sumSq/n - (sum/n)*(sum/n)) / n)
		if width, want := l.PeakEndHigh-l.PeakEndLow, 2*1.96*se; math.Abs(width-want) > 0.3*want {
			t.Errorf("%s: interval width %g, normal theory %g", l.Touchpoint, width, want)
		}
	}
	// Without replicates there are no intervals.
	m = NewLeverageMeter(bootBlueprint, scoring.DefaultScale, 5)
	m.Resamples = 0
	f := scoring.Compute(&visits[0], scoring.DefaultScale)
	m.Add(&visits[0], &f)
	if l := m.Report("").Journeys[0].Levers[0]; !scoring.IsNA(l.PeakEndLow) || !scoring.IsNA(l.RememberedHigh) {
		t.Errorf("no replicates, yet an interval: %+v", l)
	}
}

// Poisson(1) weights have mean 1 and variance 1.
func TestPoissonWeights(t *testing.T) {
	var w bootWeights
	var sum, sumSq float64
	const visits, resamples = 2000, 100
	for i := range visits {
		w.draw(fmt.Sprint("visit-", i), 1, resamples)
		for _, x := range w.weight {
			sum, sumSq = sum+float64(x), sumSq+float64(x*x)
		}
	}
	n := float64(visits * resamples)
	mean := sum / n
	if variance := sumSq/n - mean*mean; math.Abs(mean-1) > 0.01 || math.Abs(variance-1) > 0.03 {
		t.Errorf("weights: mean %g, variance %g; Poisson(1) has 1 and 1", mean, variance)
	}
}

// TestPoissonStepsAsFloats holds the integer thresholds of draw to the
// comparison of floats they replace, at and beside every threshold.
func TestPoissonStepsAsFloats(t *testing.T) {
	for k, step := range poissonSteps {
		for _, u := range []uint64{step - 1, step, step + 1} {
			if u >= 1<<53 {
				continue
			}
			byInt, byFloat := u >= step, float64(u)/(1<<53) >= poissonCDF[k]
			if byInt != byFloat {
				t.Errorf("k %d, u %d: integers say %v, floats %v", k, u, byInt, byFloat)
			}
		}
	}
}
