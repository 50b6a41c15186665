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

func meterOf(visits []scoring.Visit, seed uint64, resamples int) *LeverageMeter {
	m := NewLeverageMeter(bootBlueprint, scoring.DefaultScale, 5)
	m.Seed, m.Resamples = seed, resamples
	for i := range visits {
		f := scoring.Compute(&visits[i], scoring.DefaultScale)
		m.Add(&visits[i], &f)
	}
	return m
}

// A visit's group comes from its id and the seed alone: the order of
// the visits does not change the sums, and two meters that saw halves
// of the data, their groups' sums added, hold what one meter that saw
// all of it holds — so the intervals can be merged, exactly.
func TestBootstrapIsMergeable(t *testing.T) {
	visits := bootVisits(400, 1)
	whole := meterOf(visits, 7, DefaultResamples)
	reversed := slices.Clone(visits)
	slices.Reverse(reversed)
	if a, b := whole.Report("").Journeys[0].Levers, meterOf(reversed, 7, DefaultResamples).Report("").Journeys[0].Levers; fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("the order of the visits changed the levers:\n%+v\n%+v", a, b)
	}
	first, second := meterOf(visits[:150], 7, DefaultResamples), meterOf(visits[150:], 7, DefaultResamples)
	first.settle() // the counted changes into the sums read below (Report settles whole)
	second.settle()
	js, j1, j2 := whole.journeys["j"], first.journeys["j"], second.journeys["j"]
	for g, n := range js.boot.visits {
		if n != j1.boot.visits[g]+j2.boot.visits[g] {
			t.Fatalf("group %d: %d visits, halves %d + %d", g, n, j1.boot.visits[g], j2.boot.visits[g])
		}
	}
	for k := range js.levers {
		p := leverPlace(k)
		for g := range js.boot.visits {
			for i, x := range js.boot.lever(g, p) {
				y := j1.boot.lever(g, p)[i]
				y.addFixed(j2.boot.lever(g, p)[i])
				if x != y {
					t.Fatalf("touchpoint %s, group %d, sum %d: %v, halves %v", js.ids[k], g, i, x, y)
				}
			}
		}
	}
	first, second = meterOf(visits[:150], 7, DefaultResamples), meterOf(visits[150:], 7, DefaultResamples)
	if err := first.Merge(second); err != nil {
		t.Fatal(err)
	}
	if a, b := whole.Report("").Journeys[0], first.Report("").Journeys[0]; fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("merged halves report otherwise:\n%+v\n%+v", a, b)
	}
}

// The interval holds the gain, depends on the seed, and is as wide as
// the normal theory says it should be: the gain of a touchpoint is a
// mean of per-visit changes, so its 95% interval is about ±1.96 of
// their standard deviation over √n.
func TestBootstrapInterval(t *testing.T) {
	visits := bootVisits(5000, 2)
	levers := meterOf(visits, 1, DefaultResamples).Report("").Journeys[0].Levers
	other := meterOf(visits, 2, DefaultResamples).Report("").Journeys[0].Levers
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
			x := (d[sumPeak] + d[sumEnd]) / 2
			sum, sumSq = sum+x, sumSq+x*x
		}
		n := float64(len(visits))
		se := math.Sqrt((sumSq/n - (sum/n)*(sum/n)) / n)
		if width, want := l.PeakEndHigh-l.PeakEndLow, 2*1.96*se; math.Abs(width-want) > 0.3*want {
			t.Errorf("%s: interval width %g, normal theory %g", l.Touchpoint, width, want)
		}
	}
	// Without replicates there are no intervals.
	if l := meterOf(visits[:1], 1, 0).Report("").Journeys[0].Levers[0]; !scoring.IsNA(l.PeakEndLow) || !scoring.IsNA(l.RememberedHigh) {
		t.Errorf("no replicates, yet an interval: %+v", l)
	}
}

// perVisitInterval is the bootstrap the groups stand for, spelled out:
// each visit weighed by its own Poisson(1) number in each replicate.
func perVisitInterval(gains []float64, resamples int, seed uint64) [2]float64 {
	rng := rand.New(rand.NewPCG(seed, 11))
	var reps []float64
	for range resamples {
		var sum, n float64
		for _, x := range gains {
			w := float64(poissonWeight(rng.Uint64()))
			sum, n = sum+w*x, n+w
		}
		reps = append(reps, sum/n)
	}
	return percentiles(reps)
}

// The bootstrap over random groups agrees with the bootstrap over
// visits: on data sets of several visits per group, drawn again and
// again, its intervals are as wide on average as the visits' own, and
// they hold the true gain about 95% of the time.
func TestGroupedBootstrapMatchesVisits(t *testing.T) {
	datasets, visits := 120, 4000 // about 8 visits a group
	if testing.Short() {
		datasets = 40
	}
	// The true gain of a point more at a, over the 25 equally likely
	// visits.
	truth := 0.0
	for x := 1; x <= 5; x++ {
		for y := 1; y <= 5; y++ {
			v := scoring.Visit{Moments: []scoring.Moment{{Touchpoint: "a", Rating: float64(x), T: 0, Duration: scoring.NA}, {Touchpoint: "b", Rating: float64(y), T: 1, Duration: scoring.NA}}}
			d := recompute(&v, scoring.DefaultScale, "a", 1)
			truth += (d[sumPeak] + d[sumEnd]) / 2 / 25
		}
	}
	var grouped, single float64 // the widths, summed
	covered := 0
	for set := range datasets {
		data := bootVisits(visits, uint64(100+set))
		var lever Lever
		for _, l := range meterOf(data, uint64(set), DefaultResamples).Report("").Journeys[0].Levers {
			if l.Touchpoint == "a" {
				lever = l
			}
		}
		gains := make([]float64, len(data))
		for i := range data {
			d := recompute(&data[i], scoring.DefaultScale, "a", 1)
			gains[i] = (d[sumPeak] + d[sumEnd]) / 2
		}
		ref := perVisitInterval(gains, DefaultResamples, uint64(set))
		grouped += lever.PeakEndHigh - lever.PeakEndLow
		single += ref[1] - ref[0]
		if lever.PeakEndLow <= truth && truth <= lever.PeakEndHigh {
			covered++
		}
	}
	// Each width varies by about 10% with 100 replicates; their mean
	// over the data sets, by about 1%.
	if ratio := grouped / single; math.Abs(ratio-1) > 0.05 {
		t.Errorf("grouped intervals are %.3f times as wide as the visits' own", ratio)
	}
	if share := float64(covered) / float64(datasets); share < 0.88 {
		t.Errorf("grouped intervals held the true gain %.3f in %d data sets, not about 0.95", share, datasets)
	}
}

// Poisson(1) weights have mean 1 and variance 1, and so do the groups'
// weights in the replicates.
func TestPoissonWeights(t *testing.T) {
	m := NewLeverageMeter(bootBlueprint, scoring.DefaultScale, 5)
	m.fixGroups()
	var sum, sumSq float64
	w := m.replicateWeights()
	for _, x := range w {
		sum, sumSq = sum+float64(x), sumSq+float64(x)*float64(x)
	}
	n := float64(len(w))
	mean := sum / n
	if variance := sumSq/n - mean*mean; math.Abs(mean-1) > 0.02 || math.Abs(variance-1) > 0.04 {
		t.Errorf("weights: mean %g, variance %g; Poisson(1) has 1 and 1", mean, variance)
	}
	if len(w) != DefaultResamples*BootstrapGroups {
		t.Errorf("%d weights, not a replicate's for each group", len(w))
	}
}

// Visits spread evenly over the groups.
func TestGroupsAreEven(t *testing.T) {
	counts := make([]int, BootstrapGroups)
	const visits = 100 * BootstrapGroups
	for i := range visits {
		counts[groupOf(fmt.Sprint("visit-", i), 3, BootstrapGroups)]++
	}
	chi2 := 0.0
	for _, c := range counts {
		chi2 += (float64(c) - 100) * (float64(c) - 100) / 100
	}
	// χ² on 511 degrees of freedom: mean 511, sd 32.
	if chi2 > BootstrapGroups+6*32 {
		t.Errorf("visits per group: χ² %g on %d degrees of freedom", chi2, BootstrapGroups-1)
	}
}

// TestPoissonStepsAsFloats holds the integer thresholds of
// poissonWeight to the comparison of floats they replace, at and beside
// every threshold.
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
