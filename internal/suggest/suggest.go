// Package suggest finds the word a misspelled one was likely meant to
// be: the candidate closest by edit distance, when it is close enough to
// be a typo ("rendr" → "render"). A Budget bounds the work of many
// suggestions together.
//
// Its cost is bounded whatever the input: words longer than MaxRunes
// and lists longer than MaxCandidates get no suggestion, and each
// distance is computed in three rows and stops as soon as it exceeds the
// best found so far, so one suggestion costs at most
// MaxCandidates × MaxRunes × (MaxRunes + 3) steps.
package suggest

import "unicode/utf8"

const (
	// MaxRunes is the longest word, in runes, that gets a suggestion.
	MaxRunes = 64
	// MaxCandidates is the longest list of candidates searched.
	MaxCandidates = 10_000
)

// Closest returns the candidate nearest to word by Distance when it is
// within a third of word's length (at least 1 edit, at most 3), the
// alphabetically first among equals; else "".
func Closest(word string, candidates []string) string {
	return closest(word, candidates, nil)
}

// A Budget bounds the work of many suggestions together, such as every
// unknown reference of one document: each distance computed charges it
// the cells of the edit-distance rows it filled, and once it is spent
// no more suggestions are made. So a document full of unknown words is
// checked in time linear in its size. A Budget is not safe for
// concurrent use.
type Budget struct{ cells int }

// NewBudget returns a budget of the given number of cells.
func NewBudget(cells int) *Budget { return &Budget{cells: cells} }

// Closest is the package's Closest, charged to the budget; with the
// budget spent midway it returns the best candidate found so far, and
// with it spent before, "".
func (b *Budget) Closest(word string, candidates []string) string {
	return closest(word, candidates, b)
}

func closest(word string, candidates []string, budget *Budget) string {
	w := []rune(word)
	if len(w) > MaxRunes || len(candidates) > MaxCandidates {
		return ""
	}
	best, bound := "", min(max(len(w)/3, 1), 3)
	found := false
	var rows rows
	for _, c := range candidates {
		if budget != nil && budget.cells <= 0 {
			break
		}
		if utf8.RuneCountInString(c) > MaxRunes+bound {
			continue
		}
		d, cells := rows.distance(w, []rune(c), bound)
		if budget != nil {
			budget.cells -= cells
		}
		if d < bound || d == bound && (!found || c < best) {
			best, bound, found = c, d, true
		}
	}
	return best
}

// Distance is the optimal-string-alignment distance between a and b in
// runes (Levenshtein's, with a swap of two neighbours, "nmae" for
// "name", counting as one edit, the commonest typo) when it is at most
// bound, else bound+1.
func Distance(a, b string, bound int) int {
	var r rows
	d, _ := r.distance([]rune(a), []rune(b), bound)
	return d
}

// rows are rows i-2, i-1 and i of the usual matrix, reused from one
// candidate to the next.
type rows struct{ prev2, prev, cur []int }

// distance returns Distance and the number of cells it filled.
func (r *rows) distance(a, b []rune, bound int) (int, int) {
	if abs(len(a)-len(b)) > bound {
		return bound + 1, 1
	}
	width := len(b) + 1
	r.prev2, r.prev, r.cur = resize(r.prev2, width), resize(r.prev, width), resize(r.cur, width)
	for j := range r.prev {
		r.prev[j] = j
	}
	cells := width
	for i := 1; i <= len(a); i++ {
		r.cur[0] = i
		rowMin := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(r.prev[j]+1, r.cur[j-1]+1, r.prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, r.prev2[j-2]+1)
			}
			r.cur[j] = d
			rowMin = min(rowMin, d)
		}
		cells += width
		if rowMin > bound { // every later row is at least this
			return bound + 1, cells
		}
		r.prev2, r.prev, r.cur = r.prev, r.cur, r.prev2
	}
	return min(r.prev[len(b)], bound+1), cells
}

func resize(s []int, n int) []int {
	if cap(s) < n {
		return make([]int, n)
	}
	return s[:n]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
