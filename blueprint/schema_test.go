package blueprint_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/peakend/peakend/blueprint"
	"github.com/rogpeppe/go-internal/txtar"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

// schemaRules are the rules the JSON Schema states too. On every
// fixture the schema must reject the document exactly when the decoder
// reports one of them; the other rules (references, duplicates, journey
// logic) are beyond what a schema can say.
var schemaRules = map[blueprint.Rule]bool{
	"syntax": true, "empty": true, "encoding": true, "alias-limit": true,
	"type": true, "unknown-key": true, "duplicate-key": true, "version": true,
	"unknown-lane": true, "missing-field": true, "duration": true,
	"missing-id": true, "bad-id": true, "standard-target": true, "unknown-tag": true,
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	s, err := c.Compile("schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// schemaValid converts a YAML document to JSON's data model, as an
// editor's YAML language server does, and validates it. Like the
// decoder, it takes a file to hold one document.
func schemaValid(s *jsonschema.Schema, src []byte) error {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var v, extra any
	if err := dec.Decode(&v); err != nil {
		return err
	}
	if err := dec.Decode(&extra); err != io.EOF {
		return fmt.Errorf("more than one document (%v)", err)
	}
	js, err := json.Marshal(v)
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(string(js)))
	if err != nil {
		return err
	}
	return s.Validate(inst)
}

func TestSchemaAgreesWithDecoder(t *testing.T) {
	s := compileSchema(t)
	check := func(name string, src []byte) {
		_, problems := blueprint.Lint(name, src)
		var structural []string
		for _, p := range problems {
			if schemaRules[p.Rule] {
				structural = append(structural, p.Error())
			}
		}
		err := schemaValid(s, src)
		switch {
		case err == nil && len(structural) > 0:
			t.Errorf("%s: the schema accepts what the decoder rejects:\n%s", name, strings.Join(structural, "\n"))
		case err != nil && len(structural) == 0:
			t.Errorf("%s: the schema rejects what the decoder accepts: %v", name, err)
		}
	}
	for _, path := range documents(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		check(path, src)
	}
	for _, path := range lintFixtures(t) {
		ar, err := txtar.ParseFile(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := fixtureFile(ar, "doc.yaml")
		check(filepath.Base(path), doc)
	}
	// Every file of the overlay fixtures: bases, overlays and their
	// touchpoint patches without stage or lane.
	for _, path := range loadFixtures(t, "testdata/load") {
		fsys, _ := archiveFS(t, path)
		for name, f := range fsys {
			check(path+"/"+name, f.Data)
		}
	}
}

// TestSchemaMessagesAreReadable checks that what an editor shows for
// the commonest mistakes is said in words: yaml-language-server shows
// a definition's errorMessage and labels a value by its title.
func TestSchemaMessagesAreReadable(t *testing.T) {
	src, err := os.ReadFile("schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema struct {
		Defs map[string]struct {
			Title        string `json:"title"`
			ErrorMessage string `json:"errorMessage"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(src, &schema); err != nil {
		t.Fatal(err)
	}
	want := map[string][2]string{
		"text":     {"text: a string, or a map from language tag to string", "language tag"},
		"duration": {"duration: a number and a unit, such as 90s, 10m or 1h30m", "minutes"},
		"standard": {"standard: a measurable target, with exactly one of max and min", "exactly one target"},
	}
	for def, w := range want {
		got := schema.Defs[def]
		if got.Title != w[0] || !strings.Contains(got.ErrorMessage, w[1]) {
			t.Errorf("%s: title %q, errorMessage %q; want the title %q and a message saying %q", def, got.Title, got.ErrorMessage, w[0], w[1])
		}
	}
}

func TestExamplesNameTheSchema(t *testing.T) {
	for _, path := range documents(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		dir, _ := filepath.Abs(filepath.Dir(path))
		schema, _ := filepath.Abs("schema.json")
		rel, err := filepath.Rel(dir, schema)
		if err != nil {
			t.Fatal(err)
		}
		line := "# yaml-language-server: $schema=" + filepath.ToSlash(rel)
		if !strings.HasPrefix(string(src), line+"\n") {
			t.Errorf("%s does not start with %q", path, line)
		}
	}
}
