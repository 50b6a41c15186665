package mot_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/mot"
)

func lines(ps blueprint.Problems) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Error())
	}
	return out
}

func TestLegalOverlayMerges(t *testing.T) {
	b, problems := mot.Load("testdata/overlays/legal.yaml")
	if len(problems) > 0 {
		t.Fatalf("legal overlay:\n%v", problems)
	}
	var stages []string
	for _, s := range b.Stages {
		stages = append(stages, s.ID)
	}
	visit, _ := b.Journey("visit")
	serve, _ := b.Moment("serve")
	leave, _ := b.Moment("leave")
	got := []any{stages, visit.Steps, visit.Peaks, *serve.Standards[0].Max, *serve.Standards[0].Baseline, serve.Standards[0].Unit, *leave.Standards[0].Min}
	want := []any{[]string{"s1", "s1b", "s2"}, []string{"arrive", "browse", "serve", "leave"}, []string{"serve"}, 2.0, 2.5, "min", 95.0}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("merged (-want +got):\n%s", diff)
	}
}

func TestIllegalOverlays(t *testing.T) {
	tests := map[string][]string{
		"illegal.yaml": {
			"testdata/overlays/illegal.yaml:3:8: an overlay may not change the scale (the base uses the default 1..5)",
			"testdata/overlays/illegal.yaml:5:5: touchpoint serve may not move from stage s2 to s1 (base: testdata/overlays/base.yaml:6:5)",
			"testdata/overlays/illegal.yaml:5:34: touchpoint serve: wait 8m (tolerance 10m) is looser than the base's 5m (tolerance 10m) (base: testdata/overlays/base.yaml:6:66)",
			"testdata/overlays/illegal.yaml:6:5: touchpoint new-one is new, so it needs a lane",
			"testdata/overlays/illegal.yaml:8:25: journey visit drops or reorders the base's step leave (base: testdata/overlays/base.yaml:9:5)",
			"testdata/overlays/illegal.yaml:8:56: journey visit un-marks the base's peak serve (base: testdata/overlays/base.yaml:9:5)",
			"testdata/overlays/illegal.yaml:8:70: journey visit changes the base's end leave to serve (base: testdata/overlays/base.yaml:9:5)",
			"testdata/overlays/illegal.yaml:10:23: standard Time: target 4 is looser than the base's 3 (base: testdata/overlays/base.yaml:15:17)",
			"testdata/overlays/illegal.yaml:11:23: standard Thanked may not switch between max and min (base: testdata/overlays/base.yaml:16:72)",
		},
		"cycle-a.yaml": {
			"testdata/overlays/cycle-b.yaml:2:22: extends goes round in a circle: testdata/overlays/cycle-a.yaml → testdata/overlays/cycle-b.yaml → testdata/overlays/cycle-a.yaml",
		},
		"missing.yaml": {
			"testdata/overlays/missing.yaml:2:10: cannot read testdata/overlays/nowhere/base.yaml: no such file or directory",
		},
		"directory.yaml": {
			"testdata/overlays/directory.yaml:2:10: testdata is a directory, not a blueprint",
		},
		"chain-hall.yaml": {
			"testdata/overlays/chain-hall.yaml:4:23: standard Time: target 2.8 is looser than the base's 2.5 (base: testdata/overlays/base.yaml:15:17)",
		},
	}
	for file, want := range tests {
		_, problems := mot.Load("testdata/overlays/" + file)
		if diff := cmp.Diff(want, lines(problems)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", file, diff)
		}
	}
	_, problems := mot.Load("testdata/overlays/escape.yaml")
	if len(problems) != 1 || !strings.Contains(problems[0].Message, "climbs above the filesystem's root") {
		t.Errorf("escape: %v", problems)
	}
}

func TestCityOverlayOfTheServiceHall(t *testing.T) {
	b, problems := mot.Load("../examples/servicehall/overlays/city.yaml")
	if len(problems) > 0 {
		t.Fatalf("city overlay:\n%v", problems)
	}
	if _, ok := b.Touchpoint("water-station"); !ok {
		t.Error("the city's touchpoint is missing")
	}
	trial, _ := b.Moment("data-trial")
	if max := *trial.Standards[0].Max; max != 2.5 {
		t.Errorf("coaching time: max %g, want the city's stricter 2.5", max)
	}
	base, _ := mot.Load("../examples/servicehall/hall.yaml")
	if len(b.Moments) != len(base.Moments)+1 {
		t.Errorf("%d moment cards, want the base's %d and one more", len(b.Moments), len(base.Moments))
	}
}
