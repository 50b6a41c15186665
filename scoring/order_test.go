package scoring_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/peakend/peakend/scoring"
)

var na = scoring.NA

// TestOrderWithBreaksTiesByContent walks the keys of the rule one at a
// time: each case's moments tie on every key before the one it tests,
// and come in the wrong order.
func TestOrderWithBreaksTiesByContent(t *testing.T) {
	steps := scoring.StepOrder{"bill": {"queue": 0, "desk": 1}}
	seq := func(m scoring.Moment, n int64) scoring.Moment { m.Seq, m.HasSeq = n, true; return m }
	for _, c := range []struct {
		name    string
		purpose string
		moments []scoring.Moment
		want    []int
	}{
		{"t", "", []scoring.Moment{{T: 60, Duration: na, Rating: 1}, {T: 0, Duration: na, Rating: 2}}, []int{1, 0}},
		{"in order", "", []scoring.Moment{{T: 0, Duration: na, Rating: 2}, {T: 60, Duration: na, Rating: 1}}, []int{0, 1}},
		{"seq", "bill", []scoring.Moment{seq(scoring.Moment{Touchpoint: "queue", T: 0, Duration: na, Rating: 1}, 2),
			seq(scoring.Moment{Touchpoint: "desk", T: 0, Duration: na, Rating: 2}, 1)}, []int{1, 0}},
		{"a seq before none", "", []scoring.Moment{{Touchpoint: "a", T: 0, Duration: na, Rating: 1},
			seq(scoring.Moment{Touchpoint: "b", T: 0, Duration: na, Rating: 2}, 9)}, []int{1, 0}},
		{"step", "bill", []scoring.Moment{{Touchpoint: "desk", T: 0, Duration: na, Rating: 1}, {Touchpoint: "queue", T: 0, Duration: na, Rating: 2}}, []int{1, 0}},
		{"a step before none", "bill", []scoring.Moment{{Touchpoint: "a", T: 0, Duration: na, Rating: 1}, {Touchpoint: "desk", T: 0, Duration: na, Rating: 2}}, []int{1, 0}},
		{"steps of another journey", "other", []scoring.Moment{{Touchpoint: "queue", T: 0, Duration: na, Rating: 1}, {Touchpoint: "desk", T: 0, Duration: na, Rating: 2}}, []int{1, 0}},
		{"touchpoint", "", []scoring.Moment{{Touchpoint: "b", T: 0, Duration: na, Rating: 1}, {Touchpoint: "a", T: 0, Duration: na, Rating: 2}}, []int{1, 0}},
		{"rating", "", []scoring.Moment{{T: 0, Duration: na, Rating: 2}, {T: 0, Duration: na, Rating: 1}}, []int{1, 0}},
		{"duration", "", []scoring.Moment{{T: 0, Duration: 9, Rating: 1}, {T: 0, Duration: 3, Rating: 1}}, []int{1, 0}},
		{"no duration last", "", []scoring.Moment{{T: 0, Duration: na, Rating: 1}, {T: 0, Duration: 3, Rating: 1}}, []int{1, 0}},
		{"untimed by seq", "bill", []scoring.Moment{seq(scoring.Moment{Touchpoint: "queue", T: na, Duration: na, Rating: 1}, 5),
			seq(scoring.Moment{Touchpoint: "desk", T: na, Duration: na, Rating: 2}, 4)}, []int{1, 0}},
		{"untimed, seqs tied, by step", "bill", []scoring.Moment{seq(scoring.Moment{Touchpoint: "desk", T: na, Duration: na, Rating: 1}, 4),
			seq(scoring.Moment{Touchpoint: "queue", T: na, Duration: na, Rating: 2}, 4)}, []int{1, 0}},
		{"untimed without seq: input order", "bill", []scoring.Moment{{Touchpoint: "desk", T: na, Duration: na, Rating: 1},
			seq(scoring.Moment{Touchpoint: "queue", T: na, Duration: na, Rating: 2}, 1)}, []int{0, 1}},
		{"one moment without t: by seq", "", []scoring.Moment{seq(scoring.Moment{T: 5, Duration: na, Rating: 1}, 2),
			seq(scoring.Moment{T: na, Duration: na, Rating: 2}, 1)}, []int{1, 0}},
	} {
		v := scoring.Visit{ID: "v", Purpose: c.purpose, Moments: c.moments}
		if got := scoring.OrderWith(&v, steps); !slices.Equal(got, c.want) {
			t.Errorf("%s: OrderWith = %v, want %v", c.name, got, c.want)
		}
		if !scoring.OrderedByContent(&v) != strings.HasSuffix(c.name, "input order") {
			t.Errorf("%s: OrderedByContent = %v", c.name, scoring.OrderedByContent(&v))
		}
		if got, want := scoring.Ordered(&v, steps), slices.Equal(c.want, []int{0, 1}); got != want {
			t.Errorf("%s: Ordered = %v, want %v", c.name, got, want)
		}
		f := scoring.ComputeWith(&v, scoring.DefaultScale, scoring.FeatureOptions{Steps: steps})
		if f.EndMoment != c.want[1] || f.First != c.moments[c.want[0]].Rating {
			t.Errorf("%s: features take moment %d last and rate the first %g, want %d and %g", c.name, f.EndMoment, f.First, c.want[1], c.moments[c.want[0]].Rating)
		}
	}
}

func TestOrderWithoutSteps(t *testing.T) {
	v := scoring.Visit{Purpose: "bill", Moments: []scoring.Moment{{Touchpoint: "queue", T: 0, Duration: na, Rating: 1}, {Touchpoint: "desk", T: 0, Duration: na, Rating: 2}}}
	if got := scoring.Order(&v); !slices.Equal(got, []int{1, 0}) {
		t.Errorf("Order = %v, want [1 0]: by touchpoint id without steps", got)
	}
	if got := scoring.Order(nil); got == nil || len(got) != 0 {
		t.Errorf("Order(nil) = %#v, want an empty slice", got)
	}
}

// TestOrderedVisitsAllocateNothing holds the fast path: features of a
// visit already in strict time order sort nothing and allocate nothing.
func TestOrderedVisitsAllocateNothing(t *testing.T) {
	v := scoring.Visit{Purpose: "bill", Remembered: na, Recommend: na}
	for i := range 10 {
		v.Moments = append(v.Moments, scoring.Moment{Touchpoint: fmt.Sprint(i), T: float64(i * 60), Duration: 60, Rating: float64(1 + i%5)})
	}
	opt := scoring.FeatureOptions{Steps: scoring.StepOrder{"bill": {"0": 0}}}
	if n := testing.AllocsPerRun(100, func() { scoring.ComputeWith(&v, scoring.DefaultScale, opt) }); n != 0 {
		t.Errorf("ComputeWith allocates %v times for a visit in order", n)
	}
	if !scoring.Ordered(&v, opt.Steps) {
		t.Error("a visit in strict time order is not Ordered")
	}
}

// TestSeqColumnOrdersShuffledRows reads visits whose rows are shuffled
// within each visit, in CSV with the seq column (and its Chinese name)
// and in JSON Lines with the seq key, and holds their features equal to
// those of the rows in order: for untimed visits too, which seq orders.
func TestSeqColumnOrdersShuffledRows(t *testing.T) {
	rows := []string{"v1,queue,,1,2", "v1,desk,,2,4", "v1,leave,,3,5", "v2,a,0,1,1", "v2,b,0,2,5", "v2,c,60,3,3"}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, header := range []string{"visit,touchpoint,t,seq,rating", "访问,触点,时间,序号,评分"} {
		want := readFeatures(t, scoring.CSV, header+"\n"+strings.Join(rows, "\n"))
		for range 10 {
			shuffled := slices.Clone(rows)
			rng.Shuffle(3, func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			rng.Shuffle(3, func(i, j int) { shuffled[3+i], shuffled[3+j] = shuffled[3+j], shuffled[3+i] })
			got := readFeatures(t, scoring.CSV, header+"\n"+strings.Join(shuffled, "\n"))
			if diff := cmp.Diff(want, got, cmpopts.EquateNaNs()); diff != "" {
				t.Fatalf("%s: rows %v (-in order +shuffled):\n%s", header, shuffled, diff)
			}
		}
	}
	in := readFeatures(t, scoring.JSONL, `{"visit":"v1","moments":[{"touchpoint":"queue","seq":1,"rating":2},{"touchpoint":"desk","seq":2,"rating":4}]}`)
	out := readFeatures(t, scoring.JSONL, `{"visit":"v1","moments":[{"touchpoint":"desk","seq":2,"rating":4},{"touchpoint":"queue","seq":1,"rating":2}]}`)
	if diff := cmp.Diff(in, out, cmpopts.EquateNaNs()); diff != "" {
		t.Errorf("JSON Lines (-in order +shuffled):\n%s", diff)
	}
	if in[0][2] != 4 || in[0][1] != 2 { // end, first
		t.Errorf("JSON Lines features %v: the seq did not order the moments", in[0])
	}
}

// readFeatures reads visits and returns, per visit, its features by
// name (the peak and end moments as their ratings, which do not depend
// on where a moment is in the input).
func readFeatures(t *testing.T, format scoring.Format, text string) [][]float64 {
	t.Helper()
	var out [][]float64
	for v, err := range scoring.Read(strings.NewReader(text), scoring.Options{Format: format}) {
		if err != nil {
			t.Fatal(err)
		}
		f := scoring.Compute(&v, scoring.DefaultScale)
		row := []float64{float64(f.Moments), f.First, f.End}
		for _, name := range scoring.FeatureNames() {
			x, _ := f.Value(name)
			row = append(row, x)
		}
		out = append(out, row)
	}
	return out
}

func TestBadSeq(t *testing.T) {
	for _, c := range []struct {
		format       scoring.Format
		text         string
		field        string
		column, line int
		kind         error
	}{
		{scoring.CSV, "visit,rating,seq\nv1,3,1.5\n", "seq", 6, 2, scoring.ErrNotInteger},
		{scoring.CSV, "visit,rating,seq\nv1,3,1\nv1,3,first\n", "seq", 6, 3, scoring.ErrNotNumber},
		{scoring.CSV, "visit,rating,seq\nv1,3,9007199254740993\n", "seq", 6, 2, scoring.ErrNotInteger},
		{scoring.CSV, "visit,rating,seq\nv1,3,0x10\n", "seq", 6, 2, scoring.ErrNotNumber},
		{scoring.CSV, "visit,rating,seq\nv1,3,1e2\n", "seq", 6, 2, scoring.ErrNotInteger},
		{scoring.CSV, "visit,rating,seq\nv1,3,2251799813685248.1\n", "seq", 6, 2, scoring.ErrNotInteger},
		{scoring.JSONL, `{"visit":"v1","moments":[{"rating":3,"seq":"1"}]}`, "moments[0].seq", 0, 1, scoring.ErrNotNumber},
		{scoring.JSONL, `{"visit":"v1","moments":[{"rating":3,"seq":1},{"rating":3,"seq":2.5}]}`, "moments[1].seq", 0, 1, scoring.ErrNotInteger},
	} {
		var got []*scoring.ParseError
		for _, err := range scoring.Read(strings.NewReader(c.text), scoring.Options{Name: "in", Format: c.format, Reject: func(pe *scoring.ParseError) { got = append(got, pe) }}) {
			if err != nil {
				t.Fatal(err)
			}
		}
		if len(got) == 0 {
			t.Errorf("%q: read without an error", c.text)
			continue
		}
		pe := got[len(got)-1]
		if pe.Field != c.field || pe.Column != c.column || pe.Line != c.line || !errors.Is(pe, c.kind) {
			t.Errorf("%q: %v (field %q, line %d, column %d), want %v in %s at line %d, column %d", c.text, pe, pe.Field, pe.Line, pe.Column, c.kind, c.field, c.line, c.column)
		}
	}
}

// TestSeqDuplicatesAreHarmless: two moments of a visit may share a seq
// (two systems' numbers, say); the keys after it order them.
func TestSeqDuplicatesAreHarmless(t *testing.T) {
	a := readFeatures(t, scoring.CSV, "visit,touchpoint,seq,rating\nv,b,1,5\nv,a,1,1\n")
	b := readFeatures(t, scoring.CSV, "visit,touchpoint,seq,rating\nv,a,1,1\nv,b,1,5\n")
	if diff := cmp.Diff(a, b, cmpopts.EquateNaNs()); diff != "" || a[0][1] != 1 {
		t.Errorf("duplicate seqs: features (-one order +the other):\n%s (first %g, want 1: touchpoint a first)", diff, a[0][1])
	}
}
