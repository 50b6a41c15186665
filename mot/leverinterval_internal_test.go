package mot

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/peakend/peakend/scoring"
	"github.com/peakend/peakend/scoring/analyze"
)

// intervalByWeights is interval as it was written first, replicate by
// replicate over every group's weight: the reference that interval's
// replicates, formed once a journey, are to give to the bit.
func (m *LeverageMeter) intervalByWeights(gs *groupSums, place int, fit *analyze.FitResult, weights []uint8) (peakEnd, remembered [2]float64) {
	peakEnd, remembered = [2]float64{scoring.NA, scoring.NA}, [2]float64{scoring.NA, scoring.NA}
	if weights == nil || gs == nil || place < gs.places && gs.lost[place] {
		return
	}
	groups := len(gs.visits)
	sums := make([]float64, groups*leverSums)
	for g := range groups {
		for i, x := range gs.lever(g, place) {
			sums[g*leverSums+i] = x.float64() * gs.unit
		}
	}
	var coef [leverSums]float64
	if fit != nil {
		for k, at := range featureSum {
			if at >= 0 {
				coef[at] = fit.Coefficients[k+1].Estimate
			}
		}
	}
	var pe, re []float64
	for b := range m.Resamples {
		var total [leverSums]float64
		n := 0
		for g, w := range weights[b*groups : (b+1)*groups] {
			if w == 0 {
				continue
			}
			n += int(w) * gs.visits[g]
			x := float64(w)
			for i, s := range sums[g*leverSums : (g+1)*leverSums] {
				total[i] += x * s
			}
		}
		if n == 0 {
			continue
		}
		pe = append(pe, (total[sumPeak]+total[sumEnd])/2/float64(n))
		if fit != nil {
			x := 0.0
			for i, c := range coef {
				x += c * total[i] / float64(n)
			}
			re = append(re, x)
		}
	}
	peakEnd = percentiles(pe)
	if fit != nil {
		remembered = percentiles(re)
	}
	return
}

// TestIntervalAsByWeights holds interval to the reference, bit for bit,
// for every lever of meters of many or few visits (few leave groups and
// whole replicates without visits), with a fit and without.
func TestIntervalAsByWeights(t *testing.T) {
	s := scoring.DefaultScale
	steps := []string{"a", "b"}
	for _, visits := range []int{3, 40, 3000} {
		rng := rand.New(rand.NewPCG(uint64(visits), 3))
		m := NewLeverageMeter(bootBlueprint, s, 5)
		m.Seed = uint64(visits)
		for i := range visits {
			v := randomVisit(rng, s, append(steps, "c"))
			if i%2 == 0 {
				v = steppedVisit(rng, s, steps)
			}
			v.ID, v.Purpose, v.Remembered = fmt.Sprint("v", i), "j", float64(rng.IntN(11))
			f := scoring.Compute(&v, s)
			m.Add(&v, &f)
		}
		m.settle()
		fit, err := m.fitter.Result()
		if visits > 10 && err != nil {
			t.Fatalf("%d visits: no fit: %v", visits, err)
		}
		weights := m.replicateWeights()
		js := m.journeys["j"]
		reps := replicatesOf(weights, js.boot)
		for _, f := range []*analyze.FitResult{nil, fit} {
			for place := range js.boot.places {
				pe, re := m.interval(js.boot, place, f, reps)
				wantPE, wantRE := m.intervalByWeights(js.boot, place, f, weights)
				for i := range 2 {
					if !sameBits(pe[i], wantPE[i]) || !sameBits(re[i], wantRE[i]) {
						t.Errorf("%d visits, place %d, fit %v: interval %v %v, by weights %v %v", visits, place, f != nil, pe, re, wantPE, wantRE)
					}
				}
			}
		}
	}
}

func sameBits(x, y float64) bool { return math.Float64bits(x) == math.Float64bits(y) }
