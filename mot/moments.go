package mot

import (
	"fmt"
	"strings"

	"github.com/peakend/peakend/blueprint"
)

// Kind is the kind of a moment of a journey.
type Kind int

const (
	Key  Kind = iota // has a card, but is neither a peak nor the end
	Peak             // a peak of the journey
	End              // the end of the journey
)

func (k Kind) String() string {
	switch k {
	case Peak:
		return "peak"
	case End:
		return "end"
	}
	return "key"
}

// A Moment is one moment of truth of a journey, with its card in a
// chosen language.
type Moment struct {
	Touchpoint string
	Name       string
	Step       int  // its index among the journey's steps
	Kind       Kind // Peak when it is both a peak and the end: see AlsoEnd
	AlsoEnd    bool
	Card       *Card // nil when it has no card
}

// A Card is a moment card in one language.
type Card struct {
	Touchpoint string
	Moment     string // the touchpoint's name
	Needs      []string
	Essentials []string
	Actions    []CardAction
	Owner      string // the role's name
	Reminders  []string
	Standards  []Standard
}

// A CardAction is an action and its behaviour tags.
type CardAction struct {
	Text string
	Tags []string
}

// A Standard is a blueprint.Standard as a card shows it: its name in one
// language and its one target resolved (Target, and Upper for a
// maximum). The name is the blueprint's on purpose: it is the same
// standard, read.
type Standard struct {
	Name     string
	Target   float64
	Upper    bool // the target is a maximum
	Unit     string
	Baseline *float64
}

// TargetText writes the target as "≤ 3 min", the unit as written.
func (s Standard) TargetText() string { return s.TargetIn("") }

// TargetIn writes the target with its unit in language lang: "≤ 3
// min", "≤ 3 分钟", "≥ 5 个渠道" (see blueprint.Quantity).
func (s Standard) TargetIn(lang string) string {
	op := "≥"
	if s.Upper {
		op = "≤"
	}
	return op + " " + blueprint.Quantity(s.Target, s.Unit, lang)
}

// BaselineIn writes the baseline with its unit in language lang, "–"
// when there is none.
func (s Standard) BaselineIn(lang string) string {
	if s.Baseline == nil {
		return "–"
	}
	return blueprint.Quantity(*s.Baseline, s.Unit, lang)
}

// String writes the standard as "name ≤ 3 min (today 3.5)".
func (s Standard) String() string {
	out := s.Name + " " + s.TargetText()
	if s.Baseline != nil {
		out += fmt.Sprintf(" (today %g)", *s.Baseline)
	}
	return out
}

// A Journey is a blueprint.Journey as its moments of truth: the visit
// purpose's name in one language and its peaks, end and key moments in
// order. The name is the blueprint's on purpose: it is the same
// journey, read for its moments.
type Journey struct {
	ID, Name string
	Moments  []Moment
}

// Journeys lists each journey's moments of truth in step order: its
// peaks, its end and the other steps that have a card, with the cards
// in language lang (falling back to the document's locale, then any).
func Journeys(b *blueprint.Blueprint, lang string) []Journey {
	var out []Journey
	for _, j := range b.Journeys {
		jm := Journey{ID: j.ID, Name: b.Text(j.Name, lang)}
		if jm.Name == "" {
			jm.Name = j.ID
		}
		peaks := map[string]bool{}
		for _, p := range j.Peaks {
			peaks[p] = true
		}
		end := j.EndStep()
		for i, step := range j.Steps {
			card := CardOf(b, step, lang)
			isEnd := step == end && i == len(j.Steps)-1
			if !peaks[step] && !isEnd && card == nil {
				continue
			}
			m := Moment{Touchpoint: step, Name: b.TouchpointName(step, lang), Step: i, Card: card}
			switch {
			case peaks[step]:
				m.Kind, m.AlsoEnd = Peak, isEnd
			case isEnd:
				m.Kind = End
			}
			jm.Moments = append(jm.Moments, m)
		}
		out = append(out, jm)
	}
	return out
}

// CardOf returns the card of touchpoint id in language lang, or nil.
func CardOf(b *blueprint.Blueprint, id, lang string) *Card {
	m, ok := b.Card(id)
	if !ok {
		return nil
	}
	texts := func(ts []blueprint.Text) []string {
		out := make([]string, 0, len(ts))
		for _, t := range ts {
			out = append(out, b.Text(t, lang))
		}
		return out
	}
	c := &Card{Touchpoint: id, Moment: b.TouchpointName(id, lang), Needs: texts(m.Needs),
		Essentials: texts(m.Essentials), Reminders: texts(m.Reminders), Owner: b.RoleName(m.Owner, lang)}
	for _, a := range m.Actions {
		c.Actions = append(c.Actions, CardAction{Text: b.Text(a.Text, lang), Tags: a.Tags})
	}
	for _, s := range m.Standards {
		target, upper, ok := s.Target()
		if !ok {
			continue
		}
		c.Standards = append(c.Standards, Standard{Name: b.Text(s.Name, lang), Target: target, Upper: upper, Unit: s.Unit, Baseline: s.Baseline})
	}
	return c
}

// The rules of Check, beyond blueprint.Rules.
const (
	RuleEndNotCustomer blueprint.Rule = "end-not-customer" // a journey ending on a step not in the customer lane
	RuleCardIncomplete blueprint.Rule = "card-incomplete"  // a peak or end card without a need, action, owner or standard
	RuleNoFollowUp     blueprint.Rule = "no-follow-up"     // (warning) a peak card with no action tagged follow-up
)

// Rules returns the rules of Check.
func Rules() []blueprint.Rule {
	return []blueprint.Rule{RuleEndNotCustomer, RuleCardIncomplete, RuleNoFollowUp}
}

// Check checks the method of the moments of truth, beyond what
// blueprint.Validate checks of the document: every journey ends on a
// customer-lane step; every peak and end has a card with at least one
// need, one action, an owner and one measurable standard; and, as a
// warning, a peak's card has an action tagged follow-up.
//
// The result is a list to show, which may hold warnings only: its Err
// is the error (nil when there are none); a non-empty list is not one.
func Check(b *blueprint.Blueprint) blueprint.Problems {
	var problems blueprint.Problems
	report := func(pos blueprint.Pos, sev blueprint.Severity, rule blueprint.Rule, format string, args ...any) {
		problems = append(problems, &blueprint.Problem{Pos: pos, Severity: sev, Rule: rule, Message: fmt.Sprintf(format, args...)})
	}
	checked := map[string]bool{}
	for _, j := range b.Journeys {
		end := j.EndStep()
		if t, ok := b.Touchpoint(end); ok && t.Lane != blueprint.Customer {
			report(j.Pos, blueprint.Error, RuleEndNotCustomer, "journey %s ends on %s, a %s step; a journey ends on something the customer does, such as leaving", j.ID, end, t.Lane)
		}
		for _, id := range append(append([]string{}, j.Peaks...), end) {
			if id == "" || checked[id] {
				continue
			}
			checked[id] = true
			m, ok := b.Card(id)
			if !ok {
				continue // blueprint warns of a missing card
			}
			var missing []string
			if len(m.Needs) == 0 {
				missing = append(missing, "a customer need")
			}
			if len(m.Actions) == 0 {
				missing = append(missing, "an action")
			}
			if m.Owner == "" {
				missing = append(missing, "an owner")
			}
			if !hasTarget(m.Standards) {
				missing = append(missing, "a measurable standard")
			}
			if len(missing) > 0 {
				report(m.Pos, blueprint.Error, RuleCardIncomplete, "the card of %s %s needs %s", kindOf(b, id), id, strings.Join(missing, ", "))
			}
			if isPeak(b, id) && len(m.Actions) > 0 && !hasTag(m.Actions, "follow-up") {
				report(m.Pos, blueprint.Warning, RuleNoFollowUp, "the card of peak %s has no action tagged follow-up", id)
			}
		}
	}
	return problems
}

func hasTarget(ss []blueprint.Standard) bool {
	for _, s := range ss {
		if _, _, ok := s.Target(); ok {
			return true
		}
	}
	return false
}

func hasTag(actions []blueprint.Action, tag string) bool {
	for _, a := range actions {
		if a.HasTag(tag) {
			return true
		}
	}
	return false
}

func isPeak(b *blueprint.Blueprint, id string) bool {
	for _, j := range b.Journeys {
		for _, p := range j.Peaks {
			if p == id {
				return true
			}
		}
	}
	return false
}

func kindOf(b *blueprint.Blueprint, id string) string {
	if isPeak(b, id) {
		return "peak"
	}
	return "end"
}
