package blueprint_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/peakend/peakend/blueprint"
	"github.com/rogpeppe/go-internal/txtar"
)

// A load fixture is a txtar archive whose comment says what it shows:
// its files make a file system, Load reads doc.yaml from it, and want
// lists every problem, errors and warnings, one a line. The fixtures of
// overlays are in testdata/load; those of hostile input in
// ../testdata/hostile/blueprints.

func loadFixtures(t testing.TB, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures in %s: %v", dir, err)
	}
	return files
}

const hostileDir = "../testdata/hostile/blueprints"

// archiveFS makes a file system of an archive's files, but want.
func archiveFS(t testing.TB, path string) (fstest.MapFS, string) {
	t.Helper()
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	want := ""
	for _, f := range ar.Files {
		if f.Name == "want" {
			want = string(f.Data)
			continue
		}
		fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	return fsys, want
}

// loadAll loads name and returns every problem, errors and warnings,
// sorted, as the lint command shows them.
func loadAll(fsys fs.FS, name string) (*blueprint.Blueprint, blueprint.Problems) {
	b, warnings, err := blueprint.Load(fsys, name)
	var all blueprint.Problems
	if err != nil && !errors.As(err, &all) {
		panic("Load returned an error that is not Problems: " + err.Error())
	}
	all = append(all, warnings...)
	all.Sort()
	return b, all
}

func problemLines(ps blueprint.Problems) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.Error() + "\n")
	}
	return b.String()
}

func runLoadFixture(t *testing.T, path string) {
	fsys, want := archiveFS(t, path)
	_, problems := loadAll(fsys, "doc.yaml")
	got := problemLines(problems)
	if *update {
		ar, _ := txtar.ParseFile(path)
		for i := range ar.Files {
			if ar.Files[i].Name == "want" {
				ar.Files[i].Data = []byte(got)
			}
		}
		if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Load problems (-want +got):\n%s", diff)
	}
}

func TestLoadFixtures(t *testing.T) {
	for _, dir := range []string{"testdata/load", hostileDir} {
		for _, path := range loadFixtures(t, dir) {
			t.Run(filepath.Base(dir)+"/"+strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
				runLoadFixture(t, path)
			})
		}
	}
}

func fixtureProblems(t testing.TB, dir string) blueprint.Problems {
	var all blueprint.Problems
	for _, path := range loadFixtures(t, dir) {
		fsys, _ := archiveFS(t, path)
		_, problems := loadAll(fsys, "doc.yaml")
		all = append(all, problems...)
	}
	return all
}

func loadFixtureProblems(t testing.TB) blueprint.Problems { return fixtureProblems(t, "testdata/load") }
func hostileProblems(t testing.TB) blueprint.Problems     { return fixtureProblems(t, hostileDir) }

func TestLegalOverlayMerges(t *testing.T) {
	fsys, _ := archiveFS(t, "testdata/load/legal.txtar")
	b, warnings, err := blueprint.Load(fsys, "doc.yaml")
	if err != nil || len(warnings) > 0 {
		t.Fatalf("legal overlay:\n%v\n%v", err, warnings)
	}
	var stages []string
	for _, s := range b.Stages {
		stages = append(stages, s.ID)
	}
	visit, _ := b.Journey("visit")
	serve, _ := b.Card("serve")
	leave, _ := b.Card("leave")
	got := []any{stages, visit.Steps, visit.Peaks, visit.End, *serve.Standards[0].Max, *serve.Standards[0].Baseline, serve.Standards[0].Unit, *leave.Standards[0].Min, len(b.Extends)}
	want := []any{[]string{"s1", "s1b", "s2"}, []string{"arrive", "browse", "serve", "leave"}, []string{"serve"}, "leave", 2.0, 2.5, "min", 95.0, 0}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("merged (-want +got):\n%s", diff)
	}
}

// TestLoadServiceHallOverlay loads the example's city overlay from the
// repository's root: its ../hall.yaml stays inside the file system.
func TestLoadServiceHallOverlay(t *testing.T) {
	b, warnings, err := blueprint.Load(os.DirFS(".."), "examples/servicehall/overlays/city.yaml")
	if err != nil || len(warnings) > 0 {
		t.Fatalf("city overlay:\n%v\n%v", err, warnings)
	}
	if _, ok := b.Touchpoint("water-station"); !ok {
		t.Error("the city's touchpoint is missing")
	}
	base, _, err := blueprint.Load(os.DirFS(".."), "examples/servicehall/hall.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Cards) != len(base.Cards)+1 {
		t.Errorf("%d moment cards, want the base's %d and one more", len(b.Cards), len(base.Cards))
	}
	// Rooted at the overlay's own directory, the base is outside.
	_, _, err = blueprint.Load(os.DirFS("../examples/servicehall/overlays"), "city.yaml")
	if err == nil || !strings.Contains(err.Error(), "climbs above the root") {
		t.Errorf("base outside the file system: %v", err)
	}
}

func TestParseRefusesAnOverlay(t *testing.T) {
	_, err := blueprint.ParseFile("../examples/servicehall/overlays/city.yaml")
	var problems blueprint.Problems
	if !errors.As(err, &problems) || len(problems) != 1 || problems[0].Rule != blueprint.RuleExtendsUnresolved {
		t.Fatalf("ParseFile of an overlay: want one %s error, got %v", blueprint.RuleExtendsUnresolved, err)
	}
	if got := problems[0].Pos.String(); !strings.HasSuffix(got, "city.yaml:9:10") {
		t.Errorf("positioned at %s, want the extends value", got)
	}
}

// TestLoadErrorsAreInspectable checks errors.Is and errors.As through
// Load's Problems for each kind of file problem.
func TestLoadErrorsAreInspectable(t *testing.T) {
	fsys := fstest.MapFS{
		"dir/x.yaml":    {Data: []byte("peakend: 1\n")},
		"overlay.yaml":  {Data: []byte("peakend: 1\nextends: nowhere.yaml\n")},
		"to-dir.yaml":   {Data: []byte("peakend: 1\nextends: dir\n")},
		"fine.yaml":     {Data: []byte("peakend: 1\nstages: [{id: s}]\n")},
		"big.yaml":      {Data: make([]byte, blueprint.MaxSize+1)},
		"to-big.yaml":   {Data: []byte("peakend: 1\nextends: big.yaml\n")},
		"absolute.yaml": {Data: []byte("peakend: 1\nextends: /etc/passwd\n")},
	}
	tests := []struct {
		name   string
		target error
		rule   blueprint.Rule
	}{
		{"missing.yaml", fs.ErrNotExist, blueprint.RuleRead},
		{"overlay.yaml", fs.ErrNotExist, blueprint.RuleExtends},
		{"dir", blueprint.ErrNotRegular, blueprint.RuleRead},
		{"to-dir.yaml", blueprint.ErrNotRegular, blueprint.RuleExtends},
		{"to-big.yaml", nil, blueprint.RuleTooLarge},
		{"absolute.yaml", nil, blueprint.RuleExtends},
		{"/etc/passwd", fs.ErrInvalid, blueprint.RuleRead},
	}
	for _, tc := range tests {
		b, _, err := blueprint.Load(fsys, tc.name)
		if b != nil || err == nil {
			t.Errorf("%s: want an error and no blueprint, got %v", tc.name, err)
			continue
		}
		if tc.target != nil && !errors.Is(err, tc.target) {
			t.Errorf("%s: errors.Is(err, %v) is false: %v", tc.name, tc.target, err)
		}
		var problems blueprint.Problems
		if !errors.As(err, &problems) || problems[0].Rule != tc.rule {
			t.Errorf("%s: want a %s problem, got %v", tc.name, tc.rule, err)
		}
		var pe *fs.PathError
		if tc.target != nil && tc.target != fs.ErrInvalid && !errors.As(err, &pe) {
			t.Errorf("%s: the *fs.PathError is lost: %v", tc.name, err)
		}
	}
	if b, warnings, err := blueprint.Load(fsys, "fine.yaml"); err != nil || b == nil || len(warnings) != 1 {
		t.Errorf("a blueprint with one warning: want it, one warning and a nil error; got %v, %v, %v", b, warnings, err)
	}
}
