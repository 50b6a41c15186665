package blueprint

import (
	"slices"
	"sort"
	"time"
)

// Version is the format version this package reads and writes.
const Version = 1

// A Blueprint is one service blueprint document.
//
// Slices keep the order of the document. Every element carries the
// position of its first key so that later checks (this package's
// validation, the mot package's method checks) can report where a
// problem is.
type Blueprint struct {
	Version int
	// Extends names the blueprints this one is an overlay of, as paths
	// relative to its own file. An overlay is partial: it is validated
	// once merged with its bases (package mot), not alone.
	Extends []string
	Name    Text
	Locale  string // default language for text; may be empty
	Scale   Scale
	// Columns are the names the hall's visit files give the columns,
	// by column, in the document's order (see Column); nil when the
	// document declares none.
	Columns     []Column
	Roles       []Role
	Stages      []Stage
	Touchpoints []Touchpoint
	Journeys    []Journey
	Cards       []Card // moment cards, under the key moments, by touchpoint

	Pos Pos // position of the document itself (line 1)

	// refs holds where each reference was written, keyed by a path such
	// as "journeys.2.steps.3", so that a bad reference is reported at
	// its own position rather than at its element's.
	refs map[string]Pos
}

// PosOf returns where the field at path was written, and whether it was:
// paths name fields as "touchpoints.2.lane", "journeys.0.steps.3",
// "journeys.1.end", "moments.leave.owner", "columns.rating.0" or
// "extends.0". It lets tools
// point at a reference, and tell a field left out from one set to its
// zero value.
func (b *Blueprint) PosOf(path string) (Pos, bool) {
	p, ok := b.refs[path]
	return p, ok
}

// at returns the position recorded for path, else fallback.
func (b *Blueprint) at(path string, fallback Pos) Pos {
	if p, ok := b.refs[path]; ok {
		return p
	}
	return fallback
}

// Scale is the rating scale of the visit data recorded against the
// blueprint, as the document declares it (Neutral may be left out).
// scoring.Scale is the same scale as computations take it, Neutral
// resolved; mot.ScoringScale converts one into the other (scoring
// imports no blueprint).
type Scale struct {
	Min, Max float64
	// Neutral is the rating that is neither good nor bad. Nil means the
	// midpoint; use NeutralValue.
	Neutral *float64
	// HigherIsWorse is set for pain-like scales, where a higher rating
	// is a worse experience.
	HigherIsWorse bool
	Pos           Pos
}

// DefaultScale is the scale of a document that declares none.
var DefaultScale = Scale{Min: 1, Max: 5}

// NeutralValue returns the neutral rating: the one declared, else the
// midpoint of the scale.
func (s Scale) NeutralValue() float64 {
	if s.Neutral != nil {
		return *s.Neutral
	}
	return (s.Min + s.Max) / 2
}

// A Role is a person or team who owns touchpoints and moments.
type Role struct {
	ID   string
	Name Text
	Pos  Pos
}

// A Stage is a column of the blueprint: one step along time.
type Stage struct {
	ID   string
	Name Text
	Pos  Pos
}

// A Touchpoint is one cell entry of the blueprint: an action or a piece
// of evidence at a stage, in a lane.
type Touchpoint struct {
	ID    string
	Stage string // a stage id
	Lane  Lane
	Name  Text
	Owner string   // a role id; may be empty
	Next  []string // flow arrows to other touchpoints
	Fail  Text     // a fail point when not empty (Shostack)
	Wait  *Wait    // a wait point when not nil
	Pos   Pos
}

// Wait is a wait point: how long a customer waits here as a rule
// (Standard) and at the most before the wait harms the experience
// (Tolerance).
type Wait struct {
	Standard  time.Duration
	Tolerance time.Duration
	Pos       Pos
}

// A Journey is one visit purpose: the touchpoints a customer passes, in
// order, with the peak moments and the end of that purpose.
type Journey struct {
	ID    string
	Name  Text
	Steps []string // touchpoint ids, in order
	Peaks []string // touchpoint ids among Steps
	// End is the touchpoint id of the journey's end. A decoded journey
	// with steps always has one: the end as written, else its last
	// step. A journey built in Go may leave it empty; EndStep gives the
	// end of either.
	End string
	Pos Pos
}

// EndStep returns the journey's end: the declared end, else its last
// step, else "".
func (j Journey) EndStep() string {
	if j.End != "" {
		return j.End
	}
	if len(j.Steps) == 0 {
		return ""
	}
	return j.Steps[len(j.Steps)-1]
}

// A Card is the card of a moment of truth, in the columns of the
// service-hall study: core needs, service essentials, detailed actions,
// the role responsible, and reminders for implementation, with the
// measurable standards the hall hangs on its wall.
type Card struct {
	Touchpoint string // the touchpoint id the card belongs to
	Needs      []Text
	Essentials []Text
	Actions    []Action
	Reminders  []Text
	Owner      string // a role id
	Standards  []Standard
	Pos        Pos
}

// An Action is a detailed action of a moment card, optionally tagged
// with the behaviour patterns it serves (BehaviourTags).
type Action struct {
	Text Text
	Tags []string
}

// BehaviourTags returns the five behaviour patterns at a moment of
// truth (seed 004), in their order: set the tone, diagnose, solve,
// summarise, follow up. Each call returns a new slice, so a caller
// cannot change what validation accepts.
func BehaviourTags() []string { return slices.Clone(behaviourTags) }

var behaviourTags = []string{"tone", "diagnose", "solve", "summarise", "follow-up"}

// HasTag reports whether the action is tagged with tag.
func (a Action) HasTag(tag string) bool {
	for _, t := range a.Tags {
		if t == tag {
			return true
		}
	}
	return false
}

// A Standard is a measurable target of a moment card, such as "coaching
// takes at most 3 minutes". Exactly one of Max and Min is set.
type Standard struct {
	Name     Text
	Max, Min *float64
	Unit     string
	Baseline *float64 // the value measured today, if known
	Pos      Pos
}

// Target returns the standard's target and whether it is an upper bound
// (max) rather than a lower one (min). ok is false when the standard has
// no target.
func (s Standard) Target() (value float64, upper bool, ok bool) {
	switch {
	case s.Max != nil:
		return *s.Max, true, true
	case s.Min != nil:
		return *s.Min, false, true
	}
	return 0, false, false
}

// Gap returns how far the baseline is from the target in the direction
// that matters: positive when the baseline misses the target, zero or
// negative when it meets it. ok is false without a baseline or target.
func (s Standard) Gap() (gap float64, ok bool) {
	target, upper, ok := s.Target()
	if !ok || s.Baseline == nil {
		return 0, false
	}
	if upper {
		return *s.Baseline - target, true
	}
	return target - *s.Baseline, true
}

// Touchpoint returns the touchpoint with the given id.
func (b *Blueprint) Touchpoint(id string) (*Touchpoint, bool) {
	for i := range b.Touchpoints {
		if b.Touchpoints[i].ID == id {
			return &b.Touchpoints[i], true
		}
	}
	return nil, false
}

// Card returns the moment card of the given touchpoint id.
func (b *Blueprint) Card(touchpoint string) (*Card, bool) {
	for i := range b.Cards {
		if b.Cards[i].Touchpoint == touchpoint {
			return &b.Cards[i], true
		}
	}
	return nil, false
}

// Journey returns the journey with the given id.
func (b *Blueprint) Journey(id string) (*Journey, bool) {
	for i := range b.Journeys {
		if b.Journeys[i].ID == id {
			return &b.Journeys[i], true
		}
	}
	return nil, false
}

// Languages returns the language tags used by any text of the document,
// sorted, with the locale first when it is set.
func (b *Blueprint) Languages() []string {
	seen := map[string]bool{}
	add := func(t Text) {
		for lang := range t {
			if lang != "" {
				seen[lang] = true
			}
		}
	}
	add(b.Name)
	for _, r := range b.Roles {
		add(r.Name)
	}
	for _, s := range b.Stages {
		add(s.Name)
	}
	for _, t := range b.Touchpoints {
		add(t.Name)
		add(t.Fail)
	}
	for _, j := range b.Journeys {
		add(j.Name)
	}
	for _, m := range b.Cards {
		for _, list := range [][]Text{m.Needs, m.Essentials, m.Reminders} {
			for _, t := range list {
				add(t)
			}
		}
		for _, a := range m.Actions {
			add(a.Text)
		}
		for _, s := range m.Standards {
			add(s.Name)
		}
	}
	var langs []string
	for lang := range seen {
		if lang != b.Locale {
			langs = append(langs, lang)
		}
	}
	sort.Strings(langs)
	if b.Locale != "" {
		langs = append([]string{b.Locale}, langs...)
	}
	return langs
}
