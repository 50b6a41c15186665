package mot

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/peakend/peakend/blueprint"
)

// Load reads the blueprint at path, as peakend's commands do: it follows
// extends through every level of overlays (base → province → city →
// hall), merges them in order, then validates the result and checks its
// method (Check). It returns the merged blueprint, nil when it could not
// be read, and every problem, sorted.
//
// An overlay may add stages, touchpoints, journeys, steps, flows, moment
// cards, card items and standards, and override texts, owners and
// baselines. It may not move a base touchpoint to another stage or lane,
// drop a step of a base journey, un-mark a peak, change an end, loosen a
// standard's target or a wait, nor change the scale: each such attempt
// is an error naming the overlay's position and the base's. A new stage
// goes after the stage listed before it in the overlay.
func Load(path string) (*blueprint.Blueprint, blueprint.Problems) {
	l := &loader{}
	b := l.load(path, nil, blueprint.Pos{})
	if b != nil && len(l.errors()) == 0 {
		l.problems = append(l.problems, b.Validate()...)
		l.problems = append(l.problems, Check(b)...)
	}
	l.problems.Sort()
	return b, l.problems
}

type loader struct {
	problems blueprint.Problems
}

func (l *loader) errors() blueprint.Problems { return l.problems.Errors() }

func (l *loader) report(pos blueprint.Pos, rule, format string, args ...any) {
	l.problems = append(l.problems, &blueprint.Problem{Pos: pos, Severity: blueprint.Error, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

// load reads path and resolves its bases. chain holds the files being
// loaded, to find cycles; from is where path was named.
func (l *loader) load(path string, chain []string, from blueprint.Pos) *blueprint.Blueprint {
	abs, err := filepath.Abs(path)
	if err != nil {
		l.report(from, "extends", "%v", err)
		return nil
	}
	if i := slices.Index(chain, abs); i >= 0 {
		cycle := append(slices.Clone(chain[i:]), abs)
		for k := range cycle {
			cycle[k] = shortPath(cycle[k])
		}
		l.report(from, "extends-cycle", "extends goes round in a circle: %s", strings.Join(cycle, " → "))
		return nil
	}
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		l.report(from, "extends", "%s is a directory, not a blueprint", path)
		return nil
	}
	src, err := os.ReadFile(path)
	if err != nil {
		if len(chain) == 0 {
			l.report(blueprint.Pos{File: path}, "read", "%v", unwrapPath(err))
		} else {
			l.report(from, "extends", "cannot read %s: %v", path, unwrapPath(err))
		}
		return nil
	}
	b, problems := blueprint.Lint(path, src)
	l.problems = append(l.problems, problems...)
	if b == nil || problems.Err() != nil {
		return nil
	}
	if len(b.Extends) == 0 {
		return b
	}
	chain = append(chain, abs)
	var merged *blueprint.Blueprint
	for i, rel := range b.Extends {
		pos, _ := b.PosOf(fmt.Sprintf("extends.%d", i))
		basePath, err := resolve(path, rel)
		if err != nil {
			l.report(pos, "extends", "%v", err)
			return nil
		}
		base := l.load(basePath, chain, pos)
		if base == nil {
			return nil
		}
		if merged == nil {
			merged = base
		} else {
			merged = l.merge(merged, base)
		}
	}
	return l.merge(merged, b)
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// resolve finds rel relative to the directory of the file that names
// it, refusing a path that climbs above the filesystem's root.
func resolve(from, rel string) (string, error) {
	if filepath.IsAbs(rel) {
		return filepath.Clean(rel), nil
	}
	dir, err := filepath.Abs(filepath.Dir(from))
	if err != nil {
		return "", err
	}
	depth := len(strings.Split(strings.Trim(filepath.ToSlash(dir), "/"), "/"))
	if dir == string(filepath.Separator) || filepath.VolumeName(dir)+string(filepath.Separator) == dir {
		depth = 0
	}
	for _, part := range strings.Split(filepath.ToSlash(rel), "/") {
		switch part {
		case "..":
			if depth--; depth < 0 {
				return "", fmt.Errorf("extends %q climbs above the filesystem's root", rel)
			}
		case ".", "":
		default:
			depth++
		}
	}
	return shortPath(filepath.Join(dir, rel)), nil
}

// shortPath gives abs relative to the working directory when it lies
// below it, so that messages name files as the user would.
func shortPath(abs string) string {
	wd, err := os.Getwd()
	if err != nil {
		return abs
	}
	if rel, err := filepath.Rel(wd, abs); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return abs
}

// merge applies overlay o to base b and returns the result; b is
// changed in place.
func (l *loader) merge(b, o *blueprint.Blueprint) *blueprint.Blueprint {
	b.Extends = nil
	mergeText(&b.Name, o.Name)
	if o.Locale != "" {
		b.Locale = o.Locale
	}
	if o.Scale.Pos.Line != 0 && (o.Scale.Min != b.Scale.Min || o.Scale.Max != b.Scale.Max ||
		o.Scale.NeutralValue() != b.Scale.NeutralValue() || o.Scale.HigherIsWorse != b.Scale.HigherIsWorse) {
		base := fmt.Sprintf("base: %v", b.Scale.Pos)
		if b.Scale.Pos.Line == 0 {
			base = fmt.Sprintf("the base uses the default %g..%g", b.Scale.Min, b.Scale.Max)
		}
		l.report(o.Scale.Pos, "overlay-scale", "an overlay may not change the scale (%s)", base)
	}
	for _, r := range o.Roles {
		if i := slices.IndexFunc(b.Roles, func(x blueprint.Role) bool { return x.ID == r.ID }); i >= 0 {
			mergeText(&b.Roles[i].Name, r.Name)
		} else {
			b.Roles = append(b.Roles, r)
		}
	}
	l.mergeStages(b, o)
	for i := range o.Touchpoints {
		l.mergeTouchpoint(b, o, i)
	}
	for i := range o.Journeys {
		l.mergeJourney(b, o, i)
	}
	for _, m := range o.Moments {
		l.mergeMoment(b, m)
	}
	return b
}

func mergeText(dst *blueprint.Text, src blueprint.Text) {
	if len(src) == 0 {
		return
	}
	if *dst == nil {
		*dst = blueprint.Text{}
	}
	for lang, s := range src {
		(*dst)[lang] = s
	}
}

// mergeStages inserts each new stage after the stage listed before it
// in the overlay, so that a hall can put a column between two of the
// base's.
func (l *loader) mergeStages(b, o *blueprint.Blueprint) {
	after := -1 // index in b.Stages of the stage before, -1 for the start
	for _, s := range o.Stages {
		if i := slices.IndexFunc(b.Stages, func(x blueprint.Stage) bool { return x.ID == s.ID }); i >= 0 {
			mergeText(&b.Stages[i].Name, s.Name)
			after = i
			continue
		}
		b.Stages = slices.Insert(b.Stages, after+1, s)
		after++
	}
}

func (l *loader) mergeTouchpoint(b, o *blueprint.Blueprint, k int) {
	t := o.Touchpoints[k]
	i := slices.IndexFunc(b.Touchpoints, func(x blueprint.Touchpoint) bool { return x.ID == t.ID })
	if i < 0 {
		if _, ok := o.PosOf(fmt.Sprintf("touchpoints.%d.lane", k)); !ok {
			l.report(t.Pos, "missing-field", "touchpoint %s is new, so it needs a lane", t.ID)
		}
		b.Touchpoints = append(b.Touchpoints, t)
		return
	}
	base := &b.Touchpoints[i]
	if t.Stage != "" && t.Stage != base.Stage {
		l.report(t.Pos, "overlay-move", "touchpoint %s may not move from stage %s to %s (base: %v)", t.ID, base.Stage, t.Stage, base.Pos)
	}
	if _, ok := o.PosOf(fmt.Sprintf("touchpoints.%d.lane", k)); ok && t.Lane != base.Lane {
		l.report(t.Pos, "overlay-move", "touchpoint %s may not move from lane %s to %s (base: %v)", t.ID, base.Lane, t.Lane, base.Pos)
	}
	mergeText(&base.Name, t.Name)
	mergeText(&base.Fail, t.Fail)
	if t.Owner != "" {
		base.Owner = t.Owner
	}
	for _, n := range t.Next {
		if !slices.Contains(base.Next, n) {
			base.Next = append(base.Next, n)
		}
	}
	if t.Wait != nil {
		if base.Wait != nil && (t.Wait.Standard > base.Wait.Standard || (base.Wait.Tolerance > 0 && t.Wait.Tolerance > base.Wait.Tolerance)) {
			l.report(t.Wait.Pos, "overlay-loosen", "touchpoint %s: wait %s (tolerance %s) is looser than the base's %s (tolerance %s) (base: %v)",
				t.ID, blueprint.FormatDuration(t.Wait.Standard), blueprint.FormatDuration(t.Wait.Tolerance),
				blueprint.FormatDuration(base.Wait.Standard), blueprint.FormatDuration(base.Wait.Tolerance), base.Wait.Pos)
		}
		base.Wait = t.Wait
	}
}

func (l *loader) mergeJourney(b, o *blueprint.Blueprint, k int) {
	j := o.Journeys[k]
	i := slices.IndexFunc(b.Journeys, func(x blueprint.Journey) bool { return x.ID == j.ID })
	if i < 0 {
		b.Journeys = append(b.Journeys, j)
		return
	}
	base := &b.Journeys[i]
	mergeText(&base.Name, j.Name)
	at := func(field string, fallback blueprint.Pos) blueprint.Pos {
		if p, ok := o.PosOf(fmt.Sprintf("journeys.%d.%s", k, field)); ok {
			return p
		}
		return fallback
	}
	baseEnd := base.EndStep()
	if j.Steps != nil {
		if missing, ok := subsequence(base.Steps, j.Steps); !ok {
			l.report(at("steps.0", j.Pos), "overlay-remove", "journey %s drops or reorders the base's step %s (base: %v)", j.ID, missing, base.Pos)
		} else {
			base.Steps = j.Steps
		}
	}
	if j.Peaks != nil {
		for _, p := range base.Peaks {
			if !slices.Contains(j.Peaks, p) {
				l.report(at("peaks.0", j.Pos), "overlay-remove", "journey %s un-marks the base's peak %s (base: %v)", j.ID, p, base.Pos)
			}
		}
		for _, p := range j.Peaks {
			if !slices.Contains(base.Peaks, p) {
				base.Peaks = append(base.Peaks, p)
			}
		}
	}
	if j.End != "" {
		base.End = j.End
	}
	if end := base.EndStep(); end != baseEnd {
		l.report(at("end", j.Pos), "overlay-remove", "journey %s changes the base's end %s to %s (base: %v)", j.ID, baseEnd, end, base.Pos)
	}
}

// subsequence reports whether every item of base appears in over, in
// order; when not, it returns the first base item that does not.
func subsequence(base, over []string) (string, bool) {
	k := 0
	for _, s := range over {
		if k < len(base) && s == base[k] {
			k++
		}
	}
	if k < len(base) {
		return base[k], false
	}
	return "", true
}

func (l *loader) mergeMoment(b *blueprint.Blueprint, m blueprint.Moment) {
	i := slices.IndexFunc(b.Moments, func(x blueprint.Moment) bool { return x.Touchpoint == m.Touchpoint })
	if i < 0 {
		b.Moments = append(b.Moments, m)
		return
	}
	base := &b.Moments[i]
	base.Needs = appendNew(base.Needs, m.Needs)
	base.Essentials = appendNew(base.Essentials, m.Essentials)
	base.Reminders = appendNew(base.Reminders, m.Reminders)
	for _, a := range m.Actions {
		if !slices.ContainsFunc(base.Actions, func(x blueprint.Action) bool { return sameText(x.Text, a.Text) }) {
			base.Actions = append(base.Actions, a)
		}
	}
	if m.Owner != "" {
		base.Owner = m.Owner
	}
	for _, s := range m.Standards {
		l.mergeStandard(base, s)
	}
}

func appendNew(base, over []blueprint.Text) []blueprint.Text {
	for _, t := range over {
		if !slices.ContainsFunc(base, func(x blueprint.Text) bool { return sameText(x, t) }) {
			base = append(base, t)
		}
	}
	return base
}

// sameText reports whether two texts say the same in a language they share.
func sameText(a, b blueprint.Text) bool {
	for lang, s := range a {
		if t, ok := b[lang]; ok && s == t {
			return true
		}
	}
	return false
}

// mergeStandard overrides a base standard of the same name, only ever
// making its target stricter, or adds a new one.
func (l *loader) mergeStandard(card *blueprint.Moment, s blueprint.Standard) {
	i := slices.IndexFunc(card.Standards, func(x blueprint.Standard) bool { return sameText(x.Name, s.Name) })
	if i < 0 {
		card.Standards = append(card.Standards, s)
		return
	}
	base := &card.Standards[i]
	oldT, oldUpper, _ := base.Target()
	newT, newUpper, ok := s.Target()
	if ok {
		name := base.Name.In("en", "")
		switch {
		case newUpper != oldUpper:
			l.report(s.Pos, "overlay-loosen", "standard %s may not switch between max and min (base: %v)", name, base.Pos)
		case newUpper && newT > oldT, !newUpper && newT < oldT:
			l.report(s.Pos, "overlay-loosen", "standard %s: target %g is looser than the base's %g (base: %v)", name, newT, oldT, base.Pos)
		default:
			base.Max, base.Min = s.Max, s.Min
		}
	}
	if s.Baseline != nil {
		base.Baseline = s.Baseline
	}
	if s.Unit != "" {
		base.Unit = s.Unit
	}
	mergeText(&base.Name, s.Name)
}
