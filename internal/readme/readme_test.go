package readme

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// noRun is the marker, on the line before a fence, of a block not to run.
const noRun = "<!-- readme: no-run -->"

// A command is one command of a README, with the output it shows.
type command struct {
	file string
	line int
	text string
	// output is what the README shows the command printing; checked
	// only when shown.
	output []string
	shown  bool
}

var fence = regexp.MustCompile("^\\s*```\\s*([A-Za-z]*)")

// shellBlocks are the fence languages whose lines are commands.
var shellBlocks = map[string]bool{"sh": true, "shell": true, "bash": true, "console": true}

// commands extracts the commands of a README's shell blocks.
func commands(file string, src []byte) ([]command, error) {
	var cmds []command
	var prev, indent string // indent: the fence's, which a block's lines share
	in, run, transcript := false, false, false
	sc := bufio.NewScanner(bytes.NewReader(src))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if m := fence.FindStringSubmatch(line); m != nil {
			if in {
				in = false
			} else {
				in, transcript = true, false
				run = shellBlocks[m[1]] && strings.TrimSpace(prev) != noRun
				indent = line[:len(line)-len(strings.TrimLeft(line, " "))]
			}
			prev = line
			continue
		}
		prev = line
		if !in || !run {
			continue
		}
		text := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(text, "$ "):
			transcript = true
			cmds = append(cmds, command{file: file, line: n, text: strings.TrimPrefix(text, "$ "), shown: true})
		case transcript && len(cmds) > 0:
			last := &cmds[len(cmds)-1]
			last.output = append(last.output, strings.TrimPrefix(line, indent))
		case text == "" || strings.HasPrefix(text, "#"):
		default:
			if len(cmds) > 0 && !transcript && strings.HasSuffix(cmds[len(cmds)-1].text, "\\") {
				last := &cmds[len(cmds)-1]
				last.text = strings.TrimSuffix(last.text, "\\") + " " + text
				continue
			}
			cmds = append(cmds, command{file: file, line: n, text: text})
		}
	}
	if in {
		return nil, fmt.Errorf("%s: a code block is not closed", file)
	}
	return cmds, sc.Err()
}

// skipReason says why a command is not run, "" when it is.
func skipReason(c command) string {
	fields := strings.Fields(c.text)
	switch {
	case len(fields) >= 2 && fields[0] == "go" && fields[1] == "test":
		return "runs go test, which runs this test"
	case len(fields) >= 2 && fields[0] == "go" && fields[1] == "get":
		return "needs the network"
	}
	for _, program := range programs(c.text) {
		if _, err := exec.LookPath(program); err != nil && program != "peakend" {
			return program + " is not installed"
		}
	}
	return ""
}

// programs lists the programs a command line runs: the first word of
// each command of a list or pipeline, after any VAR=value.
func programs(line string) []string {
	if i := strings.Index(line, " #"); i >= 0 {
		line = line[:i] // the shell's comment (near enough: no # in quotes here)
	}
	var names []string
	for _, part := range pipeline.Split(line, -1) {
		for _, word := range strings.Fields(part) {
			if !strings.Contains(word, "=") {
				names = append(names, word)
				break
			}
		}
	}
	return names
}

var pipeline = regexp.MustCompile(`&&|\|\||[|;]`)

// TestREADME runs every command of the READMEs in a copy of the
// repository, in order, and compares the output the README shows.
func TestREADME(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the command: not in -short")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on the PATH")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(root, "examples", "*", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	files = append([]string{filepath.Join(root, "README.md")}, files...)
	var cmds []command
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, f)
		c, err := commands(rel, src)
		if err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, c...)
	}
	if len(cmds) == 0 {
		t.Fatal("no commands found in the READMEs")
	}

	tmp := t.TempDir()
	repo, bin := filepath.Join(tmp, "repo"), filepath.Join(tmp, "bin")
	if err := copyTree(root, repo); err != nil {
		t.Fatal(err)
	}
	build := exec.Command(goCmd, "build", "-o", filepath.Join(bin, "peakend"), "./cmd/peakend")
	build.Dir = repo
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the command: %v\n%s", err, out)
	}
	env := append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "GOBIN="+bin)
	ran := 0
	for _, c := range cmds {
		where := fmt.Sprintf("%s:%d", c.file, c.line)
		if why := skipReason(c); why != "" {
			t.Logf("%s: skipped %q: %s", where, c.text, why)
			continue
		}
		ran++
		stdout, stderr, err := run(repo, env, c.text)
		if err != nil {
			t.Errorf("%s: %s: %v\nstderr:\n%s", where, c.text, err, stderr)
			continue
		}
		if c.shown {
			want := strings.Join(c.output, "\n")
			if got := strings.TrimRight(stdout, "\n"); got != want {
				t.Errorf("%s: %s printed\n%s\nthe README shows\n%s", where, c.text, got, want)
			}
		}
	}
	t.Logf("ran %d of %d commands", ran, len(cmds))
}

// run runs one command line with sh in dir.
func run(dir string, env []string, line string) (stdout, stderr string, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "sh", "-c", line)
	cmd.Dir, cmd.Env = dir, env
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	return out.String(), errOut.String(), err
}

// copyTree copies the repository's files, not its .git, as a fresh
// clone has them.
func copyTree(from, to string) error {
	return filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		if d.IsDir() && (d.Name() == ".git" || rel == filepath.Join("bench", "out")) {
			return filepath.SkipDir
		}
		target := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		return copyFile(path, target)
	})
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	info, err := in.Stat()
	if err != nil {
		return err
	}
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, info.Mode().Perm())
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
