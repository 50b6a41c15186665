package mot_test

import (
	"fmt"
	"os"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/scoring"
)

// A small blueprint: a wait that is the declared peak, and the end.
const example = `peakend: 1
locale: en
roles: [{id: clerk, name: Clerk}]
stages: [{id: visit, name: Visit}]
touchpoints:
  - {id: wait, stage: visit, lane: customer, name: Title deed check, owner: clerk}
  - {id: leave, stage: visit, lane: customer, name: Leave}
journeys:
  - {id: deeds, name: Deeds, steps: [wait, leave], peaks: [wait]}
`

func ExampleLoadFS() {
	b, warnings, err := mot.LoadFS(os.DirFS("../examples/servicehall"), "hall.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(warnings), "warnings")
	for _, j := range mot.Journeys(b, "en") {
		fmt.Printf("%s:", j.ID)
		for _, m := range j.Moments {
			fmt.Printf(" %s (%v)", m.Touchpoint, m.Kind)
		}
		fmt.Println()
	}
	// Output:
	// 0 warnings
	// counter: find-hall (key) counter-result (peak) leave (end)
	// trial: find-hall (key) data-trial (peak) leave (end)
	// handset: find-hall (key) phone-purchase (peak) leave (end)
}

func ExampleObserver() {
	b, err := blueprint.Parse("deeds.yaml", []byte(example))
	if err != nil {
		fmt.Println(err)
		return
	}
	scale := mot.ScoringScale(b)
	obs := mot.NewObserver(b, scale)
	for _, ratings := range [][2]float64{{2, 4}, {4, 1}, {3, 5}} {
		v := scoring.Visit{ID: "v", Purpose: "deeds", Moments: []scoring.Moment{
			{Touchpoint: "wait", Rating: ratings[0], T: scoring.NA, Duration: scoring.NA},
			{Touchpoint: "leave", Rating: ratings[1], T: scoring.NA, Duration: scoring.NA}}}
		f := scoring.Compute(&v, scale)
		obs.Add(&v, &f)
	}
	for _, f := range obs.Report("en").Journeys[0].Findings {
		fmt.Println(f.Kind, f.Touchpoint, f.Rival)
		fmt.Println(f.Text("en"))
		fmt.Println(f.Text("zh"))
	}
	// Output:
	// peak-disagrees wait leave
	// disagrees: declared peak wait is the peak of 33% of deeds visits; leave is the peak of 67%
	// 不一致：声明的峰值 wait 只是 deeds 来访中 33% 的峰值；leave 是 67% 的峰值
}

func ExampleWriteMermaid() {
	b, err := blueprint.Parse("deeds.yaml", []byte(example))
	if err != nil {
		fmt.Println(err)
		return
	}
	// "Title deed check" would be Mermaid's title keyword: its T is
	// written as an entity code, which Mermaid shows as T.
	mot.WriteMermaid(os.Stdout, b, nil, mot.ScoringScale(b), "en")
	// Output:
	// ```mermaid
	// journey
	//     title Deeds
	//     section Visit
	//       #84;itle deed check: 3: Customer, Clerk
	//       Leave: 3: Customer
	// ```
}

func ExampleCheck() {
	// The peak's card has a need but no action, owner or standard.
	b, err := blueprint.Parse("deeds.yaml", []byte(example+"moments:\n  wait: {needs: [Know how long]}\n"))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range mot.Check(b) {
		fmt.Println(p.Rule)
		fmt.Println(p)
	}
	// Output:
	// card-incomplete
	// deeds.yaml:11:3: the card of peak wait needs an action, an owner, a measurable standard
}

// Observe two halves of the visits apart, as two cores do, and merge.
func ExampleObserver_Merge() {
	b, err := blueprint.Parse("deeds.yaml", []byte(example))
	if err != nil {
		fmt.Println(err)
		return
	}
	scale := mot.ScoringScale(b)
	whole, half := mot.NewObserver(b, scale), mot.NewObserver(b, scale)
	for i, ratings := range [][2]float64{{2, 4}, {4, 1}, {3, 5}} {
		v := scoring.Visit{ID: "v", Purpose: "deeds", Moments: []scoring.Moment{
			{Touchpoint: "wait", Rating: ratings[0], T: scoring.NA, Duration: scoring.NA},
			{Touchpoint: "leave", Rating: ratings[1], T: scoring.NA, Duration: scoring.NA}}}
		f := scoring.Compute(&v, scale)
		if i < 2 {
			whole.Add(&v, &f)
		} else {
			half.Add(&v, &f)
		}
	}
	if err := whole.Merge(half); err != nil {
		fmt.Println(err)
		return
	}
	j := whole.Report("en").Journeys[0]
	fmt.Println(j.Visits, "visits, mean peak-end", j.MeanPeakEnd)
	// Output:
	// 3 visits, mean peak-end 3
}
