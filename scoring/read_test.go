package scoring_test

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/peakend/peakend/examples/servicehall"
	"github.com/peakend/peakend/scoring"
)

func read(t *testing.T, format scoring.Format, src string) ([]scoring.Visit, error) {
	t.Helper()
	return scoring.ReadAll(strings.NewReader(src), scoring.Options{Name: "v.csv", Format: format})
}

func TestReadCSV(t *testing.T) {
	src := "rating,visit,purpose,touchpoint,t,duration,remembered,extra\n" +
		"4,v1,bill,queue,0,300,3,x\n" +
		"2,v1,,counter,300,60,,y\n" +
		"5,\"v,2\",,\"a \"\"quoted\"\" name\",2026-11-23T09:30:00Z,,,\"an extra\ncell on two lines\"\n"
	got, err := read(t, scoring.CSV, src)
	if err != nil {
		t.Fatal(err)
	}
	want := []scoring.Visit{
		{ID: "v1", Purpose: "bill", Remembered: 3, Recommend: scoring.NA, Line: 2, Moments: []scoring.Moment{
			{Touchpoint: "queue", T: 0, Duration: 300, Rating: 4}, {Touchpoint: "counter", T: 300, Duration: 60, Rating: 2}}},
		{ID: "v,2", Remembered: scoring.NA, Recommend: scoring.NA, Line: 4, Moments: []scoring.Moment{
			{Touchpoint: "a \"quoted\" name", T: 1795426200, Duration: scoring.NA, Rating: 5}}},
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateNaNs(), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("ReadAll (-want +got):\n%s", diff)
	}
}

func TestReadJSONL(t *testing.T) {
	src := `{"visit":"v1","purpose":"bill","remembered":4,"moments":[{"touchpoint":"queue","t":0,"duration":300,"rating":2},{"touchpoint":"counter","t":"2026-11-23T09:30:00Z","rating":5}]}` + "\n\n" +
		`{"visit":"v2","recommend":9,"moments":[{"rating":3}]}`
	_, err := read(t, scoring.JSONL, src)
	if err == nil || !strings.Contains(err.Error(), "v.csv:1: visit v1: moments[1].t: this visit mixes seconds and RFC 3339 times") {
		t.Errorf("a visit mixing seconds and clock times: got %v", err)
	}
	src = strings.Replace(src, `"2026-11-23T09:30:00Z"`, "600", 1)
	got, err := read(t, scoring.JSONL, src)
	if err != nil {
		t.Fatal(err)
	}
	want := []scoring.Visit{
		{ID: "v1", Purpose: "bill", Remembered: 4, Recommend: scoring.NA, Line: 1, Moments: []scoring.Moment{
			{Touchpoint: "queue", T: 0, Duration: 300, Rating: 2}, {Touchpoint: "counter", T: 600, Duration: scoring.NA, Rating: 5}}},
		{ID: "v2", Remembered: scoring.NA, Recommend: 9, Line: 3, Moments: []scoring.Moment{
			{T: scoring.NA, Duration: scoring.NA, Rating: 3}}},
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateNaNs()); diff != "" {
		t.Errorf("ReadAll (-want +got):\n%s", diff)
	}
}

// Every kind of bad input gives an error naming file, line and visit.
func TestReadBadInput(t *testing.T) {
	const header = "visit,touchpoint,t,duration,rating,remembered\n"
	tests := []struct {
		name, format, src, want string
	}{
		{"outside scale", "csv", header + "v1,a,0,1,7,\n", "v.csv:2:10: visit v1: rating: 7 is outside the scale 1..5"},
		{"NaN", "csv", header + "v1,a,0,1,NaN,\n", `v.csv:2:10: visit v1: rating: "NaN": not a finite number`},
		{"Inf", "csv", header + "v1,a,0,1,+Inf,\n", `v.csv:2:10: visit v1: rating: "+Inf": not a finite number`},
		{"empty rating", "csv", header + "v1,a,0,1,,\n", "v.csv:2:10: visit v1: rating: no rating (an empty cell); the visit is rejected whole"},
		{"text rating", "csv", header + "v1,a,0,1,good,\n", `v.csv:2:10: visit v1: rating: "good" is not a number`},
		{"no header", "csv", "", "v.csv:1: empty input; a CSV header with at least visit and rating is required"},
		{"missing column", "csv", "visit,score\nv1,3\n", "v.csv:1: the header has no rating column"},
		{"empty visit id", "csv", header + ",a,0,1,3,\n", "v.csv:2:1: visit: empty visit id"},
		{"negative duration", "csv", header + "v1,a,0,-5,3,\n", "v.csv:2:8: visit v1: duration: -5 is negative"},
		{"bad time", "csv", header + "v1,a,noon,1,3,\n", `v.csv:2:6: visit v1: t: "noon" is not a time; write seconds, a time of day such as 09:02`},
		{"some times", "csv", header + "v1,a,0,1,3,\nv1,b,,1,3,\n", "v.csv:3: visit v1: t: some moments of this visit have a time t and others not"},
		{"conflict", "csv", header + "v1,a,0,1,3,4\nv1,b,1,1,3,2\n", "v.csv:3: visit v1: remembered: 2 here, but 4 at line 2"},
		{"reappears", "csv", header + "v1,a,0,1,3,\nv2,a,0,1,3,\nv1,b,1,1,3,\n", "v.csv:4: visit v1: visit: visit reappears after other visits (first seen at line 2); group a visit's rows together, or set Options.Unsorted"},
		{"ragged", "csv", header + "v1,a,0,1\n", "v.csv:2: visit v1: 4 fields, but the header has 6"},
		{"bare quote", "csv", header + "v1,a\"b,0,1,3,\n", "v.csv:2:4: visit v1: bare \" in unquoted field"},
		{"remembered outside", "csv", header + "v1,a,0,1,3,9\n", "v.csv:2:12: visit v1: remembered: 9 is outside the scale 1..5"},
		{"not an object", "jsonl", "[1,2]\n", "v.csv:1: not a JSON object"},
		{"bad json", "jsonl", "{\"visit\": \n", "v.csv:1: bad JSON"},
		{"no moments", "jsonl", `{"visit":"v1","moments":[]}`, "v.csv:1: visit v1: moments: the visit has no moments"},
		{"no rating", "jsonl", `{"visit":"v1","moments":[{"t":0}]}`, "v.csv:1: visit v1: moments[0].rating: missing"},
		{"json outside", "jsonl", `{"visit":"v1","moments":[{"rating":0}]}`, "v.csv:1: visit v1: moments[0].rating: 0 is outside the scale 1..5"},
		{"json reappears", "jsonl", `{"visit":"v1","moments":[{"rating":1}]}` + "\n" + `{"visit":"v2","moments":[{"rating":1}]}` + "\n" + `{"visit":"v1","moments":[{"rating":1}]}`, "v.csv:3: visit v1: visit: visit reappears (first seen at line 1)"},
		{"json repeated line", "jsonl", `{"visit":"v1","moments":[{"rating":1}]}` + "\n" + `{"visit":"v1","moments":[{"rating":2}]}`, "v.csv:2: visit v1: visit: visit reappears (first seen at line 1); a visit is one line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _ := scoring.ParseFormat(tt.format)
			_, err := read(t, f, tt.src)
			var pe *scoring.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("want a *ParseError, got %v", err)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error\n got: %v\nwant: %s…", err, tt.want)
			}
		})
	}
}

func TestReadUnsorted(t *testing.T) {
	src := "visit,rating,remembered\nv1,3,\nv2,4,\nv1,5,2\n"
	got, err := scoring.ReadAll(strings.NewReader(src), scoring.Options{Unsorted: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != "v1" || len(got[0].Moments) != 2 || got[0].Remembered != 2 || got[1].ID != "v2" {
		t.Errorf("unsorted: got %+v", got)
	}
}

// hugeLine is an endless line of one character.
type hugeLine struct{ n int }

func (h *hugeLine) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	h.n += len(p)
	return len(p), nil
}

// A line far longer than MaxLine is refused once MaxLine is passed,
// without reading the rest.
func TestReadHugeLine(t *testing.T) {
	for _, f := range []scoring.Format{scoring.CSV, scoring.JSONL} {
		src := &hugeLine{}
		head := "visit,rating\n"
		if f == scoring.JSONL {
			head = ""
		}
		r := io.MultiReader(strings.NewReader(head), src)
		_, err := scoring.ReadAll(r, scoring.Options{Format: f})
		if !errors.Is(err, scoring.ErrLineTooLong) {
			t.Errorf("format %d: want ErrLineTooLong, got %v", f, err)
		}
		if src.n > 2*scoring.MaxLine {
			t.Errorf("format %d: read %d bytes of a huge line", f, src.n)
		}
	}
}

// With Reject, every row is either in a visit or rejected, and nothing
// is lost.
func TestRejectAccountsForEveryRow(t *testing.T) {
	src := "visit,touchpoint,rating,remembered\n" +
		"v1,a,3,4\n" +
		"v1,b,9,\n" + // outside the scale
		"v1,c,2,5\n" + // conflicting remembered
		"v2,a,x,\n" + // not a number
		"v2,b,1\n" + // ragged
		"v2,c,4,\n" +
		"v1,d,3,\n" // reappears
	var rejected []*scoring.ParseError
	var visits []scoring.Visit
	for v, err := range scoring.Read(strings.NewReader(src), scoring.Options{Name: "v.csv", Reject: func(e *scoring.ParseError) { rejected = append(rejected, e) }}) {
		if err != nil {
			t.Fatal(err)
		}
		visits = append(visits, v)
	}
	moments := 0
	for _, v := range visits {
		moments += len(v.Moments)
	}
	var lines []int
	for _, r := range rejected {
		lines = append(lines, r.Line)
	}
	// A visit is read whole or not at all: each of v1 and v2 has a bad
	// row, so their good rows (2 and 7) go too, and the row of v1 that
	// reappears after v2 is rejected on its own.
	if diff := cmp.Diff([]int{2, 3, 4, 5, 6, 7, 8}, lines); diff != "" {
		t.Errorf("rejected lines (-want +got):\n%s", diff)
	}
	if moments+len(rejected) != 7 || len(visits) != 0 {
		t.Errorf("%d visits, %d moments scored + %d rejected, want no visit and all 7 rows rejected", len(visits), moments, len(rejected))
	}
	for _, i := range []int{0, 5} {
		if !errors.Is(rejected[i], scoring.ErrVisitRejected) {
			t.Errorf("line %d: %v, want ErrVisitRejected", rejected[i].Line, rejected[i])
		}
	}
	if rejected[0].Record != "v1,a,3,4" || rejected[6].Record != "v1,d,3," {
		t.Errorf("rejected records %q and %q", rejected[0].Record, rejected[6].Record)
	}
}

func TestWriteReadRoundTrip(t *testing.T) {
	sim := servicehall.Simulation(scoring.MemoryModel{Weights: map[string]float64{"peak_end": 1}, Noise: 0.3}, 9)
	var want []scoring.Visit
	for v := range sim.Visits(300) {
		v.Line = 0
		want = append(want, v)
	}
	for _, f := range []scoring.Format{scoring.CSV, scoring.JSONL} {
		var buf bytes.Buffer
		w := scoring.NewVisitWriter(&buf, f)
		for i := range want {
			w.Write(&want[i])
		}
		w.Flush()
		got, err := scoring.ReadAll(&buf, scoring.Options{Format: f})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got, cmpopts.EquateNaNs(), cmpopts.IgnoreFields(scoring.Visit{}, "Line")); diff != "" {
			t.Errorf("format %d round trip (-want +got):\n%s", f, diff)
		}
	}
}

// Stopping a loop early ends reading cleanly.
func TestReadStopsEarly(t *testing.T) {
	var buf bytes.Buffer
	buf.WriteString("visit,rating\n")
	for i := 0; i < 100000; i++ {
		buf.WriteString("v" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + ",3\n")
	}
	n := 0
	for range scoring.Read(&buf, scoring.Options{Unsorted: true}) {
		if n++; n == 3 {
			break
		}
	}
	if n != 3 {
		t.Errorf("got %d visits", n)
	}
}
