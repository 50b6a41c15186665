package scoring_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/peakend/peakend/scoring"
)

const chineseVisits = "visit,purpose,touchpoint,t,rating\n" +
	"v1,柜台业务,等候叫号,0,2\n" +
	"v1,柜台业务,柜台,600,4\n" +
	"v2,咨询,导引台,0,5\n"

func gb18030(t *testing.T, s string) string {
	t.Helper()
	out, err := simplifiedchinese.GB18030.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func readText(t *testing.T, src string, opt scoring.Options) ([]scoring.Visit, error) {
	t.Helper()
	if opt.Name == "" {
		opt.Name = "v.csv"
	}
	return scoring.ReadAll(strings.NewReader(src), opt)
}

// Text that is not UTF-8 but decodes as GB18030, as Excel on Chinese
// Windows saves CSV, is read as GB18030, and Detected is told once, at
// the first line that is not ASCII.
func TestReadDetectsGB18030(t *testing.T) {
	want, err := readText(t, chineseVisits, scoring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var told []scoring.Detection
	got, err := readText(t, gb18030(t, chineseVisits), scoring.Options{Detected: func(d scoring.Detection) { told = append(told, d) }})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, cmp.Comparer(sameNumber)); diff != "" {
		t.Errorf("GB18030 visits differ from UTF-8 (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]scoring.Detection{{File: "v.csv", Line: 2, Encoding: scoring.GB18030}}, told); diff != "" {
		t.Errorf("detections (-want +got):\n%s", diff)
	}
	if got[0].Purpose != "柜台业务" || got[0].Moments[0].Touchpoint != "等候叫号" {
		t.Errorf("decoded %q %q", got[0].Purpose, got[0].Moments[0].Touchpoint)
	}
	// Forced GB18030 decodes the same; UTF-8 text is not told about.
	if got, err := readText(t, gb18030(t, chineseVisits), scoring.Options{Encoding: scoring.GB18030}); err != nil || got[0].Purpose != "柜台业务" {
		t.Errorf("forced GB18030: %v %v", got, err)
	}
	told = nil
	if _, err := readText(t, chineseVisits, scoring.Options{Detected: func(d scoring.Detection) { told = append(told, d) }}); err != nil || told != nil {
		t.Errorf("UTF-8 input: %v, told %v", err, told)
	}
}

func sameNumber(a, b float64) bool { return a == b || a != a && b != b }

// Every line that is neither, or not the encoding the lines before it
// were, is a positioned error of kind ErrEncoding: never mojibake.
func TestReadRefusesOtherEncodings(t *testing.T) {
	for _, c := range []struct {
		name, src string
		opt       scoring.Options
		want      string
	}{
		{"neither", "visit,rating\nv\xff1,3\n", scoring.Options{}, `v.csv:2:2: visit "v\xff1": byte 0xff at byte 2 (character 2) is neither UTF-8 nor GB18030`},
		{"latin-1 é before a comma", "visit,touchpoint,rating\nv1,caf\xe9,3\n", scoring.Options{}, "v.csv:2:7: visit v1: byte 0xe9 at byte 7 (character 7) is neither UTF-8 nor GB18030"},
		{"GB18030 after UTF-8", "visit,touchpoint,rating\nv1,柜台,3\nv1," + gb18030(t, "柜台") + ",3\n", scoring.Options{}, "v.csv:3:4: visit v1: byte 0xb9 at byte 4 (character 4) is not UTF-8, as the lines before were"},
		{"bad byte after GB18030", "visit,touchpoint,rating\nv1," + gb18030(t, "柜台") + ",3\nv2,\xff,3\n", scoring.Options{}, "v.csv:3:4: visit v2: byte 0xff at byte 4 (character 4) is not GB18030, which the input is read as"},
		{"GB18030 header, bad row", gb18030(t, "访问,评分\n") + "v1,\x81\n", scoring.Options{}, "v.csv:2:4: visit v1: byte 0x81 at byte 4 (character 4) is not GB18030"},
		{"forced UTF-8", "visit,touchpoint,rating\nv1," + gb18030(t, "柜台") + ",3\n", scoring.Options{Encoding: scoring.UTF8}, "v.csv:2:4: visit v1: touchpoint: byte 0xb9 at character 1 is not UTF-8"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := readText(t, c.src, c.opt)
			if err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Fatalf("got %v\nwant %s…", err, c.want)
			}
			if !errors.Is(err, scoring.ErrText) {
				t.Errorf("%v is not ErrText", err)
			}
			var de *scoring.DecodeError
			if c.opt.Encoding != scoring.UTF8 && (!errors.As(err, &de) || !errors.Is(err, scoring.ErrEncoding)) {
				t.Errorf("%v is not a DecodeError of kind ErrEncoding", err)
			}
		})
	}
}

// A header with more tabs than commas is tab-separated, as text pasted
// from a spreadsheet is; Separator forces one.
func TestReadTabSeparated(t *testing.T) {
	want, _ := readText(t, chineseVisits, scoring.Options{})
	tsv := strings.ReplaceAll(chineseVisits, ",", "\t")
	got, err := readText(t, tsv, scoring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, cmp.Comparer(sameNumber)); diff != "" {
		t.Errorf("TSV visits differ (-want +got):\n%s", diff)
	}
	// A comma inside a tab-separated field is text.
	got, err = readText(t, "visit\trating\ttouchpoint\nv1\t3\ta,b\n", scoring.Options{Separator: '\t'})
	if err != nil || got[0].Moments[0].Touchpoint != "a,b" {
		t.Errorf("got %v, %v", got, err)
	}
	if _, err := readText(t, tsv, scoring.Options{Separator: ','}); !errors.Is(err, scoring.ErrHeader) {
		t.Errorf("TSV read with commas: %v, want ErrHeader", err)
	}
	if _, err := readText(t, tsv, scoring.Options{Separator: '|'}); err == nil {
		t.Error("separator | accepted")
	}
}

// Times as spreadsheets show them: the differences within a visit are
// the same in every form.
func TestReadClockTimes(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	for _, c := range []struct {
		name, first, second string
		loc                 *time.Location
		t0, dt              float64
	}{
		{"seconds", "0", "122", nil, 0, 122},
		{"time of day", "09:02", "9:04:02", nil, 9*3600 + 2*60, 122},
		{"seconds fraction", "09:02:00.25", "09:04:02.25", nil, 9*3600 + 2*60 + 0.25, 122},
		{"slashes", "2024/5/1 9:02", "2024/5/1 9:04:02", nil, 1714554120, 122},
		{"dashes", "2024-05-01 09:02:00", "2024-05-01 09:04:02", nil, 1714554120, 122},
		{"T", "2024-05-01T09:02", "2024-05-01T09:04:02", nil, 1714554120, 122},
		{"zone", "2024-05-01 09:02", "2024-05-01 09:04:02", shanghai, 1714554120 - 8*3600, 122},
		{"across midnight with dates", "2024/4/30 23:59", "2024/5/1 0:01:02", nil, 1714521540, 122},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := "visit,t,rating\nv," + c.first + ",3\nv," + c.second + ",4\n"
			vs, err := readText(t, src, scoring.Options{Location: c.loc})
			if err != nil {
				t.Fatal(err)
			}
			m := vs[0].Moments
			if m[0].T != c.t0 || m[1].T-m[0].T != c.dt {
				t.Errorf("t = %v, %v; want %v and %v later", m[0].T, m[1].T, c.t0, c.dt)
			}
		})
	}
}

// A zone with summer time counts the hour that is skipped.
func TestReadClockTimesInZone(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no zone database for America/New_York:", err)
	}
	src := "visit,t,rating\nv,2024-03-10 01:59,3\nv,2024-03-10 03:01,4\n"
	for _, c := range []struct {
		loc  *time.Location
		want float64
	}{{nil, 62 * 60}, {ny, 2 * 60}} {
		vs, err := readText(t, src, scoring.Options{Location: c.loc})
		if err != nil {
			t.Fatal(err)
		}
		if d := vs[0].Moments[1].T - vs[0].Moments[0].T; d != c.want {
			t.Errorf("in %v: %v seconds apart, want %v", c.loc, d, c.want)
		}
	}
}

func TestReadBadClockTimes(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"mixed forms", "visit,t,rating\nv,09:02,3\nv,2024/5/1 9:04,4\n", "v.csv:3: visit v: t: this visit mixes times of day (09:02) and dates with a time (2024-05-01 09:02) in t"},
		{"seconds and clock", "visit,t,rating\nv,0,3\nv,09:04,4\n", "v.csv:3: visit v: t: this visit mixes seconds and times of day (09:02) in t"},
		{"no such date", "visit,t,rating\nv,2024-02-30 09:02,3\n", `v.csv:2:3: visit v: t: "2024-02-30 09:02": no such date`},
		{"no such time", "visit,t,rating\nv,24:00,3\n", `v.csv:2:3: visit v: t: "24:00": no such time of day`},
		{"minutes of one digit", "visit,t,rating\nv,9:2,3\n", `v.csv:2:3: visit v: t: "9:2" is not a time`},
		{"year", "visit,t,rating\nv,1899/12/31 9:02,3\n", `v.csv:2:3: visit v: t: "1899/12/31 9:02" is outside the years 1900 to 2200`},
		{"date alone", "visit,t,rating\nv,2024/5/1,3\n", `v.csv:2:3: visit v: t: "2024/5/1" is not a time`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := readText(t, c.src, scoring.Options{})
			if err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Fatalf("got %v\nwant %s…", err, c.want)
			}
		})
	}
}

const missingVisits = "visit,touchpoint,rating\n" +
	"v1,a,2\n" +
	"v1,b,N/A\n" +
	"v1,c,4\n" +
	"v2,a,5\n" +
	"v3,a,\n" +
	"v3,b,无\n"

// A missing rating rejects its visit whole by default: its other rows
// go to Reject too, and the visit is not read.
func TestReadMissingRejectsVisit(t *testing.T) {
	var rejected []*scoring.ParseError
	vs, err := readText(t, missingVisits, scoring.Options{Reject: func(e *scoring.ParseError) { rejected = append(rejected, e) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 1 || vs[0].ID != "v2" {
		t.Errorf("visits %v, want v2 alone", vs)
	}
	var got []string
	for _, e := range rejected {
		kind := "visit"
		if errors.Is(e, scoring.ErrMissing) {
			kind = "missing"
		}
		got = append(got, e.Visit+":"+kind+":"+e.Record)
	}
	want := []string{"v1:visit:v1,a,2", "v1:missing:v1,b,N/A", "v1:visit:v1,c,4", "v3:missing:v3,a,", "v3:missing:v3,b,无"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rejected (-want +got):\n%s", diff)
	}
	_, err = readText(t, missingVisits, scoring.Options{})
	if !errors.Is(err, scoring.ErrMissing) || !strings.HasPrefix(err.Error(), `v.csv:3:6: visit v1: rating: no rating ("N/A")`) {
		t.Errorf("without Reject: %v", err)
	}
}

// SkipMissing reads the visit without the moment and counts it; a visit
// with no rating left is rejected.
func TestReadMissingSkipped(t *testing.T) {
	for _, token := range []string{"N/A", "n/a", "NA", "na", "-", "无", "", " N/A "} {
		src := strings.Replace(missingVisits, "N/A", token, 1)
		var rejected []*scoring.ParseError
		vs, err := readText(t, src, scoring.Options{Missing: scoring.SkipMissing, Reject: func(e *scoring.ParseError) { rejected = append(rejected, e) }})
		if err != nil {
			t.Fatal(err)
		}
		if len(vs) != 2 || vs[0].ID != "v1" || len(vs[0].Moments) != 2 || vs[0].Missing != 1 || vs[1].Missing != 0 {
			t.Fatalf("%q: visits %+v", token, vs)
		}
		if len(rejected) != 2 || rejected[0].Visit != "v3" || !errors.Is(rejected[0], scoring.ErrMissing) {
			t.Errorf("%q: rejected %v, want both rows of v3", token, rejected)
		}
	}
	_, err := readText(t, missingVisits, scoring.Options{Missing: scoring.SkipMissing})
	if !errors.Is(err, scoring.ErrMissing) || !strings.HasPrefix(err.Error(), "v.csv:6: visit v3: rating: no moment of the visit has a rating") {
		t.Errorf("without Reject: %v", err)
	}
	// JSON Lines: a moment without a rating.
	src := `{"visit":"j","moments":[{"rating":3},{"touchpoint":"b"},{"rating":null}]}` + "\n"
	vs, err := readText(t, src, scoring.Options{Format: scoring.JSONL, Missing: scoring.SkipMissing})
	if err != nil || len(vs[0].Moments) != 1 || vs[0].Missing != 2 {
		t.Errorf("JSON Lines: %+v, %v", vs, err)
	}
	if _, err := readText(t, src, scoring.Options{Format: scoring.JSONL}); !errors.Is(err, scoring.ErrMissing) {
		t.Errorf("JSON Lines by default: %v", err)
	}
}
