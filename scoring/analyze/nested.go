package analyze

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"
)

// A NestedTest compares a fit with one on fewer of its features: is the
// larger model better than the smaller one by more than chance?
type NestedTest struct {
	Larger, Smaller []string // the features of the two models
	// Wald is set when the test is a Wald test on the robust or
	// clustered covariance (errors that are not independent, or not of
	// equal variance, leave the F test of residual sums of squares
	// wrong); otherwise it is the classical F test, as R's anova.
	Wald     bool
	SE       SE
	F        float64
	DF1, DF2 float64 // DF2 is n−k, or G−1 when clustered
	P        float64
	N        int
}

// Against tests the fit against the fit on the features smaller, which
// must be some of its own (none: the intercept only), over the same
// visits.
func (ft *Fitter) Against(smaller []string) (*NestedTest, error) {
	full, err := ft.Result()
	if err != nil {
		return nil, err
	}
	var sub, dropped []int
	for _, name := range smaller {
		i := slices.Index(ft.features, name)
		switch {
		case i < 0:
			return nil, fmt.Errorf("%q is not a feature of the larger fit (%s); the smaller model takes some of its features", name, strings.Join(ft.features, ", "))
		case slices.Contains(sub, i):
			return nil, fmt.Errorf("feature %q named twice", name)
		}
		sub = append(sub, i)
	}
	for i := range ft.features {
		if !slices.Contains(sub, i) {
			dropped = append(dropped, i)
		}
	}
	if len(dropped) == 0 {
		return nil, fmt.Errorf("the smaller model has every feature of the larger one; leave at least one out")
	}
	t := &NestedTest{Larger: ft.features, Smaller: smaller, SE: full.SE, N: full.N, DF1: float64(len(dropped)), DF2: full.DF}
	if ft.sw == nil {
		if err := ft.fTest(t, sub); err != nil {
			return nil, err
		}
	} else if err := ft.waldTest(t, dropped); err != nil {
		return nil, err
	}
	t.P = distuv.F{D1: t.DF1, D2: t.DF2}.Survival(t.F)
	return t, nil
}

// fTest sets the F statistic of the residual sums of squares.
func (ft *Fitter) fTest(t *NestedTest, sub []int) error {
	large, err := ft.solve(ft.allTerms())
	if err != nil {
		return err
	}
	p := len(ft.features) + 1
	smallSSE := ft.co[p*p-1] // the intercept only
	if len(sub) > 0 {
		small, err := ft.solve(sub)
		if err != nil {
			return err
		}
		smallSSE = small.sse
	}
	t.F = math.Max(0, smallSSE-large.sse) / t.DF1 / (large.sse / t.DF2)
	return nil
}

// waldTest sets the Wald statistic, divided by the number of
// restrictions, that the dropped features' weights are all zero.
func (ft *Fitter) waldTest(t *NestedTest, dropped []int) error {
	o, err := ft.solve(ft.allTerms())
	if err != nil {
		return err
	}
	vcov, _, err := ft.covariance(o)
	if err != nil {
		return err
	}
	q := len(dropped)
	b := mat.NewVecDense(q, nil)
	v := mat.NewSymDense(q, nil)
	for a, i := range dropped {
		b.SetVec(a, o.beta.AtVec(i))
		for c, j := range dropped[a:] {
			v.SetSym(a, a+c, vcov.At(i+1, j+1))
		}
	}
	var chol mat.Cholesky
	if !chol.Factorize(v) {
		return fmt.Errorf("the covariance of %d dropped weights is singular (too few clusters?): %w", q, ErrCollinear)
	}
	var x mat.VecDense
	if err := chol.SolveVecTo(&x, b); err != nil {
		return err
	}
	t.Wald = true
	t.F = mat.Dot(b, &x) / float64(q)
	return nil
}
