package report

import (
	"errors"
	"fmt"
	"math"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/scoring"
)

// ErrMismatch is wrapped by Merge's error when the two accumulators were
// built for different blueprints or scales: their counts do not add up.
var ErrMismatch = errors.New("report: accumulators of different blueprints or scales")

// A Histogram counts values on a fixed grid over a scale: the ratings
// of one step, or the peak-end scores of a journey. On a rating scale
// the grid holds every rating a person gives, so its quartiles are
// exact, its memory does not grow with the visits, and two histograms
// add up to the histogram of both inputs.
type Histogram struct {
	min, step float64
	counts    []int
	n         int
}

// gridPerPoint is how many bins a histogram has per scale point: the
// largest of 100, 50, 20, 10, 4, 2 and 1 that keeps it at 1000 bins or
// fewer, so that whole, half and (on scales up to 10 points) hundredth
// ratings each have their own bin.
func gridPerPoint(s scoring.Scale) float64 {
	for _, d := range []float64{100, 50, 20, 10, 4, 2} {
		if (s.Max-s.Min)*d <= 1000 {
			return d
		}
	}
	return 1
}

func newHistogram(s scoring.Scale) *Histogram {
	d := gridPerPoint(s)
	bins := int(math.Round((s.Max-s.Min)*d)) + 1
	return &Histogram{min: s.Min, step: 1 / d, counts: make([]int, max(bins, 1))}
}

// Add counts x, rounded to the nearest bin; a value off the scale counts
// in the bin of its end, and NA counts nothing.
func (h *Histogram) Add(x float64) {
	if scoring.IsNA(x) {
		return
	}
	i := int(math.Round((x - h.min) / h.step))
	h.counts[min(max(i, 0), len(h.counts)-1)]++
	h.n++
}

// N is how many values were counted.
func (h *Histogram) N() int { return h.n }

// Quantile returns the smallest counted value at or below which a share
// p of the values lie (nearest rank), NA when none were counted.
func (h *Histogram) Quantile(p float64) float64 {
	if h.n == 0 {
		return scoring.NA
	}
	need := max(int(math.Ceil(p*float64(h.n))), 1)
	seen := 0
	for i, c := range h.counts {
		seen += c
		if seen >= need {
			return h.value(i)
		}
	}
	return h.value(len(h.counts) - 1)
}

func (h *Histogram) value(i int) float64 { return h.min + float64(i)*h.step }

// A Bin is a value and how many times it was counted.
type Bin struct {
	Value float64
	Count int
}

// Bins lists the values counted, lowest first, with their counts.
func (h *Histogram) Bins() []Bin {
	var out []Bin
	for i, c := range h.counts {
		if c > 0 {
			out = append(out, Bin{h.value(i), c})
		}
	}
	return out
}

// Merge adds other's counts to h; it fails, wrapping ErrMismatch, when
// the two have different grids.
func (h *Histogram) Merge(other *Histogram) error {
	if h.min != other.min || h.step != other.step || len(h.counts) != len(other.counts) {
		return fmt.Errorf("%w: histograms of different grids", ErrMismatch)
	}
	for i, c := range other.counts {
		h.counts[i] += c
	}
	h.n += other.n
	return nil
}

// Distributions counts, per journey, the ratings of each touchpoint and
// the visits' peak-end scores, and the span of the moments' start
// times: what the report draws that mot's Observer does not keep (its
// means), the quartile bands of the experience curve and the overview's
// distribution of scores. Visits whose purpose is no journey of the
// blueprint are left to the Observer, which counts and lists them.
type Distributions struct {
	b        *blueprint.Blueprint
	scale    scoring.Scale
	journeys map[string]*journeyDistributions
	earliest float64 // the first moment's start; NA before any
	latest   float64
	untimed  int // moments without a start time
	moments  int
}

type journeyDistributions struct {
	peakEnd *Histogram
	ratings map[string]*Histogram // by touchpoint
}

// NewDistributions returns empty distributions of visits to blueprint b,
// rated on scale s.
func NewDistributions(b *blueprint.Blueprint, s scoring.Scale) *Distributions {
	d := &Distributions{b: b, scale: s, journeys: map[string]*journeyDistributions{}, earliest: scoring.NA, latest: scoring.NA}
	for _, j := range b.Journeys {
		d.journeys[j.ID] = &journeyDistributions{peakEnd: newHistogram(s), ratings: map[string]*Histogram{}}
	}
	return d
}

var _ scoring.Accumulator = (*Distributions)(nil)

// Add counts visit v with features f; a nil visit or features count
// nothing.
func (d *Distributions) Add(v *scoring.Visit, f *scoring.Features) {
	if v == nil || f == nil {
		return
	}
	for _, m := range v.Moments {
		d.moments++
		if scoring.IsNA(m.T) {
			d.untimed++
			continue
		}
		if scoring.IsNA(d.earliest) || m.T < d.earliest {
			d.earliest = m.T
		}
		if scoring.IsNA(d.latest) || m.T > d.latest {
			d.latest = m.T
		}
	}
	jd, ok := d.journeys[v.Purpose]
	if !ok || len(v.Moments) == 0 {
		return
	}
	jd.peakEnd.Add(f.PeakEnd)
	for _, m := range v.Moments {
		h := jd.ratings[m.Touchpoint]
		if h == nil {
			h = newHistogram(d.scale)
			jd.ratings[m.Touchpoint] = h
		}
		h.Add(m.Rating)
	}
}

// Ratings returns the histogram of touchpoint tp's ratings in journey j,
// nil when none were counted.
func (d *Distributions) Ratings(j, tp string) *Histogram {
	if jd := d.journeys[j]; jd != nil {
		return jd.ratings[tp]
	}
	return nil
}

// PeakEnd returns the histogram of journey j's peak-end scores, nil for
// a journey the blueprint lacks.
func (d *Distributions) PeakEnd(j string) *Histogram {
	if jd := d.journeys[j]; jd != nil {
		return jd.peakEnd
	}
	return nil
}

// Merge adds other's counts to d, as if d had read other's visits after
// its own; it fails, wrapping ErrMismatch and changing nothing, when the
// two were built for different blueprints or scales.
func (d *Distributions) Merge(other *Distributions) error {
	if d.b != other.b || d.scale != other.scale {
		return ErrMismatch
	}
	for id, od := range other.journeys {
		jd := d.journeys[id]
		if err := jd.peakEnd.Merge(od.peakEnd); err != nil {
			return err // cannot happen: one scale gives one grid
		}
		for tp, oh := range od.ratings {
			h := jd.ratings[tp]
			if h == nil {
				h = newHistogram(d.scale)
				jd.ratings[tp] = h
			}
			h.Merge(oh)
		}
	}
	if !scoring.IsNA(other.earliest) && (scoring.IsNA(d.earliest) || other.earliest < d.earliest) {
		d.earliest = other.earliest
	}
	if !scoring.IsNA(other.latest) && (scoring.IsNA(d.latest) || other.latest > d.latest) {
		d.latest = other.latest
	}
	d.untimed += other.untimed
	d.moments += other.moments
	return nil
}
