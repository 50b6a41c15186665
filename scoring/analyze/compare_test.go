package analyze_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"runtime"
	"sort"
	"testing"

	"github.com/peakend/peakend/scoring"
	"github.com/peakend/peakend/scoring/analyze"
	"gonum.org/v1/gonum/stat"
)

func panelComparer(t *testing.T, by analyze.Cluster, customers, visits int, truth map[string]float64) *analyze.Comparer {
	t.Helper()
	sim := wideHall(scoring.MemoryModel{Weights: truth, Noise: 0.4}, 5)
	sim.Panel = scoring.Panel{Customers: customers, CustomerSD: 0.8}
	cmp := analyze.NewClusteredComparer(scoring.DefaultRules(), by)
	for v := range sim.Visits(visits) {
		f := scoring.Compute(&v, sim.Scale)
		cmp.Add(&v, &f)
	}
	return cmp
}

// Resampling customers gives wider intervals than resampling visits
// when a customer's visits are alike, and the paired differences put
// the true rule ahead by more than chance.
func TestClusterBootstrap(t *testing.T) {
	truth := map[string]float64{"peak_end": 1}
	naive := panelComparer(t, analyze.NoCluster, 60, 1200, truth).Results(300, 1)
	clustered := panelComparer(t, analyze.ByCustomer, 60, 1200, truth).Results(300, 1)
	if naive[0].Rule != "peak-end" || clustered[0].Rule != "peak-end" {
		t.Fatalf("ranked %s and %s first", naive[0].Rule, clustered[0].Rule)
	}
	wn := naive[0].PearsonHigh - naive[0].PearsonLow
	wc := clustered[0].PearsonHigh - clustered[0].PearsonLow
	if !(wc > 1.3*wn) || clustered[0].Units != 60 || naive[0].Units != 1200 {
		t.Errorf("clustered interval %.4f wide over %d units, naive %.4f over %d", wc, clustered[0].Units, wn, naive[0].Units)
	}
	for _, c := range clustered {
		if c.Rule == "peak-end" {
			if c.Diff != 0 || c.DiffLow != 0 || c.DiffHigh != 0 {
				t.Errorf("the best rule's difference from itself: %v [%v, %v]", c.Diff, c.DiffLow, c.DiffHigh)
			}
			continue
		}
		if !(c.DiffLow <= c.Diff && c.Diff <= c.DiffHigh) || c.Diff > 0 {
			t.Errorf("%s: difference %v outside [%v, %v]", c.Rule, c.Diff, c.DiffLow, c.DiffHigh)
		}
	}
	if mean := find(clustered, "mean"); !(mean.DiffHigh < 0) {
		t.Errorf("mean: difference from peak-end %v, interval [%v, %v], not below 0", mean.Diff, mean.DiffLow, mean.DiffHigh)
	}
}

func find(cs []analyze.Comparison, rule string) analyze.Comparison {
	for _, c := range cs {
		if c.Rule == rule {
			return c
		}
	}
	return analyze.Comparison{}
}

// Three visits: the interval stays within [−1, 1]; ratings far from
// zero keep the interval around r.
func TestBootstrapIsCentredAndClipped(t *testing.T) {
	add := func(cmp *analyze.Comparer, offset float64, r [][2]float64) {
		for i, p := range r {
			v := scoring.Visit{ID: string(rune('a' + i)), Remembered: p[1] + offset,
				Moments: []scoring.Moment{{Rating: p[0] + offset, T: scoring.NA, Duration: scoring.NA}}}
			f := scoring.Compute(&v, scoring.NewScale(offset, offset+10))
			cmp.Add(&v, &f)
		}
	}
	cmp := analyze.NewComparer([]scoring.Rule{scoring.Mean})
	add(cmp, 0, [][2]float64{{1, 1}, {2, 2.1}, {3, 2.9}})
	res := cmp.Results(2000, 1)[0]
	if res.PearsonHigh > 1 || res.PearsonLow < -1 || res.Units != 3 {
		t.Errorf("three visits: [%v, %v]", res.PearsonLow, res.PearsonHigh)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var pts [][2]float64
	for range 500 {
		x := float64(1 + rng.IntN(5))
		pts = append(pts, [2]float64{x, math.Round(x + rng.NormFloat64())})
	}
	for _, offset := range []float64{0, 1e6} {
		cmp := analyze.NewComparer([]scoring.Rule{scoring.Mean})
		add(cmp, offset, pts)
		res := cmp.Results(500, 1)[0]
		if !(res.PearsonLow < res.Pearson && res.Pearson < res.PearsonHigh) || res.PearsonHigh-res.PearsonLow > 0.15 {
			t.Errorf("offset %g: r %v, interval [%v, %v]", offset, res.Pearson, res.PearsonLow, res.PearsonHigh)
		}
	}
}

func TestCrossValidationRanksTheTrueRuleFirst(t *testing.T) {
	for truth, rule := range map[string]string{"peak_end": "peak-end", "mean": "mean", "end": "end"} {
		cmp := panelComparer(t, analyze.ByCustomer, 50, 1500, map[string]float64{truth: 1})
		res, err := cmp.CrossValidate(5, 3, 1)
		if err != nil {
			t.Fatal(err)
		}
		if res[0].Rule != rule || res[0].Folds != 5 || res[0].Repeats != 3 {
			t.Errorf("memory %s: ranked %s first (r %.3f)", truth, res[0].Rule, res[0].Pearson)
		}
		for _, r := range res {
			// The worst moment is far below the remembered rating: its
			// raw error is mostly bias, which calibration removes.
			if r.Rule == "worst" && !(r.RMSE < r.RawRMSE) {
				t.Errorf("worst: calibrated RMSE %v, raw %v", r.RMSE, r.RawRMSE)
			}
		}
		again, _ := cmp.CrossValidate(5, 3, 1)
		if again[0].Pearson != res[0].Pearson {
			t.Error("the same seed gave other folds")
		}
	}
}

func TestCompareBadInput(t *testing.T) {
	cmp := panelComparer(t, analyze.ByCustomer, 4, 100, map[string]float64{"mean": 1})
	if _, err := cmp.CrossValidate(5, 1, 1); !errors.Is(err, analyze.ErrFolds) {
		t.Errorf("5 folds of 4 customers: %v", err)
	}
	if _, err := cmp.CrossValidate(1, 1, 1); !errors.Is(err, analyze.ErrFolds) {
		t.Errorf("1 fold: %v", err)
	}
	if r := cmp.Results(10, 1); r[0].Units != 4 || r[0].Units >= analyze.MinBootstrapUnits {
		t.Errorf("units %d", r[0].Units)
	}
	missing := analyze.NewClusteredComparer(scoring.DefaultRules(), analyze.BySite)
	v := scoring.Visit{ID: "v1", Remembered: 3, Line: 7, Moments: []scoring.Moment{{Rating: 3}}}
	f := scoring.Compute(&v, scoring.DefaultScale)
	missing.Add(&v, &f)
	if !errors.Is(missing.Err(), analyze.ErrMissingCluster) {
		t.Errorf("a visit without a site: %v", missing.Err())
	}
}

// A Comparer merged from parts gives the results of one over the whole.
func TestComparerMergeIsOnePass(t *testing.T) {
	sim := wideHall(scoring.MemoryModel{Weights: map[string]float64{"peak_end": 1}, Noise: 0.4}, 8)
	sim.Panel = scoring.Panel{Customers: 40, CustomerSD: 0.5}
	rng := rand.New(rand.NewPCG(5, 6))
	for _, by := range []analyze.Cluster{analyze.NoCluster, analyze.ByCustomer} {
		whole := analyze.NewClusteredComparer(scoring.DefaultRules(), by)
		parts := []*analyze.Comparer{analyze.NewClusteredComparer(scoring.DefaultRules(), by)}
		for v := range sim.Visits(1000) {
			f := scoring.Compute(&v, sim.Scale)
			whole.Add(&v, &f)
			if rng.IntN(200) == 0 {
				parts = append(parts, analyze.NewClusteredComparer(scoring.DefaultRules(), by))
			}
			parts[len(parts)-1].Add(&v, &f)
		}
		for _, p := range parts[1:] {
			if err := parts[0].Merge(p); err != nil {
				t.Fatal(err)
			}
		}
		want, got := whole.Results(100, 3), parts[0].Results(100, 3)
		for i := range want {
			if want[i] != got[i] && !(math.IsNaN(want[i].Pearson) && want[i].Rule == got[i].Rule) {
				t.Errorf("%v in %d parts: %+v, one pass %+v", by, len(parts), got[i], want[i])
			}
		}
		wcv, _ := whole.CrossValidate(5, 2, 1)
		gcv, _ := parts[0].CrossValidate(5, 2, 1)
		if wcv[0] != gcv[0] {
			t.Errorf("cross-validation in parts %+v, one pass %+v", gcv[0], wcv[0])
		}
	}
	if err := analyze.NewComparer(scoring.DefaultRules()).Merge(analyze.NewClusteredComparer(scoring.DefaultRules(), analyze.BySite)); !errors.Is(err, analyze.ErrMismatch) {
		t.Errorf("a merge of different comparers: %v", err)
	}
}

// The resamples run on every core, each from its own generator: one
// core and four give the same intervals, as wide as those of a plain
// bootstrap written here, that draws a visit at a time (within the
// wobble of 1000 resamples each: a width's is about 5%).
func TestBootstrapOnEveryCore(t *testing.T) {
	sim := wideHall(scoring.MemoryModel{Weights: map[string]float64{"peak_end": 1}, Noise: 0.4}, 5)
	c := analyze.NewComparer(scoring.DefaultRules())
	scores := map[string][]float64{}
	var remembered []float64
	for v := range sim.Visits(3000) {
		f := scoring.Compute(&v, sim.Scale)
		c.Add(&v, &f)
		for _, r := range scoring.DefaultRules() {
			scores[r.Name] = append(scores[r.Name], r.Score(&v, &f))
		}
		remembered = append(remembered, v.Remembered)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	one := c.Results(1000, 7)
	runtime.GOMAXPROCS(4)
	four := c.Results(1000, 7)
	if !reflect.DeepEqual(one, four) {
		t.Fatalf("one core and four differ:\n%+v\n%+v", one, four)
	}
	rng := rand.New(rand.NewPCG(11, 12))
	for _, r := range one[:3] {
		x, n := scores[r.Rule], len(remembered)
		var rs []float64
		for range 1000 {
			var bx, by []float64
			for range n {
				i := rng.IntN(n)
				bx, by = append(bx, x[i]), append(by, remembered[i])
			}
			rs = append(rs, stat.Correlation(bx, by, nil))
		}
		sort.Float64s(rs)
		want := stat.Quantile(0.975, stat.Empirical, rs, nil) - stat.Quantile(0.025, stat.Empirical, rs, nil)
		if got := r.PearsonHigh - r.PearsonLow; math.Abs(got/want-1) > 0.2 {
			t.Errorf("%s: r %.3f, interval %.4f wide; a plain bootstrap's %.4f", r.Rule, r.Pearson, got, want)
		}
	}
}

// BenchmarkCompareBootstrap is Results' bootstrap over 20 000 visits,
// per visit and resample.
func BenchmarkCompareBootstrap(b *testing.B) {
	sim := wideHall(scoring.MemoryModel{Weights: map[string]float64{"peak_end": 1}, Noise: 0.4}, 5)
	c := analyze.NewComparer(scoring.DefaultRules())
	for v := range sim.Visits(20_000) {
		f := scoring.Compute(&v, sim.Scale)
		c.Add(&v, &f)
	}
	const resamples = 50
	for b.Loop() {
		c.Results(resamples, 1)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*20_000*resamples), "ns/visit-resample")
}
