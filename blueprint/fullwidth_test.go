package blueprint_test

import (
	"strings"
	"testing"

	"github.com/peakend/peakend/blueprint"
)

// A full-width colon or comma, as a Chinese input method types them,
// is reported where it is, with what to type instead — even when YAML
// notices the mistake a line later or at the end of a flow collection.
func TestFullWidthMarks(t *testing.T) {
	for _, c := range []struct {
		name, src, pos, hint string
	}{
		{"colon after a key", "peakend: 1\nlocale：zh\nname: x\n", "f.yaml:2:7", `full-width "："`},
		{"colon on the last line", "peakend: 1\nname：x\n", "f.yaml:2:5", `type ":" followed by a space`},
		{"comma in a flow mapping", "peakend: 1\nroles: [{id: r，name: x}]\n", "f.yaml:2:15", `full-width "，"`},
		{"a comment's colon is not it", "peakend: 1\n# 注释：无妨\nlocale：zh\nname: x\n", "f.yaml:3:7", `full-width "："`},
	} {
		_, problems := blueprint.Lint("f.yaml", []byte(c.src))
		if len(problems) != 1 || problems[0].Rule != blueprint.RuleSyntax || problems[0].Pos.String() != c.pos || !strings.Contains(problems[0].Message, c.hint) {
			t.Errorf("%s: want one syntax problem at %s with %q, got:\n%v", c.name, c.pos, c.hint, problems)
		}
	}
	// Without a full-width mark, the message is YAML's alone.
	_, problems := blueprint.Lint("f.yaml", []byte("peakend: 1\nlocale zh\nname: x\n"))
	if len(problems) != 1 || strings.Contains(problems[0].Message, "full-width") {
		t.Errorf("no full-width mark, yet: %v", problems)
	}
	// "[a，b]" is one id to YAML: the unknown reference says why.
	src := "peakend: 1\nstages: [{id: s}]\ntouchpoints:\n  - {id: a, stage: s, lane: customer}\n  - {id: b, stage: s, lane: customer}\njourneys:\n  - {id: j, steps: [a，b], peaks: [a]}\n"
	_, problems = blueprint.Lint("f.yaml", []byte(src))
	found := false
	for _, p := range problems {
		if p.Rule == blueprint.RuleUnknownRef && strings.Contains(p.Message, `"a，b" (it holds a full-width "，"`) {
			found = true
		}
	}
	if !found {
		t.Errorf("the joined ids get no hint:\n%v", problems)
	}
}
