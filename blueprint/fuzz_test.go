package blueprint_test

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/peakend/peakend/blueprint"
	"github.com/rogpeppe/go-internal/txtar"
)

// FuzzLint checks, on any input, that reading never panics, that every
// problem has a position inside the input, and that a document Parse
// accepts survives encoding and formatting unchanged. The seed corpus is
// every fixture and example.
func FuzzLint(f *testing.F) {
	for _, path := range lintFixtures(f) {
		ar, err := txtar.ParseFile(path)
		if err != nil {
			f.Fatal(err)
		}
		doc, _ := fixtureFile(ar, "doc.yaml")
		f.Add(doc)
	}
	for _, path := range documents(f) {
		src, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		b, problems := blueprint.Lint("f.yaml", src)
		lines := 1
		for _, c := range src {
			if c == '\n' {
				lines++
			}
		}
		for _, p := range problems {
			if p.Pos.File != "f.yaml" || p.Pos.Line < 1 || p.Pos.Line > lines+1 || p.Pos.Col < 1 {
				t.Fatalf("problem with a bad position: %v", p)
			}
		}
		if problems.Err() != nil {
			unreadable := map[blueprint.Rule]bool{"syntax": true, "empty": true, "encoding": true, "too-large": true}
			if _, err := blueprint.Format("f.yaml", src); err == nil && unreadable[problems[0].Rule] && len(problems) == 1 {
				t.Fatalf("Format accepted what Lint cannot read: %v", problems)
			}
			return
		}
		out, err := b.Marshal()
		if err != nil {
			t.Fatalf("encoding an accepted blueprint: %v", err)
		}
		again, err := blueprint.Parse("again.yaml", out)
		if err != nil {
			t.Fatalf("the encoding of an accepted blueprint is refused: %v\n%s", err, out)
		}
		if diff := cmp.Diff(b, again, ignorePositions); diff != "" {
			t.Fatalf("round trip changed the blueprint:\n%s", diff)
		}
		formatted, err := blueprint.Format("f.yaml", src)
		if err != nil {
			t.Fatalf("Format refused an accepted document: %v", err)
		}
		if twice, _ := blueprint.Format("f.yaml", formatted); string(twice) != string(formatted) {
			t.Fatalf("Format is not idempotent:\n%s", cmp.Diff(string(formatted), string(twice)))
		}
	})
}
