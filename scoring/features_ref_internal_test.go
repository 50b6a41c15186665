package scoring

import (
	"math"
	"math/rand/v2"
	"testing"
)

// referenceFeatures is Compute as it stood before its one-pass form
// (several passes, Scale's methods at every moment, the peaks by runs
// looked ahead): kept so that the one pass is held to it bit for bit,
// which byte-identical output needs and TestComputeMatchesDefinitions,
// within 1e-9, does not hold.
func referenceFeatures(v *Visit, s Scale, opt FeatureOptions) Features {
	n := len(v.Moments)
	if n == 0 {
		return Features{Duration: NA, First: NA, Peak: NA, Best: NA, Worst: NA, End: NA, Mean: NA,
			TimeMean: NA, Trend: NA, PeakEnd: NA, Weakest: NA, EndSlope: NA, PeakMoment: -1, EndMoment: -1}
	}
	order := OrderWith(v, opt.Steps)
	first, last := order[0], order[n-1]
	f := Features{Moments: n, First: v.Moments[first].Rating, End: v.Moments[last].Rating, EndMoment: last, PeakMoment: first}
	f.Best, f.Worst = f.First, f.First
	var sum, sumW, sumWX, sumKX float64
	for k, i := range order {
		x := v.Moments[i].Rating
		sum += x
		sumKX += float64(k) * x
		if s.better(x, f.Best) {
			f.Best = x
		}
		if s.better(f.Worst, x) {
			f.Worst = x
		}
		if k == 0 || s.MoreIntense(x, f.Peak) {
			f.Peak, f.PeakMoment = x, i
		}
		d := v.Moments[i].Duration
		sumW += d
		sumWX += d * x
	}
	f.Mean = sum / float64(n)
	f.TimeMean = NA
	if !IsNA(sumW) && sumW > 0 {
		f.TimeMean = sumWX / sumW
	}
	f.Trend = trend(n, sum, sumKX)
	f.Duration = sumW
	if timed(v) {
		start, end := math.Inf(1), math.Inf(-1)
		for _, m := range v.Moments {
			start = math.Min(start, m.T)
			stop := m.T
			if !IsNA(m.Duration) {
				stop += m.Duration
			}
			end = math.Max(end, stop)
		}
		f.Duration = end - start
	}
	f.PeakEnd = (f.Peak + f.End) / 2
	f.Weakest = f.Worst
	referenceApply(opt, v, &f, order) // as it was, but for the peaks, which it counted
	rising := true                    // the first moment counts if nothing before it is better
	for j := 0; j < n; j++ {
		x := v.Moments[order[j]].Rating
		end := j
		for end+1 < n && v.Moments[order[end+1]].Rating == x {
			end++
		}
		falling := end+1 == n || s.better(x, v.Moments[order[end+1]].Rating)
		if rising && falling && !(j == 0 && end == n-1) {
			f.Peaks++
		}
		rising = end+1 < n && s.better(v.Moments[order[end+1]].Rating, x)
		j = end
	}
	return f
}

// referenceApply is FeatureOptions.apply as it stood before it took the
// moments in order: the peak by the best or worst, and the end slope,
// by the indices of the moments in order.
func referenceApply(opt FeatureOptions, v *Visit, f *Features, order []int) {
	switch opt.Peak {
	case PeakBest, PeakWorst:
		want := f.Best
		if opt.Peak == PeakWorst {
			want = f.Worst
		}
		for _, i := range order {
			if v.Moments[i].Rating == want {
				f.Peak, f.PeakMoment = want, i
				break
			}
		}
		f.PeakEnd = (f.Peak + f.End) / 2
	}
	k := opt.EndSlopeMoments
	if k <= 0 {
		k = DefaultEndSlopeMoments
	}
	n := len(order)
	from := max(0, n-k)
	var sum, sumKX float64
	for j := from; j < n; j++ {
		x := v.Moments[order[j]].Rating
		sum += x
		sumKX += float64(j-from) * x
	}
	f.EndSlope = trend(n-from, sum, sumKX)
}

// sameBits reports whether a and b are the same float64 bit for bit
// (the sign of a zero too), any NaN equal to any other.
func sameBits(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || (a != a && b != b)
}

func sameFeatures(a, b Features) bool {
	fa := []float64{a.Duration, a.First, a.Peak, a.Best, a.Worst, a.End, a.Mean, a.TimeMean, a.Trend, a.PeakEnd, a.Weakest, a.EndSlope}
	fb := []float64{b.Duration, b.First, b.Peak, b.Best, b.Worst, b.End, b.Mean, b.TimeMean, b.Trend, b.PeakEnd, b.Weakest, b.EndSlope}
	for i := range fa {
		if !sameBits(fa[i], fb[i]) {
			return false
		}
	}
	return a.Moments == b.Moments && a.Peaks == b.Peaks && a.PeakMoment == b.PeakMoment && a.EndMoment == b.EndMoment
}

// TestComputeSameBits holds ComputeWith to referenceFeatures bit for
// bit on visits of every shape: in time order and not, with ties in
// time, by seq or in input order, durations missing or not, times and
// ratings of both signs of zero, all ratings equal, more moments than
// identity covers, on scales of either direction, with every option.
func TestComputeSameBits(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	scales := []Scale{DefaultScale, {Min: 0, Max: 10, Neutral: 5, HigherIsWorse: true}, NewScale(-3, 3), {Min: 1, Max: 7, Neutral: 2}}
	steps := StepOrder{"p": {"a": 2, "b": 0, "c": 1}}
	for i := range 200000 {
		s := scales[i%len(scales)]
		opt := FeatureOptions{Peak: PeakDefinition(rng.IntN(3)), EndSlopeMoments: rng.IntN(5)}
		if rng.IntN(2) == 0 {
			opt.Steps = steps
		}
		v := shapedVisit(rng, s)
		got, want := ComputeWith(&v, s, opt), referenceFeatures(&v, s, opt)
		if !sameFeatures(got, want) {
			t.Fatalf("visit %+v on %+v, %+v:\n got %+v\nwant %+v", v.Moments, s, opt, got, want)
		}
	}
	if f := ComputeWith(nil, DefaultScale, FeatureOptions{}); !sameFeatures(f, referenceFeatures(&Visit{}, DefaultScale, FeatureOptions{})) {
		t.Fatalf("nil visit: %+v", f)
	}
}

// shapedVisit is a random visit of one of the shapes TestComputeSameBits
// names.
func shapedVisit(rng *rand.Rand, s Scale) Visit {
	v := Visit{Purpose: "p", Remembered: NA, Recommend: NA}
	n := 1 + rng.IntN(12)
	if rng.IntN(50) == 0 {
		n = 250 + rng.IntN(20)
	}
	shape := rng.IntN(6) // 0, 1 in time; 2 ties in time; 3 by seq; 4 no key; 5 some times missing
	durations := rng.IntN(4)
	levels := 1 + rng.IntN(int(s.Max-s.Min)+1) // few levels make runs and ties
	t := 0.0
	for k := range n {
		m := Moment{Touchpoint: string(rune('a' + rng.IntN(4))), T: NA, Duration: NA, Rating: s.Min + float64(rng.IntN(levels))}
		if m.Rating == 0 && rng.IntN(2) == 0 {
			m.Rating = math.Copysign(0, -1)
		}
		switch shape {
		case 0, 1:
			t += math.Round(rng.Float64()*1000)/10 + 0.1
			m.T = t
		case 2, 5:
			m.T = float64(rng.IntN(6)) * 30
			if shape == 5 && rng.IntN(4) == 0 {
				m.T = NA
			}
		case 3:
			m.Seq, m.HasSeq = int64(rng.IntN(2*n)), true
		}
		if shape == 1 && k == 0 {
			m.T = math.Copysign(0, -float64(rng.IntN(2)))
			t = 0
		}
		if shape == 2 && m.T == 0 && rng.IntN(2) == 0 {
			m.T = math.Copysign(0, -1)
		}
		switch {
		case durations == 0, durations == 1 && rng.IntN(3) == 0:
		case durations == 3:
			m.Duration = 0
		default:
			m.Duration = math.Round(rng.Float64()*3000) / 10
		}
		v.Moments = append(v.Moments, m)
	}
	return v
}
