package research

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/peakend/peakend/scoring"
	"github.com/peakend/peakend/scoring/analyze"
)

// loadVisits reads the study's visits; a bad row fails the test with
// its file, line and visit.
func loadVisits(t *testing.T, path string) []scoring.Visit {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	visits, err := scoring.ReadAll(f, scoring.Options{Name: path, Scale: scoring.NewScale(1, 5)})
	if err != nil {
		t.Fatal(err)
	}
	return visits
}

// The features of one visit, checked by hand against the data: a long
// wait (1 of 5) is the peak, the visit ends well (4), and peak-end
// remembers it as 2.5 though its mean is 3.33.
func TestFeaturesOfOneVisit(t *testing.T) {
	visits := loadVisits(t, "testdata/hall-visits.csv")
	if len(visits) != 400 {
		t.Fatalf("%d visits, want 400", len(visits))
	}
	v := visits[0]
	f := scoring.Compute(&v, scoring.DefaultScale)
	type summary struct {
		Peak, End, PeakEnd, Mean float64
		PeakAt                   string
		Minutes                  float64
	}
	got := summary{f.Peak, f.End, f.PeakEnd, f.Mean, v.Moments[f.PeakMoment].Touchpoint, f.Duration / 60}
	want := summary{Peak: 1, End: 4, PeakEnd: 2.5, Mean: 10.0 / 3, PeakAt: "wait-seat", Minutes: 47.84}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
		t.Errorf("visit %s (-want +got):\n%s", v.ID, diff)
	}
}

// Which rule predicts the remembered ratings best: in this study,
// peak-end first, then the peak alone, then the worst moment, each with
// a correlation in a band wide enough for sampling noise.
func TestPeakEndPredictsMemoryBest(t *testing.T) {
	cmpr := analyze.NewComparer(scoring.DefaultRules())
	for _, v := range loadVisits(t, "testdata/hall-visits.csv") {
		f := scoring.Compute(&v, scoring.DefaultScale)
		cmpr.Add(&v, &f)
	}
	results := cmpr.Results(500, 1)
	var top []string
	for _, r := range results[:3] {
		top = append(top, r.Rule)
	}
	if diff := cmp.Diff([]string{"peak-end", "peak", "worst"}, top); diff != "" {
		t.Errorf("best three rules (-want +got):\n%s", diff)
	}
	best := results[0]
	if best.N != 400 || best.Pearson < 0.85 || best.PearsonLow < 0.8 {
		t.Errorf("peak-end: n=%d r=%.3f [%.3f, %.3f]", best.N, best.Pearson, best.PearsonLow, best.PearsonHigh)
	}
}
