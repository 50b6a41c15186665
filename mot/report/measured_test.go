package report_test

import (
	"math"
	"testing"

	"github.com/peakend/peakend/examples/servicehall"
	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/mot/report"
	"github.com/peakend/peakend/scoring"
)

// TestMeasuredForThePoster: a touchpoint's mean is that of all its
// ratings over every journey; the disputed declared peak names where
// the visits' peak falls; the wait's measured share is the report's.
func TestMeasuredForThePoster(t *testing.T) {
	b := loadHall(t)
	s := mot.ScoringScale(b)
	r := report.New(b, s, s.Max)
	var sum float64
	var n int
	for v := range servicehall.Simulation(peakMemory(t), 5).Visits(3000) {
		f := scoring.Compute(&v, s)
		r.Add(&v, &f)
		for _, m := range v.Moments {
			if m.Touchpoint == "greet" { // in all three journeys
				sum += m.Rating
				n++
			}
		}
	}
	d := r.Data("en", nil)
	m := d.Measured()
	greet := m.Touchpoints["greet"]
	if greet.Ratings != n || math.Abs(greet.Mean-sum/float64(n)) > 1e-12 {
		t.Errorf("greet: mean %g of %d, want %g of %d", greet.Mean, greet.Ratings, sum/float64(n), n)
	}
	if cr := m.Touchpoints["counter-result"]; cr.PeakElsewhere != "wait-seat" || cr.RivalShare <= cr.PeakShare {
		t.Errorf("counter-result: %+v, want the peak elsewhere, at wait-seat", cr)
	}
	wait := m.Touchpoints["wait-seat"].Standards["wait"]
	want := journey(t, d, "counter").Standards[0]
	if want.Name != "wait" || wait.Measured != want.Measured || wait.Met != float64(want.Met) {
		t.Errorf("wait-seat's wait: %+v, want %+v", wait, want)
	}
	if m.Min != 1 || m.Max != 5 || m.Visits != 3000 {
		t.Errorf("scale %g..%g, %d visits", m.Min, m.Max, m.Visits)
	}
}
