package scoring_test

import (
	"math"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/peakend/peakend/scoring"
)

// naiveBefore reports whether moment a comes before b by the order's
// definition, read as a list of keys (absent ones as +∞, which puts
// them last): t when every moment has one, else seq when every moment
// has one, else none; then seq, the step, touchpoint, rating, duration.
func naiveBefore(ms []scoring.Moment, a, b int, steps map[string]int) bool {
	timed, seqd := true, true
	for _, m := range ms {
		timed = timed && !math.IsNaN(m.T)
		seqd = seqd && m.HasSeq
	}
	if !timed && !seqd {
		return false
	}
	key := func(m scoring.Moment) []float64 {
		k := []float64{math.Inf(1), math.Inf(1), math.Inf(1)}
		if timed {
			k[0] = m.T
		}
		if m.HasSeq {
			k[1] = float64(m.Seq)
		}
		if step, ok := steps[m.Touchpoint]; ok {
			k[2] = float64(step)
		}
		return k
	}
	ka, kb := key(ms[a]), key(ms[b])
	for i := range ka {
		if ka[i] != kb[i] {
			return ka[i] < kb[i]
		}
	}
	if ms[a].Touchpoint != ms[b].Touchpoint {
		return ms[a].Touchpoint < ms[b].Touchpoint
	}
	if ms[a].Rating != ms[b].Rating {
		return ms[a].Rating < ms[b].Rating
	}
	da, db := ms[a].Duration, ms[b].Duration
	if math.IsNaN(da) {
		da = math.Inf(1)
	}
	if math.IsNaN(db) {
		db = math.Inf(1)
	}
	return da < db
}

// naive computes the features straight from their definitions in the
// issue, with none of Compute's shortcuts (one pass, closed-form trend,
// skipped sort), so that the two check each other.
func naive(v scoring.Visit, s scoring.Scale) scoring.Features {
	ms := append([]scoring.Moment(nil), v.Moments...)
	idx := make([]int, len(ms))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return naiveBefore(ms, idx[a], idx[b], nil) })
	timed := true
	for _, m := range ms {
		timed = timed && !math.IsNaN(m.T)
	}
	r := make([]float64, len(idx))
	for k, i := range idx {
		r[k] = ms[i].Rating
	}
	n := len(r)
	f := scoring.Features{Moments: n, First: r[0], End: r[n-1], EndMoment: idx[n-1]}
	better := func(a, b float64) bool { return (a > b) != s.HigherIsWorse && a != b }
	bad := func(x float64) bool { return better(s.Neutral, x) }
	f.Best, f.Worst = r[0], r[0]
	peakK := 0
	for k, x := range r {
		if better(x, f.Best) {
			f.Best = x
		}
		if better(f.Worst, x) {
			f.Worst = x
		}
		ik, ip := math.Abs(x-s.Neutral), math.Abs(r[peakK]-s.Neutral)
		if ik > ip || (ik == ip && bad(x) && !bad(r[peakK])) {
			peakK = k
		}
	}
	f.Peak, f.PeakMoment = r[peakK], idx[peakK]
	sum := 0.0
	for _, x := range r {
		sum += x
	}
	f.Mean = sum / float64(n)
	f.TimeMean = math.NaN()
	var wsum, w float64
	durations := true
	for _, m := range ms {
		if math.IsNaN(m.Duration) {
			durations = false
		}
		wsum += m.Rating * m.Duration
		w += m.Duration
	}
	if durations && w > 0 {
		f.TimeMean = wsum / w
	}
	switch {
	case timed:
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, m := range ms {
			end := m.T
			if !math.IsNaN(m.Duration) {
				end += m.Duration
			}
			lo, hi = math.Min(lo, m.T), math.Max(hi, end)
		}
		f.Duration = hi - lo
	case durations:
		f.Duration = w
	default:
		f.Duration = math.NaN()
	}
	if n > 1 {
		var mk, num, den float64
		mk = float64(n-1) / 2
		for k, x := range r {
			num += (float64(k) - mk) * (x - f.Mean)
			den += (float64(k) - mk) * (float64(k) - mk)
		}
		f.Trend = num / den
	}
	f.PeakEnd = (f.Peak + f.End) / 2
	f.Weakest = f.Worst
	f.EndSlope = slope(r[max(0, n-3):])
	// Local maxima: collapse runs of equal ratings, then count those
	// better than each neighbour they have.
	var runs []float64
	for k, x := range r {
		if k == 0 || x != r[k-1] {
			runs = append(runs, x)
		}
	}
	for k, x := range runs {
		if len(runs) > 1 && (k == 0 || better(x, runs[k-1])) && (k == len(runs)-1 || better(x, runs[k+1])) {
			f.Peaks++
		}
	}
	return f
}

// slope is the least-squares slope of r against 0, 1, ...; 0 for one.
func slope(r []float64) float64 {
	if len(r) < 2 {
		return 0
	}
	var mean float64
	for _, x := range r {
		mean += x / float64(len(r))
	}
	mk := float64(len(r)-1) / 2
	var num, den float64
	for k, x := range r {
		num += (float64(k) - mk) * (x - mean)
		den += (float64(k) - mk) * (float64(k) - mk)
	}
	return num / den
}

func randomVisit(rng *rand.Rand, s scoring.Scale) scoring.Visit {
	v := scoring.Visit{Remembered: scoring.NA, Recommend: scoring.NA}
	n := 1 + rng.IntN(12)
	timed, durations := rng.IntN(3) > 0, rng.IntN(3) > 0
	for range n {
		m := scoring.Moment{T: scoring.NA, Duration: scoring.NA, Rating: s.Min + float64(rng.IntN(int(s.Max-s.Min)+1))}
		if timed {
			m.T = float64(rng.IntN(20)) * 30 // repeats make ties in time
		}
		if durations {
			m.Duration = float64(rng.IntN(300))
		}
		v.Moments = append(v.Moments, m)
	}
	return v
}

func TestComputeMatchesDefinitions(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	scales := []scoring.Scale{scoring.DefaultScale, pain, scoring.NewScale(0, 10), {Min: 1, Max: 7, Neutral: 2}}
	for i := 0; i < 5000; i++ {
		s := scales[i%len(scales)]
		v := randomVisit(rng, s)
		got, want := scoring.Compute(&v, s), naive(v, s)
		if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-9), cmpopts.EquateNaNs()); diff != "" {
			t.Fatalf("visit %+v on %+v (-naive +Compute):\n%s", v.Moments, s, diff)
		}
	}
}

func TestPeakTies(t *testing.T) {
	// 1 and 5 are equally intense around neutral 3: the bad side wins.
	v := profile(10, 5, 1, 5)
	if f := scoring.Compute(&v, scoring.DefaultScale); f.Peak != 1 || f.PeakMoment != 1 {
		t.Errorf("peak %g at %d, want the bad-side 1 at 1", f.Peak, f.PeakMoment)
	}
	// On a pain scale the bad side is the high one.
	w := profile(10, 1, 9, 1)
	if f := scoring.Compute(&w, scoring.Scale{Min: 0, Max: 10, Neutral: 5, HigherIsWorse: true}); f.Peak != 9 {
		t.Errorf("pain peak %g, want 9", f.Peak)
	}
	// Equal and on the same side: the earliest.
	x := profile(10, 2, 1, 1)
	if f := scoring.Compute(&x, scoring.DefaultScale); f.PeakMoment != 1 {
		t.Errorf("peak at %d, want the earliest, 1", f.PeakMoment)
	}
}

func TestOrderByTimeKeepsTies(t *testing.T) {
	v := scoring.Visit{Moments: []scoring.Moment{
		{Touchpoint: "c", T: 20, Rating: 3, Duration: scoring.NA},
		{Touchpoint: "a", T: 0, Rating: 1, Duration: scoring.NA},
		{Touchpoint: "b1", T: 10, Rating: 4, Duration: scoring.NA},
		{Touchpoint: "b2", T: 10, Rating: 5, Duration: scoring.NA},
	}}
	if diff := cmp.Diff([]int{1, 2, 3, 0}, scoring.Order(&v)); diff != "" {
		t.Errorf("Order (-want +got):\n%s", diff)
	}
	f := scoring.Compute(&v, scoring.DefaultScale)
	if f.First != 1 || f.End != 3 || f.Duration != 20 {
		t.Errorf("first %g end %g duration %g, want 1 3 20", f.First, f.End, f.Duration)
	}
}
