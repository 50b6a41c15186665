package poster

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/peakend/peakend/blueprint"
)

// syntheticBlueprint has n touchpoints: twenty stages, in every lane,
// with flows along the customer's path and down to the support lane,
// and five journeys with a peak each.
func syntheticBlueprint(n int) *blueprint.Blueprint {
	b := &blueprint.Blueprint{Version: 1, Scale: blueprint.DefaultScale, Name: blueprint.Text{"en": "Synthetic"}, Locale: "en"}
	const stages = 20
	for s := 0; s < stages; s++ {
		b.Stages = append(b.Stages, blueprint.Stage{ID: fmt.Sprintf("s%d", s), Name: blueprint.Text{"en": fmt.Sprintf("Stage %d", s+1)}})
	}
	for i := 0; i < n; i++ {
		s := i % stages
		t := blueprint.Touchpoint{ID: fmt.Sprintf("t%d", i), Stage: fmt.Sprintf("s%d", s), Lane: blueprint.Lanes()[(i/stages)%len(blueprint.Lanes())],
			Name: blueprint.Text{"en": fmt.Sprintf("Touchpoint %d of the synthetic service", i)}}
		if i+stages < n {
			t.Next = []string{fmt.Sprintf("t%d", i+stages)}
		}
		if s+1 < stages && i+1 < n {
			t.Next = append(t.Next, fmt.Sprintf("t%d", i+1))
		}
		b.Touchpoints = append(b.Touchpoints, t)
	}
	for j := 0; j < 5; j++ {
		var steps []string
		for s := 0; s < stages; s += 2 {
			steps = append(steps, fmt.Sprintf("t%d", 20+s+j%2)) // the customer lane
		}
		b.Journeys = append(b.Journeys, blueprint.Journey{ID: fmt.Sprintf("j%d", j), Steps: steps, Peaks: []string{steps[len(steps)/2]}})
	}
	return b
}

func benchRender(b *testing.B, bp *blueprint.Blueprint, opt Options) {
	if err := Render(context.Background(), io.Discard, bp, opt); err != nil { // warm: fonts, layout engine
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := Render(context.Background(), io.Discard, bp, opt); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRender(b *testing.B) {
	hall, err := blueprint.ParseFile("../../examples/servicehall/hall.yaml")
	if err != nil {
		b.Fatal(err)
	}
	big := syntheticBlueprint(200)
	for _, c := range []struct {
		name string
		bp   *blueprint.Blueprint
		opt  Options
	}{
		{"hall/svg", hall, Options{}},
		{"hall/pdf", hall, Options{Format: PDF}},
		{"hall/png", hall, Options{Format: PNG, DPI: 72}},
		{"hall/png150", hall, Options{Format: PNG}},
		{"synthetic200/svg", big, Options{}},
		{"synthetic200/pdf", big, Options{Format: PDF}},
	} {
		b.Run(c.name, func(b *testing.B) { benchRender(b, c.bp, c.opt) })
	}
}

// TestSyntheticBlueprintRenders keeps the benchmark's blueprint valid
// and its poster drawable.
func TestSyntheticBlueprintRenders(t *testing.T) {
	b := syntheticBlueprint(200)
	if err := b.Validate().Err(); err != nil {
		t.Fatal(err)
	}
	if err := Render(context.Background(), io.Discard, b, Options{}); err != nil {
		t.Fatal(err)
	}
}

// worstAdmitted are the costliest blueprints the default limits admit,
// each at a limit: the most touchpoints, each in a stage of its own with
// long names and flows; the most touchpoints in one cell of a wide
// grid; and the most stages (empty cells) for three touchpoints.
func worstAdmitted() map[string]*blueprint.Blueprint {
	long := strings.Repeat("服务营销厅 Service hall ", 6)
	mk := func(stages, touchpoints int, stageOf func(i int) int) *blueprint.Blueprint {
		b := &blueprint.Blueprint{Version: 1, Scale: blueprint.DefaultScale, Name: blueprint.Text{"": "worst"}}
		for s := 0; s < stages; s++ {
			b.Stages = append(b.Stages, blueprint.Stage{ID: fmt.Sprintf("s%d", s), Name: blueprint.Text{"": long}})
		}
		for i := 0; i < touchpoints; i++ {
			t := blueprint.Touchpoint{ID: fmt.Sprintf("t%d", i), Stage: fmt.Sprintf("s%d", stageOf(i)), Lane: blueprint.Lanes()[i%len(blueprint.Lanes())],
				Name: blueprint.Text{"": long}, Fail: blueprint.Text{"": long}}
			if i+1 < touchpoints {
				t.Next = []string{fmt.Sprintf("t%d", i+1)}
			}
			b.Touchpoints = append(b.Touchpoints, t)
		}
		return b
	}
	return map[string]*blueprint.Blueprint{
		"touchpoints": mk(DefaultMaxTouchpoints, DefaultMaxTouchpoints, func(i int) int { return i }),
		"one-cell":    mk(DefaultMaxCells/(1+len(blueprint.Lines())+DefaultMaxTouchpoints)-1, DefaultMaxTouchpoints, func(int) int { return 0 }),
		"stages":      mk(DefaultMaxCells/9-1, 3, func(i int) int { return i * 1000 }),
	}
}

// BenchmarkWorstAdmitted renders the worst blueprints the limits admit
// (bench/README.md: under 5 s each).
func BenchmarkWorstAdmitted(b *testing.B) {
	for name, bp := range worstAdmitted() {
		for _, f := range []Format{SVG, PDF} {
			b.Run(name+"/"+f.String(), func(b *testing.B) {
				for b.Loop() {
					if err := Render(context.Background(), io.Discard, bp, Options{Format: f}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// The worst admitted blueprints are admitted, at their limits, and one
// more cell or touchpoint is refused, before any work.
func TestWorstAdmittedAtTheLimits(t *testing.T) {
	for name, bp := range worstAdmitted() {
		if err := budget(bp, Options{}); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if err := budget(bp, Options{MaxCells: cellsOf(bp) - 1}); !errors.Is(err, ErrTooLarge) {
			t.Errorf("%s with one cell fewer allowed: %v", name, err)
		}
		if err := Render(context.Background(), io.Discard, bp, Options{}); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// cellsOf counts a poster's cells as the budget does.
func cellsOf(b *blueprint.Blueprint) int {
	m, err := prepare(context.Background(), b, Options{Format: DOT})
	if err != nil {
		panic(err)
	}
	return len(m.rows) * (len(b.Stages) + 1)
}
