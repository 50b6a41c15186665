package suggest

import (
	"strings"
	"testing"
)

func TestClosest(t *testing.T) {
	commands := []string{"cards", "compare", "export", "fit", "fmt", "leverage", "lint", "moments", "render", "score", "simulate", "version"}
	for _, tc := range []struct{ word, want string }{
		{"rendr", "render"}, // a letter dropped
		{"socre", "score"},  // two letters swapped: one edit
		{"lnt", "lint"},     // short word: one edit allowed
		{"fmr", "fmt"},
		{"frobnicate", ""},      // nothing close
		{"x", ""},               // one letter: fit, fmt are two edits away
		{"comapre", "compare"},  // swap
		{"simulat", "simulate"}, // a letter short
		{"levrage", "leverage"},
		{"", ""},
	} {
		if got := Closest(tc.word, commands); got != tc.want {
			t.Errorf("Closest(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
}

// Among candidates at one distance, the first alphabetically wins,
// whatever their order.
func TestClosestTie(t *testing.T) {
	if got := Closest("cat", []string{"cut", "bat"}); got != "bat" {
		t.Errorf("Closest(cat, [cut bat]) = %q, want bat", got)
	}
}

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b  string
		bound int
		want  int
	}{
		{"name", "nmae", 3, 1},
		{"kitten", "sitting", 3, 3},
		{"kitten", "sitting", 2, 3}, // beyond the bound: bound+1
		{"柜台", "柜臺", 3, 1},          // runes, not bytes
		{"", "abc", 5, 3},
		{"abc", "abcdefgh", 2, 3}, // length alone exceeds the bound
		{"same", "same", 0, 0},
	} {
		if got := Distance(tc.a, tc.b, tc.bound); got != tc.want {
			t.Errorf("Distance(%q, %q, %d) = %d, want %d", tc.a, tc.b, tc.bound, got, tc.want)
		}
	}
}

// The bounds hold: a word over MaxRunes or a list over MaxCandidates
// gets no suggestion, even when a candidate matches exactly.
func TestBounds(t *testing.T) {
	long := strings.Repeat("a", MaxRunes+1)
	if got := Closest(long, []string{long}); got != "" {
		t.Errorf("a %d-rune word got suggestion %q", MaxRunes+1, got)
	}
	many := make([]string, MaxCandidates+1)
	for i := range many {
		many[i] = "render"
	}
	if got := Closest("rendr", many); got != "" {
		t.Errorf("%d candidates gave suggestion %q", len(many), got)
	}
	if got := Closest("rendr", many[:MaxCandidates]); got != "render" {
		t.Errorf("%d candidates: %q, want render", MaxCandidates, got)
	}
}

func FuzzDistance(f *testing.F) {
	f.Add("kitten", "sitting", 2)
	f.Add("name", "nmae", 1)
	f.Fuzz(func(t *testing.T, a, b string, bound int) {
		if bound < 0 || bound > 100 || len(a) > 200 || len(b) > 200 {
			return
		}
		d := Distance(a, b, bound)
		full := Distance(a, b, 1000)
		if d > bound+1 || d <= bound && d != full || d == bound+1 && full <= bound {
			t.Fatalf("Distance(%q, %q, %d) = %d, unbounded %d", a, b, bound, d, full)
		}
		if Distance(b, a, 1000) != full {
			t.Fatalf("not symmetric: %q, %q", a, b)
		}
	})
}

// A budget is charged for every distance and, once spent, stops the
// suggestions: the work of many words together stays bounded.
func TestBudget(t *testing.T) {
	commands := []string{"render", "score"}
	if got := NewBudget(0).Closest("rendr", commands); got != "" {
		t.Errorf("an empty budget suggests %q", got)
	}
	b := NewBudget(1000)
	if got := b.Closest("rendr", commands); got != "render" {
		t.Errorf("Closest(rendr) within a budget = %q, want render", got)
	}
	if b.cells >= 1000 || b.cells <= 0 {
		t.Errorf("one suggestion left %d of 1000 cells", b.cells)
	}
	many := NewBudget(10_000)
	n := 0
	for many.Closest("rendr", commands) != "" {
		n++
		if n > 10_000 {
			t.Fatal("the budget never runs out")
		}
	}
	if many.cells > 0 || n == 0 {
		t.Errorf("%d suggestions, %d cells left", n, many.cells)
	}
}
