package blueprint

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Format returns the document src in canonical form: keys in the
// format's order, two-space indentation, comments kept. Keys the format
// does not know keep their order after the known ones (Lint reports
// them). The meaning is kept: the result decodes to the same blueprint,
// for which an anchor that reordering would put after one of its aliases
// moves to the first of them. Formatting a formatted document changes
// nothing. The error, for a document that is not YAML, is of type
// Problems.
func Format(filename string, src []byte) ([]byte, error) {
	d := &decoder{file: filename}
	doc := d.parseYAML(src)
	if doc == nil {
		return nil, d.problems
	}
	root := doc.Content[0]
	header := detachHeader(root)
	reorder(root, documentShape, map[*yaml.Node]bool{})
	anchorsFirst(root)
	keepNulls(root, false, map[*yaml.Node]bool{})
	if header != "" && len(root.Content) > 0 {
		first := root.Content[0]
		first.HeadComment = strings.TrimSpace(header + "\n" + first.HeadComment)
	}
	var buf bytes.Buffer
	if err := writeNode(&buf, doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// reorder sorts the keys of every mapping below n by its shape. done
// guards against visiting an anchored node twice through aliases.
func reorder(n *yaml.Node, s *shape, done map[*yaml.Node]bool) {
	s = s.resolve(n)
	if n == nil || s == nil || done[n] {
		return
	}
	done[n] = true
	switch n.Kind {
	case yaml.SequenceNode:
		for _, item := range n.Content {
			reorder(item, s.each, done)
		}
	case yaml.MappingNode:
		pairs := make([][2]*yaml.Node, 0, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			pairs = append(pairs, [2]*yaml.Node{n.Content[i], n.Content[i+1]})
		}
		if s.keys != nil {
			sort.SliceStable(pairs, func(i, j int) bool {
				return s.rank(pairs[i][0].Value) < s.rank(pairs[j][0].Value)
			})
		}
		n.Content = n.Content[:0]
		for _, p := range pairs {
			n.Content = append(n.Content, p[0], p[1])
			reorder(p[1], s.child(p[0].Value), done)
		}
	}
}

// detachHeader takes the comment above a document's first key, which is
// the file's header rather than a note on that key, so that it stays on
// top when the keys are reordered.
func detachHeader(root *yaml.Node) string {
	if root.Kind != yaml.MappingNode || len(root.Content) == 0 {
		return ""
	}
	header := root.Content[0].HeadComment
	root.Content[0].HeadComment = ""
	return header
}

// anchorsFirst makes every alias come after its anchor in the order the
// encoder writes nodes, as YAML requires, and after no other anchor of
// the same name. Walking in that order, an alias met before its anchor
// takes the anchored content and the anchor's place becomes the alias;
// an anchor whose name was redefined in between is renamed.
func anchorsFirst(root *yaml.Node) {
	aliases := map[*yaml.Node][]*yaml.Node{} // the aliases of each anchored node
	names := map[string]bool{}
	collectAnchors(root, aliases, names, map[*yaml.Node]bool{})
	seen := map[*yaml.Node]bool{}
	meaning := map[string]*yaml.Node{} // what each anchor name means at this point of the walk
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.AliasNode {
			t := n.Alias
			switch {
			case t == nil:
				return
			case !seen[t]:
				moveAnchor(t, n, aliases)
			case meaning[t.Anchor] != t:
				renameAnchor(t, aliases[t], names)
				meaning[t.Anchor] = t
				return
			default:
				return
			}
		}
		if seen[n] {
			return
		}
		if n.Anchor != "" {
			seen[n], meaning[n.Anchor] = true, n
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(root)
}

func collectAnchors(n *yaml.Node, aliases map[*yaml.Node][]*yaml.Node, names map[string]bool, done map[*yaml.Node]bool) {
	if done[n] {
		return
	}
	done[n] = true
	if n.Anchor != "" {
		names[n.Anchor] = true
	}
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		aliases[n.Alias] = append(aliases[n.Alias], n)
		return
	}
	for _, c := range n.Content {
		collectAnchors(c, aliases, names, done)
	}
}

// moveAnchor puts the content of anchored node t at alias a, which
// comes first, and makes t an alias of it; comments stay where they are.
func moveAnchor(t, a *yaml.Node, aliases map[*yaml.Node][]*yaml.Node) {
	a.Kind, a.Style, a.Tag, a.Value, a.Anchor, a.Alias, a.Content = t.Kind, t.Style, t.Tag, t.Value, t.Anchor, nil, t.Content
	t.Kind, t.Style, t.Tag, t.Value, t.Alias, t.Content = yaml.AliasNode, 0, "", t.Anchor, a, nil
	t.Anchor = ""
	moved := []*yaml.Node{t}
	for _, x := range aliases[t] {
		if x != a {
			x.Alias = a
			moved = append(moved, x)
		}
	}
	delete(aliases, t)
	aliases[a] = moved
}

// renameAnchor gives anchored node t a name used nowhere else, so that
// its aliases cannot mean a later anchor of its old name.
func renameAnchor(t *yaml.Node, aliases []*yaml.Node, names map[string]bool) {
	name := t.Anchor
	for k := 2; names[name]; k++ {
		name = fmt.Sprintf("%s-%d", t.Anchor, k)
	}
	names[name] = true
	t.Anchor = name
	for _, a := range aliases {
		a.Value = name
	}
}

// keepNulls writes an empty value inside a flow collection as ~: the
// encoder would write it ”, an empty string, where the document meant
// nothing ({a, b: }).
func keepNulls(n *yaml.Node, inFlow bool, done map[*yaml.Node]bool) {
	if done[n] {
		return
	}
	done[n] = true
	inFlow = inFlow || n.Style&yaml.FlowStyle != 0
	if inFlow && n.Kind == yaml.ScalarNode && n.Value == "" && n.ShortTag() == "!!null" {
		n.Value = "~"
	}
	for _, c := range n.Content {
		keepNulls(c, inFlow, done)
	}
}
