package blueprint

import "github.com/peakend/peakend/internal/suggest"

// Suggestions are a courtesy: their cost is bounded so that a document
// full of unknown references is checked in time linear in its size.
// Beyond internal/suggest's own bounds (suggest.MaxRunes and
// suggest.MaxCandidates), a document's suggestions share one budget.
const (
	suggestMaxCandidates = 2000      // words with more candidates than this get no suggestion
	suggestBudget        = 4_000_000 // edit-distance cells one document may compute
)

// A suggester finds likely typos, within a budget of work for the whole
// document.
type suggester struct{ budget *suggest.Budget }

func newSuggester() suggester { return suggester{suggest.NewBudget(suggestBudget)} }

// suggest returns the candidate closest to word by edit distance, when
// it is close enough to be a likely typo, or "".
func (s *suggester) suggest(word string, candidates []string) string {
	if len(candidates) > suggestMaxCandidates {
		return ""
	}
	return s.budget.Closest(word, candidates)
}

// didYouMean returns " (did you mean X?)" for a close candidate, or "";
// for a word that holds a full-width comma or colon, what that is.
func (s *suggester) didYouMean(word string, candidates []string) string {
	if hint := fullWidthInID(word); hint != "" {
		return hint
	}
	if c := s.suggest(word, candidates); c != "" {
		return " (did you mean " + c + "?)"
	}
	return ""
}
