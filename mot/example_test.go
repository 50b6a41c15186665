package mot_test

import (
	"errors"
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
	observe := func(times int) {
		for range times {
			for _, ratings := range [][2]float64{{2, 4}, {4, 1}, {3, 5}} {
				v := scoring.Visit{ID: "v", Purpose: "deeds", Moments: []scoring.Moment{
					{Touchpoint: "wait", Rating: ratings[0], T: scoring.NA, Duration: scoring.NA},
					{Touchpoint: "leave", Rating: ratings[1], T: scoring.NA, Duration: scoring.NA}}}
				f := scoring.Compute(&v, scale)
				obs.Add(&v, &f)
			}
		}
		for _, f := range obs.Report("en").Journeys[0].Findings {
			fmt.Printf("%v %s %s (n = %d, p = %.3f)\n", f.Kind, f.Touchpoint, f.Rival, f.N, f.P)
			fmt.Println(f.Text("en"))
			fmt.Println(f.Text("zh"))
		}
	}
	// Three visits, the declared peak the peak of one: chance could do it.
	observe(1)
	// Sixty, the declared peak the peak of twenty: beyond chance.
	observe(19)
	// Output:
	// peak-undecided wait leave (n = 3, p = 1.000)
	// not enough visits to tell whether declared peak wait (the peak of 33%) or leave (67%) is the commoner peak (n = 3)
	// 来访太少，无法判断：声明的峰值 Title deed check（wait） 占 33%，Leave（leave） 占 67%，哪个更常是峰值尚无定论（n = 3）
	// peak-disagrees wait leave (n = 60, p = 0.013)
	// disagrees: declared peak wait is the peak of 33% of deeds visits; leave is the peak of 67%
	// 不一致：声明的峰值 Title deed check（wait） 只是 Deeds（deeds） 来访中 33% 的峰值；Leave（leave） 是 67% 的峰值
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

func ExampleTerm() {
	// One vocabulary for columns, legends and any other report.
	for _, t := range []mot.Term{mot.TermPeak, mot.TermFailed, mot.TermDeltaPeakEnd} {
		fmt.Printf("%s / %s\n", t.Label("en"), t.Label("zh"))
	}
	fmt.Println(mot.TermEnd.Explain("zh"))
	mot.WriteLegend(os.Stdout, "zh", mot.TermBaseline)
	// Output:
	// peak / 峰值
	// failed / 失败
	// Δ peak-end / Δ 峰终值
	// 来访的最后一个时刻，顾客离开时带走的感受；表中为最后一个时刻落在此处的来访比例
	//
	// 说明
	//   基准值：蓝图记录的当前测量值
}

func ExampleLeverageMeter() {
	b, err := blueprint.Parse("deeds.yaml", []byte(example))
	if err != nil {
		fmt.Println(err)
		return
	}
	scale := mot.ScoringScale(b)
	m := mot.NewLeverageMeter(b, scale, scale.Max)
	m.Seed = 1 // the default: the same visits give the same intervals
	for i := range 200 {
		wait := float64(1 + i%3)
		v := scoring.Visit{ID: fmt.Sprint("v", i), Purpose: "deeds", Remembered: scoring.NA, Moments: []scoring.Moment{
			{Touchpoint: "wait", Rating: wait, T: 0, Duration: scoring.NA},
			{Touchpoint: "leave", Rating: 4, T: 1, Duration: scoring.NA}}}
		f := scoring.Compute(&v, scale)
		m.Add(&v, &f)
	}
	for _, l := range m.Report("en").Journeys[0].Levers {
		fmt.Printf("%s %+.3f, 95%% interval %+.2f … %+.2f\n", l.Touchpoint, l.PeakEnd, l.PeakEndLow, l.PeakEndHigh)
	}
	// Output:
	// leave +1.167, 95% interval +1.09 … +1.24
	// wait +0.502, 95% interval +0.45 … +0.56
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

// An observer's counts sent to another process, which decodes them into
// an observer of its own, built from the same blueprint, and merges.
func ExampleObserver_MarshalBinary() {
	b, err := blueprint.Parse("deeds.yaml", []byte(example))
	if err != nil {
		fmt.Println(err)
		return
	}
	scale := mot.ScoringScale(b)
	worker := mot.NewObserver(b, scale)
	v := scoring.Visit{ID: "v1", Purpose: "deeds", Moments: []scoring.Moment{
		{Touchpoint: "wait", Rating: 2, T: scoring.NA, Duration: scoring.NA},
		{Touchpoint: "leave", Rating: 4, T: scoring.NA, Duration: scoring.NA}}}
	f := scoring.Compute(&v, scale)
	worker.Add(&v, &f)
	data, err := worker.MarshalBinary()
	if err != nil {
		fmt.Println(err)
		return
	}

	received := mot.NewObserver(b, scale) // on the other side
	if err := received.UnmarshalBinary(data); err != nil {
		fmt.Println(err)
		return
	}
	total := mot.NewObserver(b, scale)
	if err := total.Merge(received); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(total.Report("en").Journeys[0].Visits, "visit")
	fmt.Println(errors.Is(received.UnmarshalBinary(data[:len(data)-1]), scoring.ErrCorruptEncoding))
	// Output:
	// 1 visit
	// true
}
