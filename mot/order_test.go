package mot_test

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/peakend/peakend/examples/servicehall"
	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/scoring"
	"github.com/peakend/peakend/scoring/xlsx"
)

// peakendSimulate is the simulation of peakend simulate --visits 3000
// --seed 77 (its default memory model), whose visits include moments
// that start at the same instant: a moment of no duration is followed
// by the next at its start.
func peakendSimulate(t *testing.T) []scoring.Visit {
	t.Helper()
	mem, err := scoring.ParseMemoryModel("peak=0.4,end=0.4,mean=0.2,noise=0.5")
	if err != nil {
		t.Fatal(err)
	}
	var visits []scoring.Visit
	for v := range servicehall.Simulation(mem, 77).Visits(3000) {
		visits = append(visits, v)
	}
	return visits
}

// tiedVisits counts the visits with two moments that start together
// and are rated differently: those whose features the order of ties
// decides.
func tiedVisits(visits []scoring.Visit) int {
	n := 0
	for _, v := range visits {
		at := map[float64]float64{}
		for _, m := range v.Moments {
			if r, ok := at[m.T]; ok && !scoring.IsNA(m.T) && r != m.Rating {
				n++
				break
			}
			at[m.T] = m.Rating
		}
	}
	return n
}

func TestSimulationHasTiedMoments(t *testing.T) {
	visits := peakendSimulate(t)
	tied := 0
	for _, v := range visits {
		seen := map[float64]bool{}
		for _, m := range v.Moments {
			if seen[m.T] {
				tied++
				break
			}
			seen[m.T] = true
		}
	}
	if tied != 46 {
		t.Errorf("peakend simulate --visits 3000 --seed 77 has %d visits with moments that start together, want 46", tied)
	}
	if tiedVisits(visits) == 0 {
		t.Error("no tied moments are rated differently: the order of ties decides nothing here")
	}
}

// visitFixtures are the visits of every visit file the repository
// holds (bad rows left out), by file.
func visitFixtures(t *testing.T) map[string][]scoring.Visit {
	t.Helper()
	var paths []string
	for _, pattern := range []string{"../testdata/*/*.csv", "../testdata/*/*.tsv", "../testdata/*/*/*.csv", "../testdata/*/*/*.jsonl",
		"../examples/*.csv", "../examples/*/visits*", "../examples/*/testdata/*visits*"} {
		found, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, found...)
	}
	if len(paths) < 20 {
		t.Fatalf("found only %d visit files: %v", len(paths), paths)
	}
	fixtures := map[string][]scoring.Visit{}
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		opt := scoring.Options{Name: path, Reject: func(*scoring.ParseError) {}}
		if strings.HasSuffix(path, ".jsonl") {
			opt.Format = scoring.JSONL
		}
		visits := scoring.Read(bytes.NewReader(data), opt)
		if strings.HasSuffix(path, ".xlsx") {
			visits = xlsx.Read(bytes.NewReader(data), int64(len(data)), "", opt)
		}
		for v, err := range visits {
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			fixtures[path] = append(fixtures[path], v)
		}
	}
	return fixtures
}

// orderFree are a visit's features with the peak and end moments given
// as the moments themselves rather than their places in the input.
type orderFree struct {
	scoring.Features
	PeakMoment, EndMoment scoring.Moment
}

func featuresOf(v *scoring.Visit, opt scoring.FeatureOptions) orderFree {
	f := scoring.ComputeWith(v, scoring.DefaultScale, opt)
	of := orderFree{Features: f}
	if f.Moments > 0 {
		of.PeakMoment, of.EndMoment = v.Moments[f.PeakMoment], v.Moments[f.EndMoment]
	}
	of.Features.PeakMoment, of.Features.EndMoment = 0, 0
	return of
}

// shuffled returns v with its moments, its rows, in another order.
func shuffled(v scoring.Visit, rng *rand.Rand) scoring.Visit {
	v.Moments = append([]scoring.Moment(nil), v.Moments...)
	rng.Shuffle(len(v.Moments), func(i, j int) { v.Moments[i], v.Moments[j] = v.Moments[j], v.Moments[i] })
	return v
}

// TestFeaturesIgnoreRowOrder shuffles the rows of every visit of every
// fixture and of the simulation with ties, and holds the features
// equal, with the service hall's step order and without: the order of
// moments comes from their content. Visits without times keep their
// input order, the only one they have, and are left as they are.
func TestFeaturesIgnoreRowOrder(t *testing.T) {
	b, _, err := mot.Load("../examples/servicehall/hall.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fixtures := visitFixtures(t)
	fixtures["simulate --visits 3000 --seed 77"] = peakendSimulate(t)
	rng := rand.New(rand.NewPCG(16, 4))
	equal := cmpopts.EquateNaNs()
	moved := 0 // shuffles that would have changed the features under the old order, by t alone
	for name, visits := range fixtures {
		for _, opt := range []scoring.FeatureOptions{{}, {Steps: mot.StepOrder(b)}, {Peak: scoring.PeakWorst, Steps: mot.StepOrder(b)}} {
			for _, v := range visits {
				if !scoring.OrderedByContent(&v) {
					continue
				}
				want := featuresOf(&v, opt)
				for range 3 {
					w := shuffled(v, rng)
					got := featuresOf(&w, opt)
					if diff := cmp.Diff(want, got, equal); diff != "" {
						t.Fatalf("%s: visit %s, rows shuffled (steps %v): features (-in order +shuffled):\n%s", name, v.ID, opt.Steps != nil, diff)
					}
					if !sameRatings(scoring.OrderWith(&v, opt.Steps), &v, scoring.OrderWith(&w, opt.Steps), &w) {
						t.Fatalf("%s: visit %s: the shuffled visit's ratings in order differ", name, v.ID)
					}
					if !sameRatings(byTimeAlone(&v), &v, byTimeAlone(&w), &w) {
						moved++
					}
				}
			}
		}
	}
	if moved == 0 {
		t.Error("no shuffle moved tied moments rated differently: the test shows nothing about ties")
	}
}

func sameRatings(ia []int, a *scoring.Visit, ib []int, b *scoring.Visit) bool {
	for k := range ia {
		if a.Moments[ia[k]].Rating != b.Moments[ib[k]].Rating {
			return false
		}
	}
	return true
}

// byTimeAlone is the order before ties were broken by content: by t,
// ties in input order.
func byTimeAlone(v *scoring.Visit) []int {
	idx := make([]int, len(v.Moments))
	for i := range idx {
		idx[i] = i
	}
	if scoring.OrderedByContent(v) && !scoring.IsNA(v.Moments[0].T) {
		slices.SortStableFunc(idx, func(a, b int) int { return cmpFloat(v.Moments[a].T, v.Moments[b].T) })
	}
	return idx
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// TestMomentsIgnoreRowOrder holds the moments and leverage reports of
// the simulation with ties equal whether its rows come in order or
// shuffled within each visit: the Observer and LeverageMeter order tied
// moments by the blueprint's steps, as the features do.
func TestMomentsIgnoreRowOrder(t *testing.T) {
	b, _, err := mot.Load("../examples/servicehall/hall.yaml")
	if err != nil {
		t.Fatal(err)
	}
	visits := peakendSimulate(t)
	opt := scoring.FeatureOptions{Steps: mot.StepOrder(b)}
	rng := rand.New(rand.NewPCG(16, 5))
	reports := func(shuffle bool) (*mot.Report, *mot.LeverageReport) {
		obs := mot.NewObserver(b, scoring.DefaultScale)
		meter := mot.NewLeverageMeter(b, scoring.DefaultScale, 5)
		meter.Resamples = 20
		for _, v := range visits {
			if shuffle {
				v = shuffled(v, rng)
			}
			f := scoring.ComputeWith(&v, scoring.DefaultScale, opt)
			obs.Add(&v, &f)
			meter.Add(&v, &f)
		}
		return obs.Report(""), meter.Report("")
	}
	inOrder, inOrderLeverage := reports(false)
	got, gotLeverage := reports(true)
	// Sums over visits in another order round differently in their last
	// bits; the counts and the order of moments are what must agree.
	near := cmp.Options{cmpopts.EquateNaNs(), cmpopts.EquateApprox(1e-12, 1e-12), cmpopts.IgnoreUnexported(mot.Report{}, mot.LeverageReport{})}
	if diff := cmp.Diff(inOrder, got, near); diff != "" {
		t.Errorf("moments (-rows in order +shuffled):\n%s", diff)
	}
	if diff := cmp.Diff(inOrderLeverage, gotLeverage, near); diff != "" {
		t.Errorf("leverage (-rows in order +shuffled):\n%s", diff)
	}
}
