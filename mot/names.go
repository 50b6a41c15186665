package mot

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/internal/suggest"
	"github.com/peakend/peakend/scoring"
)

// The errors of Names, to test with errors.Is.
var (
	// ErrAmbiguousName is a name that two journeys, or two touchpoints,
	// of the blueprint have: the file must give the id.
	ErrAmbiguousName = errors.New("a name of more than one")
	// ErrNearName is a text that is no id or name of the blueprint but
	// one edit or so from one: likely a typo.
	ErrNearName = errors.New("not a name of the blueprint")
)

// Names matches the purposes and touchpoints of visit files to a
// blueprint's journeys and touchpoints: by id, or by name in any of the
// blueprint's languages (in any case, spaces around trimmed). It is a
// scoring.Names, for scoring.Options.Names, and safe for concurrent use.
//
// A text that is no id or name is returned as it is, to be reported as
// unknown (see Report.UnknownPurpose), unless it is a near miss of one,
// which is an error of kind ErrNearName: "did you mean 柜台业务
// (counter)?".
type Names struct {
	purposes, touchpoints nameIndex
}

// NewNames returns the Names of blueprint b.
func NewNames(b *blueprint.Blueprint) *Names {
	n := &Names{purposes: nameIndex{kind: "journey", byName: map[string][]string{}}, touchpoints: nameIndex{kind: "touchpoint", byName: map[string][]string{}}}
	for _, j := range b.Journeys {
		n.purposes.add(j.ID, j.Name)
	}
	for _, t := range b.Touchpoints {
		n.touchpoints.add(t.ID, t.Name)
	}
	return n
}

var _ scoring.Names = (*Names)(nil)

// Purpose returns the journey id of a purpose given by id or name.
func (n *Names) Purpose(text string) (string, error) { return n.purposes.lookup(text) }

// Touchpoint returns the id of a touchpoint given by id or name.
func (n *Names) Touchpoint(text string) (string, error) { return n.touchpoints.lookup(text) }

// A nameIndex finds the ids of one kind of thing by id and by name.
type nameIndex struct {
	kind       string
	ids        map[string]bool
	byName     map[string][]string // by folded name: the ids that have it
	candidates []string            // ids and names, for suggestions
	nameOf     map[string]string   // a name, as written, by folded name
}

func fold(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func (x *nameIndex) add(id string, name blueprint.Text) {
	if x.ids == nil {
		x.ids, x.nameOf = map[string]bool{}, map[string]string{}
	}
	x.ids[id] = true
	x.candidates = append(x.candidates, id)
	for _, lang := range sortedKeys(name) {
		s := name[lang]
		f := fold(s)
		if f == "" || slices.Contains(x.byName[f], id) {
			continue
		}
		if len(x.byName[f]) == 0 {
			x.candidates = append(x.candidates, s)
			x.nameOf[f] = s
		}
		x.byName[f] = append(x.byName[f], id)
	}
}

func (x *nameIndex) lookup(text string) (string, error) {
	if x.ids[text] {
		return text, nil
	}
	ids := x.byName[fold(text)]
	switch {
	case len(ids) == 1:
		return ids[0], nil
	case len(ids) > 1:
		return "", fmt.Errorf("%w %s: %q is the name of the %ss %s; give the id", ErrAmbiguousName, x.kind, text, x.kind, strings.Join(ids, " and "))
	}
	if c := suggest.Closest(strings.TrimSpace(text), x.candidates); c != "" {
		return "", fmt.Errorf("%w: %q is no %s (did you mean %s?)", ErrNearName, text, x.kind, x.describe(c))
	}
	return text, nil
}

// describe is a candidate as a suggestion names it: a name with its id,
// 柜台业务 (counter), or an id.
func (x *nameIndex) describe(c string) string {
	if x.ids[c] {
		return c
	}
	return c + " (" + strings.Join(x.byName[fold(c)], ", ") + ")"
}
