package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/peakend/peakend/scoring"
)

// The test binary is the command when asked (each run parses the flags
// of a fresh process, as Beam's flags are the process's).
func TestMain(m *testing.M) {
	if os.Getenv("PEAKEND_BEAM_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

func command(t *testing.T, dir string, args ...string) (code int, stderr string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "PEAKEND_BEAM_MAIN=1")
	var errb bytes.Buffer
	cmd.Stderr = &errb
	err := cmd.Run()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatal(err)
	}
	return cmd.ProcessState.ExitCode(), errb.String()
}

// TestScore runs the command on Prism: the features and rejects are
// written in their shards, with the blueprint's scale, names and steps.
func TestScore(t *testing.T) {
	dir := t.TempDir()
	hall, err := os.ReadFile(filepath.Join("..", "..", "..", "examples", "servicehall", "hall.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "hall.yaml"), hall, 0o644)
	os.WriteFile(filepath.Join(dir, "visits.csv"), []byte("visit,purpose,touchpoint,t,rating\nv1,counter,greet,0,4\nv1,counter,leave,60,2\nv2,counter,greet,0,9\n"), 0o644)
	code, stderr := command(t, dir, "score", "--input", "visits.csv", "--output", "out/run", "--blueprint", "hall.yaml", "--shards", "2", "--runner", "prism")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var features string
	for _, name := range []string{"run-features-00000-of-00002.csv", "run-features-00001-of-00002.csv"} {
		b, err := os.ReadFile(filepath.Join(dir, "out", name))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(b), scoring.FeaturesHeader()+"\n") {
			t.Errorf("%s has no header:\n%s", name, b)
		}
		features += string(b)
	}
	if !strings.Contains(features, "\nv1,counter,2,60,4,") || strings.Contains(features, "v2") {
		t.Errorf("features:\n%s", features)
	}
	rejects, err := os.ReadFile(filepath.Join(dir, "out", "run-rejects-00000-of-00001.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if want := scoring.RejectsHeader + "\nvisits.csv,4,"; !strings.HasPrefix(string(rejects), want) || !strings.Contains(string(rejects), "9 is outside the scale 1..5") {
		t.Errorf("rejects:\n%s\nwant it to start %s", rejects, want)
	}
}

// TestRefused: a blueprint that does not validate stops the command
// before the pipeline runs, naming where; so do bad flags.
func TestRefused(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "bad.yaml"), []byte("peakend: 1\nname: x\nscale: {min: 5, max: 1}\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "visits.csv"), []byte("visit,rating\nv1,3\n"), 0o644)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"score", "--input", "visits.csv", "--output", "out/run", "--blueprint", "bad.yaml", "--runner", "prism"}, "bad.yaml:"},
		{[]string{"score", "--input", "visits.csv", "--runner", "prism"}, "--output PREFIX are required"},
		{[]string{"score", "--input", "visits.csv", "--output", "out/run", "--scale", "5..1"}, "scale 5..1"},
		{[]string{"score", "--input", "visits.csv", "--output", "out/run", "--tz", "Nowhere/Atlantis"}, "Atlantis"},
		{[]string{"rank", "--input", "visits.csv", "--output", "out/run"}, "Usage: peakend-beam"},
	} {
		code, stderr := command(t, dir, c.args...)
		if code != exitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: exit %d, stderr\n%s\nwant exit 2 and %q", strings.Join(c.args, " "), code, stderr, c.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		t.Error("a refused command wrote output")
	}
}

// TestAnalyses runs moments on Prism: the whole's file and a file per
// site, and the rejects; moments without a blueprint is refused first.
func TestAnalyses(t *testing.T) {
	dir := t.TempDir()
	hall, err := os.ReadFile(filepath.Join("..", "..", "..", "examples", "servicehall", "hall.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "hall.yaml"), hall, 0o644)
	os.WriteFile(filepath.Join(dir, "visits.csv"), []byte("visit,purpose,site,touchpoint,t,rating\nv1,counter,s1,greet,0,4\nv1,counter,s1,leave,60,2\nv2,counter,s2,greet,0,3\n"), 0o644)
	code, stderr := command(t, dir, "moments", "--input", "visits.csv", "--output", "out/run", "--blueprint", "hall.yaml", "--runner", "prism")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, name := range []string{"run-moments.csv", "run-moments/site=s1.csv", "run-moments/site=s2.csv", "run-rejects-00000-of-00001.csv"} {
		if b, err := os.ReadFile(filepath.Join(dir, "out", name)); err != nil || len(b) == 0 {
			t.Errorf("%s: %q, %v", name, b, err)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "out", "run-moments.csv")); !strings.HasPrefix(string(b), "journey,touchpoint,") {
		t.Errorf("moments:\n%s", b)
	}
	if code, stderr := command(t, dir, "moments", "--input", "visits.csv", "--output", "out/again", "--runner", "prism"); code != exitUsage || !strings.Contains(stderr, "blueprint") {
		t.Errorf("moments without a blueprint: exit %d\n%s", code, stderr)
	}
}
