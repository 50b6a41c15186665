package scoring_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/peakend/peakend/scoring"
)

// transcript is what a reading gave, written out: the visits with
// their features, the rejected rows with every field a rejects file
// shows, and the error.
type transcript struct {
	visits, rejects strings.Builder
	err             string
	parts           int
}

func (tr *transcript) Add(v *scoring.Visit, f *scoring.Features) {
	fmt.Fprintf(&tr.visits, "%q %q line %d %d moments rem %v rec %v: %+v\n", v.ID, v.Purpose, v.Line, len(v.Moments), v.Remembered, v.Recommend, *f)
	for _, m := range v.Moments {
		fmt.Fprintf(&tr.visits, "  %q %v %v %v\n", m.Touchpoint, m.T, m.Duration, m.Rating)
	}
}

func (tr *transcript) reject(e *scoring.ParseError) {
	fmt.Fprintf(&tr.rejects, "%s|%d|%d|%q|%q|%q\n", e.File, e.Line, e.Column, e.Visit, e.Error(), e.Record)
}

func (tr *transcript) String() string {
	return tr.visits.String() + "--rejects\n" + tr.rejects.String() + "--error\n" + tr.err
}

// readInSequence reads src with Read, as one range.
func readInSequence(format scoring.Format, src []byte, rejects bool) string {
	var tr transcript
	opt := scoring.Options{Name: "in", Format: format, MaxVisitBytes: 300, MaxMoments: 40}
	if rejects {
		opt.Reject = tr.reject
	}
	for v, err := range scoring.Read(bytes.NewReader(src), opt) {
		if err != nil {
			tr.err = err.Error()
			break
		}
		f := scoring.Compute(&v, scoring.DefaultScale)
		tr.Add(&v, &f)
	}
	return tr.String()
}

// readInRanges reads src with ReadRanges in ranges of rangeBytes.
func readInRanges(t *testing.T, format scoring.Format, src []byte, rejects bool, rangeBytes int64, workers int) string {
	t.Helper()
	var tr transcript
	opt := scoring.Options{Name: "in", Format: format, MaxVisitBytes: 300, MaxMoments: 40}
	if rejects {
		opt.Reject = tr.reject
	}
	err := scoring.ReadRanges(bytes.NewReader(src), int64(len(src)), opt, scoring.Parallel{Workers: workers, RangeBytes: rangeBytes},
		func() scoring.Accumulator { return &transcript{} },
		func(part scoring.Accumulator) error {
			tr.parts++
			tr.visits.WriteString(part.(*transcript).visits.String())
			return nil
		})
	if err != nil {
		tr.err = err.Error()
	}
	return tr.String()
}

// checkRanges compares a reading in sequence with readings in 4 ranges
// and in ranges of 13 bytes, on one and on four workers, with and
// without rejects.
func checkRanges(t *testing.T, name string, format scoring.Format, src []byte) {
	t.Helper()
	for _, rejects := range []bool{false, true} {
		want := readInSequence(format, src, rejects)
		for _, rangeBytes := range []int64{max(1, int64(len(src))/4), 13} {
			for _, workers := range []int{1, 4} {
				if got := readInRanges(t, format, src, rejects, rangeBytes, workers); got != want {
					t.Fatalf("%s (rejects %v, ranges of %d bytes, %d workers): in ranges and in sequence differ:\n%s\ninput:\n%s", name, rejects, rangeBytes, workers, lineDiff(got, want), src)
				}
			}
		}
	}
}

// TestRangesAsInSequence reads the bad-row fixtures and the fuzz seeds
// in ranges and in sequence: visits, rejected rows and errors are the
// same, byte for byte, wherever the ranges fall.
func TestRangesAsInSequence(t *testing.T) {
	hostile, _ := filepath.Glob(filepath.Join("..", "testdata", "hostile", "visits", "*"))
	corpus, _ := filepath.Glob(filepath.Join("testdata", "fuzz", "*", "*"))
	eachInput(t, slices.Concat(hostile, corpus), func(name string, format scoring.Format, b []byte) {
		checkRanges(t, name, format, b)
	})
}

// eachInput calls check with the contents and format of each file
// named, a fuzz corpus file's as the value it holds; the expected
// outputs beside the fixtures (.want) are no input and are skipped. It
// returns how many it checked.
func eachInput(t *testing.T, names []string, check func(name string, format scoring.Format, b []byte)) int {
	t.Helper()
	n := 0
	for _, name := range names {
		if strings.HasSuffix(name, ".want") {
			continue
		}
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		format := scoring.CSV
		if strings.HasSuffix(name, ".jsonl") || strings.Contains(name, "JSONL") {
			format = scoring.JSONL
		}
		if strings.Contains(name, "fuzz") {
			b = fuzzCorpusValue(t, b)
		}
		check(name, format, b)
		n++
	}
	return n
}

// fuzzCorpusValue returns the []byte of a file of Go's fuzz corpus.
func fuzzCorpusValue(t *testing.T, b []byte) []byte {
	lines := strings.SplitN(string(b), "\n", 2)
	if len(lines) < 2 {
		t.Fatalf("not a fuzz corpus file: %q", b)
	}
	var s string
	if _, err := fmt.Sscanf(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(lines[1]), "[]byte(")), "%q", &s); err != nil {
		t.Fatalf("fuzz corpus %q: %v", lines[1], err)
	}
	return []byte(s)
}

// TestRangesRandom reads random inputs with visits split across the
// file, ids out of order, bad rows, conflicts, visits too large and
// long visits, in ranges and in sequence.
func TestRangesRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 30 {
		csv, jsonl := randomVisits(rng)
		checkRanges(t, fmt.Sprintf("csv %d", i), scoring.CSV, csv)
		checkRanges(t, fmt.Sprintf("jsonl %d", i), scoring.JSONL, jsonl)
	}
}

func randomVisits(rng *rand.Rand) (csv, jsonl []byte) {
	var c, j bytes.Buffer
	c.WriteString("visit,purpose,touchpoint,t,rating,remembered\n")
	id := 100
	for range rng.IntN(40) {
		switch rng.IntN(12) {
		case 0:
			id -= rng.IntN(5) // out of order, or the same again
		case 1:
			c.WriteString("garbage\n")
			j.WriteString("garbage\n")
		case 2:
			c.WriteString("\n")
			j.WriteString("\n")
		default:
			id += 1 + rng.IntN(3)
		}
		n := 1 + rng.IntN(8)
		if rng.IntN(10) == 0 {
			n = 30 + rng.IntN(20) // past the limits of moments or bytes
		}
		purpose := []string{"a", "b", ""}[rng.IntN(3)]
		fmt.Fprintf(&j, `{"visit":"v%d","purpose":%q,"moments":[`, id, purpose)
		for k := range n {
			rating := fmt.Sprint(1 + rng.IntN(5))
			if rng.IntN(30) == 0 {
				rating = "9"
			}
			p := purpose
			if rng.IntN(20) == 0 {
				p = "c" // a conflict
			}
			t := fmt.Sprint(k * 10)
			if rng.IntN(25) == 0 {
				t = ""
			}
			fmt.Fprintf(&c, "v%d,%s,tp%d,%s,%s,\n", id, p, rng.IntN(4), t, rating)
			if k > 0 {
				j.WriteString(",")
			}
			fmt.Fprintf(&j, `{"touchpoint":"tp%d","rating":%s}`, rng.IntN(4), rating)
		}
		j.WriteString("]}\n")
	}
	return c.Bytes(), j.Bytes()
}

// TestRangesCommitInOrder holds that a large input is read in several
// parts, committed in input order.
func TestRangesCommitInOrder(t *testing.T) {
	var src bytes.Buffer
	src.WriteString("visit,rating\n")
	for i := range 1000 {
		fmt.Fprintf(&src, "v%06d,%d\nv%06d,%d\n", i, 1+i%5, i, 1+i%3)
	}
	var ids []string
	parts := 0
	err := scoring.ReadRanges(bytes.NewReader(src.Bytes()), int64(src.Len()), scoring.Options{}, scoring.Parallel{Workers: 4, RangeBytes: 1000},
		func() scoring.Accumulator { return &transcript{} },
		func(part scoring.Accumulator) error {
			parts++
			for _, line := range strings.Split(part.(*transcript).visits.String(), "\n") {
				if strings.HasPrefix(line, "\"") {
					ids = append(ids, strings.Trim(strings.Fields(line)[0], "\""))
				}
			}
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	if parts < 10 {
		t.Errorf("%d parts; want one per range of 1000 bytes", parts)
	}
	if len(ids) != 1000 || ids[0] != "v000000" || ids[999] != "v000999" {
		t.Errorf("%d visits, %v…", len(ids), ids[:min(3, len(ids))])
	}
}

// lineDiff shows the first line where got and want differ, with a few
// lines around it.
func lineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	i := 0
	for i < len(g) && i < len(w) && g[i] == w[i] {
		i++
	}
	from := max(0, i-3)
	return fmt.Sprintf("in ranges, from line %d:\n%s\nin sequence:\n%s", from+1,
		strings.Join(g[from:min(len(g), i+3)], "\n"), strings.Join(w[from:min(len(w), i+3)], "\n"))
}

// TestRangesInSequenceCommitAsTheyFill holds that an input read in
// sequence (here a CSV file with quotes, which may hold newlines) is
// still committed in parts, so that what parts hold does not grow with
// the input.
func TestRangesInSequenceCommitAsTheyFill(t *testing.T) {
	var src bytes.Buffer
	src.WriteString("visit,touchpoint,rating\n")
	for i := range 40000 {
		fmt.Fprintf(&src, "v%06d,\"desk, left\",%d\n", i, 1+i%5)
	}
	parts, visits := 0, 0
	err := scoring.ReadRanges(bytes.NewReader(src.Bytes()), int64(src.Len()), scoring.Options{}, scoring.Parallel{RangeBytes: 64 << 10},
		func() scoring.Accumulator { return &transcript{} },
		func(part scoring.Accumulator) error {
			parts++
			visits += strings.Count(part.(*transcript).visits.String(), "moments rem")
			return nil
		})
	if err != nil || visits != 40000 || parts < 3 {
		t.Errorf("%d visits in %d parts, error %v; want 40000 in at least 3", visits, parts, err)
	}
}

// resettable is a transcript that ReadRanges reuses (scoring.Resetter).
type resettable struct{ transcript }

func (r *resettable) Reset() { r.transcript = transcript{} }

// A part that is a Resetter is reused once committed, reset: the parts
// committed are those of new parts, in the same order, on any number of
// workers and in sequence too, and no more are made than are held at
// once.
func TestRangesReuseResetParts(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 10 {
		csv, jsonl := randomVisits(rng)
		for _, in := range []struct {
			format scoring.Format
			src    []byte
		}{{scoring.CSV, csv}, {scoring.JSONL, jsonl}, {scoring.CSV, append([]byte("visit,touchpoint,rating\nq,\"a\nb\",1\n"), csv[bytes.IndexByte(csv, '\n')+1:]...)}} {
			for _, workers := range []int{1, 4} {
				want := readInRanges(t, in.format, in.src, false, 64, workers)
				var tr transcript
				var made atomic.Int64 // newPart is called on the workers
				opt := scoring.Options{Name: "in", Format: in.format, MaxVisitBytes: 300, MaxMoments: 40}
				err := scoring.ReadRanges(bytes.NewReader(in.src), int64(len(in.src)), opt, scoring.Parallel{Workers: workers, RangeBytes: 64},
					func() scoring.Accumulator { made.Add(1); return &resettable{} },
					func(part scoring.Accumulator) error {
						tr.parts++
						tr.visits.WriteString(part.(*resettable).visits.String())
						return nil
					})
				if err != nil {
					tr.err = err.Error()
				}
				if got := tr.String(); got != want {
					t.Fatalf("input %d, %d workers: parts reused give\n%s", i, workers, lineDiff(got, want))
				}
				if n := int(made.Load()); n > workers+3 {
					t.Errorf("input %d, %d workers: %d parts made for %d committed", i, workers, n, tr.parts)
				}
			}
		}
	}
}
