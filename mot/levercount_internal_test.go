package mot

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/scoring"
)

// addPlain is Add with every change split and added (deltaSums.add), as
// before changes were counted: the reference of TestCountedAsAdded.
func (m *LeverageMeter) addPlain(v *scoring.Visit, f *scoring.Features) {
	m.fitter.Add(v, f)
	js, ok := m.journeys[v.Purpose]
	if !ok || len(v.Moments) == 0 {
		m.unknown.add(nameOr(v.Purpose, "(none)"), v.ID)
		return
	}
	g, boot := m.group(js, v.ID)
	js.visits++
	touched, top := m.passLevers(js, v)
	n := len(v.Moments)
	sxx := float64(n) * float64(n*n-1) / 12
	for _, slot := range touched {
		l := &js.now[slot]
		peak := l.top
		if other, ok := top.without(slot); ok && m.scale.MoreIntense(other, peak) {
			peak = other
		}
		d := featureDeltas{sumPeak: peak - f.Peak, sumEnd: l.end, sumMean: l.sum / float64(n), sumFirst: l.first}
		if n > 1 {
			d[sumTrend] = l.sumKX / sxx
		}
		*l = leverVisit{}
		js.lever(slot).add(&d, &m.units, boot, g, leverPlace(slot))
	}
	var end featureDeltas
	m.betterEnd(f, &end)
	js.end.add(&end, &m.units, boot, g, betterEndPlace)
}

// Counting a lever's common changes (addUncommon, settle) leaves the
// sums, bit for bit, as splitting and adding every change does: in the
// encoding, which holds every group's sums, the totals and their exact
// rests; for visits of any shape, ratings on and off the points and
// beyond the scale, parts merged, settles between visits as a count
// nears its bound, and the meters encoded and decoded and added to
// again.
func TestCountedAsAdded(t *testing.T) {
	defer func(was int) { maxCounted = was }(maxCounted)
	rng := rand.New(rand.NewPCG(21, 22))
	tps := []string{"a", "b", "c", "d", "e"}
	b := &blueprint.Blueprint{Journeys: []blueprint.Journey{{ID: "j", Steps: tps[:4]}, {ID: "k", Steps: tps[1:3]}}}
	s := scoring.DefaultScale
	for trial := range 60 {
		maxCounted = []int{1 << 15, 4, 1}[trial%3]
		var visits []scoring.Visit
		for i := range 1 + rng.IntN(400) {
			v := scoring.Visit{ID: fmt.Sprint("v", i), Purpose: []string{"j", "k", "x"}[rng.IntN(3)], Remembered: float64(1 + rng.IntN(5))}
			steps := rng.IntN(2) == 0 // most visits in the journey's order, as recorded ones come
			for k := range 1 + rng.IntN(6) {
				tp := tps[rng.IntN(len(tps))]
				if steps {
					tp = tps[k%len(tps)]
				}
				r := float64(1 + rng.IntN(5))
				switch rng.IntN(30) {
				case 0:
					r = s.Clamp(r - 0.5)
				case 1:
					r = []float64{1e300, -1e300, 0x1p-1000, 7}[rng.IntN(4)] // too far for units, and changes too small
				}
				v.Moments = append(v.Moments, scoring.Moment{Touchpoint: tp, Rating: r, T: float64(k), Duration: 10})
			}
			visits = append(visits, v)
		}
		plain := NewLeverageMeter(b, s, 5)
		parts := make([]*LeverageMeter, 1+rng.IntN(3))
		for i := range parts {
			parts[i] = NewLeverageMeter(b, s, 5)
		}
		for i := range visits {
			f := scoring.Compute(&visits[i], s)
			plain.addPlain(&visits[i], &f)
			k := rng.IntN(len(parts))
			if rng.IntN(50) == 0 { // through an encoding, and counted into again
				data, err := parts[k].MarshalBinary()
				if err != nil {
					t.Fatal(err)
				}
				parts[k] = NewLeverageMeter(b, s, 5)
				if err := parts[k].UnmarshalBinary(data); err != nil {
					t.Fatal(err)
				}
			}
			parts[k].Add(&visits[i], &f)
			for _, js := range parts[k].journeys {
				if js.boot != nil && len(js.boot.points) > 0 && max(slices.Max(js.boot.points), -slices.Min(js.boot.points)) > int32(maxCounted*(maxWholePoints-1)) {
					t.Fatalf("trial %d: a sum in points of %d, past the bound %d", trial, slices.Max(js.boot.points), maxCounted)
				}
				if maxCounted == 1<<15 {
					break // the bound is far
				}
				if js.boot != nil && slices.Max(js.boot.counts) > uint32(maxCounted) {
					t.Fatalf("trial %d: a count of %d, past the bound %d", trial, slices.Max(js.boot.counts), maxCounted)
				}
			}
		}
		for _, p := range parts[1:] {
			if err := parts[0].Merge(p); err != nil {
				t.Fatal(err)
			}
		}
		want, _ := plain.MarshalBinary()
		got, _ := parts[0].MarshalBinary()
		if !bytes.Equal(got, want) {
			t.Fatalf("trial %d (maxCounted %d): the counted sums differ from those added", trial, maxCounted)
		}
		if a, b := reportText(plain.Report("")), reportText(parts[0].Report("")); a != b {
			t.Fatalf("trial %d: reports differ:\n%s\n%s", trial, a, b)
		}
	}
}

// reportText is r's gains, fit and unknown purposes as text.
func reportText(r *LeverageReport) string {
	fit := "no fit"
	if r.Fit != nil {
		fit = fmt.Sprint(*r.Fit)
	}
	return fmt.Sprint(r.Journeys, fit, r.UnknownPurpose)
}
