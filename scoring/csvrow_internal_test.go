package scoring

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// usedRow is a row with every field set to something a CSV row does not
// have, as a batch's row reused uncleared may hold.
func usedRow(t *testing.T) row {
	t.Helper()
	r := row{line: 99, visit: []byte("old"), purpose: []byte("old"), who: [2][]byte{[]byte("c"), []byte("s")},
		remembered: 1, recommend: 2, moment: Moment{Touchpoint: "old", T: 3, Duration: 4, Rating: 5, Seq: 6, HasSeq: true},
		timeKind: clockTime, missing: true, detected: GB18030, opens: true, span: 7, has: ^uint(0), record: []byte("old"),
		bad: &ParseError{Line: 1}, fatal: errors.New("old")}
	v := reflect.ValueOf(r)
	for i := range v.NumField() {
		if v.Field(i).IsZero() {
			t.Fatalf("usedRow leaves row.%s zero: give it a value, so that csvRow is seen to set it", v.Type().Field(i).Name)
		}
	}
	return r
}

// parseRecord parses the second line of src (a header and a record)
// with csvRow into rw, and returns its problem.
func parseRecord(t *testing.T, src string, opt Options, rw *row) *ParseError {
	t.Helper()
	p := &parser{opt: opt.withDefaults(), intern: map[string]string{}, batch: &rowBatch{}}
	sc := newCSVScanner(strings.NewReader(src), UTF8, 0)
	if err := sc.next(); err != nil {
		t.Fatal(err)
	}
	l, err := p.csvHeader(sc)
	if err != nil {
		t.Fatal(err)
	}
	if err := sc.next(); err != nil {
		t.Fatal(err)
	}
	return p.csvRow(sc, &l, rw)
}

// TestCSVRowSetsEveryField parses records of every column into a zero
// row and into a used one: csvRow does not clear the row first, so each
// field it leaves as it was would differ.
func TestCSVRowSetsEveryField(t *testing.T) {
	for _, c := range []struct {
		src string
		opt Options
	}{
		{src: "visit,rating\nv1,4\n"},
		{src: "visit,purpose,touchpoint,t,duration,rating,remembered,recommend\nv1,a,t1,0,25.2,4,3.137,\n"},
		{src: "visit,purpose,touchpoint,t,duration,rating,remembered,recommend\nv1,,t1,,,4,,9\n"},
		{src: "visit,touchpoint,t,rating,seq,customer,site\nv1,t1,10:00,4,3,c1,s1\n"},
		{src: "visit,touchpoint,t,rating,seq,customer,site\nv1,t1,2024-01-02T10:00:00Z,4,,,s1\n"},
		{src: "visit,touchpoint,rating,customer\nv1,t1,N/A,c1\n", opt: Options{Missing: SkipMissing}},
		{src: "visit\trating\tsite\nv1\t4\t\n"},
	} {
		var fresh row
		used := usedRow(t)
		if bad := parseRecord(t, c.src, c.opt, &fresh); bad != nil {
			t.Fatalf("%q: %v", c.src, bad)
		}
		if bad := parseRecord(t, c.src, c.opt, &used); bad != nil {
			t.Fatalf("%q: %v", c.src, bad)
		}
		if got, want := fmt.Sprintf("%#v", used), fmt.Sprintf("%#v", fresh); got != want { // NaN as NaN, nil as nil
			t.Errorf("%q: parsed into a used row\n%s\nand into a zero one\n%s", c.src, got, want)
		}
	}
}

// TestRecentTextAsInternBytes asks recentText, csvRow's inline look in
// internBytes' cache, of texts of every length among others that share
// its slots: what it answers must be internBytes' string, and a short
// text internBytes has put in the cache must be answered.
func TestRecentTextAsInternBytes(t *testing.T) {
	p := &parser{intern: map[string]string{}}
	texts := []string{"", "t1", "t2", "t10", "a", "purchase", "purchases", "t1 ", "1t", "x" + strings.Repeat("y", 20)}
	for i := range 200 {
		texts = append(texts, fmt.Sprintf("tp%d", i), fmt.Sprintf("%x", i*7919))
	}
	for round := range 3 {
		for _, text := range texts {
			b := []byte(text)
			got, ok := p.recentText(b)
			want := p.internBytes(b)
			if ok && got != want {
				t.Fatalf("round %d: recentText(%q) = %q, internBytes %q", round, text, got, want)
			}
			if len(b) > 8 || len(b) == 0 {
				if ok {
					t.Fatalf("round %d: recentText(%q) answered a text it leaves to internBytes", round, text)
				}
				continue
			}
			p.internBytes(b) // a second ask puts it in the cache
			if got, ok := p.recentText(b); !ok || got != text {
				t.Fatalf("round %d: recentText(%q) = %q, %v after internBytes cached it", round, text, got, ok)
			}
		}
	}
}

// TestVisitIDAsUnneutralisedAndBlank parses records whose visit id
// starts with every byte: csvRow's inline look at the first byte must
// give the id unneutralise gives, and reject it exactly when blankID
// does.
func TestVisitIDAsUnneutralisedAndBlank(t *testing.T) {
	for c := range 256 {
		for _, rest := range []string{"", "v1", "=1+1", " ", "\t"} {
			id := string([]byte{byte(c)}) + rest
			if c == ',' || c == '\n' || c == '\r' || c == '"' {
				continue // not a field's first byte
			}
			var rw row
			bad := parseRecord(t, "visit,rating\n"+id+",4\n", Options{}, &rw)
			want := unneutralise([]byte(id))
			switch {
			case blankID(want):
				if bad == nil || !errors.Is(bad, ErrMissing) {
					t.Fatalf("id %q: %v, want the error of an empty id", id, bad)
				}
			case bad != nil && errors.Is(bad, ErrMissing):
				t.Fatalf("id %q: %v", id, bad)
			case bad == nil && string(rw.visit) != string(want):
				t.Fatalf("id %q: visit %q, want %q", id, rw.visit, want)
			}
		}
	}
}
