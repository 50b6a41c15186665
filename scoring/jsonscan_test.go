package scoring

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzJSONScanner is differential: a line the scanner takes decodes to
// the same fields with encoding/json, to the bit; a line it leaves is
// decoded by encoding/json alone.
func FuzzJSONScanner(f *testing.F) {
	for _, s := range []string{
		`{"visit":"v1","purpose":"bill","remembered":4,"recommend":9,"moments":[{"touchpoint":"queue","t":0,"duration":300,"rating":2},{"touchpoint":"desk","t":300.5,"rating":4}]}`,
		`{"visit":"v1","moments":[{"rating":1,"t":"2026-11-23T09:30:00Z"},{"rating":2,"t":0}]}`,
		`{ "visit" : "v2" , "moments" : [ { "rating" : -0 } ] }`,
		`{"visit":"v1","moments":[{"rating":1e0}]}`,
		`{"visit":"v1","moments":[{"rating":01}]}`,
		`{"Visit":"v1","moments":[{"rating":1}]}`,
		`{"visit":"v1","visit":"v2","moments":[{"rating":1}]}`,
		`{"visit":"v\u0031","moments":[{"rating":1}]}`,
		`{"visit":"v1","moments":[{"rating":1,}]}`,
		`{"visit":"v1","moments":[{"rating":1}],}`,
		`{"visit":null,"moments":[{"rating":1}]}`,
		`{"visit":"v1","moments":[{"rating":1.}]}`,
		`{"visit":"v1","moments":[{"rating":1234567890123456}]}`,
		`{"visit":"v1","moments":[]} x`,
		`{"visit":"v1","moments":[{"rating":1,"seq":2},{"seq":1,"rating":3,"t":0},{"rating":2,"seq":-0,"seq":1}]}`,
		`{"visit":"v1","moments":[{"rating":1,"seq":1.5},{"rating":2,"seq":null},{"rating":2,"seq":"3"}]}`,
		`{}`,
		`{"visit":"v1","customer":"c 1","site":"s","moments":[{"touchpoint":"a b","t":1.5,"duration":0.25,"rating":4},{"rating":3,"touchpoint":"x"},{}]}`,
		`{"visit":"v1","moments":[{"touchpoint":"t","t":0,"duration":1,"rating":2} ,{ "touchpoint":"t","rating":2},{"touchpoint":"t","touchpoint":"u","rating":2}]}`,
		`{"visit":"v1","moments":[{"rating":123456789012345678901234567890},{"rating":-0.000},{"rating":0.5,"seq":10}]}`,
	} {
		f.Add([]byte(s))
	}
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "hostile", "visits", "*.jsonl"))
	for _, name := range files {
		b, _ := os.ReadFile(name)
		for _, line := range strings.Split(string(b), "\n") {
			f.Add([]byte(line))
		}
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		text := bytes.TrimSpace(line)
		if !utf8.Valid(text) || len(text) == 0 || text[0] != '{' {
			return // jsonLine refuses these before decoding
		}
		var fast, slow jsonFields
		if !scanJSONVisit(text, &fast) {
			return
		}
		if err := decodeJSONVisit(text, &slow); err != nil {
			t.Fatalf("the scanner took %q, which encoding/json refuses: %v", text, err)
		}
		if d := diffFields(&fast, &slow); d != "" {
			t.Fatalf("%q: the scanner and encoding/json differ: %s", text, d)
		}
	})
}

func diffFields(a, b *jsonFields) string {
	same := func(x, y float64) bool { return math.Float64bits(x) == math.Float64bits(y) }
	switch {
	case a.hasVisit != b.hasVisit || !bytes.Equal(a.visit, b.visit):
		return "visit"
	case !bytes.Equal(a.purpose, b.purpose):
		return "purpose"
	case a.hasRemem != b.hasRemem || !same(a.remembered, b.remembered):
		return "remembered"
	case a.hasRecom != b.hasRecom || !same(a.recommend, b.recommend):
		return "recommend"
	case !bytes.Equal(a.customer, b.customer):
		return "customer"
	case !bytes.Equal(a.site, b.site):
		return "site"
	case len(a.moments) != len(b.moments):
		return "moments"
	}
	for i := range a.moments {
		x, y := a.moments[i], b.moments[i]
		switch {
		case !bytes.Equal(x.touchpoint, y.touchpoint):
			return "touchpoint"
		case !bytes.Equal(x.t, y.t):
			return "t"
		case x.hasDuration != y.hasDuration || !same(x.duration, y.duration):
			return "duration"
		case x.hasRating != y.hasRating || !same(x.rating, y.rating):
			return "rating"
		case !bytes.Equal(x.seq, y.seq):
			return "seq"
		}
	}
	return ""
}

// TestJSONScannerTakesWhatPeakendWrites holds that the lines VisitWriter
// writes take the fast path, and that some unusual ones do not.
func TestJSONScannerTakesWhatPeakendWrites(t *testing.T) {
	var buf bytes.Buffer
	w := NewVisitWriter(&buf, JSONL)
	v := Visit{ID: "v1", Purpose: "窗口", Remembered: 3.5, Recommend: NA, Moments: []Moment{
		{Touchpoint: "queue", T: 0, Duration: 300, Rating: 2}, {Touchpoint: "", T: 300.25, Duration: NA, Rating: 4.5}}}
	w.Write(&v)
	w.Flush()
	var jf jsonFields
	if line := bytes.TrimSpace(buf.Bytes()); !scanJSONVisit(line, &jf) {
		t.Errorf("the scanner left %s to encoding/json", line)
	}
	for _, s := range []string{`{"visit":"v\u0031","moments":[{"rating":1}]}`, `{"visit":"v1","moments":[{"rating":1e0}]}`, `{"visit":"v1","extra":1,"moments":[{"rating":1}]}`} {
		if scanJSONVisit([]byte(s), &jf) {
			t.Errorf("the scanner took %s", s)
		}
	}
}

// TestWrittenMoment holds that writtenMoment takes every moment as
// VisitWriter writes it, whichever keys it leaves out, and leaves to
// moment one written otherwise, which moment reads the same.
func TestWrittenMoment(t *testing.T) {
	var buf bytes.Buffer
	w := NewVisitWriter(&buf, JSONL)
	v := Visit{ID: "v1", Moments: []Moment{
		{Touchpoint: "queue", T: 0, Duration: 300, Rating: 2}, {Touchpoint: "", T: 300.25, Duration: NA, Rating: 4.5},
		{Touchpoint: "desk", T: NA, Duration: 12.5, Rating: 1}, {Touchpoint: "", T: NA, Duration: NA, Rating: 0}}}
	w.Write(&v)
	w.Flush()
	line := bytes.TrimSpace(buf.Bytes())
	var jf jsonFields
	if !scanJSONVisit(line, &jf) || len(jf.moments) != len(v.Moments) {
		t.Fatalf("the scanner left %s", line)
	}
	at := bytes.Index(line, []byte(`[`)) + 1
	for k := range v.Moments {
		var m jsonMomentFields
		end, ok := writtenMoment(line, at, &m)
		if !ok {
			t.Fatalf("writtenMoment left moment %d of %s", k, line)
		}
		if d := diffFields(&jsonFields{moments: []jsonMomentFields{m}}, &jsonFields{moments: jf.moments[k : k+1]}); d != "" {
			t.Errorf("moment %d: writtenMoment and the scanner differ in %s", k, d)
		}
		at = end + 1 // past the comma
	}
	for _, s := range []string{`{ "rating":1}`, `{"rating":1,"touchpoint":"a"}`, `{"rating" :1}`, `{"rating":1 }`, `{}`, `{"rating":1,"rating":2}`} {
		var m jsonMomentFields
		if _, ok := writtenMoment([]byte(s), 0, &m); ok {
			t.Errorf("writtenMoment took %s", s)
		}
	}
	var a, b jsonFields
	spaced := `{"visit":"v1","moments":[{ "rating" : 1 , "touchpoint":"a"},{"touchpoint":"a","rating":1}]}`
	if !scanJSONVisit([]byte(spaced), &a) || decodeJSONVisit([]byte(spaced), &b) != nil {
		t.Fatalf("%s: not read", spaced)
	}
	if d := diffFields(&a, &b); d != "" {
		t.Errorf("%s: the scanner and encoding/json differ in %s", spaced, d)
	}
}
