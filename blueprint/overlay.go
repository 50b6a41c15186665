package blueprint

import (
	"fmt"
	"slices"
	"strings"
)

// A merge applies one overlay to a blueprint of its bases. The merged
// blueprint keeps the bases' positions and takes the overlay's for what
// the overlay adds, so that validation of the result points into the
// file that wrote each thing.
type merge struct {
	l    *loader
	b, o *Blueprint
	// refsOf lists the overlay's reference paths by element, such as
	// "touchpoints.3" or "moments.leave", to carry them over.
	refsOf map[string][]string
}

// merge applies overlay o to b, in place.
func (l *loader) merge(b, o *Blueprint) {
	l.merges++
	m := &merge{l: l, b: b, o: o, refsOf: map[string][]string{}}
	for path := range o.refs {
		parts := strings.SplitN(path, ".", 3)
		if len(parts) >= 2 {
			elem := parts[0] + "." + parts[1]
			m.refsOf[elem] = append(m.refsOf[elem], path)
		}
	}
	b.Extends = nil
	mergeText(&b.Name, o.Name)
	if o.Locale != "" {
		b.Locale = o.Locale
	}
	m.scale()
	m.columns()
	m.roles()
	m.stages()
	touchpoints := indexBy(b.Touchpoints, func(t Touchpoint) string { return t.ID })
	for k := range o.Touchpoints {
		m.touchpoint(k, touchpoints)
	}
	journeys := indexBy(b.Journeys, func(j Journey) string { return j.ID })
	for k := range o.Journeys {
		m.journey(k, journeys)
	}
	cards := indexBy(b.Cards, func(c Card) string { return c.Touchpoint })
	for k := range o.Cards {
		m.card(k, cards)
	}
}

func indexBy[T any](items []T, id func(T) string) map[string]int {
	index := make(map[string]int, len(items))
	for i, it := range items {
		if _, dup := index[id(it)]; !dup {
			index[id(it)] = i
		}
	}
	return index
}

func (m *merge) report(pos Pos, rule Rule, format string, args ...any) {
	m.l.report(pos, rule, nil, format, args...)
}

// carry gives path in the merged blueprint the position the overlay
// recorded at from.
func (m *merge) carry(from, path string) {
	if p, ok := m.o.refs[from]; ok {
		m.b.refs[path] = p
	}
}

// carryAll carries every path of the overlay's element from to the
// merged element to.
func (m *merge) carryAll(from, to string) {
	for _, path := range m.refsOf[from] {
		m.b.refs[to+strings.TrimPrefix(path, from)] = m.o.refs[path]
	}
}

func (m *merge) scale() {
	b, o := m.b, m.o
	if o.Scale.Pos.Line != 0 && (o.Scale.Min != b.Scale.Min || o.Scale.Max != b.Scale.Max ||
		o.Scale.NeutralValue() != b.Scale.NeutralValue() || o.Scale.HigherIsWorse != b.Scale.HigherIsWorse) {
		base := fmt.Sprintf("base: %v", b.Scale.Pos)
		if b.Scale.Pos.Line == 0 {
			base = fmt.Sprintf("the base uses the default %g..%g", b.Scale.Min, b.Scale.Max)
		}
		m.report(o.Scale.Pos, RuleOverlayScale, "an overlay may not change the scale (%s)", base)
	}
}

// columns adds the overlay's column names to the base's: a new column,
// or names a column of the base does not have yet. A name is never
// taken away, nor moved: a name the overlay gives to another column than
// the base does stays with both, and validation of the merged blueprint
// reports it (duplicate-column) at the overlay's name, citing the
// base's.
func (m *merge) columns() {
	b := m.b
	index := indexBy(b.Columns, func(c Column) string { return c.Column })
	for _, c := range m.o.Columns {
		from := "columns." + c.Column
		i, ok := index[c.Column]
		if !ok {
			index[c.Column] = len(b.Columns)
			m.carryAll(from, from)
			b.Columns = append(b.Columns, c)
			continue
		}
		base := &b.Columns[i]
		for n, name := range c.Names {
			if !slices.ContainsFunc(base.Names, func(x string) bool { return ColumnKey(x) == ColumnKey(name) }) {
				m.carry(fmt.Sprintf("%s.%d", from, n), fmt.Sprintf("%s.%d", from, len(base.Names)))
				base.Names = append(base.Names, name)
			}
		}
	}
}

func (m *merge) roles() {
	roles := indexBy(m.b.Roles, func(r Role) string { return r.ID })
	for _, r := range m.o.Roles {
		if i, ok := roles[r.ID]; ok {
			mergeText(&m.b.Roles[i].Name, r.Name)
			continue
		}
		roles[r.ID] = len(m.b.Roles)
		m.b.Roles = append(m.b.Roles, r)
	}
}

// stages inserts each new stage after the stage listed before it in the
// overlay, so that a hall can put a column between two of the base's.
func (m *merge) stages() {
	b := m.b
	index := indexBy(b.Stages, func(s Stage) string { return s.ID })
	after := -1 // index in b.Stages of the stage before, -1 for the start
	inserts := map[int][]Stage{}
	for _, s := range m.o.Stages {
		if i, ok := index[s.ID]; ok {
			mergeText(&b.Stages[i].Name, s.Name)
			after = i
			continue
		}
		inserts[after] = append(inserts[after], s)
	}
	if len(inserts) == 0 {
		return
	}
	out := make([]Stage, 0, len(b.Stages)+len(m.o.Stages))
	out = append(out, inserts[-1]...)
	for i, s := range b.Stages {
		out = append(append(out, s), inserts[i]...)
	}
	b.Stages = out
}

func mergeText(dst *Text, src Text) {
	if len(src) == 0 {
		return
	}
	if *dst == nil {
		*dst = Text{}
	}
	for lang, s := range src {
		(*dst)[lang] = s
	}
}

func (m *merge) touchpoint(k int, index map[string]int) {
	b, t := m.b, m.o.Touchpoints[k]
	from := fmt.Sprintf("touchpoints.%d", k)
	i, ok := index[t.ID]
	if !ok {
		if _, ok := m.o.refs[from+".lane"]; !ok {
			m.report(t.Pos, RuleMissingField, "touchpoint %s is new, so it needs a lane", t.ID)
		}
		index[t.ID] = len(b.Touchpoints)
		m.carryAll(from, fmt.Sprintf("touchpoints.%d", len(b.Touchpoints)))
		b.Touchpoints = append(b.Touchpoints, t)
		return
	}
	to := fmt.Sprintf("touchpoints.%d", i)
	base := &b.Touchpoints[i]
	if t.Stage != "" && t.Stage != base.Stage {
		m.report(t.Pos, RuleOverlayMove, "touchpoint %s may not move from stage %s to %s (base: %v)", t.ID, base.Stage, t.Stage, base.Pos)
	}
	if _, ok := m.o.refs[from+".lane"]; ok && t.Lane != base.Lane {
		m.report(t.Pos, RuleOverlayMove, "touchpoint %s may not move from lane %s to %s (base: %v)", t.ID, base.Lane, t.Lane, base.Pos)
	}
	mergeText(&base.Name, t.Name)
	mergeText(&base.Fail, t.Fail)
	if t.Owner != "" {
		base.Owner = t.Owner
		m.carry(from+".owner", to+".owner")
	}
	for n, next := range t.Next {
		if !slices.Contains(base.Next, next) {
			m.carry(fmt.Sprintf("%s.next.%d", from, n), fmt.Sprintf("%s.next.%d", to, len(base.Next)))
			base.Next = append(base.Next, next)
		}
	}
	if t.Wait != nil {
		m.wait(t, base)
		base.Wait = t.Wait
	}
}

func (m *merge) wait(t Touchpoint, base *Touchpoint) {
	w, bw := t.Wait, base.Wait
	if bw != nil && (w.Standard > bw.Standard || (bw.Tolerance > 0 && w.Tolerance > bw.Tolerance)) {
		m.report(w.Pos, RuleOverlayLoosen, "touchpoint %s: wait %s (tolerance %s) is looser than the base's %s (tolerance %s) (base: %v)",
			t.ID, FormatDuration(w.Standard), FormatDuration(w.Tolerance),
			FormatDuration(bw.Standard), FormatDuration(bw.Tolerance), bw.Pos)
	}
}

func (m *merge) journey(k int, index map[string]int) {
	b, o, j := m.b, m.o, m.o.Journeys[k]
	from := fmt.Sprintf("journeys.%d", k)
	i, ok := index[j.ID]
	if !ok {
		index[j.ID] = len(b.Journeys)
		m.carryAll(from, fmt.Sprintf("journeys.%d", len(b.Journeys)))
		b.Journeys = append(b.Journeys, j)
		return
	}
	to := fmt.Sprintf("journeys.%d", i)
	base := &b.Journeys[i]
	mergeText(&base.Name, j.Name)
	at := func(field string) Pos { return o.at(from+"."+field, j.Pos) }
	baseEnd := base.EndStep()
	if j.Steps != nil {
		if missing, ok := subsequence(base.Steps, j.Steps); !ok {
			m.report(at("steps.0"), RuleOverlayRemove, "journey %s drops or reorders the base's step %s (base: %v)", j.ID, missing, base.Pos)
		} else {
			base.Steps, base.End = j.Steps, j.End // the overlay's end, implicit or not
			for n := range j.Steps {
				m.carry(fmt.Sprintf("%s.steps.%d", from, n), fmt.Sprintf("%s.steps.%d", to, n))
			}
		}
	}
	m.peaks(j, base, from, to)
	if _, written := o.refs[from+".end"]; written {
		base.End = j.End
		m.carry(from+".end", to+".end")
	}
	if end := base.EndStep(); end != baseEnd {
		m.report(at("end"), RuleOverlayRemove, "journey %s changes the base's end %s to %s (base: %v)", j.ID, baseEnd, end, base.Pos)
	}
}

func (m *merge) peaks(j Journey, base *Journey, from, to string) {
	if j.Peaks == nil {
		return
	}
	for _, p := range base.Peaks {
		if !slices.Contains(j.Peaks, p) {
			m.report(m.o.at(from+".peaks.0", j.Pos), RuleOverlayRemove, "journey %s un-marks the base's peak %s (base: %v)", j.ID, p, base.Pos)
		}
	}
	for n, p := range j.Peaks {
		if !slices.Contains(base.Peaks, p) {
			m.carry(fmt.Sprintf("%s.peaks.%d", from, n), fmt.Sprintf("%s.peaks.%d", to, len(base.Peaks)))
			base.Peaks = append(base.Peaks, p)
		}
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

func (m *merge) card(k int, index map[string]int) {
	b, c := m.b, m.o.Cards[k]
	path := "moments." + c.Touchpoint
	i, ok := index[c.Touchpoint]
	if !ok {
		index[c.Touchpoint] = len(b.Cards)
		m.carryAll(path, path)
		b.Cards = append(b.Cards, c)
		return
	}
	base := &b.Cards[i]
	base.Needs = appendNew(base.Needs, c.Needs)
	base.Essentials = appendNew(base.Essentials, c.Essentials)
	base.Reminders = appendNew(base.Reminders, c.Reminders)
	for n, a := range c.Actions {
		if !slices.ContainsFunc(base.Actions, func(x Action) bool { return sameText(x.Text, a.Text) }) {
			m.carryAll(fmt.Sprintf("%s.actions.%d", path, n), fmt.Sprintf("%s.actions.%d", path, len(base.Actions)))
			base.Actions = append(base.Actions, a)
		}
	}
	if c.Owner != "" {
		base.Owner = c.Owner
		m.carry(path+".owner", path+".owner")
	}
	for _, s := range c.Standards {
		m.standard(base, s)
	}
}

func appendNew(base, over []Text) []Text {
	for _, t := range over {
		if !slices.ContainsFunc(base, func(x Text) bool { return sameText(x, t) }) {
			base = append(base, t)
		}
	}
	return base
}

// sameText reports whether two texts say the same in a language they share.
func sameText(a, b Text) bool {
	for lang, s := range a {
		if t, ok := b[lang]; ok && s == t {
			return true
		}
	}
	return false
}

// standard overrides a base standard of the same name, only ever making
// its target stricter and never changing its unit, or adds a new one.
func (m *merge) standard(card *Card, s Standard) {
	i := slices.IndexFunc(card.Standards, func(x Standard) bool { return sameText(x.Name, s.Name) })
	if i < 0 {
		card.Standards = append(card.Standards, s)
		return
	}
	base := &card.Standards[i]
	name := base.Name.In("en", "")
	if s.Unit != "" && base.Unit != "" && s.Unit != base.Unit {
		// Units are not converted: a target in other units cannot be
		// told stricter or looser (max 1 min against 1 day).
		m.report(s.Pos, RuleOverlayUnit, "standard %s may not change its unit from %s to %s (base: %v)", name, quote(base.Unit), quote(s.Unit), base.Pos)
		return
	}
	oldT, oldUpper, _ := base.Target()
	newT, newUpper, ok := s.Target()
	if ok {
		switch {
		case newUpper != oldUpper:
			m.report(s.Pos, RuleOverlayLoosen, "standard %s may not switch between max and min (base: %v)", name, base.Pos)
		case newUpper && newT > oldT, !newUpper && newT < oldT:
			m.report(s.Pos, RuleOverlayLoosen, "standard %s: target %g is looser than the base's %g (base: %v)", name, newT, oldT, base.Pos)
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
