package mot

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/scoring"
)

// A meter reset measures as a new one: after the same visits its
// encoding and its report are a new meter's, bit for bit, whether its
// groups' memory is taken again or, grown by a touchpoint the blueprint
// lacks, made anew; with replicates and without.
func TestResetAsNew(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	steps := []string{"a", "b", "c"}
	b := &blueprint.Blueprint{Journeys: []blueprint.Journey{{ID: "j", Steps: steps}}}
	s := scoring.DefaultScale
	visits := func(n int, tps []string) []scoring.Visit {
		var vs []scoring.Visit
		for range n {
			v := steppedVisit(rng, s, steps)
			if rng.IntN(4) == 0 {
				v = randomVisit(rng, s, tps)
			}
			v.ID, v.Remembered = fmt.Sprint("v", rng.Uint64()), float64(1+rng.IntN(5))
			vs = append(vs, v)
		}
		return vs
	}
	for trial := range 12 {
		used := NewLeverageMeter(b, s, 5)
		used.Resamples, used.Seed = []int{DefaultResamples, 0}[trial%2], uint64(trial)
		tps := steps
		if trial%3 == 0 {
			tps = append(tps[:3:3], "elsewhere") // grows the groups past a new meter's
		}
		for range trial % 4 { // reset after no visits too, and more than once
			for _, v := range visits(1+rng.IntN(300), tps) {
				f := scoring.Compute(&v, s)
				used.Add(&v, &f)
			}
			used.Reset()
		}
		fresh := NewLeverageMeter(b, s, 5)
		fresh.Resamples, fresh.Seed = used.Resamples, used.Seed
		for _, v := range visits(1+rng.IntN(300), steps) {
			f := scoring.Compute(&v, s)
			used.Add(&v, &f)
			fresh.Add(&v, &f)
		}
		got, _ := used.MarshalBinary()
		want, _ := fresh.MarshalBinary()
		if !bytes.Equal(got, want) {
			t.Fatalf("trial %d: a meter reset encodes otherwise than a new one", trial)
		}
		if a, b := reportText(used.Report("")), reportText(fresh.Report("")); a != b {
			t.Fatalf("trial %d: reports differ:\n%s\n%s", trial, a, b)
		}
	}
}
