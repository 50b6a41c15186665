package scoring_test

import (
	"fmt"
	"os"
	"strings"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/peakend/peakend/examples/servicehall"
	"github.com/peakend/peakend/scoring"
)

// Score the visits of a tidy CSV file: one row per moment.
func ExampleRead() {
	data := `visit,purpose,touchpoint,t,duration,rating,remembered
v1,bill,queue,0,900,1,2
v1,bill,counter,900,120,4,
v1,bill,leave,1020,30,3,
v2,trial,demo,0,200,5,5
`
	for v, err := range scoring.Read(strings.NewReader(data), scoring.Options{Name: "visits.csv"}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		f := scoring.Compute(&v, scoring.DefaultScale)
		fmt.Printf("%s: peak %g at %s, end %g, peak-end %g, mean %.2f, remembered %g\n",
			v.ID, f.Peak, v.Moments[f.PeakMoment].Touchpoint, f.End, f.PeakEnd, f.Mean, v.Remembered)
	}
	// Output:
	// v1: peak 1 at queue, end 3, peak-end 2, mean 2.67, remembered 2
	// v2: peak 5 at demo, end 5, peak-end 5, mean 5.00, remembered 5
}

// Errors name the file, line, column and visit.
func ExampleParseError() {
	data := "visit,rating\nv1,4\nv1,7\n"
	_, err := scoring.ReadAll(strings.NewReader(data), scoring.Options{Name: "visits.csv"})
	fmt.Println(err)
	// Output:
	// visits.csv:3:4: visit v1: rating: 7 is outside the scale 1..5
}

// The colonoscopy patients of Redelmeier and Kahneman (1996), on a pain
// scale where higher is worse and 0 is no pain.
func ExampleCompute() {
	pain := scoring.Scale{Min: 0, Max: 10, Neutral: 0, HigherIsWorse: true}
	patient := func(ratings ...float64) scoring.Visit {
		v := scoring.Visit{Remembered: scoring.NA}
		for i, r := range ratings {
			v.Moments = append(v.Moments, scoring.Moment{T: float64(60 * i), Duration: 60, Rating: r})
		}
		return v
	}
	a := patient(2, 4, 6, 8, 8, 7, 7, 7)
	b := patient(2, 3, 4, 5, 6, 8, 7, 6, 6, 5, 5, 5, 4, 4, 4, 3, 3, 3, 2, 2, 2, 1, 1, 1)
	for name, v := range map[string]scoring.Visit{"A": a} {
		f := scoring.Compute(&v, pain)
		fmt.Printf("%s: %g min, peak-end %g, pain·min %g\n", name, f.Duration/60, f.PeakEnd, f.TimeMean*f.Duration/60)
	}
	f := scoring.Compute(&b, pain)
	fmt.Printf("B: %g min, peak-end %g, pain·min %g\n", f.Duration/60, f.PeakEnd, f.TimeMean*f.Duration/60)
	// Output:
	// A: 8 min, peak-end 7.5, pain·min 49
	// B: 24 min, peak-end 4.5, pain·min 92
}

// A rule of one's own is a name and a function.
func ExampleRule() {
	lastTwo := scoring.Rule{Name: "last-two", Score: func(v *scoring.Visit, f *scoring.Features) float64 {
		order := scoring.Order(v)
		if len(order) < 2 {
			return f.End
		}
		return (v.Moments[order[len(order)-2]].Rating + f.End) / 2
	}}
	v := scoring.Visit{Moments: []scoring.Moment{
		{Rating: 5, T: scoring.NA, Duration: scoring.NA},
		{Rating: 2, T: scoring.NA, Duration: scoring.NA},
		{Rating: 4, T: scoring.NA, Duration: scoring.NA},
	}}
	f := scoring.Compute(&v, scoring.DefaultScale)
	for _, r := range []scoring.Rule{scoring.PeakEndRule, scoring.Mean, scoring.Worst, lastTwo} {
		fmt.Printf("%s %g\n", r.Name, r.Score(&v, &f))
	}
	// Output:
	// peak-end 4.5
	// mean 3.6666666666666665
	// worst 2
	// last-two 3
}

// Simulate visits with a known memory model and write them as CSV.
func ExampleSimulation() {
	memory, _ := scoring.ParseMemoryModel("peak=0.5,end=0.5,noise=0.2")
	sim := servicehall.Simulation(memory, 1)
	w := scoring.NewVisitWriter(os.Stdout, scoring.CSV)
	for v := range sim.Visits(1) {
		w.Write(&v)
	}
	w.Flush()
	// Output:
	// visit,purpose,touchpoint,t,duration,rating,remembered,recommend
	// v1,counter,find-hall,0,126,4,3.076,
	// v1,counter,enter-hall,126,6.4,4,3.076,
	// v1,counter,greet,132.4,5.6,2,3.076,
	// v1,counter,take-ticket,138,13.9,3,3.076,
	// v1,counter,wait-seat,151.9,1635.6,3,3.076,
	// v1,counter,counter-service,1787.5,73.4,4,3.076,
	// v1,counter,counter-result,1860.9,65.8,4,3.076,
	// v1,counter,farewell,1926.7,3.1,3,3.076,
	// v1,counter,leave,1929.8,1.7,4,3.076,
}

// The peak taken as the worst moment, and the slope of the last three.
func ExampleComputeWith() {
	v := scoring.Visit{Moments: []scoring.Moment{
		{Rating: 5, T: 0, Duration: 60}, {Rating: 2, T: 60, Duration: 600}, {Rating: 3, T: 660, Duration: 120}, {Rating: 4, T: 780, Duration: 30}}}
	for _, peak := range []scoring.PeakDefinition{scoring.PeakMostIntense, scoring.PeakBest, scoring.PeakWorst} {
		f := scoring.ComputeWith(&v, scoring.DefaultScale, scoring.FeatureOptions{Peak: peak})
		fmt.Printf("%-7s peak %g, peak_end %g, end_slope %g, peaks %d\n", peak, f.Peak, f.PeakEnd, f.EndSlope, f.Peaks)
	}
	// Output:
	// intense peak 5, peak_end 4.5, end_slope 1, peaks 2
	// best    peak 5, peak_end 4.5, end_slope 1, peaks 2
	// worst   peak 2, peak_end 3, end_slope 1, peaks 2
}

// A panel: visits by 3 customers at 2 sites.
func ExamplePanel() {
	memory, _ := scoring.ParseMemoryModel("peak=0.5,end=0.5,noise=0.3")
	sim := &scoring.Simulation{Scale: scoring.DefaultScale, Memory: memory, Seed: 1,
		Journeys: []scoring.SimJourney{{ID: "visit", Steps: []string{"wait", "serve"}}},
		Panel:    scoring.Panel{Customers: 3, Sites: 2, CustomerSD: 0.5, SiteSD: 0.2}}
	for v := range sim.Visits(4) {
		fmt.Println(v.ID, v.Customer, v.Site)
	}
	// Output:
	// v1 c3 s2
	// v2 c2 s1
	// v3 c1 s2
	// v4 c1 s2
}

// A feature read from many visits, looked up once.
func ExampleFeatureReader() {
	endSlope, _ := scoring.FeatureReader("end_slope")
	v := scoring.Visit{Moments: []scoring.Moment{{Rating: 2}, {Rating: 3}, {Rating: 5}}}
	f := scoring.Compute(&v, scoring.DefaultScale)
	fmt.Println(endSlope(&f))
	// Output: 1.5
}

func ExampleSummary_WriteCSVLabelled() {
	var sum scoring.Summary
	v := scoring.Visit{ID: "v1", Purpose: "counter", Remembered: 4, Moments: []scoring.Moment{
		{Touchpoint: "wait", Rating: 2, T: 0, Duration: 600}, {Touchpoint: "leave", Rating: 4, T: 600, Duration: 30}}}
	f := scoring.Compute(&v, scoring.DefaultScale)
	sum.Add(&v, &f)
	// Headings for people, and a name beside each purpose.
	headings := map[string]string{"purpose": "journey", "duration": "duration (s)"}
	sum.WriteCSVLabelled(os.Stdout, scoring.SummaryLabels{
		Column: func(name string) string {
			if h, ok := headings[name]; ok {
				return h
			}
			return name
		},
		Name:       func(purpose string) string { return map[string]string{"counter": "Counter business"}[purpose] },
		NameColumn: "name",
	})
	// Output:
	// journey,name,visits,moments,duration (s),first,peak,best,worst,end,mean,time_mean,trend,peak_end,remembered
	// counter,Counter business,1,2,630,2,2,4,2,4,3,2.0952380952380953,2,3,4
}

// A file as Excel on Chinese Windows saves it: GB18030, Chinese
// headers, clock times, a rating not given. Read tells that it decoded
// GB18030, and with SkipMissing counts the moment it left out.
func ExampleOptions_chinese() {
	src, _ := simplifiedchinese.GB18030.NewEncoder().String("访问,触点,时间,评分\nv1,等候叫号,09:02,2\nv1,柜台,09:14:30,N/A\nv1,离开,09:20,4\n")
	opt := scoring.Options{
		Name:     "visits.csv",
		Missing:  scoring.SkipMissing,
		Detected: func(d scoring.Detection) { fmt.Println(d) },
	}
	for v, err := range scoring.Read(strings.NewReader(src), opt) {
		if err != nil {
			fmt.Println(err)
			return
		}
		f := scoring.Compute(&v, scoring.DefaultScale)
		fmt.Println(v.ID, len(v.Moments), "rated,", v.Missing, "missing; duration", f.Duration, "s; end at", v.Moments[1].Touchpoint)
	}
	// Output:
	// visits.csv: not UTF-8; read as GB18030 (decided at line 1)
	// v1 2 rated, 1 missing; duration 1080 s; end at 离开
}

func ExampleReadRanges() {
	var data strings.Builder
	data.WriteString("visit,purpose,rating\n")
	for i := range 1000 {
		purpose := []string{"bill", "trial"}[i%2]
		fmt.Fprintf(&data, "v%04d,%s,%d\nv%04d,%s,%d\n", i, purpose, 1+i%5, i, purpose, 1+i%3)
	}
	var total scoring.Summary
	err := scoring.ReadRanges(strings.NewReader(data.String()), int64(data.Len()), scoring.Options{Name: "visits.csv"},
		scoring.Parallel{RangeBytes: 2 << 10}, // small ranges, to show the merging; the default suits large files
		func() scoring.Accumulator { return &scoring.Summary{} },
		func(part scoring.Accumulator) error { return total.Merge(part.(*scoring.Summary)) })
	if err != nil {
		fmt.Println(err)
		return
	}
	total.WriteCSV(os.Stdout)
	// Output:
	// purpose,visits,moments,duration,first,peak,best,worst,end,mean,time_mean,trend,peak_end,remembered
	// bill,500,2,,3,2.14,3.264,1.736,2,2.5,,-1,2.07,
	// trial,500,2,,3,2.126,3.268,1.73,1.998,2.499,,-1.002,2.062,
}

func ExampleSummary_Merge() {
	add := func(s *scoring.Summary, purpose string, ratings ...float64) {
		v := scoring.Visit{ID: "v", Purpose: purpose, Remembered: scoring.NA}
		for _, r := range ratings {
			v.Moments = append(v.Moments, scoring.Moment{Rating: r, T: scoring.NA, Duration: scoring.NA})
		}
		f := scoring.Compute(&v, scoring.DefaultScale)
		s.Add(&v, &f)
	}
	var first, second scoring.Summary
	add(&first, "bill", 2, 4)
	add(&second, "bill", 5, 5, 3)
	if err := first.Merge(&second); err != nil {
		fmt.Println(err)
		return
	}
	first.WriteCSV(os.Stdout)
	// Output:
	// purpose,visits,moments,duration,first,peak,best,worst,end,mean,time_mean,trend,peak_end,remembered
	// bill,2,2.5,,3.5,3.5,4.5,2.5,3.5,3.6666666666666665,,0.5,3.5,
}

// The rules peakend compare sets side by side, with a windowed end.
func ExampleCompareRules() {
	for _, r := range scoring.CompareRules(2, 180) {
		fmt.Print(r.Name, " ")
	}
	fmt.Println()
	// Output:
	// peak-end mean time-mean peak end first best worst trend recency(2) peak-end[last 180s]
}
