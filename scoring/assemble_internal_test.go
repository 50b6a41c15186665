package scoring

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSameBytes(t *testing.T) {
	for n := range 20 {
		x := make([]byte, n)
		for i := range x {
			x[i] = byte('a' + i)
		}
		y := bytes.Clone(x)
		if !sameBytes(x, y) {
			t.Errorf("sameBytes(%q, %q) = false", x, y)
		}
		for i := range n {
			y[i] ^= 0x80
			if sameBytes(x, y) {
				t.Errorf("sameBytes(%q, %q) = true", x, y)
			}
			y[i] ^= 0x80
		}
		if sameBytes(x, append(bytes.Clone(x), 'z')) || sameBytes(append(bytes.Clone(x), 'z'), x) {
			t.Errorf("sameBytes of %q and a longer slice = true", x)
		}
	}
}

func FuzzSameBytes(f *testing.F) {
	f.Add([]byte("v0000001"), []byte("v0000002"))
	f.Add([]byte("a"), []byte("a"))
	f.Add([]byte("visit-0000001"), []byte("visit-0000001"))
	f.Add([]byte("visit-1000001"), []byte("visit-0000001"))
	f.Fuzz(func(t *testing.T, x, y []byte) {
		if got, want := sameBytes(x, y), bytes.Equal(x, y); got != want {
			t.Errorf("sameBytes(%q, %q) = %v, bytes.Equal %v", x, y, got, want)
		}
		if !sameBytes(x, bytes.Clone(x)) {
			t.Errorf("sameBytes(%q, its copy) = false", x)
		}
	})
}

// assembled is what an assembler makes of rows: the visits and errors
// yielded, the rows rejected, and where it stopped.
type assembled struct {
	Yields  []string
	Rejects []string
	Taken   int // rows taken before take returned false
}

// assembleRows feeds rows to an assembler with opt; general makes every
// row take the full check, as rows did before takeRows' short path, else
// they go in batches of random sizes through takeRows, which leaves the
// rows past a random line to take, as a range's reader does at its edges.
func assembleRows(opt Options, rows []row, general bool, rnd *rand.Rand) assembled {
	var out assembled
	opt = opt.withDefaults()
	if opt.Reject != nil {
		opt.Reject = func(e *ParseError) {
			out.Rejects = append(out.Rejects, fmt.Sprintf("%d %q %v %q", e.Line, e.Visit, e, e.Record))
		}
	}
	a := newAssembler(opt, nil, func(v Visit, err error) bool {
		if err != nil {
			out.Yields = append(out.Yields, "error "+err.Error())
			return false
		}
		out.Yields = append(out.Yields, fmt.Sprintf("%+v", v))
		return true
	})
	rows = slices.Clone(rows) // copies: the assembler may not keep a row
	for i := 0; i < len(rows); {
		if general {
			r := &rows[i]
			ok := false
			if a.unusual(r) {
				ok = a.takeOther(r)
			} else {
				ok = a.takeRow(r)
			}
			if !ok {
				return out
			}
			out.Taken++
			i++
			continue
		}
		batch := rows[i:min(len(rows), i+1+rnd.IntN(12))]
		last := batch[rnd.IntN(len(batch))].line
		n, ok := a.takeRows(batch, last)
		want := slices.IndexFunc(batch, func(r row) bool { return r.line > last }) // the rows up to the first past last
		if want < 0 {
			want = len(batch)
		}
		if ok && n != want {
			out.Yields = append(out.Yields, fmt.Sprintf("takeRows took %d rows of %d, up to line %d: want %d", n, len(batch), last, want))
		}
		if !ok {
			out.Taken += n - 1
			return out
		}
		out.Taken += n
		if i += n; n < len(batch) { // the row past the line given
			if !a.take(&rows[i]) {
				return out
			}
			out.Taken++
			i++
		}
	}
	a.finish()
	return out
}

// randomRows makes rows of few visits that often conflict, change their
// time kind, miss ratings and pass the limits of small options.
func randomRows(rnd *rand.Rand, n int) []row {
	ids := []string{"v1", "v2", "v3", "visit-00000004", "visit-00000005", "v6"}
	purposes := []string{"a", "b", "long-purpose-name", "c", "d", "e"} // more than recentPurpose keeps
	numbers := []float64{3, 4, 0, math.Copysign(0, -1), math.NaN()}
	pick := func(p float64) bool { return rnd.Float64() < p }
	rows := make([]row, n)
	id := 0
	for i := range rows {
		r := &rows[i]
		r.line = i + 2
		if i > 0 && pick(0.2) {
			r.line = rows[i-1].line // the moments of a JSON line share it
		}
		if pick(0.2) && id+1 < len(ids) {
			id++
		} else if pick(0.02) {
			id = rnd.IntN(len(ids)) // out of order: a reader without replay stops
		}
		r.visit = []byte(ids[id])
		r.remembered, r.recommend = NA, NA
		if pick(0.9) {
			r.has |= 1 << colPurpose
			r.purpose = []byte(purposes[rnd.IntN(len(purposes))])
			if pick(0.8) {
				r.purpose = []byte(purposes[id%len(purposes)])
			}
		}
		if pick(0.8) {
			r.has |= 1 << colRemembered
			r.remembered = numbers[rnd.IntN(len(numbers))]
			if pick(0.8) {
				r.remembered = numbers[id%2]
			}
		}
		if pick(0.1) {
			r.has |= 1 << colRecommend
			r.recommend = float64(rnd.IntN(2) + 5)
		}
		if pick(0.1) {
			r.has |= 1 << colCustomer
			r.who[colCustomer-colWho] = []byte(fmt.Sprint("c", rnd.IntN(2)))
		}
		r.timeKind = 1
		if pick(0.05) {
			r.timeKind = rnd.IntN(3)
		}
		r.missing = pick(0.05)
		if pick(0.03) {
			r.opens, r.span = true, rnd.IntN(3)
		} else if pick(0.03) {
			r.span = rnd.IntN(3)
		}
		r.record = bytes.Repeat([]byte{'x'}, 10+rnd.IntN(30))
		r.moment = Moment{Touchpoint: fmt.Sprint("t", i%4), T: float64(i), Duration: NA, Rating: float64(1 + i%5)}
	}
	return rows
}

// TestContinueVisitAsCheck holds continueVisit to the full check: rows
// taken through it make the same visits, errors and rejects, in the same
// order, as every row through check.
func TestContinueVisitAsCheck(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	fast := 0
	for trial := range 3000 {
		rows := randomRows(rnd, 1+rnd.IntN(40))
		opt := Options{Name: "v", MaxMoments: 2 + rnd.IntN(8), MaxVisitBytes: 50 + rnd.IntN(300), ReuseMoments: rnd.IntN(2) == 0}
		if rnd.IntN(3) == 0 {
			opt.Format = JSONL
		}
		if rnd.IntN(2) == 0 {
			opt.Reject = func(*ParseError) {}
		}
		opt.Unsorted = rnd.IntN(4) == 0
		got, want := assembleRows(opt, rows, false, rnd), assembleRows(opt, rows, true, rnd)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("trial %d, %+v: with continueVisit (+) and without (-):\n%s", trial, opt, diff)
		}
		if !opt.Unsorted {
			fast++
		}
	}
	if fast == 0 {
		t.Fatal("no trial could take the short path")
	}
}

// FuzzContinueVisitAsCheck is TestContinueVisitAsCheck from any seed:
// the rows, options and batches it makes.
func FuzzContinueVisitAsCheck(f *testing.F) {
	f.Add(uint64(1), uint64(2))
	f.Add(uint64(7), uint64(0))
	f.Fuzz(func(t *testing.T, seed1, seed2 uint64) {
		rnd := rand.New(rand.NewPCG(seed1, seed2))
		rows := randomRows(rnd, 1+rnd.IntN(60))
		opt := Options{Name: "v", MaxMoments: 2 + rnd.IntN(8), MaxVisitBytes: 50 + rnd.IntN(300), ReuseMoments: rnd.IntN(2) == 0,
			Unsorted: rnd.IntN(4) == 0}
		if rnd.IntN(3) == 0 {
			opt.Format = JSONL
		}
		if rnd.IntN(2) == 0 {
			opt.Reject = func(*ParseError) {}
		}
		got, want := assembleRows(opt, rows, false, rnd), assembleRows(opt, rows, true, rnd)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("%+v: with the short path (+) and without (-):\n%s", opt, diff)
		}
	})
}

// TestContinueVisitTakesPlainRows makes sure the short path is taken: a
// test of agreement alone would pass if it never were.
func TestContinueVisitTakesPlainRows(t *testing.T) {
	plain := func(line int) row {
		return row{line: line, visit: []byte("v0000001"), purpose: []byte("a"), has: 1<<colPurpose | 1<<colRemembered,
			remembered: 3, recommend: NA, timeKind: 1, record: []byte("v0000001,a,t1,0,25.2,4,3,")} // fresh bytes, as the parser's
	}
	// short takes r and reports whether it went the short path.
	short := func(a *assembler, r row) bool {
		slow := a.slowRows
		a.takeRows([]row{r}, r.line)
		return a.slowRows == slow
	}
	// visit returns an assembler that has taken a visit's first rows.
	visit := func() *assembler {
		a := newAssembler(Options{Name: "v"}.withDefaults(), nil, func(Visit, error) bool { return true })
		if short(a, plain(2)) {
			t.Fatal("the first row of a visit went the short path")
		}
		for line := 3; line < 6; line++ {
			if !short(a, plain(line)) {
				t.Fatalf("row %d of the visit did not go the short path", line)
			}
		}
		return a
	}
	if n := len(visit().cur.Moments); n != 4 {
		t.Errorf("visit has %d moments, want 4", n)
	}
	for _, change := range []func(*row){
		func(r *row) { r.purpose = []byte("b") },
		func(r *row) { r.remembered = 4 },
		func(r *row) { r.visit = []byte("v0000002") },
		func(r *row) { r.timeKind = 2 },
		func(r *row) { r.missing = true },
		func(r *row) { r.has |= 1 << colRecommend; r.recommend = 5 },
		func(r *row) { r.has |= 1 << colCustomer; r.who[0] = []byte("c") },
		func(r *row) { r.opens = true },
		func(r *row) { r.span = 2 },
		func(r *row) { r.bad = &ParseError{Line: r.line, Err: ErrConflict} },
		func(r *row) { r.fatal = ErrConflict },
		func(r *row) { r.detected = GB18030 },
	} {
		r := plain(6)
		change(&r)
		if short(visit(), r) {
			t.Errorf("a row that %+v went the short path", r)
		}
	}
}

// TestRecentPurposes holds visits to their rows' purposes when there are
// more purposes than recentPurpose keeps, so that each replaces another:
// every visit has the purpose its rows give, and a row that gives
// another one after the short path took its visit's rows conflicts.
func TestRecentPurposes(t *testing.T) {
	purposes := []string{"p0", "p1", "purpose-2", "p3", "p4", "p5", "p6"}
	var rows []row
	for k := range 40 {
		p := purposes[(k*k+k/3)%len(purposes)]
		for m := range 3 {
			rows = append(rows, row{line: len(rows) + 2, visit: fmt.Appendf(nil, "v%07d", k), purpose: []byte(p),
				has: 1 << colPurpose, remembered: NA, recommend: NA, timeKind: 1, record: []byte("x"),
				moment: Moment{T: float64(m), Rating: 3}})
		}
	}
	last := len(rows)
	rows = append(rows, rows[last-1])
	rows[last].line, rows[last].purpose = last+2, []byte("p0") // the last visit's purpose is not p0
	var got []string
	var failed error
	a := newAssembler(Options{Name: "v"}.withDefaults(), nil, func(v Visit, err error) bool {
		if err != nil {
			failed = err
			return false
		}
		got = append(got, v.ID+" "+v.Purpose)
		return true
	})
	if _, ok := a.takeRows(rows, math.MaxInt); ok {
		t.Fatal("a row with another purpose than its visit's was taken")
	}
	if failed == nil || !errors.Is(failed, ErrConflict) {
		t.Fatalf("error %v, want a conflict", failed)
	}
	for k, visit := range got {
		if want := fmt.Sprintf("v%07d %s", k, purposes[(k*k+k/3)%len(purposes)]); visit != want {
			t.Errorf("visit %d is %q, want %q", k, visit, want)
		}
	}
	if len(got) != 39 {
		t.Errorf("%d visits yielded before the conflict, want 39", len(got))
	}
}

// TestOpenSetsEveryField holds open, which sets the fields of the visit
// it makes one by one, to the visit a literal would make: a field added
// to Visit and not to open would keep the last visit's value.
func TestOpenSetsEveryField(t *testing.T) {
	a := newAssembler(Options{Name: "v"}.withDefaults(), nil, func(Visit, error) bool { return true })
	a.own = Visit{Moments: make([]Moment, 0, 8)}
	own := reflect.ValueOf(&a.own).Elem()
	for i := range own.NumField() { // every field set to something open must change
		switch f := own.Field(i); f.Kind() {
		case reflect.String:
			f.SetString("old")
		case reflect.Float64:
			f.SetFloat(7)
		case reflect.Int:
			f.SetInt(9)
		case reflect.Slice:
		default:
			t.Fatalf("Visit.%s is a %s, which this test does not set", own.Type().Field(i).Name, f.Kind())
		}
	}
	if perr := a.open([]byte("v2"), 5); perr != nil || a.cur != &a.own {
		t.Fatalf("open: %v, current visit %p", perr, a.cur)
	}
	got := a.own
	got.Moments = nil
	if want := (Visit{ID: "v2", Remembered: NA, Recommend: NA, Line: 5}); fmt.Sprintf("%#v", got) != fmt.Sprintf("%#v", want) { // NA is a NaN, which DeepEqual finds unequal
		t.Errorf("open made %+v, want %+v", got, want)
	}
	if len(a.own.Moments) != 0 {
		t.Errorf("open made a visit with %d moments", len(a.own.Moments))
	}
}
