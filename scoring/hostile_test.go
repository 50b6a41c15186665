package scoring_test

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/peakend/peakend/scoring"
)

// Every file under testdata/hostile/visits is read, from a file and from
// a stream, and gives what its .want file says: "visits: N" for the
// number of visits read, or "error: " and the start of the error.
func TestHostileVisits(t *testing.T) {
	dir := filepath.Join("..", "testdata", "hostile", "visits")
	wants, err := filepath.Glob(filepath.Join(dir, "*.want"))
	if err != nil || len(wants) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, wantFile := range wants {
		base := strings.TrimSuffix(filepath.Base(wantFile), ".want")
		t.Run(base, func(t *testing.T) {
			want := strings.TrimSpace(readFile(t, wantFile))
			inputs, _ := filepath.Glob(filepath.Join(dir, base+".*"))
			for _, input := range inputs {
				if input == wantFile {
					continue
				}
				format := scoring.CSV
				if filepath.Ext(input) == ".jsonl" {
					format = scoring.JSONL
				}
				for _, stream := range []bool{false, true} {
					if got := readFixture(t, input, format, stream); got != want && !(strings.HasPrefix(want, "error: ") && strings.HasPrefix(got, want)) {
						t.Errorf("%s (stream %v):\n got: %s\nwant: %s", filepath.Base(input), stream, got, want)
					}
				}
			}
		})
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

func readFixture(t *testing.T, name string, format scoring.Format, stream bool) string {
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = f
	if stream {
		r = struct{ io.Reader }{f}
	}
	visits, err := scoring.ReadAll(r, scoring.Options{Name: filepath.Base(name), Format: format, TempDir: t.TempDir()})
	if err != nil {
		return "error: " + err.Error()
	}
	return "visits: " + strconv.Itoa(len(visits))
}
