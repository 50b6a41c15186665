package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSignalMidWriteKeepsOldFile stops "score -o out.csv" with SIGTERM
// and SIGINT while it is writing: the old out.csv must be left byte for
// byte, with no temporary file beside it.
func TestSignalMidWriteKeepsOldFile(t *testing.T) {
	visits, err := exec.Command("peakend", "simulate", "--visits", "20000", "--seed", "1").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "out.csv")
			old := []byte("the old result\n")
			if err := os.WriteFile(out, old, 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command("peakend", "score", "-o", out, "-")
			stdin, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			stdin.Write(visits) // stdin stays open: score waits for more
			waitForTemporary(t, dir)
			cmd.Process.Signal(sig)
			err = cmd.Wait()
			stdin.Close()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 128+int(sig) {
				t.Fatalf("exit: %v, want status %d; stderr: %s", err, 128+int(sig), &stderr)
			}
			if got, _ := os.ReadFile(out); !bytes.Equal(got, old) {
				t.Fatalf("out.csv holds %d bytes after the signal, want the old %d", len(got), len(old))
			}
			if names := dirNames(t, dir); len(names) != 1 {
				t.Fatalf("directory holds %v, want only out.csv", names)
			}
			if !strings.Contains(stderr.String(), "discarded") {
				t.Errorf("stderr %q does not say the file was discarded", &stderr)
			}
		})
	}
}

// waitForTemporary waits until a temporary file in dir holds data: the
// command is then writing.
func waitForTemporary(t *testing.T, dir string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		for _, name := range dirNames(t, dir) {
			if info, err := os.Stat(filepath.Join(dir, name)); err == nil && strings.HasSuffix(name, ".tmp") && info.Size() > 0 {
				return
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("no temporary file with data appeared")
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, de := range des {
		names = append(names, de.Name())
	}
	return names
}

// TestBinaryToTerminalIsRefused runs render in process with standard
// output marked as a terminal: PNG and PDF are refused with a hint to
// use -o, and nothing is written; SVG, text, goes through.
func TestBinaryToTerminalIsRefused(t *testing.T) {
	for _, format := range []string{"png", "pdf"} {
		var stdout, stderr bytes.Buffer
		e := &env{stdout: &stdout, stderr: &stderr, terminal: true}
		code := run([]string{"render", "--root", "../..", "--format", format, "../../examples/servicehall/hall.yaml"}, e)
		if code != exitUsage || stdout.Len() > 0 || !strings.Contains(stderr.String(), "-o FILE."+format) {
			t.Errorf("render --format %s to a terminal: exit %d, %d bytes out, stderr %q; want exit 2, nothing, a hint to use -o", format, code, stdout.Len(), &stderr)
		}
	}
	var stdout, stderr bytes.Buffer
	e := &env{stdout: &stdout, stderr: &stderr, terminal: true}
	if code := run([]string{"render", "--root", "../..", "--format", "dot", "--date", "", "../../examples/servicehall/hall.yaml"}, e); code != exitOK || !bytes.HasPrefix(stdout.Bytes(), []byte("digraph")) {
		t.Errorf("render --format dot to a terminal: exit %d, stderr %q; want the DOT", code, &stderr)
	}
}
