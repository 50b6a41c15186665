package scoring

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// withHash makes every id set of the test use hash.
func withHash(t *testing.T, hash func([]byte) uint64) {
	testHash = hash
	t.Cleanup(func() { testHash = nil })
}

// onlyReader hides every method of a reader but Read, as a pipe would.
type onlyReader struct{ io.Reader }

// reappearing reads src with Reject and returns the lines rejected as
// reappearing visits, each with its message's first line.
func reappearing(t *testing.T, src string, format Format, stream bool) []string {
	t.Helper()
	var r io.Reader = strings.NewReader(src)
	if stream {
		r = onlyReader{r}
	}
	var got []string
	opt := Options{Name: "v", Format: format, TempDir: t.TempDir(), Reject: func(e *ParseError) {
		if errors.Is(e, ErrReappears) {
			got = append(got, fmt.Sprintf("%d %s", e.Line, e.Err))
		} else {
			t.Errorf("unexpected %v", e)
		}
	}}
	for _, err := range Read(r, opt) {
		if err != nil {
			t.Fatal(err)
		}
	}
	return got
}

// wantReappearing is what reappearing must find, from an exact map.
func wantReappearing(ids []string, format Format, firstLine int) []string {
	first := map[string]int{}
	var want []string
	cur := "" // the visit being read: a rejected row leaves it open
	for i, id := range ids {
		line := firstLine + i
		if id == cur && format == CSV {
			continue // the same visit
		}
		if f, ok := first[id]; ok {
			e := (&assembler{opt: Options{Format: format}}).reappears(f)
			want = append(want, fmt.Sprintf("%d %s", line, e))
			continue
		}
		first[id], cur = line, id
	}
	return want
}

// When every fingerprint collides, only exact ids decide: no visit is
// taken for another, each one that reappears is found with its first
// line, in order and out of order, on inputs that seek and on streams.
func TestIDSetConfirmsEveryCandidate(t *testing.T) {
	for name, hash := range map[string]func([]byte) uint64{
		"one hash":  func([]byte) uint64 { return 42 },
		"by length": func(b []byte) uint64 { return uint64(len(b)) * 0x9e3779b97f4a7c15 },
	} {
		withHash(t, hash)
		rng := rand.New(rand.NewPCG(1, 2))
		for trial := range 40 {
			n := 1 + rng.IntN(60)
			ids := make([]string, n)
			for i := range ids {
				switch {
				case trial%4 == 0:
					ids[i] = fmt.Sprintf("v%03d", i) // in order
				case i > 0 && rng.IntN(5) == 0:
					ids[i] = ids[rng.IntN(i)] // reappears, or the same visit
				default:
					ids[i] = fmt.Sprintf("v%d", rng.IntN(1000))
				}
			}
			for _, format := range []Format{CSV, JSONL} {
				var b strings.Builder
				first := 1
				if format == CSV {
					b.WriteString("visit,rating\n")
					first = 2
				}
				for _, id := range ids {
					if format == CSV {
						fmt.Fprintf(&b, "%s,3\n", id)
					} else {
						fmt.Fprintf(&b, `{"visit":%q,"moments":[{"rating":3}]}`+"\n", id)
					}
				}
				want := wantReappearing(ids, format, first)
				for _, stream := range []bool{false, true} {
					got := reappearing(t, b.String(), format, stream)
					if diff := cmp.Diff(want, got); diff != "" {
						t.Fatalf("%s, trial %d, format %d, stream %v: ids %q (-want +got):\n%s", name, trial, format, stream, ids, diff)
					}
				}
			}
		}
	}
}

// Confirming reappearing visits re-reads the input within a budget of
// bytes: an input where thousands of visits reappear ends with
// ErrConfirmBudget instead of reading its prefix thousands of times.
func TestConfirmBudget(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("visit,purpose,rating\n")
	pad := strings.Repeat("p", 200)
	for range 2 {
		for i := range 5000 {
			fmt.Fprintf(&b, "v%05d,%s,3\n", i, pad)
		}
	}
	rejected := 0
	opt := Options{Reject: func(*ParseError) { rejected++ }}
	var err error
	for _, err = range Read(bytes.NewReader(b.Bytes()), opt) {
		if err != nil {
			break
		}
	}
	if !errors.Is(err, ErrConfirmBudget) {
		t.Fatalf("want ErrConfirmBudget, got %v", err)
	}
	// Confirming visit k reads its k rows of 215 bytes again, so the
	// budget of 64 MiB and four times the input (2.15 MB) allows about
	// k = √(2·72.7 MB / 215 B) ≈ 820 of the 5000.
	if rejected < 500 || rejected > 900 {
		t.Errorf("%d reappearing rows confirmed before the budget ran out", rejected)
	}
}

// A stream is copied while it is read: its first MiB in memory, the
// rest to a temporary file, which is removed at the end, also when the
// loop stops early.
func TestSpillRemoved(t *testing.T) {
	dir := t.TempDir()
	var big strings.Builder
	big.WriteString("visit,rating\n")
	for i := 0; big.Len() < 3*spillInMemory; i++ {
		fmt.Fprintf(&big, "v%d,3\n", i) // out of byte order from v10 on
	}
	for _, tt := range []struct {
		src        string
		stop, file bool
	}{{"visit,rating\nb,3\na,4\nc,5\n", false, false}, {big.String(), false, true}, {big.String(), true, true}} {
		sawFile := false
		for _, err := range Read(onlyReader{strings.NewReader(tt.src)}, Options{TempDir: dir}) {
			if err != nil {
				t.Fatal(err)
			}
			if left, _ := os.ReadDir(dir); len(left) > 0 {
				sawFile = true
				if tt.stop {
					break
				}
			}
		}
		if sawFile != tt.file {
			t.Errorf("%d bytes: a file in TempDir: %v, want %v", len(tt.src), sawFile, tt.file)
		}
		if left, _ := os.ReadDir(dir); len(left) != 0 {
			t.Errorf("stop %v: %d files left in TempDir", tt.stop, len(left))
		}
	}
	_, err := ReadAll(onlyReader{strings.NewReader(big.String())}, Options{TempDir: "/nonexistent/dir"})
	if err == nil || !strings.Contains(err.Error(), "a copy of the input to check visit ids") {
		t.Errorf("no TempDir: got %v", err)
	}
}

// Ids in increasing order are decided by the last id alone, without a
// table; the first id out of order ends that.
func TestIDSetInOrder(t *testing.T) {
	s := newIDSet()
	for _, id := range []string{"a", "b", "ba", "c"} {
		if !s.inOrder([]byte(id)) {
			t.Fatalf("%s after %s: not in order", id, s.last)
		}
	}
	if s.table != nil || string(s.last) != "c" {
		t.Fatalf("a table (%v) or last %q after ids in order", s.table != nil, s.last)
	}
	for _, id := range []string{"c", "d"} { // equal is not greater; and then never again
		if s.inOrder([]byte(id)) {
			t.Errorf("%s taken as in order", id)
		}
	}
}
