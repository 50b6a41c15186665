package scoring_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/peakend/peakend/scoring"
)

// fuzzRead checks, on any input, that reading never panics, that every
// error is a positioned ParseError, and that with Reject every data row
// is accounted for: in a visit or rejected.
func fuzzRead(t *testing.T, format scoring.Format, src []byte) {
	opt := scoring.Options{Name: "f", Format: format}
	for v, err := range scoring.Read(bytes.NewReader(src), opt) {
		if err != nil {
			var pe *scoring.ParseError
			if !errors.As(err, &pe) || pe.File != "f" {
				t.Fatalf("error without a position: %v", err)
			}
			break
		}
		for _, m := range v.Moments {
			if !scoring.DefaultScale.Contains(m.Rating) {
				t.Fatalf("rating %g outside the scale accepted", m.Rating)
			}
		}
	}
	var moments, rejected int
	rejectedLines := map[int]bool{}
	opt.Reject = func(pe *scoring.ParseError) {
		rejected++
		rejectedLines[pe.Line] = true
	}
	var fatal error
	for v, err := range scoring.Read(bytes.NewReader(src), opt) {
		if err != nil {
			fatal = err
			break
		}
		moments += len(v.Moments)
	}
	if fatal != nil || format != scoring.CSV || bytes.Contains(src, []byte{'"'}) || bytes.Contains(src, []byte{'\r'}) {
		return // a fatal error (no header, a huge line) ends the count; quoted fields span lines
	}
	rows := -1 // the first non-blank line is the header; blank lines are skipped
	for _, line := range strings.Split(string(src), "\n") {
		if line != "" {
			rows++
		}
	}
	if rows > 0 && moments+rejected != rows {
		t.Fatalf("%d rows, but %d moments and %d rejected", rows, moments, rejected)
	}
}

func FuzzReadCSV(f *testing.F) {
	for _, seed := range []string{
		"visit,touchpoint,t,duration,rating,remembered\nv1,a,0,60,4,3\nv1,b,60,30,2,\nv2,a,2026-11-23T09:30:00Z,,5,5\n",
		"visit,rating\nv1,3\nv2,x\nv1,2\n",
		"rating,visit,purpose\n1,\"a,b\",p\n2,\"a,b\",q\n",
		"visit,rating,recommend\nv,1,11\nv,1,\n,3,\n",
		"visit,rating\nv1,NaN\nv1,1e400\nv1,-0\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) { fuzzRead(t, scoring.CSV, src) })
}

func FuzzReadJSONL(f *testing.F) {
	for _, seed := range []string{
		`{"visit":"v1","purpose":"bill","remembered":4,"moments":[{"touchpoint":"queue","t":0,"duration":300,"rating":2}]}`,
		`{"visit":"v1","moments":[{"rating":1,"t":"2026-11-23T09:30:00Z"},{"rating":2,"t":0}]}`,
		"[1]\n{\"visit\":\"\"}\n{\"visit\":\"a\",\"moments\":[]}\n",
		`{"visit":"v1","moments":[{"rating":9}]}` + "\n" + `{"visit":"v1","moments":[{"rating":1}]}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) { fuzzRead(t, scoring.JSONL, src) })
}
