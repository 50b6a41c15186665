package blueprint

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// Validate checks the blueprint's meaning: ids, references, journeys,
// waits, scale and standards. It returns errors and warnings in the
// order found; Lint sorts them. Validate is for blueprints built in Go;
// Parse and Lint call it on documents.
func (b *Blueprint) Validate() Problems {
	v := &validator{b: b}
	v.version()
	v.scale()
	roles := v.ids("role", len(b.Roles), func(i int) (string, Pos) { return b.Roles[i].ID, b.Roles[i].Pos })
	stages := v.ids("stage", len(b.Stages), func(i int) (string, Pos) { return b.Stages[i].ID, b.Stages[i].Pos })
	tps := v.ids("touchpoint", len(b.Touchpoints), func(i int) (string, Pos) { return b.Touchpoints[i].ID, b.Touchpoints[i].Pos })
	v.ids("journey", len(b.Journeys), func(i int) (string, Pos) { return b.Journeys[i].ID, b.Journeys[i].Pos })
	v.touchpoints(roles, stages, tps)
	v.journeys(stages, tps)
	v.moments(roles, tps)
	v.coverage()
	return v.problems
}

type validator struct {
	b        *Blueprint
	problems Problems
}

func (v *validator) report(pos Pos, sev Severity, rule, format string, args ...any) {
	v.problems = append(v.problems, &Problem{Pos: pos, Severity: sev, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

func (v *validator) version() {
	switch {
	case v.b.Version == 0:
		v.report(v.b.Pos, Error, "version", "missing format version; start the document with \"peakend: %d\"", Version)
	case v.b.Version != Version:
		v.report(v.b.at("peakend", v.b.Pos), Error, "version", "unsupported format version %d; this peakend reads version %d", v.b.Version, Version)
	}
}

func (v *validator) scale() {
	s := v.b.Scale
	if s.Min >= s.Max {
		v.report(s.Pos, Error, "scale-range", "scale: min %g must be below max %g", s.Min, s.Max)
		return
	}
	if n := s.NeutralValue(); n < s.Min || n > s.Max {
		v.report(s.Pos, Error, "scale-range", "scale: neutral %g is outside %g..%g", n, s.Min, s.Max)
	}
}

// ids checks the ids of one kind of element and returns the index of
// each good id.
func (v *validator) ids(kind string, n int, at func(int) (string, Pos)) map[string]int {
	index := make(map[string]int, n)
	for i := range n {
		id, pos := at(i)
		switch {
		case strings.TrimSpace(id) == "":
			v.report(pos, Error, "missing-id", "%s has no id", kind)
			continue
		case strings.IndexFunc(id, unicode.IsSpace) >= 0:
			v.report(pos, Error, "bad-id", "%s id %q contains white space; use - or _ between words", kind, id)
		}
		if first, dup := index[id]; dup {
			_, firstPos := at(first)
			v.report(pos, Error, "duplicate-id", "duplicate %s id %q (first at line %d)", kind, id, firstPos.Line)
			continue
		}
		index[id] = i
	}
	return index
}

// ref reports id, written at path, when it is not among known.
func (v *validator) ref(kind, id string, known map[string]int, path string, fallback Pos) bool {
	if _, ok := known[id]; ok {
		return true
	}
	names := make([]string, 0, len(known))
	for name := range known {
		names = append(names, name)
	}
	v.report(v.b.at(path, fallback), Error, "unknown-ref", "unknown %s %q%s", kind, id, didYouMean(id, names))
	return false
}

func (v *validator) touchpoints(roles, stages, tps map[string]int) {
	for i, t := range v.b.Touchpoints {
		path := fmt.Sprintf("touchpoints.%d", i)
		if t.Stage == "" {
			v.report(t.Pos, Error, "missing-field", "touchpoint %s has no stage", t.ID)
		} else {
			v.ref("stage", t.Stage, stages, path+".stage", t.Pos)
		}
		if t.Owner != "" {
			v.ref("role", t.Owner, roles, path+".owner", t.Pos)
		}
		for k, next := range t.Next {
			at := fmt.Sprintf("%s.next.%d", path, k)
			if next == t.ID {
				v.report(v.b.at(at, t.Pos), Error, "self-loop", "touchpoint %s flows to itself", t.ID)
				continue
			}
			v.ref("touchpoint", next, tps, at, t.Pos)
		}
		if w := t.Wait; w != nil && w.Tolerance > 0 && w.Standard > w.Tolerance {
			v.report(w.Pos, Error, "wait-order", "touchpoint %s: wait standard %s is above its tolerance %s", t.ID, FormatDuration(w.Standard), FormatDuration(w.Tolerance))
		}
	}
}

func (v *validator) journeys(stages, tps map[string]int) {
	for i, j := range v.b.Journeys {
		path := fmt.Sprintf("journeys.%d", i)
		if len(j.Steps) == 0 {
			v.report(j.Pos, Error, "empty-journey", "journey %s has no steps", j.ID)
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
				v.report(v.b.at(at, j.Pos), Error, "peak-not-in-steps", "journey %s: peak %s is not one of its steps", j.ID, peak)
			}
		}
		if j.End != "" && v.ref("touchpoint", j.End, tps, path+".end", j.Pos) && len(j.Steps) > 0 && j.End != j.Steps[len(j.Steps)-1] {
			v.report(v.b.at(path+".end", j.Pos), Error, "end-not-last", "journey %s: end %s is not its last step %s", j.ID, j.End, j.Steps[len(j.Steps)-1])
		}
		if len(j.Steps) > 0 && len(j.Peaks) == 0 {
			v.report(j.Pos, Warning, "no-peak", "journey %s marks no peak", j.ID)
		}
		v.backwards(i, j, stages)
	}
}

// backwards warns when a journey steps from a stage to an earlier one:
// stages are columns in time order, so the journey or the columns are
// probably out of order.
func (v *validator) backwards(i int, j Journey, stages map[string]int) {
	last, lastStage := -1, ""
	for k, step := range j.Steps {
		t, ok := v.b.Touchpoint(step)
		if !ok {
			continue
		}
		col, ok := stages[t.Stage]
		if !ok {
			continue
		}
		if col < last {
			v.report(v.b.at(fmt.Sprintf("journeys.%d.steps.%d", i, k), j.Pos), Warning, "stage-backwards",
				"journey %s goes back from stage %s to the earlier stage %s at step %s", j.ID, lastStage, t.Stage, step)
		}
		last, lastStage = col, t.Stage
	}
}

func (v *validator) moments(roles, tps map[string]int) {
	for _, m := range v.b.Moments {
		v.ref("touchpoint", m.Touchpoint, tps, "", m.Pos)
		if m.Owner != "" {
			v.ref("role", m.Owner, roles, "moments."+m.Touchpoint+".owner", m.Pos)
		}
		for i, a := range m.Actions {
			for k, tag := range a.Tags {
				if !slices.Contains(BehaviourTags, tag) {
					v.report(v.b.at(fmt.Sprintf("moments.%s.actions.%d.tags.%d", m.Touchpoint, i, k), m.Pos), Error, "unknown-tag",
						"unknown behaviour tag %q; tags are %s%s", tag, strings.Join(BehaviourTags, ", "), didYouMean(tag, BehaviourTags))
				}
			}
		}
		for _, s := range m.Standards {
			switch {
			case s.Max == nil && s.Min == nil:
				v.report(s.Pos, Error, "standard-target", "standard %s has no target; give it max or min", v.b.Text(s.Name, ""))
			case s.Max != nil && s.Min != nil:
				v.report(s.Pos, Error, "standard-target", "standard %s has both max and min; a standard has one target", v.b.Text(s.Name, ""))
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
			if _, ok := b.Moment(id); !ok && id != "" {
				if _, known := b.Touchpoint(id); known {
					v.report(j.Pos, Warning, "moment-missing", "journey %s: %s %s has no moment card", j.ID, peakOrEnd(j, id), id)
				}
			}
		}
	}
	used := map[string]bool{}
	for _, t := range b.Touchpoints {
		used[t.Stage] = true
		if t.Lane == Customer && !inJourney[t.ID] && t.ID != "" {
			v.report(t.Pos, Warning, "unused-customer-touchpoint", "customer touchpoint %s is in no journey", t.ID)
		}
	}
	for _, s := range b.Stages {
		if !used[s.ID] && s.ID != "" {
			v.report(s.Pos, Warning, "empty-stage", "stage %s has no touchpoint", s.ID)
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
