package blueprint

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Validate checks the blueprint's meaning: ids, references, journeys,
// waits, scale and standards. It returns errors and warnings in the
// order found; Lint sorts them. Validate is for blueprints built in Go;
// Parse and Lint call it on documents.
//
// The result is a list to show, which may hold warnings only: its Err
// is the error (nil when there are none); a non-empty list is not one.
func (b *Blueprint) Validate() Problems {
	v := &validator{b: b, suggest: newSuggester()}
	v.version()
	v.scale()
	v.columns()
	roles := v.ids("role", len(b.Roles), func(i int) (string, Pos) { return b.Roles[i].ID, b.Roles[i].Pos })
	stages := v.ids("stage", len(b.Stages), func(i int) (string, Pos) { return b.Stages[i].ID, b.Stages[i].Pos })
	tps := v.ids("touchpoint", len(b.Touchpoints), func(i int) (string, Pos) { return b.Touchpoints[i].ID, b.Touchpoints[i].Pos })
	v.ids("journey", len(b.Journeys), func(i int) (string, Pos) { return b.Journeys[i].ID, b.Journeys[i].Pos })
	v.touchpoints(roles, stages, tps)
	v.journeys(stages, tps)
	v.cards(roles, tps)
	v.coverage()
	if b.refs == nil { // built in Go: a document's characters were checked as it was decoded
		v.characters()
	}
	return v.problems
}

type validator struct {
	b        *Blueprint
	problems Problems
	suggest  suggester
}

func (v *validator) report(pos Pos, sev Severity, rule Rule, format string, args ...any) {
	v.problems = append(v.problems, &Problem{Pos: pos, Severity: sev, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

func (v *validator) version() {
	switch {
	case v.b.Version == 0:
		v.report(v.b.Pos, Error, RuleVersion, "missing format version; start the document with \"peakend: %d\"", Version)
	case v.b.Version != Version:
		v.report(v.b.at("peakend", v.b.Pos), Error, RuleVersion, "unsupported format version %d; this peakend reads version %d", v.b.Version, Version)
	}
}

func (v *validator) scale() {
	s := v.b.Scale
	if s.Min >= s.Max {
		v.report(s.Pos, Error, RuleScaleRange, "scale: min %g must be below max %g", s.Min, s.Max)
		return
	}
	if n := s.NeutralValue(); n < s.Min || n > s.Max {
		v.report(s.Pos, Error, RuleScaleRange, "scale: neutral %g is outside %g..%g", n, s.Min, s.Max)
	}
}

// columns checks the names the document gives the columns: each key
// must be a column of visit data, and no name (as headers match, in any
// case, spaces around trimmed) may name two columns, nor be the English
// name of a column it is not given to.
func (v *validator) columns() {
	type first struct {
		column  string
		pos     Pos
		english bool // the column's own English name
	}
	seen := map[string]first{}
	for _, c := range columnNames {
		seen[c] = first{column: c, english: true}
	}
	for _, c := range v.b.Columns {
		if !slices.Contains(columnNames, c.Column) {
			v.report(c.Pos, Error, RuleUnknownColumn, "columns: unknown column %s; the columns are %s%s",
				quote(c.Column), strings.Join(columnNames, ", "), v.suggest.didYouMean(c.Column, columnNames))
			continue
		}
		for i, name := range c.Names {
			key := ColumnKey(name)
			if key == "" {
				continue // reported as it was decoded
			}
			at := v.b.at(fmt.Sprintf("columns.%s.%d", c.Column, i), c.Pos)
			f, dup := seen[key]
			switch {
			case !dup:
				seen[key] = first{column: c.Column, pos: at}
			case f.column == c.Column:
				// a name given twice to one column means it once
			case f.english:
				v.report(at, Error, RuleDuplicateColumn, "columns.%s: %s is the English name of the column %s; a header cell has one meaning", c.Column, quote(name), f.column)
			default:
				v.report(at, Error, RuleDuplicateColumn, "columns.%s: %s is already a name of the column %s (%v); a header cell has one meaning", c.Column, quote(name), f.column, f.pos)
			}
		}
	}
}

// An idSet is the good ids of one kind of element.
type idSet struct {
	index map[string]int // the element's index, by id
	names []string       // the ids, for suggestions; made when first needed
}

func (s *idSet) has(id string) bool {
	_, ok := s.index[id]
	return ok
}

func (s *idSet) candidates() []string {
	if s.names == nil {
		s.names = make([]string, 0, len(s.index))
		for id := range s.index {
			s.names = append(s.names, id)
		}
	}
	return s.names
}

// ids checks the ids of one kind of element and returns the good ones.
func (v *validator) ids(kind string, n int, at func(int) (string, Pos)) *idSet {
	set := &idSet{index: make(map[string]int, n)}
	similar := newSimilarIDs()
	for i := range n {
		id, pos := at(i)
		switch {
		case strings.TrimSpace(id) == "":
			v.report(pos, Error, RuleMissingID, "%s has no id", kind)
			continue
		case strings.IndexFunc(id, unicode.IsSpace) >= 0:
			v.report(pos, Error, RuleBadID, "%s id %s contains white space; use - or _ between words", kind, quote(id))
		}
		if first, dup := set.index[id]; dup {
			_, firstPos := at(first)
			v.report(pos, Error, RuleDuplicateID, "duplicate %s id %s (first at line %d)", kind, quote(id), firstPos.Line)
			continue
		}
		if other, unicodeForm, ok := similar.add(id, i); ok {
			otherID, otherPos := at(other)
			if unicodeForm { // they look the same: show the code points
				v.report(pos, Warning, RuleSimilarID, "%s ids %s and %s (line %d) are one name in two Unicode forms (NFC and NFD); references could mean either",
					kind, strconv.QuoteToASCII(excerpt(id)), strconv.QuoteToASCII(excerpt(otherID)), otherPos.Line)
			} else {
				v.report(pos, Warning, RuleSimilarID, "%s ids %s and %s (line %d) differ only in case; references could mean either", kind, quote(id), quote(otherID), otherPos.Line)
			}
		}
		set.index[id] = i
	}
	return set
}

// ref reports id, written at path, when it is not among known.
func (v *validator) ref(kind, id string, known *idSet, path string, fallback Pos) bool {
	if known.has(id) {
		return true
	}
	v.report(v.b.at(path, fallback), Error, RuleUnknownRef, "unknown %s %s%s", kind, quote(id), v.suggest.didYouMean(id, known.candidates()))
	return false
}

func (v *validator) touchpoints(roles, stages, tps *idSet) {
	for i, t := range v.b.Touchpoints {
		path := fmt.Sprintf("touchpoints.%d", i)
		if t.Stage == "" {
			v.report(t.Pos, Error, RuleMissingField, "touchpoint %s has no stage", t.ID)
		} else {
			v.ref("stage", t.Stage, stages, path+".stage", t.Pos)
		}
		if t.Owner != "" {
			v.ref("role", t.Owner, roles, path+".owner", t.Pos)
		}
		for k, next := range t.Next {
			at := fmt.Sprintf("%s.next.%d", path, k)
			if next == t.ID {
				v.report(v.b.at(at, t.Pos), Error, RuleSelfLoop, "touchpoint %s flows to itself", t.ID)
				continue
			}
			v.ref("touchpoint", next, tps, at, t.Pos)
		}
		if w := t.Wait; w != nil && w.Tolerance > 0 && w.Standard > w.Tolerance {
			v.report(w.Pos, Error, RuleWaitOrder, "touchpoint %s: wait standard %s is above its tolerance %s", t.ID, FormatDuration(w.Standard), FormatDuration(w.Tolerance))
		}
	}
}

func (v *validator) journeys(stages, tps *idSet) {
	for i, j := range v.b.Journeys {
		path := fmt.Sprintf("journeys.%d", i)
		if len(j.Steps) == 0 {
			v.report(j.Pos, Error, RuleEmptyJourney, "journey %s has no steps", j.ID)
		}
		inSteps := map[string]bool{}
		for k, step := range j.Steps {
			if v.ref("touchpoint", step, tps, fmt.Sprintf("%s.steps.%d", path, k), j.Pos) {
				inSteps[step] = true
			}
		}
		for k, peak := range j.Peaks {
			at := fmt.Sprintf("%s.peaks.%d", path, k)
			if v.ref("touchpoint", peak, tps, at, j.Pos) && !inSteps[peak] {
				v.report(v.b.at(at, j.Pos), Error, RulePeakNotInSteps, "journey %s: peak %s is not one of its steps", j.ID, peak)
			}
		}
		// An end equal to the last step was checked as that step.
		if last := len(j.Steps) - 1; j.End != "" && (last < 0 || j.End != j.Steps[last]) &&
			v.ref("touchpoint", j.End, tps, path+".end", j.Pos) && last >= 0 {
			v.report(v.b.at(path+".end", j.Pos), Error, RuleEndNotLast, "journey %s: end %s is not its last step %s", j.ID, j.End, j.Steps[len(j.Steps)-1])
		}
		if len(j.Steps) > 0 && len(j.Peaks) == 0 {
			v.report(j.Pos, Warning, RuleNoPeak, "journey %s marks no peak", j.ID)
		}
		v.backwards(i, j, stages)
	}
}

// backwards warns when a journey steps from a stage to an earlier one:
// stages are columns in time order, so the journey or the columns are
// probably out of order.
func (v *validator) backwards(i int, j Journey, stages *idSet) {
	last, lastStage := -1, ""
	for k, step := range j.Steps {
		t, ok := v.b.Touchpoint(step)
		if !ok {
			continue
		}
		col, ok := stages.index[t.Stage]
		if !ok {
			continue
		}
		if col < last {
			v.report(v.b.at(fmt.Sprintf("journeys.%d.steps.%d", i, k), j.Pos), Warning, RuleStageBackwards,
				"journey %s goes back from stage %s to the earlier stage %s at step %s", j.ID, lastStage, t.Stage, step)
		}
		last, lastStage = col, t.Stage
	}
}

func (v *validator) cards(roles, tps *idSet) {
	for _, m := range v.b.Cards {
		v.ref("touchpoint", m.Touchpoint, tps, "", m.Pos)
		if m.Owner != "" {
			v.ref("role", m.Owner, roles, "moments."+m.Touchpoint+".owner", m.Pos)
		}
		for i, a := range m.Actions {
			for k, tag := range a.Tags {
				if !slices.Contains(behaviourTags, tag) {
					v.report(v.b.at(fmt.Sprintf("moments.%s.actions.%d.tags.%d", m.Touchpoint, i, k), m.Pos), Error, RuleUnknownTag,
						"unknown behaviour tag %s; tags are %s%s", quote(tag), strings.Join(behaviourTags, ", "), v.suggest.didYouMean(tag, behaviourTags))
				}
			}
		}
		for _, s := range m.Standards {
			switch {
			case s.Max == nil && s.Min == nil:
				v.report(s.Pos, Error, RuleStandardTarget, "standard %s has no target; give it max or min", v.b.Text(s.Name, ""))
			case s.Max != nil && s.Min != nil:
				v.report(s.Pos, Error, RuleStandardTarget, "standard %s has both max and min; a standard has one target", v.b.Text(s.Name, ""))
			}
		}
	}
}

// coverage finds what the blueprint declares but never uses.
func (v *validator) coverage() {
	b := v.b
	inJourney := map[string]bool{}
	for _, j := range b.Journeys {
		for _, s := range j.Steps {
			inJourney[s] = true
		}
		marked := map[string]bool{}
		for _, id := range append(append([]string{}, j.Peaks...), j.EndStep()) {
			if marked[id] {
				continue
			}
			marked[id] = true
			if _, ok := b.Card(id); !ok && id != "" {
				if _, known := b.Touchpoint(id); known {
					v.report(j.Pos, Warning, RuleCardMissing, "journey %s: %s %s has no moment card", j.ID, peakOrEnd(j, id), id)
				}
			}
		}
	}
	used := map[string]bool{}
	for _, t := range b.Touchpoints {
		used[t.Stage] = true
		if t.Lane == Customer && !inJourney[t.ID] && t.ID != "" {
			v.report(t.Pos, Warning, RuleUnusedCustomer, "customer touchpoint %s is in no journey", t.ID)
		}
	}
	for _, s := range b.Stages {
		if !used[s.ID] && s.ID != "" {
			v.report(s.Pos, Warning, RuleEmptyStage, "stage %s has no touchpoint", s.ID)
		}
	}
}

func peakOrEnd(j Journey, id string) string {
	for _, p := range j.Peaks {
		if p == id {
			return "peak"
		}
	}
	return "end"
}

// characters refuses, in a blueprint built in Go, any text or id with a
// character XML 1.0 forbids, as the decoder does for a document.
func (v *validator) characters() {
	b := v.b
	check := func(pos Pos, what string, texts ...Text) {
		for _, t := range texts {
			for lang, s := range t {
				for _, x := range []string{lang, s} {
					if r, at, ok := forbiddenChar(x); ok {
						v.report(pos, Error, RuleControlCharacter, "%s: the character %U (at byte %d of the text) is not allowed in a blueprint; remove it", what, r, at)
						return
					}
				}
			}
		}
	}
	id := func(s string) Text { return Text{"": s} }
	check(b.Pos, "name", b.Name)
	for _, r := range b.Roles {
		check(r.Pos, "role "+excerpt(r.ID), id(r.ID), r.Name)
	}
	for _, s := range b.Stages {
		check(s.Pos, "stage "+excerpt(s.ID), id(s.ID), s.Name)
	}
	for _, t := range b.Touchpoints {
		check(t.Pos, "touchpoint "+excerpt(t.ID), id(t.ID), id(t.Stage), id(t.Owner), t.Name, t.Fail)
	}
	for _, j := range b.Journeys {
		check(j.Pos, "journey "+excerpt(j.ID), id(j.ID), j.Name)
	}
	for _, c := range b.Cards {
		texts := append(append(append([]Text{id(c.Touchpoint), id(c.Owner)}, c.Needs...), c.Essentials...), c.Reminders...)
		for _, a := range c.Actions {
			texts = append(texts, a.Text)
		}
		for _, s := range c.Standards {
			texts = append(texts, s.Name, id(s.Unit))
		}
		check(c.Pos, "card "+excerpt(c.Touchpoint), texts...)
	}
}
