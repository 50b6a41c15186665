package blueprint_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/peakend/peakend/blueprint"
)

// columnsDoc declares columns after the moments, with a name as a
// plain string, a comment and a name in two cases.
const columnsDoc = `peakend: 1
name: Mini
roles: [{id: clerk}]
stages: [{id: s1}]
touchpoints:
  - {id: serve, stage: s1, lane: customer, owner: clerk}
journeys:
  - {id: visit, steps: [serve], peaks: [serve]}
moments:
  serve: {owner: clerk}
columns: # the names this hall's visit files give the columns
  rating: [满意度, 打分]
  visit: 流水号
  purpose: [Business, business]
`

func TestColumnsDecode(t *testing.T) {
	b := parse(t, "doc.yaml", []byte(columnsDoc))
	want := []blueprint.Column{
		{Column: "rating", Names: []string{"满意度", "打分"}},
		{Column: "visit", Names: []string{"流水号"}},
		{Column: "purpose", Names: []string{"Business", "business"}},
	}
	if diff := cmp.Diff(want, b.Columns, ignorePositions); diff != "" {
		t.Errorf("Columns (-want +got):\n%s", diff)
	}
	if got := b.Columns[0].Pos; got.Line != 12 || got.Col != 3 {
		t.Errorf("columns.rating at %v, want line 12, column 3", got)
	}
	if p, ok := b.PosOf("columns.rating.1"); !ok || p.Line != 12 || p.Col != 17 {
		t.Errorf(`PosOf("columns.rating.1") = %v, %v; want 12:17`, p, ok)
	}
	if p, ok := b.PosOf("columns.visit.0"); !ok || p.Line != 13 || p.Col != 10 {
		t.Errorf(`PosOf("columns.visit.0") = %v, %v; want 13:10`, p, ok)
	}
}

func TestColumnsRoundTripAndFormat(t *testing.T) {
	first := parse(t, "doc.yaml", []byte(columnsDoc))
	out, err := first.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "columns:\n  rating: [满意度, 打分]\n  visit: [流水号]\n") {
		t.Errorf("Marshal wrote the columns as:\n%s", out)
	}
	second := parse(t, "encoded", out)
	if diff := cmp.Diff(first, second, ignorePositions); diff != "" {
		t.Errorf("decode → encode → decode changed the blueprint (-first +second):\n%s", diff)
	}
	formatted, err := blueprint.Format("doc.yaml", []byte(columnsDoc))
	if err != nil {
		t.Fatal(err)
	}
	f := string(formatted)
	name, columns, roles := strings.Index(f, "name: Mini"), strings.Index(f, "columns:"), strings.Index(f, "roles:")
	if !(name < columns && columns < roles) || !strings.Contains(f, "# the names this hall's visit files give the columns") {
		t.Errorf("Format did not move columns before roles, keeping its comment:\n%s", f)
	}
	if diff := cmp.Diff(first, parse(t, "formatted", formatted), ignorePositions); diff != "" {
		t.Errorf("Format changed the blueprint (-before +after):\n%s", diff)
	}
	again, err := blueprint.Format("doc.yaml", formatted)
	if err != nil || string(again) != f {
		t.Errorf("formatting twice changed the document (%v):\n%s", err, again)
	}
}

// TestEmptyColumnRoundTrips holds that a column declared with no name
// is written back, so that its key is still checked.
func TestEmptyColumnRoundTrips(t *testing.T) {
	src := strings.Replace(columnsDoc, "  visit: 流水号\n", "  visit: []\n", 1)
	b := parse(t, "doc.yaml", []byte(src))
	out, _ := b.Marshal()
	if !strings.Contains(string(out), "visit: []") {
		t.Errorf("Marshal dropped the empty column:\n%s", out)
	}
}

func TestOverlayAddsColumnNames(t *testing.T) {
	base := strings.Replace(columnsDoc, "  purpose: [Business, business]\n", "", 1)
	fsys := fstest.MapFS{
		"base.yaml": {Data: []byte(base)},
		"doc.yaml":  {Data: []byte("peakend: 1\nextends: base.yaml\ncolumns:\n  rating: [评价, 满意度]\n  site: [网点]\n")},
	}
	b, warnings, err := blueprint.Load(fsys, "doc.yaml")
	if err != nil || len(warnings) > 0 {
		t.Fatalf("Load: %v %v", err, warnings)
	}
	want := []blueprint.Column{
		{Column: "rating", Names: []string{"满意度", "打分", "评价"}},
		{Column: "visit", Names: []string{"流水号"}},
		{Column: "site", Names: []string{"网点"}},
	}
	if diff := cmp.Diff(want, b.Columns, ignorePositions); diff != "" {
		t.Errorf("merged Columns (-want +got):\n%s", diff)
	}
	if p, _ := b.PosOf("columns.rating.2"); p.File != "doc.yaml" || p.Line != 4 {
		t.Errorf(`PosOf("columns.rating.2") = %v, want the overlay's line 4`, p)
	}
}

// TestColumnsBuiltInGo holds Validate to the same checks on a blueprint
// built in Go.
func TestColumnsBuiltInGo(t *testing.T) {
	b := parse(t, "doc.yaml", []byte(columnsDoc))
	b.Columns = append(b.Columns,
		blueprint.Column{Column: "score", Names: []string{"分"}},
		blueprint.Column{Column: "site", Names: []string{"打分"}})
	var rules []blueprint.Rule
	for _, p := range b.Validate().Errors() {
		rules = append(rules, p.Rule)
	}
	if diff := cmp.Diff([]blueprint.Rule{blueprint.RuleUnknownColumn, blueprint.RuleDuplicateColumn}, rules); diff != "" {
		t.Errorf("Validate rules (-want +got):\n%s", diff)
	}
}

func TestColumnNamesCannotBeChanged(t *testing.T) {
	names := blueprint.ColumnNames()
	names[0] = "changed"
	if got := blueprint.ColumnNames()[0]; got != "visit" {
		t.Errorf("ColumnNames()[0] after changing a returned slice = %q, want visit", got)
	}
}
