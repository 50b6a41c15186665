package scoring_test

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/peakend/peakend/scoring"
)

// A reading is what an input gave: its visits and features, written
// out, and its rejected rows as a rejects file has them, both sorted,
// and the error that ended it.
type reading struct {
	visits, rejects []string
	err             string
}

func (r *reading) reject(e *scoring.ParseError) {
	r.rejects = append(r.rejects, string(scoring.AppendReject(nil, e, nil, false)))
}

func (r *reading) visit(v scoring.Visit) {
	f := scoring.Compute(&v, scoring.DefaultScale)
	r.visits = append(r.visits, fmt.Sprintf("%+v\n%+v", v, f))
}

func (r *reading) sort() *reading {
	slices.Sort(r.visits)
	slices.Sort(r.rejects)
	return r
}

// readWhole reads src as Read does, with the visits' rows anywhere
// (Unsorted), as Join joins them.
func readWhole(src []byte, opt scoring.Options) *reading {
	r := &reading{}
	opt.Unsorted, opt.Reject = true, r.reject
	for v, err := range scoring.Read(bytes.NewReader(src), opt) {
		if err != nil {
			r.err = err.Error()
			break
		}
		r.visit(v)
	}
	return r.sort()
}

// readJoined reads src as rows, and joins each visit's rows shuffled.
func readJoined(src []byte, opt scoring.Options, rng *rand.Rand) *reading {
	r := &reading{}
	opt.Reject = r.reject
	byVisit := map[string][]scoring.Row{}
	var ids []string
	for row, err := range scoring.ReadRows(bytes.NewReader(src), opt) {
		if err != nil {
			r.err = err.Error()
			return r.sort()
		}
		if _, ok := byVisit[row.Visit]; !ok {
			ids = append(ids, row.Visit)
		}
		byVisit[row.Visit] = append(byVisit[row.Visit], row)
	}
	for _, id := range ids {
		rows := byVisit[id]
		rng.Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
		v, err := scoring.Join(rows, opt)
		switch {
		case errors.Is(err, scoring.ErrVisitRejected):
		case err != nil:
			r.err = err.Error()
		default:
			r.visit(v)
		}
	}
	return r.sort()
}

// checkJoined checks that rows joined give what Read gives. An input
// that ends in an error gives no visits under Unsorted, which holds
// every visit to the end, so there the error alone is compared.
func checkJoined(t *testing.T, name string, src []byte, opt scoring.Options, rng *rand.Rand) {
	t.Helper()
	want, got := readWhole(src, opt), readJoined(src, opt, rng)
	if want.err != "" || got.err != "" {
		if got.err != want.err {
			t.Errorf("%s: error\n%s\nwant\n%s", name, got.err, want.err)
		}
		return
	}
	if d := diffLines(got.visits, want.visits); d != "" {
		t.Errorf("%s: visits differ:\n%s", name, d)
	}
	if d := diffLines(got.rejects, want.rejects); d != "" {
		t.Errorf("%s: rejects differ:\n%s", name, d)
	}
}

func diffLines(got, want []string) string {
	var b strings.Builder
	for _, s := range got {
		if !slices.Contains(want, s) {
			fmt.Fprintf(&b, "+ %s\n", s)
		}
	}
	for _, s := range want {
		if !slices.Contains(got, s) {
			fmt.Fprintf(&b, "- %s\n", s)
		}
	}
	if b.Len() == 0 && len(got) != len(want) {
		fmt.Fprintf(&b, "%d lines, want %d\n", len(got), len(want))
	}
	return b.String()
}

// TestJoinAsRead joins the rows of every fixture's visits, shuffled:
// the hostile files, the fuzz seeds, the examples and random inputs
// with conflicts, bad rows and visits too large give the visits, the
// features and the rejected rows Read gives.
func TestJoinAsRead(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 1))
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "hostile", "visits", "*"))
	corpus, _ := filepath.Glob(filepath.Join("testdata", "fuzz", "*", "*"))
	examples, _ := filepath.Glob(filepath.Join("..", "examples", "*", "visits.csv"))
	examples = append(examples, filepath.Join("..", "examples", "visits.csv"))
	n := eachInput(t, slices.Concat(files, corpus, examples), func(name string, format scoring.Format, b []byte) {
		for _, missing := range []scoring.MissingRatings{scoring.RejectVisit, scoring.SkipMissing} {
			checkJoined(t, name, b, scoring.Options{Name: name, Format: format, Missing: missing}, rng)
		}
	})
	for i := range 40 {
		csv, jsonl := randomVisits(rng)
		checkJoined(t, fmt.Sprintf("random csv %d", i), csv, scoring.Options{Format: scoring.CSV, MaxMoments: 5}, rng)
		checkJoined(t, fmt.Sprintf("random jsonl %d", i), jsonl, scoring.Options{Format: scoring.JSONL, MaxMoments: 5}, rng)
	}
	if n < 20 {
		t.Fatalf("only %d fixtures", n)
	}
}

// TestJoinAcrossFiles joins a visit whose rows are in two files: a
// conflict names the line with its file, and moments without start
// times are refused, having no order.
func TestJoinAcrossFiles(t *testing.T) {
	rowsOf := func(name, src string) []scoring.Row {
		var rows []scoring.Row
		for r, err := range scoring.ReadRows(strings.NewReader(src), scoring.Options{Name: name}) {
			if err != nil {
				t.Fatal(err)
			}
			rows = append(rows, r)
		}
		return rows
	}
	timed := slices.Concat(rowsOf("b.csv", "visit,purpose,t,rating\nv,bill,60,2\n"), rowsOf("a.csv", "visit,purpose,t,rating\nx,,,1\nv,bill,0,4\n")[1:])
	v, err := scoring.Join(timed, scoring.Options{})
	if err != nil || len(v.Moments) != 2 || v.Moments[0].Rating != 4 || v.Moments[1].Rating != 2 || v.Purpose != "bill" || v.Line != 3 {
		t.Fatalf("joined %+v, %v", v, err)
	}
	conflict := slices.Concat(rowsOf("b.csv", "visit,purpose,rating\nv,loan,2\n"), rowsOf("a.csv", "visit,purpose,rating\nv,bill,4\n"))
	_, err = scoring.Join(conflict, scoring.Options{})
	if want := `b.csv:2: visit v: purpose: "loan" here, but "bill" at line 2 of a.csv`; err == nil || err.Error() != want || !errors.Is(err, scoring.ErrConflict) {
		t.Errorf("conflict: %v, want %s", err, want)
	}
	var rejected []string
	untimed := slices.Concat(rowsOf("b.csv", "visit,rating\nv,2\n"), rowsOf("a.csv", "visit,rating\nv,4\n"))
	_, err = scoring.Join(untimed, scoring.Options{Reject: func(e *scoring.ParseError) { rejected = append(rejected, e.Error()) }})
	if !errors.Is(err, scoring.ErrVisitRejected) || len(rejected) != 2 || !strings.Contains(rejected[0], "a.csv:2: visit v: t: its moments have no t and its rows are in 2 files") {
		t.Errorf("untimed: %v, rejected %q", err, rejected)
	}
	sequenced := slices.Concat(rowsOf("b.csv", "visit,seq,rating\nv,1,2\n"), rowsOf("a.csv", "visit,seq,rating\nv,2,4\n"))
	if v, err := scoring.Join(sequenced, scoring.Options{}); err != nil || scoring.Compute(&v, scoring.DefaultScale).End != 4 {
		t.Errorf("untimed with seq: %+v, %v", v, err)
	}
	if v, err := scoring.Join(rowsOf("a.csv", "visit,rating\nv,4\nv,2\n"), scoring.Options{}); err != nil || v.Moments[0].Rating != 4 {
		t.Errorf("untimed in one file: %+v, %v", v, err)
	}
	if _, err := scoring.Join(slices.Concat(rowsOf("a.csv", "visit,rating\nv,4\nw,2\n")), scoring.Options{}); err == nil {
		t.Error("the rows of two visits joined")
	}
}

// TestRowBinary encodes every row of the fixtures and decodes it again.
func TestRowBinary(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "hostile", "visits", "*"))
	src := "visit,purpose,customer,site,touchpoint,t,duration,rating,remembered,recommend\nv,p,c,s,q,0,5,3,4,9\nv,p,c,s,q,x,5,3,4,9\n"
	inputs := map[string][]byte{"all.csv": []byte(src)}
	for _, name := range files {
		inputs[name], _ = os.ReadFile(name)
	}
	n := 0
	for name, b := range inputs {
		format := scoring.CSV
		if strings.HasSuffix(name, ".jsonl") {
			format = scoring.JSONL
		}
		opt := scoring.Options{Name: name, Format: format, Reject: func(*scoring.ParseError) {}}
		for r, err := range scoring.ReadRows(bytes.NewReader(b), opt) {
			if err != nil {
				break
			}
			data, err := r.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			var back scoring.Row
			if err := back.UnmarshalBinary(data); err != nil {
				t.Fatalf("%s:%d: %v", name, r.Line, err)
			}
			again, _ := back.MarshalBinary()
			if got, want := rowText(back), rowText(r); got != want || !bytes.Equal(again, data) {
				t.Errorf("decoded\n%s\nwant\n%s", got, want)
			}
			for _, kind := range []error{scoring.ErrNotNumber, scoring.ErrOutOfScale, scoring.ErrTime, scoring.ErrText, scoring.ErrMissing, scoring.ErrOutOfRange} {
				if r.Bad() != nil && errors.Is(back.Bad(), kind) != errors.Is(r.Bad(), kind) {
					t.Errorf("%s: decoded problem %v is of another kind", name, back.Bad())
				}
			}
			n++
		}
	}
	if n < 50 {
		t.Fatalf("only %d rows", n)
	}
	var r scoring.Row
	for _, bad := range [][]byte{nil, {0}, {1}, {1, 200}, append([]byte{1}, bytes.Repeat([]byte{0}, 60)...)} {
		if err := r.UnmarshalBinary(bad); !errors.Is(err, scoring.ErrRowEncoding) {
			t.Errorf("% x: %v", bad, err)
		}
	}
}

// rowText writes out a row's exported fields and its problem.
func rowText(r scoring.Row) string {
	s := fmt.Sprintf("%s:%d.%d %q %q %q %q %q %v %v %+v", r.File, r.Line, r.Index, r.Record, r.Visit, r.Purpose, r.Customer, r.Site, r.Remembered, r.Recommend, r.Moment)
	if e := r.Bad(); e != nil {
		s += fmt.Sprintf(" bad %q %d %d %q %q %q %d %q: %v", e.File, e.Line, e.Column, e.Visit, e.Field, e.Record, e.Index, e.Cell, e.Err)
	}
	return s
}

// FuzzReadRows reads any input as rows: every row encodes and decodes
// to itself, and a visit's rows join, or are rejected, without a panic.
func FuzzReadRows(f *testing.F) {
	fuzzSeeds(f, "", []string{
		"visit,touchpoint,t,duration,rating,remembered\nv1,a,0,60,4,3\nv1,b,60,30,2,\nv2,a,2026-11-23T09:30:00Z,,5,5\n",
		"visit,rating,purpose\nv,1,a\nv,2,b\nw,x,\n",
		`{"visit":"v1","moments":[{"rating":1,"t":0},{"rating":2,"t":0}]}` + "\n",
	})
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, format := range []scoring.Format{scoring.CSV, scoring.JSONL} {
			opt := scoring.Options{Format: format, MaxMoments: 8, Reject: func(*scoring.ParseError) {}}
			byVisit := map[string][]scoring.Row{}
			for r, err := range scoring.ReadRows(bytes.NewReader(src), opt) {
				if err != nil {
					break
				}
				data, _ := r.MarshalBinary()
				var back scoring.Row
				if err := back.UnmarshalBinary(data); err != nil || rowText(back) != rowText(r) {
					t.Fatalf("row %+v decoded as %+v, %v", r, back, err)
				}
				byVisit[r.Visit] = append(byVisit[r.Visit], r)
			}
			for _, rows := range byVisit {
				v, err := scoring.Join(rows, opt)
				if err == nil && len(v.Moments) > 8 {
					t.Fatalf("%d moments joined past MaxMoments", len(v.Moments))
				}
			}
		}
		var r scoring.Row
		r.UnmarshalBinary(src) // must not panic
	})
}

// TestFixColumns writes visits with the customer and site columns fixed
// before the first row: a visit without them has empty cells, one with a
// column the header lacks is refused, and the header is written once.
func TestFixColumns(t *testing.T) {
	var b bytes.Buffer
	fw := scoring.NewFeatureWriter(&b)
	fw.FixColumns(false, true)
	plain := scoring.Visit{ID: "a", Moments: []scoring.Moment{{Rating: 3, T: scoring.NA, Duration: scoring.NA}}, Remembered: scoring.NA}
	sited, customer := plain, plain
	sited.ID, sited.Site = "b", "s1"
	customer.ID, customer.Customer = "c", "p"
	for _, v := range []scoring.Visit{plain, customer, sited} {
		f := scoring.Compute(&v, scoring.DefaultScale)
		err := fw.Write(&v, &f)
		if (err != nil) != (v.ID == "c") || (err != nil && !errors.Is(err, scoring.ErrNoWhoColumn)) {
			t.Errorf("visit %s: %v", v.ID, err)
		}
	}
	if err := fw.Flush(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "visit,purpose,site,moments") || !strings.HasPrefix(lines[1], "a,,,1,") || !strings.HasPrefix(lines[2], "b,,s1,1,") {
		t.Errorf("wrote\n%s", b.String())
	}
}
