package blueprint

import "gopkg.in/yaml.v3"

// A shape describes the keys a mapping of the format may have, in
// canonical order, and the shapes of their values. Decoding checks keys
// against it, and both Encode and Format write keys in its order, so
// the format's vocabulary is stated here once.
type shape struct {
	keys   []string          // canonical key order; nil for a mapping with free keys
	fields map[string]*shape // shape of the value under a key, when it is a mapping or a list of them
	each   *shape            // for a list, or a mapping with free keys: the shape of each value
	// choose, when set, picks the shape by the node itself, for a value
	// that may take one of two forms.
	choose func(*yaml.Node) *shape
}

var (
	textShape     = &shape{} // free keys: language tags, in the writer's order
	waitShape     = &shape{keys: []string{"standard", "tolerance"}}
	scaleShape    = &shape{keys: []string{"min", "max", "neutral", "higher"}}
	columnsShape  = &shape{} // free keys: column names, in the writer's order (validation checks them)
	roleShape     = &shape{keys: []string{"id", "name"}, fields: map[string]*shape{"name": textShape}}
	stageShape    = roleShape
	standardShape = &shape{
		keys:   []string{"name", "max", "min", "unit", "baseline"},
		fields: map[string]*shape{"name": textShape},
	}
	touchpointShape = &shape{
		keys:   []string{"id", "stage", "lane", "name", "owner", "next", "fail", "wait"},
		fields: map[string]*shape{"name": textShape, "fail": textShape, "wait": waitShape},
	}
	journeyShape = &shape{
		keys:   []string{"id", "name", "steps", "peaks", "end"},
		fields: map[string]*shape{"name": textShape},
	}
	textList    = &shape{each: textShape}
	actionShape = &shape{keys: []string{"text", "tags"}, fields: map[string]*shape{"text": textShape}}
	momentShape = &shape{
		keys: []string{"needs", "essentials", "actions", "reminders", "owner", "standards"},
		fields: map[string]*shape{
			"needs": textList, "essentials": textList, "actions": {each: actionOrText}, "reminders": textList,
			"standards": {each: standardShape},
		},
	}
	documentShape = &shape{
		keys: []string{"peakend", "extends", "name", "locale", "scale", "columns", "roles", "stages", "touchpoints", "journeys", "moments"},
		fields: map[string]*shape{
			"name":        textShape,
			"scale":       scaleShape,
			"columns":     columnsShape,
			"roles":       {each: roleShape},
			"stages":      {each: stageShape},
			"touchpoints": {each: touchpointShape},
			"journeys":    {each: journeyShape},
			"moments":     {each: momentShape},
		},
	}
)

// child returns the shape of the value under key (for a mapping) or of
// each item (for a list); nil when nothing is known about it.
func (s *shape) child(key string) *shape {
	if s == nil {
		return nil
	}
	if c, ok := s.fields[key]; ok {
		return c
	}
	return s.each
}

// rank returns the canonical position of key, or len(keys) for a key
// the shape does not know, which sorts after all known ones.
func (s *shape) rank(key string) int {
	for i, k := range s.keys {
		if k == key {
			return i
		}
	}
	return len(s.keys)
}

// actionOrText is an action: a text, or a mapping with the keys text
// and tags, told apart by the key text.
var actionOrText = &shape{choose: func(n *yaml.Node) *shape {
	if isTaggedAction(n) {
		return actionShape
	}
	return textShape
}}

func isTaggedAction(n *yaml.Node) bool {
	if n.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "text" {
			return true
		}
	}
	return false
}

// resolve returns the shape that applies to node n.
func (s *shape) resolve(n *yaml.Node) *shape {
	if s != nil && s.choose != nil {
		return s.choose(n)
	}
	return s
}
