package blueprint_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/peakend/peakend/blueprint"
)

// Each documented error of ParseFile, Parse and ReadSource, as a
// program tests for it: the kind with errors.Is, the problems and the
// file system's error with errors.As.
func TestDocumentedErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	big := write("big.yaml", strings.Repeat("#", blueprint.MaxSize+1))
	syntax := write("syntax.yaml", "peakend: [1\n")
	overlay := write("overlay.yaml", "peakend: 1\nextends: base.yaml\n")
	invalid := write("invalid.yaml", "peakend: 1\ntouchpoints: [{id: a, lane: customer, stage: nowhere}]\n")
	warnOnly := write("warn.yaml", "peakend: 1\nstages: [{id: s}]\n")
	tests := []struct {
		name    string
		path    string
		is      error
		rule    blueprint.Rule
		pathErr bool
	}{
		{"missing file", filepath.Join(dir, "nope.yaml"), fs.ErrNotExist, "", true},
		{"a directory", dir, blueprint.ErrNotRegular, "", true},
		{"too large", big, nil, blueprint.RuleTooLarge, false},
		{"not YAML", syntax, nil, blueprint.RuleSyntax, false},
		{"an overlay alone", overlay, nil, blueprint.RuleExtendsUnresolved, false},
		{"an unknown reference", invalid, nil, blueprint.RuleUnknownRef, false},
	}
	for _, tc := range tests {
		b, err := blueprint.ParseFile(tc.path)
		if b != nil || err == nil {
			t.Errorf("%s: want an error and no blueprint, got %v", tc.name, err)
			continue
		}
		if tc.is != nil && !errors.Is(err, tc.is) {
			t.Errorf("%s: errors.Is(err, %v) is false: %v", tc.name, tc.is, err)
		}
		var pe *fs.PathError
		if tc.pathErr != errors.As(err, &pe) {
			t.Errorf("%s: errors.As(*fs.PathError) = %v, want %v: %v", tc.name, !tc.pathErr, tc.pathErr, err)
		}
		if tc.rule != "" {
			var problems blueprint.Problems
			var problem *blueprint.Problem
			if !errors.As(err, &problems) || !errors.As(err, &problem) || !hasRule(problems, tc.rule) {
				t.Errorf("%s: want Problems holding a %s problem, got %v", tc.name, tc.rule, err)
			}
		}
	}
	// Warnings alone make no error.
	if b, err := blueprint.ParseFile(warnOnly); err != nil || b == nil {
		t.Errorf("a blueprint with warnings only: got %v, %v", b, err)
	}
	// Lint's list holds the warnings, and Err makes no error of them.
	src, _ := os.ReadFile(warnOnly)
	if _, problems := blueprint.Lint("warn.yaml", src); len(problems) == 0 || problems.Err() != nil {
		t.Errorf("Lint of a blueprint with warnings only: want warnings and a nil Err, got %v (Err %v)", problems, problems.Err())
	}
	if _, err := blueprint.ReadSource("big", strings.NewReader(strings.Repeat("#", blueprint.MaxSize+1))); !isRule(err, blueprint.RuleTooLarge) {
		t.Errorf("ReadSource past MaxSize: %v", err)
	}
}

func hasRule(problems blueprint.Problems, rule blueprint.Rule) bool {
	for _, p := range problems {
		if p.Rule == rule {
			return true
		}
	}
	return false
}

func isRule(err error, rule blueprint.Rule) bool {
	var problems blueprint.Problems
	return errors.As(err, &problems) && hasRule(problems, rule)
}
