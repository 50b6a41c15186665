package blueprint_test

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/peakend/peakend/blueprint"
	"github.com/rogpeppe/go-internal/txtar"
)

// formatKeepsMeaning checks that Format(src) decodes to what src
// decodes to, and that formatting again changes nothing.
func formatKeepsMeaning(t *testing.T, name string, src []byte) {
	t.Helper()
	out, err := blueprint.Format(name, src)
	if err != nil {
		return // not YAML: nothing to keep
	}
	before, _ := blueprint.Lint(name, src)
	after, problems := blueprint.Lint(name, out)
	if diff := cmp.Diff(before, after, ignorePositions); diff != "" {
		t.Fatalf("%s: formatting changed the meaning (-before +after):\n%s\nformatted:\n%s\n%v", name, diff, out, problems)
	}
	again, err := blueprint.Format(name, out)
	if err != nil || string(again) != string(out) {
		t.Fatalf("%s: formatting is not idempotent (%v):\n%s", name, err, cmp.Diff(string(out), string(again)))
	}
}

// allFixtureDocuments is every document of the package's tests: the
// examples, the shared and lint fixtures, and each file of the load and
// hostile fixtures.
func allFixtureDocuments(t testing.TB) map[string][]byte {
	docs := map[string][]byte{}
	for _, path := range documents(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		docs[path] = src
	}
	archives := lintFixtures(t)
	archives = append(archives, loadFixtures(t, "testdata/load")...)
	archives = append(archives, loadFixtures(t, hostileDir)...)
	archives = append(archives, loadFixtures(t, "testdata/format")...)
	for _, path := range archives {
		ar, err := txtar.ParseFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			if f.Name != "want" {
				docs[path+"/"+f.Name] = f.Data
			}
		}
	}
	return docs
}

func TestFormatKeepsMeaning(t *testing.T) {
	for name, src := range allFixtureDocuments(t) {
		formatKeepsMeaning(t, name, src)
	}
}

// TestFormatMovesAnchorsBeforeAliases formats a document whose anchor
// the canonical key order puts after its alias, and one whose anchor
// name is defined twice.
func TestFormatMovesAnchorsBeforeAliases(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/format/anchor-after-alias.txtar")
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := fixtureFile(ar, "doc.yaml")
	want, _ := fixtureFile(ar, "want")
	got, err := blueprint.Format("doc.yaml", doc)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("Format (-want +got):\n%s", diff)
	}
	if _, err := blueprint.Parse("formatted.yaml", got); err != nil {
		t.Errorf("the formatted document does not parse:\n%v", err)
	}
}

// FuzzFormat checks, on any input Format accepts, that the result
// decodes to the same blueprint and is formatted already.
func FuzzFormat(f *testing.F) {
	for _, src := range allFixtureDocuments(f) {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		formatKeepsMeaning(t, "f.yaml", src)
	})
}
