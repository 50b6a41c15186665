package mot_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/scoring"
)

// TestColumnListsAgree holds the blueprint's list of columns, which
// package blueprint keeps since it imports no scoring, to the columns
// scoring reads, and the Chinese names scoring knows to columns of it.
func TestColumnListsAgree(t *testing.T) {
	if diff := cmp.Diff(scoring.EnglishColumns(), blueprint.ColumnNames()); diff != "" {
		t.Errorf("columns (-scoring +blueprint):\n%s", diff)
	}
	for name, column := range scoring.ColumnNames {
		if !strings.Contains(" "+strings.Join(blueprint.ColumnNames(), " ")+" ", " "+column+" ") {
			t.Errorf("scoring.ColumnNames[%q] = %q, no column of blueprint.ColumnNames", name, column)
		}
	}
}

const columnsBlueprint = `peakend: 1
stages: [{id: s}]
touchpoints: [{id: serve, stage: s, lane: customer}]
journeys: [{id: visit, steps: [serve], peaks: [serve]}]
columns:
  rating: [满意度, " Score "]
  visit: [流水号]
`

func TestColumns(t *testing.T) {
	b, err := blueprint.Parse("b.yaml", []byte(columnsBlueprint))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"满意度": "rating", "score": "rating", "流水号": "visit"}
	if diff := cmp.Diff(want, mot.Columns(b)); diff != "" {
		t.Errorf("Columns (-want +got):\n%s", diff)
	}
	if got := mot.Columns(&blueprint.Blueprint{}); got != nil {
		t.Errorf("Columns of a blueprint without columns = %v, want nil", got)
	}
	read := func(src string) []scoring.Visit {
		t.Helper()
		vs, err := scoring.ReadAll(strings.NewReader(src), scoring.Options{Name: "v.csv", Columns: mot.Columns(b)})
		if err != nil {
			t.Fatal(err)
		}
		return vs
	}
	english := read("visit,touchpoint,rating\nv1,serve,4\nv1,serve,2\n")
	declared := read("流水号,touchpoint,SCORE\nv1,serve,4\nv1,serve,2\n")
	if diff := cmp.Diff(english, declared, cmpopts.EquateNaNs()); diff != "" {
		t.Errorf("visits under the declared headers differ from the English ones (-english +declared):\n%s", diff)
	}
}
