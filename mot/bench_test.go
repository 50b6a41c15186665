package mot_test

import (
	"testing"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/examples/servicehall"
	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/scoring"
)

// benchSetup loads the service hall and simulates 10 000 of its visits.
func benchSetup(b *testing.B) (*blueprint.Blueprint, []scoring.Visit) {
	bp, _, err := mot.Load("../examples/servicehall/hall.yaml")
	if err != nil {
		b.Fatal(err)
	}
	memory, _ := scoring.ParseMemoryModel("peak=0.6,end=0.2,mean=0.2,noise=0.3")
	var visits []scoring.Visit
	for v := range servicehall.Simulation(memory, 1).Visits(10000) {
		visits = append(visits, v)
	}
	b.ReportAllocs()
	return bp, visits
}

// BenchmarkMoments is the Observer over 10 000 service-hall visits
// (reading excluded: see bench/README.md for the whole command).
func BenchmarkMoments(b *testing.B) {
	bp, visits := benchSetup(b)
	for b.Loop() {
		obs := mot.NewObserver(bp, scoring.DefaultScale)
		for i := range visits {
			f := scoring.Compute(&visits[i], scoring.DefaultScale)
			obs.Add(&visits[i], &f)
		}
		obs.Report("en")
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(visits)), "ns/visit")
}

// BenchmarkLeverage is the LeverageMeter over the same visits.
func BenchmarkLeverage(b *testing.B) {
	bp, visits := benchSetup(b)
	for b.Loop() {
		m := mot.NewLeverageMeter(bp, scoring.DefaultScale, 5)
		for i := range visits {
			f := scoring.Compute(&visits[i], scoring.DefaultScale)
			m.Add(&visits[i], &f)
		}
		m.Report("en")
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(visits)), "ns/visit")
}

// BenchmarkLeverageNoBootstrap is BenchmarkLeverage without intervals,
// to set the bootstrap's cost beside the meter's.
func BenchmarkLeverageNoBootstrap(b *testing.B) {
	bp, visits := benchSetup(b)
	for b.Loop() {
		m := mot.NewLeverageMeter(bp, scoring.DefaultScale, 5)
		m.Resamples = 0
		for i := range visits {
			f := scoring.Compute(&visits[i], scoring.DefaultScale)
			m.Add(&visits[i], &f)
		}
		m.Report("en")
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(visits)), "ns/visit")
}

// BenchmarkLeverageTenSteps is the LeverageMeter over 20 000 visits of
// bench/tenstep.yaml, the blueprint of the command's benchmark
// (bench/README.md): ten moments a visit, in step order, rated in whole
// points, as most recorded visits are.
func BenchmarkLeverageTenSteps(b *testing.B) {
	bp, visits, features := tenStepVisits(b)
	b.ReportAllocs()
	for b.Loop() {
		m := mot.NewLeverageMeter(bp, scoring.DefaultScale, 5)
		for i := range visits {
			m.Add(&visits[i], &features[i])
		}
		m.Report("en")
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(visits)), "ns/visit")
}

// BenchmarkLeverageAdd is LeverageMeter.Add alone over the visits of
// BenchmarkLeverageTenSteps, added again and again to one meter: the
// cost a visit adds to the command's reading, without the meter's
// making and its report.
func BenchmarkLeverageAdd(b *testing.B) {
	bp, visits, features := tenStepVisits(b)
	m := mot.NewLeverageMeter(bp, scoring.DefaultScale, 5)
	b.ReportAllocs()
	for b.Loop() {
		for i := range visits {
			m.Add(&visits[i], &features[i])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(visits)), "ns/visit")
}

// tenStepVisits returns bench/tenstep.yaml and 20 000 visits simulated
// on it, with their features.
func tenStepVisits(b *testing.B) (*blueprint.Blueprint, []scoring.Visit, []scoring.Features) {
	bp, _, err := mot.Load("../bench/tenstep.yaml")
	if err != nil {
		b.Fatal(err)
	}
	memory, _ := scoring.ParseMemoryModel("peak=0.6,end=0.2,mean=0.2,noise=0.3")
	var visits []scoring.Visit
	var features []scoring.Features
	for v := range mot.SimulationOf(bp, memory, 1).Visits(20000) {
		visits = append(visits, v)
		features = append(features, scoring.Compute(&v, scoring.DefaultScale))
	}
	return bp, visits, features
}
