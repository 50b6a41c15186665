package blueprint

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// similarIDs finds ids that people would read as one: equal once
// written in Unicode's composed form (NFC), as "café" typed on two
// keyboards, or once lower-cased. It keeps the first id of each folded
// form with its index.
type similarIDs map[string]similarID

type similarID struct {
	id    string
	index int
}

func newSimilarIDs() similarIDs { return similarIDs{} }

// add records id, the index-th of its kind, and returns the index of an
// earlier, different id it could be mistaken for, and whether the two
// differ in Unicode form (else they differ in case).
func (s similarIDs) add(id string, index int) (other int, unicodeForm, ok bool) {
	composed := norm.NFC.String(id)
	key := strings.ToLower(composed)
	first, ok := s[key]
	if !ok {
		s[key] = similarID{id, index}
		return 0, false, false
	}
	return first.index, norm.NFC.String(first.id) == composed, true
}
