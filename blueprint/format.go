package blueprint

import (
	"bytes"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Format returns the document src in canonical form: keys in the
// format's order, two-space indentation, comments kept. Keys the format
// does not know keep their order after the known ones (Lint reports
// them). Formatting a formatted document changes nothing. The error,
// for a document that is not YAML, is of type Problems.
func Format(filename string, src []byte) ([]byte, error) {
	d := &decoder{file: filename}
	doc := d.parseYAML(src)
	if doc == nil {
		return nil, d.problems
	}
	root := doc.Content[0]
	header := detachHeader(root)
	reorder(root, documentShape, map[*yaml.Node]bool{})
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
