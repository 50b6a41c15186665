package readme

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The harness finds what a reader would run, and nothing else: shell
// blocks only, not those after the marker, transcripts with their
// output, continued lines joined.
func TestCommandsOfAREADME(t *testing.T) {
	src := []byte("# Title\n" +
		"```sh\n" +
		"peakend version   # a comment\n" +
		"\n" +
		"# a comment line\n" +
		"go run ./cmd/peakend simulate \\\n" +
		"  --visits 3\n" +
		"```\n" +
		"```yaml\n" +
		"peakend: 1\n" +
		"```\n" +
		noRun + "\n" +
		"```sh\n" +
		"rm -rf /\n" +
		"```\n" +
		"   ```console\n" +
		"   $ cat v.csv\n" +
		"   visit,rating\n" +
		"   v1,4\n" +
		"   $ true\n" +
		"   ```\n")
	got, err := commands("R.md", src)
	if err != nil {
		t.Fatal(err)
	}
	want := []command{
		{file: "R.md", line: 3, text: "peakend version   # a comment"},
		{file: "R.md", line: 6, text: "go run ./cmd/peakend simulate  --visits 3"},
		{file: "R.md", line: 17, text: "cat v.csv", output: []string{"visit,rating", "v1,4"}, shown: true},
		{file: "R.md", line: 20, text: "true", shown: true},
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(command{})); diff != "" {
		t.Errorf("commands (-want +got):\n%s", diff)
	}
	if _, err := commands("R.md", []byte("```sh\nls\n")); err == nil {
		t.Error("an unclosed block was accepted")
	}
}

func TestSkipReasons(t *testing.T) {
	for text, want := range map[string]bool{
		"go test ./...":             true,
		"go get example.com/x@v1":   true,
		"no-such-program-here --x":  true,
		"peakend lint x.yaml":       false,
		"go run ./cmd/peakend help": false,
		"peakend render -o h.dot x.yaml && no-such-dot -Tsvg h.dot": true,
		"LANG=C peakend help | head -3":                             false,
	} {
		if got := skipReason(command{text: text}) != ""; got != want {
			t.Errorf("%q: skipped %v, want %v", text, got, want)
		}
	}
}
