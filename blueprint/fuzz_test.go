package blueprint_test

import (
	"os"
	"reflect"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/peakend/peakend/blueprint"
	"github.com/rogpeppe/go-internal/txtar"
)

// FuzzLint checks, on any input, that reading never panics; that every
// problem has a position inside the input, is reported once, and quotes
// no more than an excerpt; that Load of the document alone reports what
// Lint does; and that a document Parse accepts survives encoding and
// formatting unchanged and holds no character XML forbids. The seed
// corpus is every fixture and example.
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
		seen := map[string]bool{}
		for _, p := range problems {
			if p.Pos.File != "f.yaml" || p.Pos.Line < 1 || p.Pos.Line > lines+1 || p.Pos.Col < 1 {
				t.Fatalf("problem with a bad position: %v", p)
			}
			if seen[p.Error()] {
				t.Fatalf("problem reported twice: %v", p)
			}
			seen[p.Error()] = true
			if n := utf8.RuneCountInString(p.Message); n > maxMessageRunes {
				t.Fatalf("a message of %d characters quotes more than an excerpt: %v", n, p)
			}
		}
		if len(src) <= blueprint.MaxSize && (b == nil || len(b.Extends) == 0) {
			_, loaded := loadAll(fstest.MapFS{"f.yaml": {Data: src}}, "f.yaml")
			if diff := cmp.Diff(problemLines(problems), problemLines(loaded)); diff != "" {
				t.Fatalf("Load and Lint disagree (-Lint +Load):\n%s", diff)
			}
		}
		if problems.Err() != nil {
			unreadable := map[blueprint.Rule]bool{"syntax": true, "empty": true, "encoding": true, "too-large": true}
			if _, err := blueprint.Format("f.yaml", src); err == nil && unreadable[problems[0].Rule] && len(problems) == 1 {
				t.Fatalf("Format accepted what Lint cannot read: %v", problems)
			}
			return
		}
		if bad := forbiddenText(b); bad != "" {
			t.Fatalf("an accepted blueprint holds a character XML forbids: %q", bad)
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

// maxMessageRunes bounds a message: fixed words, ids and excerpts of
// at most 40 characters, and the lists of lanes and tags.
const maxMessageRunes = 400

// forbiddenText returns the first string of b (any text, id or
// reference) that holds a character XML 1.0 forbids, or "".
func forbiddenText(b *blueprint.Blueprint) string {
	var bad string
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			for _, r := range v.String() {
				if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0xFFFE || r == 0xFFFF {
					bad = v.String()
				}
			}
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i))
				}
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.Map:
			for _, k := range v.MapKeys() {
				walk(k)
				walk(v.MapIndex(k))
			}
		}
	}
	walk(reflect.ValueOf(b))
	return bad
}
