package mot_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/scoring"
)

// hostileNames are texts that Mermaid's journey grammar would read as
// something else if written verbatim: keywords in any case (even inside
// a longer word), comments, directives, the characters that end a name
// or an actor, HTML, entity codes and the markers Mermaid makes of
// them, the lines encodeEntities cuts ("style …:#…;"), spaces Mermaid
// trims, and a newline.
var hostileNames = []string{
	"Title deed check", "Section B counter", "Journey planner desk", "journey",
	"JOURNEY-hall", "tItLe x", "section", "accTitle", "accDescr", "accDescr {x}",
	"%% the peak", "%%{init: {'theme':'dark'}}%%", "a%%b", "50% off", "%",
	"Arrive: #1; now", "# not a comment", "A, B and C", "x;y",
	"<b>bold</b> <img src=\"x\">", "#35;", "#amp;", "ﬂ°°84¶ß", "¶ß",
	"style x:#f00;", "classDef a fill:#f00;", "\ufeffTitle after a BOM",
	"  padded  ", "two\nlines", "café 柜台办理",
}

// TestMermaidParsesAsWritten runs mermaid's own journey parser (npm
// mermaid, under node) on the diagrams of a blueprint made of hostile
// names, and checks that each title, section, task and actor reads back
// as the name it was written from.
func TestMermaidParsesAsWritten(t *testing.T) {
	dir := mermaidDir(t)
	b := hostileBlueprint(t)
	var buf bytes.Buffer
	if err := mot.WriteMermaid(&buf, b, nil, scoring.DefaultScale, "en"); err != nil {
		t.Fatal(err)
	}
	diagrams := fencedDiagrams(buf.String())
	if len(diagrams) != len(b.Journeys) {
		t.Fatalf("%d diagrams for %d journeys:\n%s", len(diagrams), len(b.Journeys), buf.String())
	}
	got := parseWithMermaid(t, dir, diagrams)
	for i, j := range b.Journeys {
		want := mermaidDiagram{Type: "journey", Title: meant(b.Text(j.Name, "en"))}
		section := ""
		for _, step := range j.Steps {
			tp, _ := b.Touchpoint(step)
			stage := meant(b.StageName(tp.Stage, "en"))
			if tp.Stage != section {
				section = tp.Stage
				want.Sections = append(want.Sections, stage)
			}
			want.Tasks = append(want.Tasks, mermaidTask{Section: stage, Task: meant(b.TouchpointName(step, "en")), Score: 3,
				People: []string{"Customer", meant(b.RoleName(tp.Owner, "en"))}})
		}
		if diff := cmp.Diff(want, got[i]); diff != "" {
			t.Errorf("journey %s as mermaid reads it (-want +got):\n%s\ndiagram:\n%s", j.ID, diff, diagrams[i])
		}
	}
}

// meant is a name as a diagram should show it: on one line, without
// the spaces around it.
func meant(s string) string {
	return strings.TrimSpace(strings.TrimPrefix(strings.ReplaceAll(s, "\n", " "), "\ufeff"))
}

// hostileBlueprint has, for each hostile name, a stage, a touchpoint, a
// role and a one-step journey of that name, and one journey through
// every touchpoint.
func hostileBlueprint(t *testing.T) *blueprint.Blueprint {
	t.Helper()
	var roles, stages, tps, journeys, all strings.Builder
	for i, name := range hostileNames {
		q, _ := json.Marshal(name) // a JSON string is a YAML string
		fmt.Fprintf(&roles, "  - {id: r%d, name: %s}\n", i, q)
		fmt.Fprintf(&stages, "  - {id: s%d, name: %s}\n", i, q)
		fmt.Fprintf(&tps, "  - {id: t%d, stage: s%d, lane: customer, name: %s, owner: r%d}\n", i, i, q, i)
		fmt.Fprintf(&journeys, "  - {id: j%d, name: %s, steps: [t%d]}\n", i, q, i)
		fmt.Fprintf(&all, "t%d, ", i)
	}
	src := "peakend: 1\nlocale: en\nroles:\n" + roles.String() + "stages:\n" + stages.String() +
		"touchpoints:\n" + tps.String() + "journeys:\n" + journeys.String() +
		"  - {id: all, name: Every step, steps: [" + strings.TrimSuffix(all.String(), ", ") + "]}\n"
	b, err := blueprint.Parse("hostile.yaml", []byte(src))
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	return b
}

var fence = regexp.MustCompile("(?s)```mermaid\n(.*?)```\n")

func fencedDiagrams(md string) []string {
	var out []string
	for _, m := range fence.FindAllStringSubmatch(md, -1) {
		out = append(out, m[1])
	}
	return out
}

type mermaidDiagram struct {
	Error    string        `json:"error,omitempty"`
	Type     string        `json:"type"`
	Title    string        `json:"title"`
	Sections []string      `json:"sections"`
	Tasks    []mermaidTask `json:"tasks"`
}

type mermaidTask struct {
	Section string   `json:"section"`
	Task    string   `json:"task"`
	Score   float64  `json:"score"`
	People  []string `json:"people"`
}

// parseWithMermaid runs testdata/mermaid/parse.mjs on the diagrams.
func parseWithMermaid(t *testing.T, dir string, diagrams []string) []mermaidDiagram {
	t.Helper()
	in, _ := json.Marshal(diagrams)
	cmd := exec.Command("node", filepath.Join("testdata", "mermaid", "parse.mjs"), dir)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node parse.mjs: %v\n%s", err, stderr.String())
	}
	var got []mermaidDiagram
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("parse.mjs printed %q: %v", out, err)
	}
	if len(got) != len(diagrams) {
		t.Fatalf("parse.mjs read %d diagrams of %d", len(got), len(diagrams))
	}
	return got
}

// mermaidDir is the directory holding node_modules with mermaid and
// jsdom: $PEAKEND_MERMAID_DIR, else peakend/mermaid in the user's cache
// directory, where .ci/run installs them. Without node or mermaid the
// test skips, saying how to install them.
func mermaidDir(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is not installed: mermaid's parser cannot be run")
	}
	dir := os.Getenv("PEAKEND_MERMAID_DIR")
	if dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			t.Skipf("no PEAKEND_MERMAID_DIR and no cache directory: %v", err)
		}
		dir = filepath.Join(cache, "peakend", "mermaid")
	}
	for _, pkg := range []string{"mermaid", "jsdom"} {
		if _, err := os.Stat(filepath.Join(dir, "node_modules", pkg, "package.json")); err != nil {
			t.Skipf("npm package %s is not installed in %s (npm install --prefix %s mermaid@11 jsdom, as .ci/run does)", pkg, dir, dir)
		}
	}
	return dir
}
