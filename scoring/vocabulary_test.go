package scoring_test

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/peakend/peakend/scoring"
)

// TestFeatureNamesCannotBeChanged holds that the names are the package's
// to state: changing the returned slice changes neither a later call nor
// what Value and Linear accept.
func TestFeatureNamesCannotBeChanged(t *testing.T) {
	names := scoring.FeatureNames()
	want := strings.Join(names, ",")
	names[0] = "changed"
	if got := strings.Join(scoring.FeatureNames(), ","); got != want {
		t.Errorf("FeatureNames after changing a returned slice = %s, want %s", got, want)
	}
	if _, err := scoring.Linear(0, map[string]float64{"changed": 1}); err == nil {
		t.Error(`Linear accepted the feature "changed"`)
	}
}

// TestFeatureTable holds that every named feature is readable by Value,
// with the Features field of that name, and that the writers' columns
// keep the order scripts and the README rely on.
func TestFeatureTable(t *testing.T) {
	f := scoring.Features{Moments: 1, Duration: 2, First: 3, Peak: 4, Best: 5, Worst: 6, End: 7,
		Mean: 8, TimeMean: 9, Trend: 10, PeakEnd: 11, Weakest: 12, EndSlope: 13, Peaks: 14}
	for i, name := range scoring.FeatureNames() {
		x, ok := f.Value(name)
		if !ok || x != float64(i+1) {
			t.Errorf("Value(%q) = %v, %v; want %d, true", name, x, ok, i+1)
		}
	}
	if _, ok := f.Value("remembered"); ok {
		t.Error(`Value("remembered") is a feature`)
	}
	const header = "visit,purpose,moments,duration,first,peak,peak_touchpoint,best,worst,end,end_touchpoint,mean,time_mean,trend,peak_end,remembered"
	if got := scoring.FeaturesHeader(); got != header {
		t.Errorf("FeaturesHeader() = %s\nwant %s", got, header)
	}
	var out bytes.Buffer
	fw := scoring.NewFeatureWriter(&out)
	v := scoring.Visit{ID: "v", Purpose: "p", Remembered: 13, Moments: []scoring.Moment{{Touchpoint: "a"}, {Touchpoint: "b"}}}
	f.PeakMoment, f.EndMoment = 0, 1
	if err := fw.Write(&v, &f); err != nil {
		t.Fatal(err)
	}
	if err := fw.Flush(); err != nil {
		t.Fatal(err)
	}
	if want := header + "\nv,p,1,2,3,4,a,5,6,7,b,8,9,10,11,13\n"; out.String() != want {
		t.Errorf("FeatureWriter wrote\n%swant\n%s", out.String(), want)
	}
	var sum bytes.Buffer
	s := &scoring.Summary{}
	s.Add(&v, &f)
	if err := s.WriteCSV(&sum); err != nil {
		t.Fatal(err)
	}
	if want := "purpose,visits,moments,duration,first,peak,best,worst,end,mean,time_mean,trend,peak_end,remembered\np,1,1,2,3,4,5,6,7,8,9,10,11,13\n"; sum.String() != want {
		t.Errorf("Summary wrote\n%swant\n%s", sum.String(), want)
	}
}

// TestVisitsHeader holds the tidy CSV header VisitWriter writes, which
// Read reads and scripts rely on.
func TestVisitsHeader(t *testing.T) {
	const header = "visit,purpose,touchpoint,t,duration,rating,remembered,recommend"
	var out bytes.Buffer
	w := scoring.NewVisitWriter(&out, scoring.CSV)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if scoring.VisitsHeader != header || out.String() != header+"\n" {
		t.Errorf("VisitsHeader %q, written %q; want %q", scoring.VisitsHeader, out.String(), header)
	}
}

// TestContinuousRatings holds Simulation.Continuous: ratings kept to
// hundredths instead of whole points, still on the scale.
func TestContinuousRatings(t *testing.T) {
	sim := &scoring.Simulation{Scale: scoring.DefaultScale, Seed: 4,
		Journeys: []scoring.SimJourney{{ID: "j", Steps: []string{"a", "b", "c"}}}}
	fractions := func() int {
		n := 0
		for v := range sim.Visits(200) {
			for _, m := range v.Moments {
				if !sim.Scale.Contains(m.Rating) || math.Abs(m.Rating*100-math.Round(m.Rating*100)) > 1e-9 {
					t.Fatalf("rating %v is off the scale or finer than hundredths", m.Rating)
				}
				if m.Rating != math.Round(m.Rating) {
					n++
				}
			}
		}
		return n
	}
	if n := fractions(); n != 0 {
		t.Errorf("%d ratings with fractions from a Simulation rounding to whole points", n)
	}
	sim.Continuous = true
	if n := fractions(); n < 300 {
		t.Errorf("only %d of 600 continuous ratings have a fraction", n)
	}
}
