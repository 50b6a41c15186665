package blueprint

import "gopkg.in/yaml.v3"

// aliasBudget counts the bytes of text that aliases add to a document.
type aliasBudget struct {
	left int                // bytes aliases may still add
	size map[*yaml.Node]int // text size of each node an alias names, once computed
}

// charge takes the text size of target from the budget and reports
// whether the budget covers it.
func (a *aliasBudget) charge(target *yaml.Node) bool {
	if target == nil {
		return true
	}
	cost := a.textSize(target, a.left+1)
	a.left -= cost
	return a.left >= 0
}

// nodeCost is what one node is charged, in bytes of text: decoding a
// node allocates about that much, so that an alias of a long list of
// short items costs what decoding it costs.
const nodeCost = 16

// textSize is the bytes of text n expands to: each scalar's bytes and
// nodeCost for every node, nested aliases expanded. It stops counting
// past limit, so that a bomb is measured in time proportional to the
// document, never to its expansion.
func (a *aliasBudget) textSize(n *yaml.Node, limit int) int {
	if size, ok := a.size[n]; ok {
		return size
	}
	a.size[n] = limit // a node that contains itself costs everything
	size := nodeCost + len(n.Value)
	if n.Kind == yaml.AliasNode {
		size = nodeCost + a.textSize(n.Alias, limit)
	}
	for _, c := range n.Content {
		if size > limit {
			break
		}
		size += a.textSize(c, limit-size)
	}
	size = min(size, limit)
	a.size[n] = size
	return size
}
