package analyze

// CrossValidateFolds cross-validates with a fixed fold for each
// resampling unit (cluster, in order of first appearance, or visit),
// for tests against a reference that uses the same folds.
func CrossValidateFolds(c *Comparer, fold []int, k int) []CVResult {
	sums := make([]cvSums, len(c.rules))
	x, y := c.centred()
	c.crossValidate(x, y, fold, k, sums)
	return c.cvResults(sums, k, 1)
}
