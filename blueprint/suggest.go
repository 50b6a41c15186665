package blueprint

import "unicode/utf8"

// Suggestions are a courtesy: their cost is bounded so that a document
// full of unknown references is checked in time linear in its size.
const (
	suggestMaxRunes      = 64        // words longer than this get no suggestion
	suggestMaxCandidates = 2000      // nor words with more candidates than this
	suggestBudget        = 4_000_000 // edit-distance cells one document may compute
)

// A suggester finds likely typos, within a budget of work for the whole
// document.
type suggester struct {
	cells int // edit-distance cells left to compute
}

func newSuggester() suggester { return suggester{cells: suggestBudget} }

// suggest returns the candidate closest to word by edit distance, when
// it is close enough to be a likely typo, or "".
func (s *suggester) suggest(word string, candidates []string) string {
	n := utf8.RuneCountInString(word)
	if n > suggestMaxRunes || len(candidates) > suggestMaxCandidates || s.cells <= 0 {
		return ""
	}
	limit := min(max(n/3, 1), 3)
	a := []rune(word)
	best, bestDist := "", limit+1
	var rows distanceRows
	for _, c := range candidates {
		if s.cells <= 0 {
			break
		}
		d, cells := rows.distance(a, c, min(limit, bestDist))
		s.cells -= cells
		if d < bestDist || (d == bestDist && d <= limit && c < best) {
			best, bestDist = c, d
		}
	}
	if bestDist > limit {
		return ""
	}
	return best
}

// didYouMean returns " (did you mean X?)" for a close candidate, or "".
func (s *suggester) didYouMean(word string, candidates []string) string {
	if c := s.suggest(word, candidates); c != "" {
		return " (did you mean " + c + "?)"
	}
	return ""
}

// distanceRows holds the three rows the distance needs, reused from one
// candidate to the next.
type distanceRows struct{ prev2, prev, cur []int }

// distance is the optimal-string-alignment distance between a and b in
// runes (Levenshtein's, with a swap of two neighbours, as in nmae for
// name, counting as one edit), when it is at most limit; otherwise it
// returns limit+1 as soon as that is certain. It also returns how many
// cells it computed.
func (r *distanceRows) distance(a []rune, word string, limit int) (int, int) {
	b := []rune(word)
	if len(b) > suggestMaxRunes || abs(len(a)-len(b)) > limit {
		return limit + 1, 1
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
		if rowMin > limit {
			return limit + 1, cells // every later row is at least this far
		}
		r.prev2, r.prev, r.cur = r.prev, r.cur, r.prev2
	}
	return min(r.prev[len(b)], limit+1), cells
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
