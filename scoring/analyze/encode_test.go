package analyze_test

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/peakend/peakend/internal/wire/wiretest"
	"github.com/peakend/peakend/scoring"
	"github.com/peakend/peakend/scoring/analyze"
)

// panelParts returns panel visits with customers and sites, and their
// features, cut at random into parts.
func panelParts(seed uint64, n int) (parts [][]scoring.Visit, features [][]scoring.Features) {
	sim := wideHall(scoring.MemoryModel{Weights: map[string]float64{"peak": 0.5, "end": 0.4}, Noise: 0.5}, seed)
	sim.Panel = scoring.Panel{Customers: 60, Sites: 4, CustomerSD: 0.5, SiteSD: 0.3}
	rng := rand.New(rand.NewPCG(seed, 11))
	parts, features = [][]scoring.Visit{nil}, [][]scoring.Features{nil}
	for v := range sim.Visits(n) {
		if rng.IntN(n/4) == 0 {
			parts, features = append(parts, nil), append(features, nil)
		}
		last := len(parts) - 1
		parts[last] = append(parts[last], v)
		features[last] = append(features[last], scoring.Compute(&v, sim.Scale))
	}
	return parts, features
}

// TestFitterEncoding sends each part through its binary form before
// merging: the fit's CSV is byte for byte that of the parts merged as
// they were, for every kind of standard error.
func TestFitterEncoding(t *testing.T) {
	features := []string{"peak", "end", "mean", "duration"}
	for _, opt := range []analyze.FitOptions{{}, {Robust: true}, {Cluster: analyze.ByCustomer}, {Cluster: analyze.BySite}} {
		for seed := range uint64(4) {
			parts, fs := panelParts(seed, 800)
			direct, _ := analyze.NewFitterWith(features, opt)
			decoded, _ := analyze.NewFitterWith(features, opt)
			for p, part := range parts {
				ft, _ := analyze.NewFitterWith(features, opt)
				for i := range part {
					ft.Add(&part[i], &fs[p][i])
				}
				back, _ := analyze.NewFitterWith(features, opt)
				wiretest.RoundTrip(t, ft, back)
				if err := errors.Join(direct.Merge(ft), decoded.Merge(back)); err != nil {
					t.Fatal(err)
				}
			}
			if got, want := fitCSV(t, decoded), fitCSV(t, direct); got != want {
				t.Fatalf("%+v, seed %d, %d parts: decoded parts fit\n%s\nnot\n%s", opt, seed, len(parts), got, want)
			}
		}
	}
}

func fitCSV(t *testing.T, ft *analyze.Fitter) string {
	t.Helper()
	res, err := ft.Result()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := res.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestComparerEncoding does the same for the comparer: its bootstrap
// and its cross-validation.
func TestComparerEncoding(t *testing.T) {
	for _, by := range []analyze.Cluster{analyze.NoCluster, analyze.ByCustomer} {
		parts, fs := panelParts(3, 600)
		direct := analyze.NewClusteredComparer(scoring.DefaultRules(), by)
		decoded := analyze.NewClusteredComparer(scoring.DefaultRules(), by)
		for p, part := range parts {
			c := analyze.NewClusteredComparer(scoring.DefaultRules(), by)
			for i := range part {
				c.Add(&part[i], &fs[p][i])
			}
			back := analyze.NewClusteredComparer(scoring.DefaultRules(), by)
			wiretest.RoundTrip(t, c, back)
			if err := errors.Join(direct.Merge(c), decoded.Merge(back)); err != nil {
				t.Fatal(err)
			}
		}
		if got, want := compareCSV(t, decoded), compareCSV(t, direct); got != want {
			t.Fatalf("%v, %d parts: decoded parts compare\n%s\nnot\n%s", by, len(parts), got, want)
		}
	}
}

func compareCSV(t *testing.T, c *analyze.Comparer) string {
	t.Helper()
	cv, err := c.CrossValidate(5, 2, 1)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := errors.Join(analyze.WriteComparisonsCSV(&buf, c.Results(50, 1)), analyze.WriteCrossValidationCSV(&buf, cv)); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestEncodingMismatch refuses to decode into an accumulator built
// otherwise, and bytes that are not an encoding.
func TestEncodingMismatch(t *testing.T) {
	fitter := func(features []string, opt analyze.FitOptions) *analyze.Fitter {
		ft, _ := analyze.NewFitterWith(features, opt)
		return ft
	}
	fit, _ := fitter([]string{"peak", "end"}, analyze.FitOptions{}).MarshalBinary()
	cmp, _ := analyze.NewComparer(scoring.DefaultRules()).MarshalBinary()
	for name, err := range map[string]error{
		"fit, features":  fitter([]string{"peak", "mean"}, analyze.FitOptions{}).UnmarshalBinary(fit),
		"fit, robust":    fitter([]string{"peak", "end"}, analyze.FitOptions{Robust: true}).UnmarshalBinary(fit),
		"fit, cluster":   fitter([]string{"peak", "end"}, analyze.FitOptions{Cluster: analyze.BySite}).UnmarshalBinary(fit),
		"compare, rules": analyze.NewComparer(scoring.DefaultRules()[1:]).UnmarshalBinary(cmp),
		"compare, cluster": analyze.NewClusteredComparer(scoring.DefaultRules(), analyze.ByCustomer).
			UnmarshalBinary(cmp),
	} {
		if !errors.Is(err, scoring.ErrMergeMismatch) || !errors.Is(err, analyze.ErrMismatch) {
			t.Errorf("%s: %v, want scoring.ErrMergeMismatch and analyze.ErrMismatch", name, err)
		}
	}
	for name, err := range map[string]error{
		"fit as compare": analyze.NewComparer(scoring.DefaultRules()).UnmarshalBinary(fit),
		"truncated":      fitter([]string{"peak", "end"}, analyze.FitOptions{}).UnmarshalBinary(fit[:len(fit)-3]),
		"other version":  analyze.NewComparer(scoring.DefaultRules()).UnmarshalBinary(append([]byte{cmp[0] + 1}, cmp[1:]...)),
	} {
		if !errors.Is(err, scoring.ErrCorruptEncoding) {
			t.Errorf("%s: %v, want scoring.ErrCorruptEncoding", name, err)
		}
	}
}

// FuzzFitterUnmarshalBinary: see wiretest.Fuzz.
func FuzzFitterUnmarshalBinary(f *testing.F) {
	opt := analyze.FitOptions{Cluster: analyze.ByCustomer} // the sandwich with the most to decode
	fresh := func() *analyze.Fitter {
		ft, _ := analyze.NewFitterWith([]string{"peak", "end"}, opt)
		return ft
	}
	seen := fresh()
	parts, fs := panelParts(1, 40)
	for p, part := range parts {
		for i := range part {
			seen.Add(&part[i], &fs[p][i])
		}
	}
	wiretest.Fuzz(f, fresh, seen, func(a, b *analyze.Fitter) error {
		if err := a.Merge(b); err != nil {
			return err
		}
		_, err := a.Result()
		return err
	})
}

// FuzzComparerUnmarshalBinary: see wiretest.Fuzz.
func FuzzComparerUnmarshalBinary(f *testing.F) {
	fresh := func() *analyze.Comparer {
		return analyze.NewClusteredComparer(scoring.DefaultRules()[:3], analyze.ByCustomer)
	}
	seen := fresh()
	parts, fs := panelParts(2, 40)
	for p, part := range parts {
		for i := range part {
			seen.Add(&part[i], &fs[p][i])
		}
	}
	wiretest.Fuzz(f, fresh, seen, func(a, b *analyze.Comparer) error {
		if err := a.Merge(b); err != nil {
			return err
		}
		a.Results(5, 1)
		_, err := a.CrossValidate(2, 1, 1)
		return err
	})
}

// TestComparerIgnoresOrder adds the same visits in two orders: the
// comparison, intervals and cross-validation included, is byte for
// byte the same, as the rows are put in an order of their content first.
func TestComparerIgnoresOrder(t *testing.T) {
	parts, fs := panelParts(5, 900)
	var visits []scoring.Visit
	var features []scoring.Features
	for p := range parts {
		visits, features = append(visits, parts[p]...), append(features, fs[p]...)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, by := range []analyze.Cluster{analyze.NoCluster, analyze.ByCustomer} {
		inOrder := analyze.NewClusteredComparer(scoring.DefaultRules(), by)
		shuffled := analyze.NewClusteredComparer(scoring.DefaultRules(), by)
		for i := range visits {
			inOrder.Add(&visits[i], &features[i])
		}
		for _, i := range rng.Perm(len(visits)) {
			shuffled.Add(&visits[i], &features[i])
		}
		if got, want := compareCSV(t, shuffled), compareCSV(t, inOrder); got != want {
			t.Fatalf("%v: shuffled visits compare\n%s\nnot\n%s", by, got, want)
		}
	}
}
