package mot_test

import (
	"fmt"
	"os"
	"strings"

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

// Visits that give purposes and touchpoints by their Chinese names are
// read with the blueprint's ids.
func ExampleNewNames() {
	b := &blueprint.Blueprint{
		Journeys:    []blueprint.Journey{{ID: "counter", Name: blueprint.Text{"zh": "柜台业务", "en": "Counter business"}}},
		Touchpoints: []blueprint.Touchpoint{{ID: "wait-seat", Name: blueprint.Text{"zh": "等候叫号"}}},
	}
	src := "访问,目的,触点,评分\nv1,柜台业务,等候叫号,2\n"
	visits, err := scoring.ReadAll(strings.NewReader(src), scoring.Options{Names: mot.NewNames(b)})
	fmt.Println(visits[0].Purpose, visits[0].Moments[0].Touchpoint, err)
	_, err = mot.NewNames(b).Purpose("柜台叶务")
	fmt.Println(err)
	// Output:
	// counter wait-seat <nil>
	// not a name of the blueprint: "柜台叶务" is no journey (did you mean 柜台业务 (counter)?)
}
