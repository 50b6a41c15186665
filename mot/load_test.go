package mot_test

import (
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

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

// The overlay rules are blueprint.Load's, tested there; these tests
// hold what mot adds: the method checks, and Load's file system.

func TestCityOverlayOfTheServiceHall(t *testing.T) {
	b, warnings, err := mot.LoadFS(os.DirFS(".."), "examples/servicehall/overlays/city.yaml")
	if err != nil || len(warnings) > 0 {
		t.Fatalf("city overlay:\n%v\n%v", err, warnings)
	}
	trial, _ := b.Card("data-trial")
	if max := *trial.Standards[0].Max; max != 2.5 {
		t.Errorf("coaching time: max %g, want the city's stricter 2.5", max)
	}
}

// TestLoadChecksTheMethodOnce checks that Load runs Check on the merged
// blueprint, and reports each warning once (validation ran twice).
func TestLoadChecksTheMethodOnce(t *testing.T) {
	fsys := fstest.MapFS{
		"base.yaml": {Data: []byte(`peakend: 1
roles: [{id: clerk}]
stages: [{id: s}, {id: empty}]
touchpoints:
  - {id: serve, stage: s, lane: frontstage}
  - {id: leave, stage: s, lane: customer}
journeys:
  - {id: visit, steps: [serve, leave], peaks: [serve]}
moments:
  serve: {needs: [Quick], actions: [Smile], owner: clerk, standards: [{name: T, max: 3}]}
`)},
		"hall.yaml": {Data: []byte("peakend: 1\nextends: base.yaml\n")},
	}
	for _, name := range []string{"base.yaml", "hall.yaml"} {
		_, warnings, err := mot.LoadFS(fsys, name)
		want := []string{
			"base.yaml:3:19: warning: stage empty has no touchpoint",
			"base.yaml:8:5: warning: journey visit: end leave has no moment card",
			"base.yaml:10:3: warning: the card of peak serve has no action tagged follow-up",
		}
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if diff := cmp.Diff(want, lines(warnings)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
	}
	fsys["base.yaml"].Data = []byte(strings.Replace(string(fsys["base.yaml"].Data), "owner: clerk, ", "", 1))
	_, _, err := mot.LoadFS(fsys, "hall.yaml")
	var problems blueprint.Problems
	if !errors.As(err, &problems) || problems[0].Rule != mot.RuleCardIncomplete {
		t.Errorf("a card without an owner: want %s, got %v", mot.RuleCardIncomplete, err)
	}
}

// TestLoadPath checks the file system Load opens: the current directory
// for a path below it, else the file's directory, with positions as the
// path was written and a missing file still fs.ErrNotExist.
func TestLoadPath(t *testing.T) {
	if _, _, err := mot.Load("../examples/servicehall/hall.yaml"); err != nil {
		t.Errorf("a path above the current directory: %v", err)
	}
	var problems blueprint.Problems
	_, _, err := mot.Load("../examples/servicehall/overlays/city.yaml")
	if !errors.As(err, &problems) || len(problems) != 1 || !strings.HasPrefix(problems[0].Error(), "../examples/servicehall/overlays/city.yaml:9:10: ") {
		t.Errorf("an overlay whose base is outside its directory: %v", err)
	}
	b, warnings, err := mot.Load("testdata/nowhere.yaml")
	if !errors.Is(err, fs.ErrNotExist) || !errors.As(err, &problems) || problems[0].Rule != blueprint.RuleRead || b != nil || warnings != nil {
		t.Errorf("a missing file: want a read problem that is fs.ErrNotExist and no blueprint, got %v, %v, %v", b, warnings, err)
	}
}

func TestRulesAreListedOnce(t *testing.T) {
	seen := map[blueprint.Rule]bool{}
	for _, r := range append(blueprint.Rules(), mot.Rules()...) {
		if seen[r] {
			t.Errorf("rule %s is listed twice", r)
		}
		seen[r] = true
	}
}
