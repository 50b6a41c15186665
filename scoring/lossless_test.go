package scoring_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/peakend/peakend/examples/servicehall"
	"github.com/peakend/peakend/scoring"
)

// lines returns the first n data lines that VisitWriter writes for
// simulated service-hall visits, with the CSV header first.
func simulatedLines(format scoring.Format, n int) (header string, lines []string) {
	var buf bytes.Buffer
	w := scoring.NewVisitWriter(&buf, format)
	sim := servicehall.Simulation(scoring.MemoryModel{Weights: map[string]float64{"peak_end": 1}, Noise: 0.3}, 3)
	for v := range sim.Visits(n) {
		w.Write(&v)
	}
	w.Flush()
	all := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if format == scoring.CSV {
		header, all = all[0]+"\n", all[1:]
	}
	return header, all[:n]
}

// Each corruption makes one row bad on its own, without changing how the
// rows around it are read.
var (
	csvCorruptions = []func(fields []string, first string) []string{
		func(f []string, _ string) []string { f[5] = "x"; return f },                    // rating not a number
		func(f []string, _ string) []string { f[5] = "9"; return f },                    // outside the scale
		func(f []string, _ string) []string { f[5] = "0x1p1"; return f },                // hex float
		func(f []string, _ string) []string { f[4] = "-1"; return f },                   // negative duration
		func(f []string, _ string) []string { f[3] = "noon"; return f },                 // not a time
		func(f []string, _ string) []string { return f[:len(f)-1] },                     // ragged
		func(f []string, _ string) []string { f[0] = ""; return f },                     // no id
		func(f []string, _ string) []string { f[2] += "\x01"; return f },                // control character
		func(f []string, _ string) []string { f[2] = "caf\xe9"; return f },              // not UTF-8
		func(f []string, _ string) []string { f[2] = `a"b`; return f },                  // bare quote
		func(f []string, first string) []string { f[0] = first; return f },              // reappears
		func(f []string, _ string) []string { f[3] = "2300-01-01T00:00:00Z"; return f }, // out of range
	}
	jsonCorruptions = []func(line, first string) string{
		func(l, _ string) string { return l[:len(l)/2] },
		func(l, _ string) string { return rating.ReplaceAllString(l, `"rating":9`) },
		func(l, _ string) string { return rating.ReplaceAllString(l, `"rating":"4"`) },
		func(l, _ string) string {
			return strings.Replace(l, `"moments":[`, `"moments":[{"rating":3,"touchpoint":"\u0007"},`, 1)
		},
		func(l, _ string) string { return strings.Replace(l, `"visit":"`, "\"visit\":\"\xff", 1) },
		func(l, first string) string { return visitID.ReplaceAllString(l, `"visit":"`+first+`"`) },
		func(l, _ string) string {
			return strings.Replace(l, `"moments":[`, `"moments":[{"rating":3,"t":"2300-01-01T00:00:00Z"},`, 1)
		},
	}
	rating  = regexp.MustCompile(`"rating":[0-9.]+`)
	visitID = regexp.MustCompile(`"visit":"[^"]*"`)
)

// Corrupting 5% of the rows of a 10 000-row file at random loses
// nothing: every row is in a scored visit or rejected, and the rejected
// rows are exactly the corrupted ones and, in CSV, the other rows of
// their visits (a visit is read whole or not at all), in CSV and in
// JSON Lines. A corrupted id takes the row out of its visit: it is
// rejected alone.
func TestNothingLost(t *testing.T) {
	const rows, corrupt = 10000, 500
	for _, format := range []scoring.Format{scoring.CSV, scoring.JSONL} {
		header, lines := simulatedLines(format, rows)
		rng := rand.New(rand.NewPCG(13, uint64(format)))
		first := strings.SplitN(lines[0], ",", 2)[0]
		if format == scoring.JSONL {
			first = strings.TrimSuffix(strings.TrimPrefix(visitID.FindString(lines[0]), `"visit":"`), `"`)
		}
		var corrupted []int // line numbers
		ids := make([]string, len(lines))
		for i, l := range lines {
			ids[i], _, _ = strings.Cut(l, ",")
		}
		tainted := map[string]bool{}
		for _, i := range rng.Perm(rows - 100)[:corrupt] {
			i += 100 // past the first visits, whose id the reappearing rows take
			if format == scoring.CSV {
				fields := strings.Split(lines[i], ",")
				lines[i] = strings.Join(csvCorruptions[rng.IntN(len(csvCorruptions))](fields, first), ",")
				if id, _, _ := strings.Cut(lines[i], ","); id == ids[i] {
					tainted[id] = true
				} else {
					ids[i] = "" // no longer of its visit
				}
				corrupted = append(corrupted, i+2)
			} else {
				lines[i] = jsonCorruptions[rng.IntN(len(jsonCorruptions))](lines[i], first)
				corrupted = append(corrupted, i+1)
			}
		}
		if format == scoring.CSV {
			for i, id := range ids {
				if tainted[id] && !slices.Contains(corrupted, i+2) {
					corrupted = append(corrupted, i+2)
				}
			}
		}
		slices.Sort(corrupted)
		src := header + strings.Join(lines, "\n") + "\n"
		var rejected []int
		opt := scoring.Options{Name: "v", Format: format, Reject: func(e *scoring.ParseError) { rejected = append(rejected, e.Line) }}
		scored := 0 // CSV rows in scored visits, or JSON lines
		for v, err := range scoring.Read(strings.NewReader(src), opt) {
			if err != nil {
				t.Fatal(err)
			}
			if format == scoring.CSV {
				scored += len(v.Moments)
			} else {
				scored++
			}
		}
		if scored+len(rejected) != rows {
			t.Errorf("format %d: %d rows in, %d in scored visits + %d rejected", format, rows, scored, len(rejected))
		}
		slices.Sort(rejected)
		if !slices.Equal(rejected, corrupted) {
			t.Errorf("format %d: rejected lines differ from the corrupted ones:\n got %v\nwant %v", format, head(rejected), head(corrupted))
		}
	}
}

func head(xs []int) string {
	if len(xs) > 20 {
		return fmt.Sprint(xs[:20], "…")
	}
	return fmt.Sprint(xs)
}
