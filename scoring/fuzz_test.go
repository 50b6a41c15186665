package scoring_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/peakend/peakend/scoring"
)

// fuzzMoments and fuzzBytes are small bounds, so that the fuzzer
// reaches them.
const fuzzMoments, fuzzBytes = 6, 300

var (
	firstSeen  = regexp.MustCompile(`\(first seen at line (\d+)\)`)
	minClock   = float64(time.Date(scoring.MinYear, 1, 1, 0, 0, 0, 0, time.UTC).Unix() - 86400)
	maxClock   = float64(time.Date(scoring.MaxYear+1, 1, 1, 0, 0, 0, 0, time.UTC).Unix() + 86400)
	weakHashes = []func([]byte) uint64{nil, func(b []byte) uint64 { return uint64(len(b)) }}
)

// fuzzResult is what one read gave.
type fuzzResult struct {
	visits   []scoring.Visit
	rejected []*scoring.ParseError
	fatal    error
}

func (r fuzzResult) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "visits %v\n", r.visits)
	for _, pe := range r.rejected {
		fmt.Fprintf(&b, "rejected %v (%q)\n", pe, pe.Record)
	}
	fmt.Fprintf(&b, "fatal %v", r.fatal)
	return b.String()
}

func fuzzReadOnce(dir string, format scoring.Format, src []byte, reject, stream bool) fuzzResult {
	var res fuzzResult
	opt := scoring.Options{Name: "f", Format: format, MaxMoments: fuzzMoments, MaxVisitBytes: fuzzBytes, TempDir: dir}
	if reject {
		opt.Reject = func(pe *scoring.ParseError) { res.rejected = append(res.rejected, pe) }
	}
	var r io.Reader = bytes.NewReader(src)
	if stream {
		r = struct{ io.Reader }{r}
	}
	for v, err := range scoring.Read(r, opt) {
		if err != nil {
			res.fatal = err
			break
		}
		v.Moments = append([]scoring.Moment(nil), v.Moments...)
		res.visits = append(res.visits, v)
	}
	return res
}

// fuzzRead checks, on any input, that reading never panics; that every
// error is a positioned ParseError; that every visit read keeps the
// rules (text, numbers, times, bounds); that no visit is taken for
// another, with any hash, on inputs that seek and on streams; and that
// with Reject every data row is accounted for: in a visit or rejected.
func fuzzRead(t *testing.T, format scoring.Format, src []byte) {
	dir := t.TempDir()
	for _, hash := range weakHashes {
		scoring.SetTestHash(hash)
		for _, reject := range []bool{false, true} {
			res := fuzzReadOnce(dir, format, src, reject, false)
			if streamed := fuzzReadOnce(dir, format, src, reject, true); fmt.Sprint(streamed) != fmt.Sprint(res) {
				t.Fatalf("a stream reads otherwise:\n%v\n%v", streamed, res)
			}
			checkResult(t, format, src, res)
		}
	}
	scoring.SetTestHash(nil)
}

func checkResult(t *testing.T, format scoring.Format, src []byte, res fuzzResult) {
	var pe *scoring.ParseError
	if res.fatal != nil && (!errors.As(res.fatal, &pe) || pe.File != "f") && !errors.Is(res.fatal, scoring.ErrConfirmBudget) {
		t.Fatalf("error without a position: %v", res.fatal)
	}
	firstLine := map[string]int{}
	for _, v := range res.visits {
		if _, dup := firstLine[v.ID]; dup {
			t.Fatalf("visit %q read twice", v.ID)
		}
		firstLine[v.ID] = v.Line
		checkVisit(t, &v)
	}
	// A visit rejected whole was read too: a row of it may reappear.
	rejectedAt := map[string]map[string]bool{}
	for _, pe := range res.rejected {
		if rejectedAt[pe.Visit] == nil {
			rejectedAt[pe.Visit] = map[string]bool{}
		}
		rejectedAt[pe.Visit][strconv.Itoa(pe.Line)] = true
	}
	for _, pe := range res.rejected {
		if pe.File != "f" || pe.Line <= 0 {
			t.Fatalf("rejected row without a position: %v", pe)
		}
		if !errors.Is(pe, scoring.ErrReappears) {
			continue
		}
		m := firstSeen.FindStringSubmatch(pe.Err.Error())
		first, ok := firstLine[pe.Visit]
		if m != nil && !ok && rejectedAt[pe.Visit][m[1]] {
			first, _ = strconv.Atoi(m[1]) // a row of the visit rejected whole
			ok = true
		}
		if m == nil || !ok || strconv.Itoa(first) != m[1] || first >= pe.Line {
			t.Fatalf("%v: but visit %q was read first at line %d (%v)", pe, pe.Visit, first, ok)
		}
	}
	if res.fatal != nil || res.rejected == nil && len(res.visits) == 0 {
		return // a fatal error ends the count
	}
	checkAccounts(t, format, src, res)
}

func checkVisit(t *testing.T, v *scoring.Visit) {
	if len(v.Moments) == 0 || len(v.Moments) > fuzzMoments {
		t.Fatalf("visit %q has %d moments", v.ID, len(v.Moments))
	}
	for _, s := range []string{v.ID, v.Purpose} {
		checkFuzzText(t, s)
	}
	for _, m := range v.Moments {
		checkFuzzText(t, m.Touchpoint)
		if !scoring.DefaultScale.Contains(m.Rating) {
			t.Fatalf("rating %g outside the scale accepted", m.Rating)
		}
		if !scoring.IsNA(m.T) && (m.T < minClock && math.Abs(m.T) > scoring.MaxSeconds || m.T > maxClock) {
			t.Fatalf("time %g accepted", m.T)
		}
		if !scoring.IsNA(m.Duration) && (m.Duration < 0 || m.Duration > scoring.MaxSeconds) {
			t.Fatalf("duration %g accepted", m.Duration)
		}
		if m.Seq < -scoring.MaxSeq || m.Seq > scoring.MaxSeq || !m.HasSeq && m.Seq != 0 {
			t.Fatalf("seq %d (has %v) accepted", m.Seq, m.HasSeq)
		}
	}
	checkOrderFree(t, v)
}

// checkOrderFree holds the features of a visit that has times or seqs
// the same with its moments in reverse: the order comes from content.
func checkOrderFree(t *testing.T, v *scoring.Visit) {
	if !scoring.OrderedByContent(v) {
		return
	}
	w := *v
	w.Moments = slices.Clone(v.Moments)
	slices.Reverse(w.Moments)
	a, b := scoring.Compute(v, scoring.DefaultScale), scoring.Compute(&w, scoring.DefaultScale)
	same := func(x, y float64) bool { return x == y || scoring.IsNA(x) && scoring.IsNA(y) }
	sameMoment := func(x, y scoring.Moment) bool {
		return x.Touchpoint == y.Touchpoint && same(x.T, y.T) && same(x.Duration, y.Duration) && x.Rating == y.Rating &&
			x.HasSeq == y.HasSeq && x.Seq == y.Seq
	}
	if !sameMoment(v.Moments[a.PeakMoment], w.Moments[b.PeakMoment]) || !sameMoment(v.Moments[a.EndMoment], w.Moments[b.EndMoment]) {
		t.Fatalf("visit %q: reversed, the peak or end is another moment", v.ID)
	}
	for _, name := range scoring.FeatureNames() {
		x, _ := a.Value(name)
		y, _ := b.Value(name)
		if !same(x, y) && math.Abs(x-y) > 1e-9*math.Max(1, math.Abs(x)) { // sums in another order round differently
			t.Fatalf("visit %q: %s is %v, reversed %v", v.ID, name, x, y)
		}
	}
}

func checkFuzzText(t *testing.T, s string) {
	if !utf8.ValidString(s) || strings.IndexFunc(s, unicode.IsControl) >= 0 {
		t.Fatalf("text %q accepted", s)
	}
}

// checkAccounts checks that every data row (CSV) or line (JSON Lines)
// is in a visit or rejected, where rows can be counted by lines.
func checkAccounts(t *testing.T, format scoring.Format, src []byte, res fuzzResult) {
	if res.rejected == nil || bytes.ContainsAny(src, "\"\r") || !utf8.Valid(src) || bytes.HasPrefix(src, []byte{0xef, 0xbb, 0xbf}) {
		return // quoted fields span lines; other encodings have other lines
	}
	rows, scored := 0, 0
	for i, line := range strings.Split(string(src), "\n") {
		if format == scoring.JSONL && strings.TrimSpace(line) != "" || format == scoring.CSV && line != "" && (i > 0 || rows < 0) {
			rows++
		}
		if format == scoring.CSV && line != "" && i == 0 {
			rows = 0 // the header
		}
	}
	for _, v := range res.visits {
		if format == scoring.CSV {
			scored += len(v.Moments)
		} else {
			scored++
		}
	}
	if format == scoring.CSV && !strings.HasPrefix(string(src), strings.SplitN(string(src), "\n", 2)[0]) {
		return
	}
	if rows > 0 && scored+len(res.rejected) != rows {
		t.Fatalf("%d rows, but %d in visits and %d rejected", rows, scored, len(res.rejected))
	}
}

// fuzzSeeds adds the hostile fixtures of the format as seeds.
func fuzzSeeds(f *testing.F, ext string, seeds []string) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "hostile", "visits", "*"+ext))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
}

func FuzzReadCSV(f *testing.F) {
	fuzzSeeds(f, ".csv", []string{
		"visit,touchpoint,t,duration,rating,remembered\nv1,a,0,60,4,3\nv1,b,60,30,2,\nv2,a,2026-11-23T09:30:00Z,,5,5\n",
		"visit,rating\nv1,3\nv2,x\nv1,2\n",
		"rating,visit,purpose\n1,\"a,b\",p\n2,\"a,b\",q\n",
		"visit,rating,recommend\nv,1,11\nv,1,\n,3,\n",
		"visit,rating\nv1,NaN\nv1,1e400\nv1,-0\n",
		"visit,rating\nb,1\na,2\nc,3\nab,4\nb,5\nc,1\n",
		"visit,rating\nv,1\nv,1\nv,1\nv,1\nv,1\nv,1\nv,1\n",
		"visit,rating,t\nv,1,0x1p1\nv,2,1_0\nv,3,2262-04-12T00:00:00Z\n",
		"visit,customer,site,rating\nv1,c1,s1,3\nv1,c1,,4\nv1,c2,s1,2\nv2,,s2,5\nv3,=c,s\x01,1\n",
		"visit\trating\tt\nv\t1\t09:02\nv\tN/A\t9:03:00.5\nw\t-\t2024/5/1 9:02\nw\t2\t2024-02-30 09:02:00\n",
		"\xb7\xc3\xce\xca,\xc6\xc0\xb7\xd6\nv1,3\n\xc4\xe3,\xce\xde\nv\xff,2\n", // GB18030 访问,评分 and 无, then a byte neither decodes
		"visit,rating,touchpoint\nv1,3,\xe6\x9f\x9c\nv1,4,\xb9\xf1\n",           // UTF-8, then GB18030
		"visit,rating,seq,t\nv1,3,2,0\nv1,4,1,0\nv1,5,,0\nv2,1,1.0,\nv2,2,-3,\nv3,1,1.5,\nv3,2,x,\nv4,1,9007199254740993,\n",
		"访问,评分,序号,触点\nv1,3,2,a\nv1,4,2,b\nv1,1,1,b\n",
	})
	f.Fuzz(func(t *testing.T, src []byte) { fuzzRead(t, scoring.CSV, src) })
}

func FuzzReadJSONL(f *testing.F) {
	fuzzSeeds(f, ".jsonl", []string{
		`{"visit":"v1","purpose":"bill","remembered":4,"moments":[{"touchpoint":"queue","t":0,"duration":300,"rating":2}]}`,
		`{"visit":"v1","moments":[{"rating":1,"t":"2026-11-23T09:30:00Z"},{"rating":2,"t":0}]}`,
		"[1]\n{\"visit\":\"\"}\n{\"visit\":\"a\",\"moments\":[]}\n",
		`{"visit":"v1","moments":[{"rating":9}]}` + "\n" + `{"visit":"v1","moments":[{"rating":1}]}`,
		`{"visit":"b","moments":[{"rating":1}]}` + "\n" + `{"visit":"a","moments":[{"rating":1}]}` + "\n" + `{"visit":"b","moments":[{"rating":1}]}`,
		`{"visit":"v1","customer":"c1","site":"s1","moments":[{"rating":1}]}` + "\n" + `{"visit":"v2","customer":7,"moments":[{"rating":1}]}`,
		`{"visit":"v1","moments":[{"rating":1,"seq":2},{"rating":3,"seq":1}]}` + "\n" + `{"visit":"v2","moments":[{"rating":1,"seq":0.5}]}`,
	})
	f.Fuzz(func(t *testing.T, src []byte) { fuzzRead(t, scoring.JSONL, src) })
}
