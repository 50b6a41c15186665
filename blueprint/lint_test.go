package blueprint_test

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
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
// failing by a fixture: every rule of blueprint.Rules must appear in
// some lint fixture's expected output, or in a load or hostile fixture's.
func TestEveryRuleHasAFixture(t *testing.T) {
	seen := map[blueprint.Rule]bool{}
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
	for _, p := range loadFixtureProblems(t) {
		seen[p.Rule] = true
	}
	for _, p := range append(hostileProblems(t), generatedProblems(t)...) {
		seen[p.Rule] = true
	}
	seen[blueprint.RuleTooLarge] = len(bigDocument()) > blueprint.MaxSize // shown by TestTooLarge
	seen[blueprint.RuleEncoding] = true                                   // shown by TestInvalidUTF8
	for _, rule := range blueprint.Rules() {
		if !seen[rule] {
			t.Errorf("rule %s has no failing fixture", rule)
		}
	}
}

// TestPackageDocListsEveryRule compares the list of rules in doc.go
// with the Rule constants, both ways.
func TestPackageDocListsEveryRule(t *testing.T) {
	src, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	item := regexp.MustCompile(`(?m)^//   - ([a-z-]+): `)
	var documented []string
	for _, m := range item.FindAllStringSubmatch(string(src), -1) {
		documented = append(documented, m[1])
	}
	var rules []string
	for _, r := range blueprint.Rules() {
		rules = append(rules, string(r))
	}
	if diff := cmp.Diff(rules, documented); diff != "" {
		t.Errorf("rules in doc.go (-constants +doc.go):\n%s", diff)
	}
}

// TestNoMessageRepeats checks that Lint reports each problem once, on
// every fixture and example.
func TestNoMessageRepeats(t *testing.T) {
	check := func(name string, problems blueprint.Problems) {
		seen := map[string]bool{}
		for _, p := range problems {
			if seen[p.Error()] {
				t.Errorf("%s: reported twice: %v", name, p)
			}
			seen[p.Error()] = true
		}
	}
	for _, path := range lintFixtures(t) {
		ar, err := txtar.ParseFile(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := fixtureFile(ar, "doc.yaml")
		_, problems := blueprint.Lint("doc.yaml", doc)
		check(path, problems)
	}
	for _, path := range documents(t) {
		_, warnings, err := blueprint.Load(os.DirFS(".."), strings.TrimPrefix(path, "../"))
		var errs blueprint.Problems
		errors.As(err, &errs)
		check(path, append(errs, warnings...))
	}
}

// TestVocabularyCannotBeChanged holds that the behaviour tags, lanes and
// lines are the package's to state: changing a returned slice changes
// neither a later call nor what validation accepts.
func TestVocabularyCannotBeChanged(t *testing.T) {
	tags := blueprint.BehaviourTags()
	tags[0] = "changed"
	if got := blueprint.BehaviourTags()[0]; got != "tone" {
		t.Errorf("BehaviourTags()[0] after changing a returned slice = %q, want tone", got)
	}
	lanes := blueprint.Lanes()
	lanes[0] = blueprint.Support
	if got := blueprint.Lanes()[0]; got != blueprint.Evidence {
		t.Errorf("Lanes()[0] after changing a returned slice = %v, want evidence", got)
	}
	lines := blueprint.Lines()
	lines[0].Name = "changed"
	if got := blueprint.Lines()[0].Name; got != "interaction" {
		t.Errorf("Lines()[0] after changing a returned slice = %q, want interaction", got)
	}
}

// TestParseLaneReadsEveryLaneName holds ParseLane to Lane.String for
// every lane, and to refusing a name that is not a lane.
func TestParseLaneReadsEveryLaneName(t *testing.T) {
	for _, lane := range blueprint.Lanes() {
		if got, ok := blueprint.ParseLane(lane.String()); !ok || got != lane {
			t.Errorf("ParseLane(%q) = %v, %v; want %v, true", lane.String(), got, ok, lane)
		}
	}
	if _, ok := blueprint.ParseLane("Customer"); ok {
		t.Error(`ParseLane("Customer") accepted a name in the wrong case`)
	}
}

// TestPosOfAndLanguagesOfTheHall holds PosOf to where the service hall
// writes its first touchpoint's lane, and Languages to the hall's two
// languages, its locale first.
func TestPosOfAndLanguagesOfTheHall(t *testing.T) {
	b, err := blueprint.ParseFile("../examples/servicehall/hall.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := b.PosOf("touchpoints.0.lane"); !ok || p.Line != 31 || p.File != "../examples/servicehall/hall.yaml" {
		t.Errorf(`PosOf("touchpoints.0.lane") = %v, %v; want line 31 of the hall`, p, ok)
	}
	if p, ok := b.PosOf("touchpoints.0.nothing"); ok {
		t.Errorf(`PosOf of a field never written = %v, true`, p)
	}
	if got := b.Languages(); !slices.Equal(got, []string{"zh", "en"}) {
		t.Errorf("Languages() = %v, want [zh en]", got)
	}
}
