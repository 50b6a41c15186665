package scoring_test

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/peakend/peakend/scoring"
)

// Each kind of bad input matches its sentinel error through ParseError.
func TestErrorKinds(t *testing.T) {
	const h = "visit,touchpoint,t,duration,rating,remembered\n"
	tests := []struct {
		format string
		src    string
		kind   error
	}{
		{"csv", "", scoring.ErrHeader},
		{"csv", "visit,visit,rating\n", scoring.ErrHeader},
		{"csv", h + "v1,a,0,1\n", scoring.ErrFieldCount},
		{"csv", h + "v1,\"a,0,1,3,\n", scoring.ErrQuote},
		{"csv", h + "v1,a\"b,0,1,3,\n", scoring.ErrBareQuote},
		{"csv", h + ",a,0,1,3,\n", scoring.ErrMissing},
		{"csv", h + "v1,a\x7f,0,1,3,\n", scoring.ErrText},
		{"csv", h + "v1,a,0,1,x,\n", scoring.ErrNotNumber},
		{"csv", h + "v1,a,0,1,0x1p1,\n", scoring.ErrNotNumber},
		{"csv", h + "v1,a,0,1,NaN,\n", scoring.ErrNotFinite},
		{"csv", h + "v1,a,0,1,7,\n", scoring.ErrOutOfScale},
		{"csv", h + "v1,a,0,-1,3,\n", scoring.ErrOutOfRange},
		{"csv", h + "v1,a,2201-01-01T00:00:00Z,1,3,\n", scoring.ErrOutOfRange},
		{"csv", h + "v1,a,noon,1,3,\n", scoring.ErrTime},
		{"csv", h + "v1,a,0,1,3,\nv1,a,,1,3,\n", scoring.ErrMixedTimes},
		{"csv", h + "v1,a,0,1,3,4\nv1,a,1,1,3,5\n", scoring.ErrConflict},
		{"csv", h + "v1,a,0,1,3,\nv2,a,0,1,3,\nv1,a,0,1,3,\n", scoring.ErrReappears},
		{"jsonl", "[1]\n", scoring.ErrJSON},
		{"jsonl", "{\"visit\":1}\n", scoring.ErrJSON},
		{"jsonl", `{"visit":"v","moments":[]}`, scoring.ErrMissing},
		{"jsonl", `{"visit":"v","moments":[{"rating":1,"touchpoint":"\u0000"}]}`, scoring.ErrText},
		{"jsonl", `{"visit":"v","moments":[{"rating":1,"t":0},{"rating":1}]}`, scoring.ErrMixedTimes},
		{"jsonl", `{"visit":"v","moments":[{"rating":1}]}` + "\n" + `{"visit":"v","moments":[{"rating":1}]}`, scoring.ErrReappears},
	}
	for _, tt := range tests {
		format, _ := scoring.ParseFormat(tt.format)
		_, err := scoring.ReadAll(strings.NewReader(tt.src), scoring.Options{Name: "v", Format: format})
		var pe *scoring.ParseError
		if !errors.As(err, &pe) || !errors.Is(err, tt.kind) {
			t.Errorf("%q: got %v, want a ParseError of %v", tt.src, err, tt.kind)
		}
	}
}

// Scales that no rating can use are refused, by Validate and by Read.
func TestScaleValidate(t *testing.T) {
	bad := []scoring.Scale{
		scoring.NewScale(-1e308, 1.7e308),
		scoring.NewScale(5, 5),
		scoring.NewScale(5, 1),
		scoring.NewScale(math.NaN(), 5),
		scoring.NewScale(1, math.Inf(1)),
		scoring.NewScale(0, 2e9),
		{Min: 1, Max: 5, Neutral: 6},
	}
	for _, s := range bad {
		if err := s.Validate(); !errors.Is(err, scoring.ErrScale) {
			t.Errorf("scale %+v: got %v", s, err)
		}
		_, err := scoring.ReadAll(strings.NewReader("visit,rating\nv,1\n"), scoring.Options{Scale: s})
		if !errors.Is(err, scoring.ErrScale) {
			t.Errorf("Read with scale %+v: got %v", s, err)
		}
	}
	for _, s := range []scoring.Scale{scoring.DefaultScale, scoring.NewScale(-1e9, 1e9), scoring.NewScale(0, 10)} {
		if err := s.Validate(); err != nil {
			t.Errorf("scale %+v refused: %v", s, err)
		}
	}
}

// endlessVisit is an endless stream of rows of one visit, counting the
// bytes it gives.
type endlessVisit struct {
	row  string
	n    int
	part int
}

func (e *endlessVisit) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		c := copy(p[n:], e.row[e.part:])
		n += c
		e.part = (e.part + c) % len(e.row)
	}
	e.n += n
	return n, nil
}

// One visit is bounded in moments and in bytes, on a stream that never
// ends: the error names the row past the bound, and reading stops
// within a buffer of it.
func TestVisitBounds(t *testing.T) {
	long := strings.Repeat("x", 1000)
	tests := []struct {
		row     string
		opt     scoring.Options
		wantErr string
		rows    int // rows within the bound
	}{
		{"v,3\n", scoring.Options{}, "<input>:65538: visit v: more than 65536 moments (Options.MaxMoments)", scoring.DefaultMaxMoments},
		{"v,3," + long + "\n", scoring.Options{}, "<input>:4175: visit v: more than 4194304 bytes (Options.MaxVisitBytes)", scoring.DefaultMaxVisitBytes / 1005},
		{"v,3\n", scoring.Options{MaxMoments: 10}, "<input>:12: visit v: more than 10 moments", 10},
	}
	for _, tt := range tests {
		header := "visit,rating\n"
		if strings.Count(tt.row, ",") == 2 {
			header = "visit,rating,touchpoint\n"
		}
		src := &endlessVisit{row: tt.row}
		tt.opt.TempDir = t.TempDir()
		n := 0
		var err error
		for v, e := range scoring.Read(io.MultiReader(strings.NewReader(header), src), tt.opt) {
			if err = e; e != nil {
				break
			}
			n += len(v.Moments)
		}
		if !errors.Is(err, scoring.ErrVisitTooLarge) || !strings.HasPrefix(err.Error(), tt.wantErr) {
			t.Errorf("row %.10q: got %v, want %s", tt.row, err, tt.wantErr)
		}
		if limit := (tt.rows+1)*len(tt.row) + 4<<20; src.n > limit {
			t.Errorf("row %.10q: read %d bytes, more than %d", tt.row, src.n, limit)
		}
	}
}

// A row too large to open a visit opens none: no visit without moments.
func TestRowTooLargeOpensNoVisit(t *testing.T) {
	src := "visit,rating,touchpoint\nv1,3,a\nv2,3," + strings.Repeat("x", 50) + "\nv3,4,b\nv2,3,c\n"
	var rejected []string
	visits, err := scoring.ReadAll(strings.NewReader(src), scoring.Options{MaxVisitBytes: 20, Reject: func(e *scoring.ParseError) { rejected = append(rejected, e.Error()) }})
	var ids []string
	for _, v := range visits {
		ids = append(ids, fmt.Sprintf("%s:%d", v.ID, len(v.Moments)))
	}
	if err != nil || fmt.Sprint(ids) != "[v1:1 v3:1 v2:1]" || len(rejected) != 1 || !strings.HasPrefix(rejected[0], "<input>:3: visit v2: more than 20 bytes") {
		t.Errorf("visits %v, rejected %q, err %v", ids, rejected, err)
	}
}

// A JSON line is bounded before it is decoded, and a line that would
// take its visit past the bound is refused whole.
func TestJSONVisitBounds(t *testing.T) {
	moments := strings.Repeat(`{"rating":3},`, 11)
	line := `{"visit":"v","moments":[` + moments[:len(moments)-1] + "]}\n"
	tests := []struct {
		src  string
		opt  scoring.Options
		want string
	}{
		{line, scoring.Options{MaxMoments: 10}, "<input>:1: visit v: moments: more than 10 moments"},
		{line, scoring.Options{MaxVisitBytes: 100}, "<input>:1: more than 100 bytes"},
		{line + line, scoring.Options{MaxMoments: 20, Unsorted: true}, "<input>:2: visit v: more than 20 moments"},
		{line + `{"visit":"w","moments":[{"rating":3,"touchpoint":"` + strings.Repeat("x", 200) + `"}]}` + "\n", scoring.Options{MaxVisitBytes: 200}, "<input>:2: more than 200 bytes"},
	}
	for _, tt := range tests {
		tt.opt.Format = scoring.JSONL
		var got []*scoring.ParseError
		tt.opt.Reject = func(e *scoring.ParseError) { got = append(got, e) }
		visits, err := scoring.ReadAll(strings.NewReader(tt.src), tt.opt)
		if err != nil || len(got) != 1 || !errors.Is(got[0], scoring.ErrVisitTooLarge) || !strings.HasPrefix(got[0].Error(), tt.want) {
			t.Errorf("%+v: rejected %v (err %v), want %s", tt.opt, got, err, tt.want)
			continue
		}
		for _, v := range visits {
			if len(v.Moments) != 11 {
				t.Errorf("%+v: a visit of %d moments: a line was taken in part", tt.opt, len(v.Moments))
			}
		}
	}
}

func ExampleErrOutOfScale() {
	_, err := scoring.ReadAll(strings.NewReader("visit,rating\nv1,7\n"), scoring.Options{Name: "visits.csv"})
	var pe *scoring.ParseError
	fmt.Println(errors.Is(err, scoring.ErrOutOfScale), errors.As(err, &pe) && pe.Line == 2)
	fmt.Println(err)
	// Output:
	// true true
	// visits.csv:2:4: visit v1: rating: 7 is outside the scale 1..5
}
