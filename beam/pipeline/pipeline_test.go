package pipeline_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/parquet-go/parquet-go"

	"github.com/peakend/peakend/beam/pipeline"
	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/scoring"
)

func TestMain(m *testing.M) { ptest.MainWithDefault(m, "prism") }

// The single machine is the root module's peakend command, built once.
var (
	peakendOnce sync.Once
	peakendBin  string
	peakendErr  error
)

func peakend(t testing.TB, args ...string) []byte {
	t.Helper()
	peakendOnce.Do(func() {
		dir, err := os.MkdirTemp("", "peakend-beam-test-")
		if err != nil {
			peakendErr = err
			return
		}
		peakendBin = filepath.Join(dir, "peakend")
		build := exec.Command("go", "build", "-o", peakendBin, "./cmd/peakend")
		build.Dir = filepath.Join("..", "..")
		if out, err := build.CombinedOutput(); err != nil {
			peakendErr = fmt.Errorf("building peakend: %v\n%s", err, out)
		}
	})
	if peakendErr != nil {
		t.Fatal(peakendErr)
	}
	cmd := exec.Command(peakendBin, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if code := cmd.ProcessState.ExitCode(); err != nil && code != 3 { // 3: rows were rejected
		t.Fatalf("peakend %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return out
}

// runScore runs the score pipeline on Prism and returns its features and
// rejects, each its header and then its rows sorted.
func runScore(t *testing.T, cfg pipeline.Config, input string, shards int) (features, rejects string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out", "score")
	p, s := beam.NewPipelineWithRoot()
	pipeline.ScoreFiles(s, cfg, input, out, shards)
	if err := ptest.Run(p); err != nil {
		t.Fatal(err)
	}
	return readShards(t, out+"-features", shards), readShards(t, out+"-rejects", 1)
}

// readShards reads n shards: each has the same header, which is given
// once, and the rows of all follow, sorted.
func readShards(t *testing.T, prefix string, n int) string {
	t.Helper()
	header, rows := "", []string{}
	for i := range n {
		b, err := os.ReadFile(pipeline.ShardName(prefix, i, n))
		if err != nil {
			t.Fatal(err)
		}
		first, rest, _ := strings.Cut(string(b), "\n")
		if i > 0 && first != header {
			t.Fatalf("shard %d's header %q, but shard 0's %q", i, first, header)
		}
		header = first
		rows = append(rows, lines(rest)...)
	}
	slices.Sort(rows)
	return strings.Join(append([]string{header}, rows...), "\n")
}

func lines(s string) []string {
	if s = strings.TrimSuffix(s, "\n"); s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// sorted is a CSV's header and then its rows sorted.
func sorted(b []byte) string {
	header, rest, _ := strings.Cut(string(b), "\n")
	rows := lines(rest)
	slices.Sort(rows)
	return strings.Join(append([]string{header}, rows...), "\n")
}

// TestScoreAsSingleMachine scores simulated service-hall visits at five
// sites, with tied moments, whose rows are shuffled and scattered over
// CSV, JSON Lines and Parquet files, each visit's rows in several: the
// features, sorted, are byte for byte peakend score's of the visits in
// order, sorted; with the blueprint too, which orders tied moments by
// its journeys' steps.
func TestScoreAsSingleMachine(t *testing.T) {
	dir := t.TempDir()
	ordered := filepath.Join(dir, "ordered.csv")
	sim := peakend(t, "simulate", "--visits", "3000", "--seed", "77", "--sites", "5")
	if err := os.WriteFile(ordered, sim, 0o644); err != nil {
		t.Fatal(err)
	}
	header, records := parseCSV(t, sim)
	if n := tiedVisits(header, records); n < 20 {
		t.Fatalf("only %d visits with tied moments: the test needs them", n)
	}
	scattered := filepath.Join(dir, "scattered")
	scatter(t, scattered, header, records, rand.New(rand.NewPCG(16, 7)))

	blueprint := filepath.Join("..", "..", "examples", "servicehall", "hall.yaml")
	for _, withBlueprint := range []bool{false, true} {
		cfg := pipeline.Config{Scale: scoring.DefaultScale}
		args := []string{"score", ordered}
		if withBlueprint {
			cfg = configWith(t, blueprint)
			args = []string{"score", "--root", filepath.Dir(blueprint), "--blueprint", blueprint, ordered}
		}
		want := sorted(peakend(t, args...))
		features, rejects := runScore(t, cfg, filepath.Join(scattered, "*"), 3)
		if features != want {
			t.Errorf("blueprint %v: features differ from peakend score's:\n%s", withBlueprint, firstDiff(features, want))
		}
		if rejects != scoring.RejectsHeader {
			t.Errorf("rejects from good data:\n%s", rejects)
		}
	}
}

// configWith is the Config of the command with a blueprint.
func configWith(t *testing.T, path string) pipeline.Config {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cfg := pipeline.Config{Blueprint: map[string][]byte{"hall.yaml": data}, BlueprintName: "hall.yaml"}
	b, err := cfg.Load()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Scale = mot.ScoringScale(b)
	cfg.Features.Steps = mot.StepOrder(b)
	return cfg
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d:\n got %s\nwant %s", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(g), len(w))
}

func parseCSV(t *testing.T, b []byte) ([]string, [][]string) {
	t.Helper()
	all, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil || len(all) < 2 {
		t.Fatalf("simulated visits: %v", err)
	}
	return all[0], all[1:]
}

func column(header []string, name string) int {
	return slices.Index(header, name)
}

// tiedVisits counts the visits with two moments starting together.
func tiedVisits(header []string, records [][]string) int {
	visit, t := column(header, "visit"), column(header, "t")
	seen, tied := map[string]bool{}, map[string]bool{}
	for _, r := range records {
		key := r[visit] + "@" + r[t]
		tied[r[visit]] = tied[r[visit]] || seen[key]
		seen[key] = true
	}
	n := 0
	for _, is := range tied {
		if is {
			n++
		}
	}
	return n
}

// scatter writes the records shuffled into two CSV files, a JSON Lines
// file (a line per row, each a visit's part) and a Parquet file.
func scatter(t *testing.T, dir string, header []string, records [][]string, rng *rand.Rand) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	shuffled := slices.Clone(records)
	rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	parts := make([][][]string, 4)
	for i, r := range shuffled {
		parts[i%4] = append(parts[i%4], r)
	}
	for i, name := range []string{"a.csv", "b.csv"} {
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		w.Write(header)
		w.WriteAll(parts[i])
		write(t, filepath.Join(dir, name), b.Bytes())
	}
	write(t, filepath.Join(dir, "c.jsonl"), jsonLines(t, header, parts[2]))
	write(t, filepath.Join(dir, "d.parquet"), parquetRows(t, header, parts[3]))
}

func write(t *testing.T, name string, b []byte) {
	t.Helper()
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// jsonLines writes each record as a JSON line of one moment.
func jsonLines(t *testing.T, header []string, records [][]string) []byte {
	var b bytes.Buffer
	number := func(s string) json.RawMessage {
		if s == "" {
			return nil
		}
		return json.RawMessage(s)
	}
	for _, r := range records {
		cell := func(name string) string { return r[column(header, name)] }
		line := map[string]any{"visit": cell("visit"), "purpose": cell("purpose"), "site": cell("site"),
			"moments": []map[string]any{{"touchpoint": cell("touchpoint"), "t": number(cell("t")), "rating": number(cell("rating"))}}}
		if d := cell("duration"); d != "" {
			line["moments"].([]map[string]any)[0]["duration"] = number(d)
		}
		for _, k := range []string{"remembered", "recommend"} {
			if v := cell(k); v != "" {
				line[k] = number(v)
			}
		}
		enc, err := json.Marshal(line)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(append(enc, '\n'))
	}
	return b.Bytes()
}

// A parquetRow is a row of the Parquet file, of typed columns named as
// the CSV's.
type parquetRow struct {
	Visit      string   `parquet:"visit"`
	Purpose    string   `parquet:"purpose,optional"`
	Site       string   `parquet:"site,optional"`
	Touchpoint string   `parquet:"touchpoint,optional"`
	T          *float64 `parquet:"t,optional"`
	Duration   *float64 `parquet:"duration,optional"`
	Rating     float64  `parquet:"rating"`
	Remembered *float64 `parquet:"remembered,optional"`
	Recommend  *float64 `parquet:"recommend,optional"`
}

func parquetRows(t *testing.T, header []string, records [][]string) []byte {
	t.Helper()
	number := func(s string) *float64 {
		if s == "" {
			return nil
		}
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		return &x
	}
	var rows []parquetRow
	for _, r := range records {
		cell := func(name string) string { return r[column(header, name)] }
		rows = append(rows, parquetRow{Visit: cell("visit"), Purpose: cell("purpose"), Site: cell("site"), Touchpoint: cell("touchpoint"),
			T: number(cell("t")), Duration: number(cell("duration")), Rating: *number(cell("rating")),
			Remembered: number(cell("remembered")), Recommend: number(cell("recommend"))})
	}
	var b bytes.Buffer
	if err := parquet.Write(&b, rows); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestRejectsAsSingleMachine scores a file with bad rows — a bad number,
// a rating off the scale, a visit whose rows disagree on purpose and on
// remembered — as the pipeline and as peakend score --rejects: the
// rejects and the features, sorted, are the same. Beside it, files the
// single machine would stop at go to the rejects with their position,
// and the pipeline goes on: a file that is neither CSV nor JSON Lines
// nor Parquet, a header without the rating column, a broken Parquet
// file, and a visit without times whose rows are in two files.
func TestRejectsAsSingleMachine(t *testing.T) {
	dir := t.TempDir()
	header, records := parseCSV(t, peakend(t, "simulate", "--visits", "200", "--seed", "3"))
	rating, purpose, remembered := column(header, "rating"), column(header, "purpose"), column(header, "remembered")
	records[3][rating] = "x"
	records[10][rating] = "7"
	records[21][purpose] = "elsewhere"
	records[40][remembered] = "1.5"
	records[41][remembered] = "1.5"
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(header)
	w.WriteAll(records)
	bad := filepath.Join(dir, "bad.csv")
	write(t, bad, b.Bytes())

	rejectsFile := filepath.Join(t.TempDir(), "single-rejects.csv")
	want := sorted(peakend(t, "score", "--rejects", rejectsFile, bad))
	singleRejects, err := os.ReadFile(rejectsFile)
	if err != nil {
		t.Fatal(err)
	}
	cfg := pipeline.Config{Scale: scoring.DefaultScale, Words: map[string]string{
		"set Options.Missing to skip the moment": "pass --missing skip to score the visit without the moment"}}
	features, rejects := runScore(t, cfg, bad, 2)
	if features != want {
		t.Errorf("features differ from peakend score's:\n%s", firstDiff(features, want))
	}
	if want := sorted(singleRejects); rejects != want || len(lines(want)) < 8 {
		t.Errorf("rejects differ from peakend score's:\n%s\nwant\n%s", rejects, want)
	}

	write(t, filepath.Join(dir, "junk.bin"), []byte{0x7f, 'E', 'L', 'F', 0, 0, 1})
	write(t, filepath.Join(dir, "norating.csv"), []byte("visit,t\nv1,0\n"))
	write(t, filepath.Join(dir, "broken.parquet"), []byte("PAR1 but no more"))
	write(t, filepath.Join(dir, "part1.csv"), []byte("visit,rating\nu1,3\n"))
	write(t, filepath.Join(dir, "part2.csv"), []byte("visit,rating\nu1,4\n"))
	features, rejects = runScore(t, cfg, filepath.Join(dir, "*"), 2)
	if features != want {
		t.Errorf("with the bad files beside it, features differ:\n%s", firstDiff(features, want))
	}
	for _, reject := range []string{
		dir + "/junk.bin,1,0,,\"not CSV, JSON Lines or Parquet",
		dir + "/norating.csv,1,0,,\"the header has no rating column;",
		dir + "/broken.parquet,0,0,,\"not a Parquet file of flat columns:",
		dir + "/part1.csv,2,0,u1,\"t: its moments have no t and its rows are in 2 files, which give them no order; give every row a t or a seq\",\"u1,3\"",
		dir + "/part2.csv,2,0,u1,\"t: its moments have no t and its rows are in 2 files",
	} {
		if !strings.Contains(rejects, "\n"+reject) {
			t.Errorf("no reject %s in\n%s", reject, rejects)
		}
	}
}
