package blueprint

import (
	"bytes"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Encode writes the blueprint as a document in canonical form: keys in
// the format's order, two-space indentation, short lists and texts in
// flow style. Decoding the result gives back an equal blueprint.
func (b *Blueprint) Encode(w io.Writer) error {
	return writeNode(w, b.node())
}

// Marshal returns the blueprint encoded as Encode writes it.
func (b *Blueprint) Marshal() ([]byte, error) {
	var buf bytes.Buffer
	err := b.Encode(&buf)
	return buf.Bytes(), err
}

func writeNode(w io.Writer, n *yaml.Node) error {
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return err
	}
	return enc.Close()
}

// mapNode builds mapping nodes with keys in the order of their shape.
type mapNode struct{ n *yaml.Node }

func newMap(flow bool) mapNode {
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	if flow {
		n.Style = yaml.FlowStyle
	}
	return mapNode{n}
}

func (m mapNode) set(key string, value *yaml.Node) {
	if value == nil {
		return
	}
	m.n.Content = append(m.n.Content, strNode(key), value)
}

func strNode(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

func optStr(s string) *yaml.Node {
	if s == "" {
		return nil
	}
	return strNode(s)
}

func numNode(f float64) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: numTag(f), Value: strconv.FormatFloat(f, 'g', -1, 64)}
}

func numTag(f float64) string {
	if f == float64(int64(f)) && !strings.ContainsAny(strconv.FormatFloat(f, 'g', -1, 64), "e.") {
		return "!!int"
	}
	return "!!float"
}

func optNum(f *float64) *yaml.Node {
	if f == nil {
		return nil
	}
	return numNode(*f)
}

func idList(ids []string) *yaml.Node {
	if len(ids) == 0 {
		return nil
	}
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle}
	for _, id := range ids {
		n.Content = append(n.Content, strNode(id))
	}
	return n
}

// textNode writes a text as a plain string when it has only the
// untagged string, else as a flow mapping with the locale first and the
// other languages in tag order, so that output is deterministic.
func (b *Blueprint) textNode(t Text) *yaml.Node {
	if len(t) == 0 {
		return nil
	}
	if s, ok := t[""]; ok && len(t) == 1 {
		return strNode(s)
	}
	tags := make([]string, 0, len(t))
	for tag := range t {
		tags = append(tags, tag)
	}
	sort.Slice(tags, func(i, j int) bool {
		if (tags[i] == b.Locale) != (tags[j] == b.Locale) {
			return tags[i] == b.Locale
		}
		return tags[i] < tags[j]
	})
	m := newMap(true)
	for _, tag := range tags {
		m.set(tag, strNode(t[tag]))
	}
	return m.n
}

func (b *Blueprint) textList(ts []Text) *yaml.Node {
	if len(ts) == 0 {
		return nil
	}
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, t := range ts {
		if tn := b.textNode(t); tn != nil {
			n.Content = append(n.Content, tn)
		} else {
			n.Content = append(n.Content, strNode(""))
		}
	}
	return n
}

func seqOf[T any](items []T, node func(T) *yaml.Node) *yaml.Node {
	if len(items) == 0 {
		return nil
	}
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, it := range items {
		n.Content = append(n.Content, node(it))
	}
	return n
}

func (b *Blueprint) node() *yaml.Node {
	doc := newMap(false)
	doc.set("peakend", numNode(float64(b.Version)))
	switch len(b.Extends) {
	case 0:
	case 1:
		doc.set("extends", strNode(b.Extends[0]))
	default:
		doc.set("extends", idList(b.Extends))
	}
	doc.set("name", b.textNode(b.Name))
	doc.set("locale", optStr(b.Locale))
	doc.set("scale", b.scaleNode())
	if len(b.Columns) > 0 {
		columns := newMap(false)
		for _, c := range b.Columns {
			names := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle} // [] when empty
			for _, name := range c.Names {
				names.Content = append(names.Content, strNode(name))
			}
			columns.set(c.Column, names)
		}
		doc.set("columns", columns.n)
	}
	doc.set("roles", seqOf(b.Roles, b.namedNode))
	doc.set("stages", seqOf(b.Stages, func(s Stage) *yaml.Node { return b.namedNode(Role(s)) }))
	doc.set("touchpoints", seqOf(b.Touchpoints, b.touchpointNode))
	doc.set("journeys", seqOf(b.Journeys, b.journeyNode))
	if len(b.Cards) > 0 {
		moments := newMap(false)
		for _, m := range b.Cards {
			moments.set(m.Touchpoint, b.cardNode(m))
		}
		doc.set("moments", moments.n)
	}
	return doc.n
}

func (b *Blueprint) scaleNode() *yaml.Node {
	s := b.Scale
	m := newMap(true)
	m.set("min", numNode(s.Min))
	m.set("max", numNode(s.Max))
	m.set("neutral", optNum(s.Neutral))
	if s.HigherIsWorse {
		m.set("higher", strNode("worse"))
	}
	return m.n
}

func (b *Blueprint) namedNode(r Role) *yaml.Node {
	m := newMap(true)
	m.set("id", strNode(r.ID))
	m.set("name", b.textNode(r.Name))
	return m.n
}

func (b *Blueprint) touchpointNode(t Touchpoint) *yaml.Node {
	m := newMap(false)
	m.set("id", strNode(t.ID))
	m.set("stage", strNode(t.Stage))
	m.set("lane", strNode(t.Lane.String()))
	m.set("name", b.textNode(t.Name))
	m.set("owner", optStr(t.Owner))
	m.set("next", idList(t.Next))
	m.set("fail", b.textNode(t.Fail))
	if w := t.Wait; w != nil {
		wm := newMap(true)
		wm.set("standard", strNode(FormatDuration(w.Standard)))
		if w.Tolerance > 0 {
			wm.set("tolerance", strNode(FormatDuration(w.Tolerance)))
		}
		m.set("wait", wm.n)
	}
	return m.n
}

func (b *Blueprint) journeyNode(j Journey) *yaml.Node {
	m := newMap(false)
	m.set("id", strNode(j.ID))
	m.set("name", b.textNode(j.Name))
	m.set("steps", idList(j.Steps))
	m.set("peaks", idList(j.Peaks))
	if len(j.Steps) == 0 || j.End != j.Steps[len(j.Steps)-1] {
		m.set("end", optStr(j.End)) // an end that is the last step is left implicit
	}
	return m.n
}

func (b *Blueprint) cardNode(mo Card) *yaml.Node {
	m := newMap(false)
	m.set("needs", b.textList(mo.Needs))
	m.set("essentials", b.textList(mo.Essentials))
	m.set("actions", seqOf(mo.Actions, b.actionNode))
	m.set("reminders", b.textList(mo.Reminders))
	m.set("owner", optStr(mo.Owner))
	m.set("standards", seqOf(mo.Standards, func(s Standard) *yaml.Node {
		sm := newMap(true)
		sm.set("name", b.textNode(s.Name))
		sm.set("max", optNum(s.Max))
		sm.set("min", optNum(s.Min))
		sm.set("unit", optStr(s.Unit))
		sm.set("baseline", optNum(s.Baseline))
		return sm.n
	}))
	if len(m.n.Content) == 0 {
		m.n.Style = yaml.FlowStyle // an empty card is written {}
	}
	return m.n
}

// FormatDuration writes a duration as people do and as documents take
// it: 10m rather than time.Duration's 10m0s.
func FormatDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

func (b *Blueprint) actionNode(a Action) *yaml.Node {
	text := b.textNode(a.Text)
	if text == nil {
		text = strNode("")
	}
	if len(a.Tags) == 0 {
		return text
	}
	m := newMap(true)
	m.set("text", text)
	m.set("tags", idList(a.Tags))
	return m.n
}
