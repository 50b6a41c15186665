package blueprint_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/peakend/peakend/blueprint"
)

// ignorePositions compares blueprints by content: positions change when
// a document is re-encoded.
var ignorePositions = cmp.Options{
	cmpopts.IgnoreTypes(blueprint.Pos{}),
	cmpopts.IgnoreUnexported(blueprint.Blueprint{}),
	cmpopts.EquateEmpty(),
}

func parse(t testing.TB, name string, src []byte) *blueprint.Blueprint {
	t.Helper()
	b, err := blueprint.Parse(name, src)
	if err != nil {
		t.Fatalf("%s:\n%v", name, err)
	}
	return b
}

// decoded is what Lint decodes of a document, which must have no error
// but that it is an overlay (read alone here, to test the document).
func decoded(t testing.TB, name string, src []byte) *blueprint.Blueprint {
	t.Helper()
	b, problems := blueprint.Lint(name, src)
	for _, p := range problems.Errors() {
		if p.Rule != blueprint.RuleExtendsUnresolved {
			t.Fatalf("%s:\n%v", name, problems.Err())
		}
	}
	return b
}

func TestRoundTrip(t *testing.T) {
	for _, path := range documents(t) {
		t.Run(path, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			first := decoded(t, path, src)
			out, err := first.Marshal()
			if err != nil {
				t.Fatal(err)
			}
			second := decoded(t, path+" (encoded)", out)
			if diff := cmp.Diff(first, second, ignorePositions); diff != "" {
				t.Errorf("decode → encode → decode changed the blueprint (-first +second):\n%s", diff)
			}
			again, err := second.Marshal()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out, again) {
				t.Error("encoding is not stable: encoding the decoded encoding differs")
			}
		})
	}
}

func TestFormatIsIdempotentAndKeepsComments(t *testing.T) {
	for _, path := range documents(t) {
		t.Run(path, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			once, err := blueprint.Format(path, src)
			if err != nil {
				t.Fatal(err)
			}
			twice, err := blueprint.Format(path, once)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(once, twice) {
				t.Errorf("formatting twice changes the document:\n%s", cmp.Diff(string(once), string(twice)))
			}
			if diff := cmp.Diff(decoded(t, path, src), decoded(t, path, once), ignorePositions); diff != "" {
				t.Errorf("formatting changed the meaning (-before +after):\n%s", diff)
			}
			for _, line := range strings.Split(string(src), "\n") {
				if i := strings.Index(line, "# "); i >= 0 && !strings.ContainsAny(line[:i], "'\"") {
					if comment := strings.TrimSpace(line[i:]); !strings.Contains(string(once), comment) {
						t.Errorf("formatting lost the comment %q", comment)
					}
				}
			}
		})
	}
}

func TestFormatOrdersKeys(t *testing.T) {
	src := []byte(`# head
roles:
    - name: Clerk # who
      id: clerk
name: {zh: 测试, en: Test}
peakend: 1
moments:
  b: {owner: clerk, needs: [x]}
  a: {standards: [{unit: min, max: 3, name: T}]}
`)
	want := `# head
peakend: 1
name: {zh: 测试, en: Test}
roles:
  - id: clerk
    name: Clerk # who
moments:
  b: {needs: [x], owner: clerk}
  a: {standards: [{name: T, max: 3, unit: min}]}
`
	got, err := blueprint.Format("t.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("Format (-want +got):\n%s", diff)
	}
}

func TestFormatRefusesNonYAML(t *testing.T) {
	_, err := blueprint.Format("bad.yaml", []byte("a: [\n"))
	var problems blueprint.Problems
	if err == nil || !asProblems(err, &problems) || problems[0].Rule != "syntax" {
		t.Fatalf("want a syntax problem, got %v", err)
	}
}

func asProblems(err error, target *blueprint.Problems) bool {
	p, ok := err.(blueprint.Problems)
	*target = p
	return ok && len(p) > 0
}

func TestBuiltInGoValidates(t *testing.T) {
	b := &blueprint.Blueprint{
		Version: blueprint.Version,
		Scale:   blueprint.DefaultScale,
		Stages:  []blueprint.Stage{{ID: "s"}},
		Touchpoints: []blueprint.Touchpoint{
			{ID: "a", Stage: "s", Lane: blueprint.Customer},
			{ID: "b", Stage: "s", Lane: blueprint.Frontstage, Next: []string{"b"}},
		},
		Journeys: []blueprint.Journey{{ID: "j", Steps: []string{"a", "b"}, Peaks: []string{"b"}}},
	}
	var rules []blueprint.Rule
	for _, p := range b.Validate() {
		rules = append(rules, p.Rule)
	}
	// b is both the peak and the end: one warning, not two.
	want := []blueprint.Rule{blueprint.RuleSelfLoop, blueprint.RuleCardMissing}
	if diff := cmp.Diff(want, rules); diff != "" {
		t.Errorf("Validate rules (-want +got):\n%s", diff)
	}
	out, err := b.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	back, problems := blueprint.Lint("built.yaml", out)
	// A decoded journey names its end; EndStep gives a built one's.
	implicitEnd := cmp.Transformer("EndStep", func(j blueprint.Journey) blueprint.Journey { j.End = j.EndStep(); return j })
	if diff := cmp.Diff(b, back, ignorePositions, implicitEnd); diff != "" {
		t.Errorf("a blueprint built in Go does not survive encoding (-built +decoded):\n%s\n%s", diff, problems)
	}
}
