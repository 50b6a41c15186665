// Package examples holds runnable examples and sample blueprints; this
// test keeps every sample blueprint lint-clean, warnings included.
package examples

import (
	"path/filepath"
	"testing"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/mot"
)

func TestSampleBlueprintsLintClean(t *testing.T) {
	paths, err := filepath.Glob("*/*.yaml")
	overlays, _ := filepath.Glob("*/overlays/*.yaml")
	paths = append(paths, overlays...)
	if err != nil || len(paths) < 3 {
		t.Fatalf("sample blueprints: %v %v", paths, err)
	}
	for _, path := range paths {
		// mot.Load is what peakend lint runs: the document, overlays
		// merged, and the method of the moments of truth.
		if _, warnings, err := mot.Load(path); err != nil || len(warnings) > 0 {
			t.Errorf("%s is not clean:\n%v\n%v", path, err, warnings)
		}
	}
}

// TestServiceHallCoversTheStudy checks the service-hall example against
// what seed 003 describes, so that an edit cannot quietly drop part of it.
func TestServiceHallCoversTheStudy(t *testing.T) {
	b, err := blueprint.ParseFile("servicehall/hall.yaml")
	if err != nil {
		t.Fatal(err)
	}
	lanes := map[blueprint.Lane]bool{}
	for _, tp := range b.Touchpoints {
		lanes[tp.Lane] = true
	}
	if len(lanes) != len(blueprint.Lanes()) {
		t.Errorf("uses %d lanes, want all %d", len(lanes), len(blueprint.Lanes()))
	}
	var stages []string
	for _, s := range b.Stages {
		stages = append(stages, s.ID)
	}
	if len(stages) != 8 {
		t.Errorf("stages %v, want the study's eight", stages)
	}
	wantPeaks := map[string]string{"counter": "counter-result", "trial": "data-trial", "handset": "phone-purchase"}
	for id, peak := range wantPeaks {
		j, ok := b.Journey(id)
		if !ok || len(j.Peaks) != 1 || j.Peaks[0] != peak || j.EndStep() != "leave" {
			t.Errorf("journey %s: want peak %s and end leave, got %+v", id, peak, j)
		}
	}
	for _, id := range []string{"find-hall", "counter-result", "data-trial", "phone-purchase", "leave"} {
		m, ok := b.Card(id)
		if !ok || len(m.Needs) == 0 || len(m.Actions) == 0 || m.Owner == "" || len(m.Standards) == 0 {
			t.Errorf("moment %s: want a full card with standards", id)
		}
	}
	trial, _ := b.Card("data-trial")
	if max := trial.Standards[0].Max; max == nil || *max != 3 || trial.Standards[0].Unit != "min" {
		t.Errorf("data-trial: want coaching at most 3 min, got %+v", trial.Standards[0])
	}
}
