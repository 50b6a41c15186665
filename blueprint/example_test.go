package blueprint_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"testing/fstest"

	"github.com/peakend/peakend/blueprint"
)

func ExampleParse() {
	src := []byte(`
peakend: 1
name: {zh: 营业厅, en: Service hall}
locale: zh
stages:
  - {id: counter, name: {zh: 柜台, en: Counter}}
touchpoints:
  - {id: pay, stage: counter, lane: customer, name: {zh: 缴费, en: Pay}}
  - {id: result, stage: counter, lane: frontstage, name: {zh: 办理结果, en: Result}}
journeys:
  - {id: bill, steps: [pay, result], peaks: [result]}
moments:
  result: {standards: [{name: {zh: 办理时长, en: Handling time}, max: 5, unit: min, baseline: 6.5}]}
`)
	b, err := blueprint.Parse("hall.yaml", src)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(b.Text(b.Name, "en"), "/", b.Text(b.Name, "fr"))
	bill, _ := b.Journey("bill")
	fmt.Println("peaks:", bill.Peaks, "end:", bill.EndStep())
	m, _ := b.Card("result")
	gap, _ := m.Standards[0].Gap()
	fmt.Printf("%s: at most %g %s, today %g: %g over\n",
		b.Text(m.Standards[0].Name, "en"), *m.Standards[0].Max, m.Standards[0].Unit, *m.Standards[0].Baseline, gap)
	// Output:
	// Service hall / 营业厅
	// peaks: [result] end: result
	// Handling time: at most 5 min, today 6.5: 1.5 over
}

func ExampleLint() {
	src := []byte(`peakend: 1
stages: [{id: s}]
touchpoints:
  - {id: a, stage: s, lane: customer, nmae: A}
  - {id: b, stage: t, lane: frontstage, next: [b]}
journeys:
  - {id: j, steps: [a, b]}
`)
	_, problems := blueprint.Lint("doc.yaml", src)
	for _, p := range problems {
		fmt.Printf("%v [%s]\n", p, p.Rule)
	}
	// Output:
	// doc.yaml:4:39: touchpoint: unknown key "nmae" (did you mean name?) [unknown-key]
	// doc.yaml:5:20: unknown stage "t" (did you mean s?) [unknown-ref]
	// doc.yaml:5:48: touchpoint b flows to itself [self-loop]
	// doc.yaml:7:5: warning: journey j marks no peak [no-peak]
	// doc.yaml:7:5: warning: journey j: end b has no moment card [moment-missing]
}

// Errors from Parse are a list of positioned problems.
func ExampleProblems() {
	_, err := blueprint.Parse("doc.yaml", []byte("peakend: 2\n"))
	var problems blueprint.Problems
	if errors.As(err, &problems) {
		p := problems[0]
		fmt.Println(p.Pos.Line, p.Pos.Col, p.Rule)
	}
	// Output:
	// 1 10 version
}

func ExampleFormat() {
	src := []byte("name: Hall   # the hall's name\npeakend: 1\n")
	out, err := blueprint.Format("doc.yaml", src)
	if err != nil {
		fmt.Println(err)
		return
	}
	os.Stdout.Write(out)
	// Output:
	// peakend: 1
	// name: Hall # the hall's name
}

func ExampleBlueprint_Encode() {
	b := &blueprint.Blueprint{
		Version: blueprint.Version,
		Name:    blueprint.Text{"en": "Kiosk", "zh": "自助机"},
		Locale:  "en",
		Scale:   blueprint.DefaultScale,
		Stages:  []blueprint.Stage{{ID: "use", Name: blueprint.Text{"": "Use"}}},
		Touchpoints: []blueprint.Touchpoint{{
			ID: "tap", Stage: "use", Lane: blueprint.Customer,
			Wait: &blueprint.Wait{Standard: 30e9, Tolerance: 120e9},
		}},
	}
	b.Encode(os.Stdout)
	// Output:
	// peakend: 1
	// name: {en: Kiosk, zh: 自助机}
	// locale: en
	// scale: {min: 1, max: 5}
	// stages:
	//   - {id: use, name: Use}
	// touchpoints:
	//   - id: tap
	//     stage: use
	//     lane: customer
	//     wait: {standard: 30s, tolerance: 2m}
}

func ExampleLines() {
	for _, l := range blueprint.Lines() {
		fmt.Printf("line of %s: between %s and %s\n", l.Name, l.Above, l.Below)
	}
	// Output:
	// line of interaction: between customer and frontstage
	// line of visibility: between frontstage and backstage
	// line of internal-interaction: between backstage and support
}

// Load reads an overlay with its bases from any fs.FS: here a map, in
// a program os.DirFS or an os.Root's FS.
func ExampleLoad() {
	fsys := fstest.MapFS{
		"hall.yaml": {Data: []byte(`peakend: 1
stages: [{id: counter}, {id: exit}]
touchpoints:
  - {id: pay, stage: counter, lane: customer}
  - {id: leave, stage: exit, lane: customer}
journeys:
  - {id: bill, steps: [pay, leave], peaks: [pay]}
moments:
  pay: {standards: [{name: Handling time, max: 5, unit: min}]}
  leave: {}
`)},
		"city/hall.yaml": {Data: []byte(`peakend: 1
extends: ../hall.yaml
moments:
  pay: {standards: [{name: Handling time, max: 4}]}
`)},
		"town/hall.yaml": {Data: []byte(`peakend: 1
extends: ../hall.yaml
moments:
  pay: {standards: [{name: Handling time, max: 6}]}
`)},
	}
	b, warnings, err := blueprint.Load(fsys, "city/hall.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	pay, _ := b.Card("pay")
	fmt.Println("city: at most", *pay.Standards[0].Max, pay.Standards[0].Unit, "with", len(warnings), "warnings")

	_, _, err = blueprint.Load(fsys, "town/hall.yaml")
	fmt.Println(err)
	_, _, err = blueprint.Load(fsys, "village/hall.yaml")
	fmt.Println(errors.Is(err, fs.ErrNotExist))
	// Output:
	// city: at most 4 min with 0 warnings
	// town/hall.yaml:4:21: standard Handling time: target 6 is looser than the base's 5 (base: hall.yaml:9:21)
	// true
}

func ExampleQuantity() {
	fmt.Println(blueprint.Quantity(7, "min", "en"), "·", blueprint.Quantity(7, "min", "zh"))
	fmt.Println(blueprint.Quantity(5, "channels", "zh-CN"), "·", blueprint.Quantity(100, "%", "zh"))
	fmt.Println(blueprint.Quantity(3, "lumens", "zh")) // a unit it does not know stays as written
	// Output:
	// 7 min · 7 分钟
	// 5 个渠道 · 100%
	// 3 lumens
}
