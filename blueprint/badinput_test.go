package blueprint_test

import (
	"bytes"
	"runtime"
	"strings"
	"testing"

	"github.com/peakend/peakend/blueprint"
)

// bigDocument is a syntactically fine document of about 50 MB.
func bigDocument() []byte {
	var b bytes.Buffer
	b.WriteString("peakend: 1\nname: Big\nroles:\n")
	line := "  - {id: r, name: " + strings.Repeat("x", 80) + "}\n"
	for b.Len() < 50<<20 {
		b.WriteString(line)
	}
	return b.Bytes()
}

func onlyProblem(t *testing.T, problems blueprint.Problems, rule blueprint.Rule, wantPos string) {
	t.Helper()
	if len(problems) != 1 || problems[0].Rule != rule || problems[0].Pos.String() != wantPos {
		t.Fatalf("want one %s problem at %s, got:\n%v", rule, wantPos, problems)
	}
}

func TestTooLarge(t *testing.T) {
	b, problems := blueprint.Lint("big.yaml", bigDocument())
	if b != nil {
		t.Error("a refused document must not give a blueprint")
	}
	onlyProblem(t, problems, "too-large", "big.yaml:1:1")
}

func TestInvalidUTF8(t *testing.T) {
	src := []byte("peakend: 1\nname: caf\xe9 au lait\n")
	_, problems := blueprint.Lint("latin1.yaml", src)
	onlyProblem(t, problems, "encoding", "latin1.yaml:2:10")
}

// TestAliasBombBounded refuses, within 100 MB of allocation, a document
// that expands to 10^8 nodes through aliases: a list of 10 000 steps
// repeated in 10 000 journeys.
func TestAliasBombBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("peakend: 1\njourneys:\n  - &j {id: j, steps: &s [")
	b.WriteString(strings.Repeat("x, ", 9999) + "x]}\n")
	b.WriteString(strings.Repeat("  - *j\n", 10000))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	bp, problems := blueprint.Lint("bomb.yaml", []byte(b.String()))
	runtime.ReadMemStats(&after)
	if bp != nil || len(problems) != 1 || problems[0].Rule != "alias-limit" {
		t.Fatalf("alias bomb: want one alias-limit problem and no blueprint, got %v", problems)
	}
	if grown := after.TotalAlloc - before.TotalAlloc; grown > 100<<20 {
		t.Errorf("alias bomb allocated %d MB, want under 100 MB", grown>>20)
	}
}

// TestTruncatedDocuments feeds broken variants of the examples (every prefix
// cut at a line) and checks each gives problems with real positions.
func TestTruncatedDocuments(t *testing.T) {
	src := readExample(t, "servicehall/hall.yaml")
	lines := bytes.SplitAfter(src, []byte("\n"))
	for n := 0; n < len(lines); n += 7 {
		doc := bytes.Join(lines[:n], nil)
		_, problems := blueprint.Lint("cut.yaml", doc)
		for _, p := range problems {
			if p.Pos.Line < 1 || p.Pos.Col < 1 || p.Pos.File != "cut.yaml" {
				t.Fatalf("cut at line %d: problem without a position: %v", n, p)
			}
		}
	}
}
