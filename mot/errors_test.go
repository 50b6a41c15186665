package mot_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/mot"
)

// Each documented error of Load, as a program tests for it: a file that
// cannot be read is fs.ErrNotExist (or blueprint.ErrNotRegular) with its
// *fs.PathError, a method error is a blueprint.Problems naming its rule,
// the blueprint is nil with any of them, and warnings never make an
// error.
func TestDocumentedErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	const base = "peakend: 1\nroles: [{id: clerk}]\nstages: [{id: s}]\ntouchpoints:\n  - {id: serve, stage: s, lane: frontstage}\n  - {id: leave, stage: s, lane: customer}\n"
	backstageEnd := write("backstage-end.yaml", base+"journeys:\n  - {id: visit, steps: [leave, serve], peaks: [leave]}\n")
	incomplete := write("incomplete.yaml", base+"journeys:\n  - {id: visit, steps: [serve, leave], peaks: [serve]}\nmoments:\n  serve: {needs: [Quick], owner: clerk, standards: [{name: T, max: 3}]}\n")
	tests := []struct {
		name    string
		path    string
		is      error
		pathErr bool
		rule    blueprint.Rule
	}{
		{"missing file", filepath.Join(dir, "nope.yaml"), fs.ErrNotExist, true, blueprint.RuleRead},
		{"a directory", dir, blueprint.ErrNotRegular, true, blueprint.RuleRead},
		{"ends backstage", backstageEnd, nil, false, mot.RuleEndNotCustomer},
		{"card without an action", incomplete, nil, false, mot.RuleCardIncomplete},
	}
	for _, tc := range tests {
		b, _, err := mot.Load(tc.path)
		if b != nil || err == nil {
			t.Errorf("%s: want an error and no blueprint, got %v", tc.name, err)
			continue
		}
		if tc.is != nil && !errors.Is(err, tc.is) {
			t.Errorf("%s: errors.Is(err, %v) is false: %v", tc.name, tc.is, err)
		}
		var pe *fs.PathError
		if tc.pathErr && !errors.As(err, &pe) {
			t.Errorf("%s: the *fs.PathError is lost: %v", tc.name, err)
		}
		var problems blueprint.Problems
		if !errors.As(err, &problems) || !ruleIn(problems, tc.rule) {
			t.Errorf("%s: want Problems holding %s, got %v", tc.name, tc.rule, err)
		}
	}
	b, warnings, err := mot.Load("../examples/complaint/complaint.yaml")
	if err != nil || b == nil {
		t.Errorf("a clean example: %v (warnings %v)", err, warnings)
	}
	// Check returns a list to show, errors and warnings; Err is nil when
	// it holds warnings only.
	if problems := mot.Check(b); problems.Err() != nil {
		t.Errorf("Check of a clean example: %v", problems)
	}
}

func ruleIn(problems blueprint.Problems, rule blueprint.Rule) bool {
	for _, p := range problems {
		if p.Rule == rule {
			return true
		}
	}
	return false
}
