package report_test

import (
	"testing"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/examples/servicehall"
	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/mot/report"
	"github.com/peakend/peakend/scoring"
)

const hallFile = "../../examples/servicehall/hall.yaml"

func loadHall(t testing.TB) *blueprint.Blueprint {
	t.Helper()
	b, _, err := mot.Load(hallFile)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// peakMemory is a memory model that weighs the peak most: in the
// service hall its peaks sit at the waiting seat, where waiting is
// rated low.
func peakMemory(t testing.TB) scoring.MemoryModel {
	t.Helper()
	m, err := scoring.ParseMemoryModel("peak=0.7,end=0.1,mean=0.2,noise=0.3")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// hallData builds the report of n simulated service-hall visits.
func hallData(t testing.TB, n int, lang string) *report.Data {
	t.Helper()
	b := loadHall(t)
	s := mot.ScoringScale(b)
	r := report.New(b, s, s.Max)
	for v := range servicehall.Simulation(peakMemory(t), 1).Visits(n) {
		f := scoring.Compute(&v, s)
		r.Add(&v, &f)
	}
	return r.Data(lang, []string{"visits.csv"})
}

func journey(t testing.TB, d *report.Data, id string) *report.Journey {
	t.Helper()
	for i := range d.Journeys {
		if d.Journeys[i].ID == id {
			return &d.Journeys[i]
		}
	}
	t.Fatalf("no journey %s in the report", id)
	return nil
}
