package blueprint

import (
	"maps"
	"slices"
)

// clone returns a deep copy of b, which the merging of overlays may
// change without changing b; nil for nil.
func (b *Blueprint) clone() *Blueprint {
	if b == nil {
		return nil
	}
	c := *b
	c.Extends = slices.Clone(b.Extends)
	c.Name = maps.Clone(b.Name)
	c.Scale.Neutral = clonePtr(b.Scale.Neutral)
	c.Columns = cloneEach(b.Columns, func(c Column) Column { c.Names = slices.Clone(c.Names); return c })
	c.Roles = cloneEach(b.Roles, func(r Role) Role { r.Name = maps.Clone(r.Name); return r })
	c.Stages = cloneEach(b.Stages, func(s Stage) Stage { s.Name = maps.Clone(s.Name); return s })
	c.Touchpoints = cloneEach(b.Touchpoints, func(t Touchpoint) Touchpoint {
		t.Name, t.Fail, t.Next, t.Wait = maps.Clone(t.Name), maps.Clone(t.Fail), slices.Clone(t.Next), clonePtr(t.Wait)
		return t
	})
	c.Journeys = cloneEach(b.Journeys, func(j Journey) Journey {
		j.Name, j.Steps, j.Peaks = maps.Clone(j.Name), slices.Clone(j.Steps), slices.Clone(j.Peaks)
		return j
	})
	c.Cards = cloneEach(b.Cards, cloneCard)
	c.refs = maps.Clone(b.refs)
	return &c
}

func cloneCard(m Card) Card {
	m.Needs, m.Essentials, m.Reminders = cloneTexts(m.Needs), cloneTexts(m.Essentials), cloneTexts(m.Reminders)
	m.Actions = cloneEach(m.Actions, func(a Action) Action {
		a.Text, a.Tags = maps.Clone(a.Text), slices.Clone(a.Tags)
		return a
	})
	m.Standards = cloneEach(m.Standards, func(s Standard) Standard {
		s.Name, s.Max, s.Min, s.Baseline = maps.Clone(s.Name), clonePtr(s.Max), clonePtr(s.Min), clonePtr(s.Baseline)
		return s
	})
	return m
}

func cloneTexts(ts []Text) []Text { return cloneEach(ts, maps.Clone[Text]) }

func cloneEach[T any](s []T, clone func(T) T) []T {
	if s == nil {
		return nil
	}
	out := make([]T, len(s))
	for i, x := range s {
		out[i] = clone(x)
	}
	return out
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
