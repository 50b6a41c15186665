// Package research is a pattern to copy: a researcher's own Go tests
// that load recorded visits, score them with package scoring and assert
// on the features and on which rule of memory fits best. See
// research_test.go and README.md.
package research
