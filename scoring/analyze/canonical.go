package analyze

import (
	"cmp"
	"slices"
)

// canonical puts the comparer's visits in an order of their content
// alone: by cluster name, then remembered rating, then each rule's
// score (NA first), clusters numbered in the order of their names.
// Results and CrossValidate call it first, so that what they find
// depends on the visits and not on the order they were added or merged
// in: the sums run in that order, the bootstrap draws and the folds are
// of the sorted visits, and the parts of a data set merged in any order,
// on one machine or the workers of a pipeline, give the same figures to
// the last digit. Visits that sort equal hold the same numbers, so which
// goes first changes nothing.
func (c *Comparer) canonical() {
	n := len(c.remembered)
	renumber := c.canonicalClusters()
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		if c.ci != nil {
			if d := cmp.Compare(renumber[c.cluster[a]], renumber[c.cluster[b]]); d != 0 {
				return d
			}
		}
		if d := cmp.Compare(c.remembered[a], c.remembered[b]); d != 0 {
			return d
		}
		for _, s := range c.scores {
			if d := cmp.Compare(s[a], s[b]); d != 0 {
				return d
			}
		}
		return 0
	})
	c.remembered = permuted(c.remembered, order)
	for r := range c.scores {
		c.scores[r] = permuted(c.scores[r], order)
	}
	if c.ci != nil {
		cluster := make([]int32, n)
		for i, j := range order {
			cluster[i] = renumber[c.cluster[j]]
		}
		c.cluster = cluster
	}
}

// canonicalClusters renumbers the clusters in the order of their names
// and returns the new number of each old one.
func (c *Comparer) canonicalClusters() []int32 {
	if c.ci == nil {
		return nil
	}
	names := slices.Clone(c.ci.names)
	slices.Sort(names)
	renumber := make([]int32, len(names))
	for g, name := range names {
		renumber[c.ci.index[name]] = int32(g)
		c.ci.index[name] = int32(g)
	}
	c.ci.names = names
	return renumber
}

func permuted(xs []float64, order []int) []float64 {
	if xs == nil {
		return nil
	}
	out := make([]float64, len(order))
	for i, j := range order {
		out[i] = xs[j]
	}
	return out
}
