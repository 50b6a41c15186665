package blueprint_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/peakend/peakend/blueprint"
	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite the expected output of golden fixtures")

// lintFixtures lists the lint fixtures: each is a txtar archive whose
// comment says what it shows, with the document in doc.yaml and the
// problems Lint must report in want, one a line.
func lintFixtures(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob("testdata/lint/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no lint fixtures: %v", err)
	}
	return files
}

func fixtureFile(ar *txtar.Archive, name string) ([]byte, bool) {
	for _, f := range ar.Files {
		if f.Name == name {
			return f.Data, true
		}
	}
	return nil, false
}

func TestLintFixtures(t *testing.T) {
	for _, path := range lintFixtures(t) {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			doc, ok := fixtureFile(ar, "doc.yaml")
			if !ok {
				t.Fatal("fixture has no doc.yaml")
			}
			_, problems := blueprint.Lint("doc.yaml", doc)
			var got strings.Builder
			for _, p := range problems {
				got.WriteString(p.Error() + "\n")
			}
			if *update {
				for i := range ar.Files {
					if ar.Files[i].Name == "want" {
						ar.Files[i].Data = []byte(got.String())
					}
				}
				if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, _ := fixtureFile(ar, "want")
			if diff := cmp.Diff(string(want), got.String()); diff != "" {
				t.Errorf("Lint problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestEveryRuleHasAFixture keeps the promise that each check is shown
// failing by a fixture: every rule named in the package doc's list must
// appear in some fixture's expected output.
func TestEveryRuleHasAFixture(t *testing.T) {
	seen := map[string]bool{}
	for _, path := range lintFixtures(t) {
		ar, err := txtar.ParseFile(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := fixtureFile(ar, "doc.yaml")
		_, problems := blueprint.Lint("doc.yaml", doc)
		for _, p := range problems {
			seen[p.Rule] = true
		}
	}
	seen["too-large"] = len(bigDocument()) > blueprint.MaxSize // shown by TestTooLarge
	seen["encoding"] = true                                    // shown by TestInvalidUTF8
	for _, rule := range allRules {
		if !seen[rule] {
			t.Errorf("rule %s has no failing fixture", rule)
		}
	}
}

// allRules is every rule the package reports, as listed in doc.go.
var allRules = []string{
	"syntax", "empty", "encoding", "too-large", "alias-limit", "type", "unknown-key",
	"duplicate-key", "version", "unknown-lane", "missing-field", "duration",
	"missing-id", "bad-id", "duplicate-id", "unknown-ref", "self-loop", "empty-journey",
	"peak-not-in-steps", "end-not-last", "wait-order", "scale-range", "standard-target", "unknown-tag",
	"no-peak", "unused-customer-touchpoint", "empty-stage", "stage-backwards", "moment-missing",
}
