package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/peakend/peakend/scoring"
	"github.com/peakend/peakend/scoring/analyze"
)

// runHere runs the command in this process and returns its standard
// output, standard error and exit code.
func runHere(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(append([]string{}, args...), &env{stdin: strings.NewReader(stdin), stdout: &stdout, stderr: &stderr})
	return stdout.String(), stderr.String(), code
}

// TestSameOnEveryCore runs score, score --summary, moments, leverage,
// fit and compare on the examples' visits and on simulated visits (CSV
// and JSON Lines, one with bad rows and --rejects) read in many ranges,
// with GOMAXPROCS 1 and 4: the outputs and rejects files are byte for
// byte the same. score's rows are also those of reading standard input
// in sequence.
func TestSameOnEveryCore(t *testing.T) {
	dir := t.TempDir()
	hall := filepath.Join("..", "..", "examples", "servicehall", "hall.yaml")
	files := []string{filepath.Join("..", "..", "examples", "research", "testdata", "hall-visits.csv")}
	for _, format := range []string{"csv", "jsonl"} {
		out, stderr, code := runHere(t, "", "simulate", "--visits", "1500", "--seed", "4", "--format", format)
		if code != 0 {
			t.Fatalf("simulate: %s", stderr)
		}
		name := filepath.Join(dir, "visits."+format)
		if err := os.WriteFile(name, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	// Bad rows, in the middle of visits, and a visit out of order.
	lines := strings.Split(readFile(t, files[1]), "\n")
	lines[100] = lines[100] + ",extra"
	lines[2000] = "garbage"
	lines[5000], lines[9000] = lines[9000], lines[5000]
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	files = append(files, bad)
	// A panel whose visits v2, v12, … have no customer: the first row
	// decides whether score's output has a customer column.
	out, stderr, code := runHere(t, "", "simulate", "--visits", "1500", "--seed", "5", "--customers", "40")
	if code != 0 {
		t.Fatalf("simulate: %s", stderr)
	}
	rows := strings.Split(out, "\n")
	for i, row := range rows {
		if cells := strings.Split(row, ","); len(cells) > 2 && strings.HasSuffix(cells[0], "2") {
			cells[2] = ""
			rows[i] = strings.Join(cells, ",")
		}
	}
	panel := filepath.Join(dir, "panel.csv")
	if err := os.WriteFile(panel, []byte(strings.Join(rows, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	files = append(files, panel)

	defer func(n int, rb int64) { runtime.GOMAXPROCS(n); rangeBytes = rb }(runtime.GOMAXPROCS(0), rangeBytes)
	rangeBytes = 4 << 10
	for _, file := range files {
		for _, args := range [][]string{
			{"score"}, {"score", "--summary"}, {"moments", "", hall}, {"moments", "--format", "json", "", hall}, {"report", "", hall}, {"report", "--format", "json", "", hall},
			{"leverage", "--format", "csv", "", hall}, {"fit"}, {"compare", "--bootstrap", "20"},
			{"fit", "--cluster", "purpose"}, {"compare", "--bootstrap", "20", "--cluster", "purpose"}, {"compare", "--cv", "3"},
		} {
			blueprint := []string{}
			if args[len(args)-1] == hall {
				args, blueprint = args[:len(args)-2], []string{hall}
			}
			if len(blueprint) > 0 {
				args = append(args[:len(args):len(args)], "--root", filepath.Join("..", ".."))
			}
			args = append(append(append(args[:len(args):len(args)], "--rejects", filepath.Join(dir, "rejects.csv")), blueprint...), file)
			var outputs [2]string
			for i, procs := range []int{1, 4} {
				runtime.GOMAXPROCS(procs)
				before := partsMerged.Load()
				stdout, stderr, code := runHere(t, "", args...)
				if merges(args[0]) && partsMerged.Load()-before < 10 {
					t.Fatalf("%v: %d parts merged; want one per range of 4 KiB (exit %d: %s)", args, partsMerged.Load()-before, code, stderr)
				}
				if code != 0 && code != exitRejected {
					t.Fatalf("%v: exit %d: %s", args, code, stderr)
				}
				outputs[i] = stdout + "--rejects\n" + readFile(t, filepath.Join(dir, "rejects.csv")) + "--stderr\n" + stderr
			}
			if outputs[0] != outputs[1] {
				t.Errorf("%v: GOMAXPROCS 1 and 4 differ:\n%s", args, lineDiffs(outputs[0], outputs[1]))
			}
			if args[0] == "leverage" && !strings.HasSuffix(file, ".jsonl") { // its sums are exact: any ranges (mot.LeverageRangeBytes) give what one sequence gives
				seq := append(slices.Clone(args[:len(args)-1]), "-")
				stdout, _, _ := runHere(t, readFile(t, file), seq...)
				if ranged := strings.SplitN(outputs[1], "--rejects\n", 2)[0]; stdout != ranged {
					t.Errorf("%v: in ranges and from standard input differ:\n%s", args, lineDiffs(ranged, stdout))
				}
			}
			if len(args) == 4 && args[0] == "score" { // rows are exact: as read from standard input in sequence
				format := "csv"
				if strings.HasSuffix(file, ".jsonl") {
					format = "jsonl"
				}
				stdout, _, _ := runHere(t, readFile(t, file), "score", "--format", format, "--rejects", filepath.Join(dir, "rejects-stdin.csv"), "-")
				if ranged := strings.SplitN(outputs[1], "--rejects\n", 2)[0]; stdout != ranged {
					t.Errorf("%v: in ranges and from standard input differ:\n%s", args, lineDiffs(ranged, stdout))
				}
			}
		}
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// lineDiffs shows the first line where a and b differ.
func lineDiffs(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return "line " + strconv.Itoa(i+1) + ":\n" + al[i] + "\n" + bl[i]
		}
	}
	return "one is longer: " + strconv.Itoa(len(al)) + " and " + strconv.Itoa(len(bl)) + " lines"
}

// merges reports whether the command's accumulator merges, so that its
// files are read in ranges: fit's, compare's and leverage's (through
// its fit) once the statistics package gives them Merge.
func merges(cmd string) bool {
	_, fitter := any(&analyze.Fitter{}).(scoring.Merger[*analyze.Fitter])
	_, comparer := any(&analyze.Comparer{}).(scoring.Merger[*analyze.Comparer])
	switch cmd {
	case "fit", "leverage":
		return fitter
	case "compare":
		return comparer
	}
	return true
}
