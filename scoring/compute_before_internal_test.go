package scoring

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
)

// computeBefore is compute as it stood before it took the times and
// the ratings in passes of their own, kept so that compute is held to
// it bit for bit on any ratings (NaN and infinities too, which
// referenceFeatures does not define the same way).
//
// It sets f, zero, to the features that have no choice in them of
// a visit whose moments, ms (at least one), stand in time order, in
// one pass over them; timed says whether every moment has a start.
// The moments of the peak and the end are indices into ms. It reports
// whether the moments' times strictly increase, so that they were in
// order and every one has a start. It fills the caller's result rather
// than returning one, which would be copied once more.
func computeBefore(f *Features, ms []Moment, s Scale, timed bool) (strict bool) {
	n := len(ms)
	f.Moments, f.First, f.End, f.EndMoment, f.PeakMoment = n, ms[0].Rating, ms[n-1].Rating, n-1, 0
	// Ratings times dir compare by the scale's direction: higher is
	// better. Negating is exact, so dir·(dir·x) is x, sign of zero too.
	dir := 1.0
	if s.HigherIsWorse {
		dir = -1
	}
	best, worst := dir*f.First, dir*f.First
	peak := peakOfBefore(f.First, s.Neutral, dir)
	runs := runCounterBefore{last: dir * f.First, rising: true}
	var sum, sumW, sumWX, sumKX float64
	start, end := math.Inf(1), math.Inf(-1) // of the moments' times, when timed
	strict = true
	prev := math.Inf(-1) // the time before the moment's
	for k := range ms {
		m := &ms[k]
		x, d := m.Rating, m.Duration
		if !(m.T > prev) { // a NaN too
			strict = false
		}
		prev = m.T
		sum += x
		sumKX += float64(k) * x
		sumW += d
		sumWX += d * x
		// min and max as math.Min and Max (−0 below +0, NaN taken), but
		// called only for an equal time or a NaN, where they differ from
		// a comparison: in time order the end mostly grows, the start
		// never falls.
		if t := m.T; t < start {
			start = t
		} else if !(t > start) {
			start = min(start, t)
		}
		e := m.T
		if !IsNA(d) {
			e += d
		}
		if e > end {
			end = e
		} else if !(e < end) {
			end = max(end, e)
		}
		if k == 0 {
			continue
		}
		bx := dir * x
		if bx > best {
			best = bx
		}
		if worst > bx {
			worst = bx
		}
		if in := math.Abs(x - s.Neutral); !(in < peak.intensity) {
			if c := peakOfBefore(x, s.Neutral, dir); c.moreIntense(peak) {
				peak, f.PeakMoment = c, k
			}
		}
		runs.add(bx)
	}
	f.Best, f.Worst, f.Peak = dir*best, dir*worst, peak.rating
	f.Peaks = runs.peaks()
	f.Mean = sum / float64(n)
	f.TimeMean = NA
	if !IsNA(sumW) && sumW > 0 {
		f.TimeMean = sumWX / sumW
	}
	f.Trend = trend(n, sum, sumKX)
	f.Duration = sumW // NA when any duration is missing
	if timed {
		f.Duration = end - start
	}
	f.PeakEnd = (f.Peak + f.End) / 2
	f.Weakest = f.Worst
	return strict
}

// A peakCandidateBefore is a rating with what Scale.MoreIntense compares of
// it, worked out once per moment rather than again for the peak at
// every moment.
type peakCandidateBefore struct {
	rating, intensity float64
	bad               bool
}

func peakOfBefore(x, neutral, dir float64) peakCandidateBefore {
	return peakCandidateBefore{rating: x, intensity: math.Abs(x - neutral), bad: dir*neutral > dir*x}
}

// moreIntense is Scale.MoreIntense(c.rating, p.rating). Only a c whose
// intensity is not below p's can be, which compute checks first, so as
// to work out the rest for few moments.
func (c peakCandidateBefore) moreIntense(p peakCandidateBefore) bool {
	return c.intensity > p.intensity || (c.intensity == p.intensity && c.bad && !p.bad)
}

// A runCounterBefore counts the local maxima of ratings (times dir) added in
// time order, as Features.Peaks defines them: each run of equal ones is
// compared with the runs on either side when the next run starts.
type runCounterBefore struct {
	last    float64 // the current run's rating
	rising  bool    // no run before the current one is better
	runs, n int     // the runs before the current one; the maxima among them
}

func (r *runCounterBefore) add(bx float64) {
	if bx == r.last {
		return
	}
	if r.rising && r.last > bx {
		r.n++
	}
	r.rising = bx > r.last
	r.last = bx
	r.runs++
}

// peaks counts the maxima with the last run, which has no run after it
// to be better than; a single run, all equal, has none.
func (r *runCounterBefore) peaks() int {
	if r.rising && r.runs > 0 {
		return r.n + 1
	}
	return r.n
}

// TestComputeAsBefore holds compute to computeBefore bit for bit, with
// the times it reports, on the visits of TestComputeSameBits with some
// ratings, times and durations made NaN, infinite or a zero of either
// sign, first moments too, on scales whose neutral is infinite or NaN
// too, and on both values of timed.
func TestComputeAsBefore(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	scales := []Scale{DefaultScale, {Min: 0, Max: 10, Neutral: 5, HigherIsWorse: true}, NewScale(-3, 3), {Min: 1, Max: 7, Neutral: 2},
		{Min: 0, Max: 4, Neutral: math.Inf(1)}, {Min: 0, Max: 4, Neutral: math.Inf(-1), HigherIsWorse: true}, {Min: 0, Max: 4, Neutral: NA}}
	odd := []float64{NA, math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1)}
	for i := range 200000 {
		s := scales[i%len(scales)]
		v := shapedVisit(rng, s)
		for k := range v.Moments {
			m := &v.Moments[k]
			for _, x := range []*float64{&m.Rating, &m.T, &m.Duration} {
				if rng.IntN(20) == 0 {
					*x = odd[rng.IntN(len(odd))]
				}
			}
		}
		timed := rng.IntN(2) == 0
		var got, want Features
		gotStrict, wantStrict := compute(&got, v.Moments, s, timed), computeBefore(&want, v.Moments, s, timed)
		if !sameFeatures(got, want) || gotStrict != wantStrict {
			t.Fatalf("moments %+v on %+v, timed %v:\n got %+v, %v\nwant %+v, %v", v.Moments, s, timed, got, gotStrict, want, wantStrict)
		}
	}
}

// TestComputeIntoSetsAll holds computeInto to setting every field of
// Features, those added later too, whatever they held: into features
// of the last visit, or of numbers no visit has, it gives what
// ComputeWith gives, shown field by field (NaN and −0 as such).
func TestComputeIntoSetsAll(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	var last Features
	for i := range 20000 {
		s := DefaultScale
		opt := FeatureOptions{Peak: PeakDefinition(rng.IntN(3)), EndSlopeMoments: rng.IntN(5)}
		v := shapedVisit(rng, s)
		if i%10 == 0 {
			v.Moments = nil
		}
		f := last
		if i%2 == 0 {
			fields := reflect.ValueOf(&f).Elem()
			for k := range fields.NumField() {
				switch fl := fields.Field(k); fl.Kind() {
				case reflect.Float64:
					fl.SetFloat(1234.5)
				case reflect.Int:
					fl.SetInt(77)
				default:
					t.Fatalf("a field of kind %v, which this test does not fill", fl.Kind())
				}
			}
		}
		computeInto(&f, &v, s, opt)
		if got, want := fmt.Sprintf("%+v", f), fmt.Sprintf("%+v", ComputeWith(&v, s, opt)); got != want {
			t.Fatalf("moments %+v:\n got %s\nwant %s", v.Moments, got, want)
		}
		last = f
	}
}
