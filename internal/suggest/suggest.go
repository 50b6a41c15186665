// Package suggest finds the word a misspelled one was likely meant to
// be: the candidate closest by edit distance, when it is close enough to
// be a typo ("rendr" → "render").
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
	w := []rune(word)
	if len(w) > MaxRunes || len(candidates) > MaxCandidates {
		return ""
	}
	best, bound := "", min(max(len(w)/3, 1), 3)
	found := false
	for _, c := range candidates {
		if utf8.RuneCountInString(c) > MaxRunes+bound {
			continue
		}
		d := distance(w, []rune(c), bound)
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
	return distance([]rune(a), []rune(b), bound)
}

func distance(a, b []rune, bound int) int {
	if abs(len(a)-len(b)) > bound {
		return bound + 1
	}
	// prev2, prev and cur are rows i-2, i-1 and i of the usual matrix.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			cur[j] = d
			rowMin = min(rowMin, d)
		}
		if rowMin > bound { // every later row is at least this
			return bound + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], bound+1)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
