package analyze

import (
	"math"
	"strings"

	"github.com/peakend/peakend/scoring"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"
)

// DefaultFeatures returns the features Fit uses unless told otherwise:
// the peak-end rule's two, and the rivals that test duration neglect
// and first impressions. Each call returns a new slice.
func DefaultFeatures() []string { return []string{"peak", "end", "mean", "duration", "first", "trend"} }

// A Coefficient is one term of a fit.
type Coefficient struct {
	Term     string // "intercept" or a feature name
	Estimate float64
	StdErr   float64
	T        float64
	P        float64 // two-sided
}

// A FitResult is an ordinary least squares fit of remembered ratings.
type FitResult struct {
	Coefficients []Coefficient // the intercept first, then the features in order
	R2, AdjR2    float64
	ResidualSE   float64
	N            int
}

// A Fitter accumulates visits for a fit of the remembered rating on
// features, in memory that does not grow with the visits.
type Fitter struct {
	features []string
	n        float64
	mean     []float64 // of the features, then the remembered rating
	co       []float64 // co-moments Σ(z − mean)(z − mean)ᵀ, row-major p×p, upper triangle kept
	z, d     []float64
}

// NewFitter returns a Fitter on the named features (scoring.FeatureNames()).
func NewFitter(features []string) (*Fitter, error) {
	if len(features) == 0 {
		return nil, errorOf(ErrFeatures, "no features to fit on")
	}
	seen := map[string]bool{}
	for _, name := range features {
		var f scoring.Features
		if _, ok := f.Value(name); !ok {
			return nil, errorOf(ErrFeatures, "unknown feature %q; features are %s", name, strings.Join(scoring.FeatureNames(), ", "))
		}
		if seen[name] {
			return nil, errorOf(ErrFeatures, "feature %q named twice", name)
		}
		seen[name] = true
	}
	p := len(features) + 1
	return &Fitter{features: features, mean: make([]float64, p), co: make([]float64, p*p),
		z: make([]float64, p), d: make([]float64, p)}, nil
}

var _ scoring.Accumulator = (*Fitter)(nil)

// Add counts visit v with features f; a visit missing the remembered
// rating or any of the features, or a nil one, is skipped.
func (ft *Fitter) Add(v *scoring.Visit, f *scoring.Features) {
	if v == nil || f == nil || scoring.IsNA(v.Remembered) {
		return
	}
	for i, name := range ft.features {
		x, _ := f.Value(name)
		if scoring.IsNA(x) {
			return
		}
		ft.z[i] = x
	}
	ft.z[len(ft.features)] = v.Remembered
	// Welford's update of means and co-moments, stable where sums of
	// squares of large values (durations in seconds) would not be.
	ft.n++
	for i := range ft.z {
		ft.d[i] = ft.z[i] - ft.mean[i]
		ft.mean[i] += ft.d[i] / ft.n
	}
	w := (ft.n - 1) / ft.n
	p := len(ft.z)
	for i := range ft.z {
		wd := w * ft.d[i]
		row := ft.co[i*p : (i+1)*p]
		for j := i; j < p; j++ {
			row[j] += wd * ft.d[j]
		}
	}
}

// Result solves the fit.
func (ft *Fitter) Result() (*FitResult, error) {
	k := len(ft.features)
	n := int(ft.n)
	if n <= k+1 {
		return nil, errorOf(ErrTooFewVisits, "%d usable visits for %d features; a fit needs more visits than terms", n, k+1)
	}
	sxx := mat.NewSymDense(k, nil)
	sxy := mat.NewVecDense(k, nil)
	p := k + 1
	for i := 0; i < k; i++ {
		for j := i; j < k; j++ {
			sxx.SetSym(i, j, ft.co[i*p+j])
		}
		sxy.SetVec(i, ft.co[i*p+k])
	}
	syy := ft.co[k*p+k]
	var chol mat.Cholesky
	if ok := chol.Factorize(sxx); !ok {
		return nil, errorOf(ErrCollinear, "the features %s are collinear (or one is constant); drop one", strings.Join(ft.features, ", "))
	}
	var beta mat.VecDense
	if err := chol.SolveVecTo(&beta, sxy); err != nil {
		return nil, err
	}
	var inv mat.SymDense
	if err := chol.InverseTo(&inv); err != nil {
		return nil, err
	}
	sse := math.Max(0, syy-mat.Dot(&beta, sxy))
	df := float64(n - k - 1)
	sigma2 := sse / df
	res := &FitResult{N: n, ResidualSE: math.Sqrt(sigma2)}
	if syy > 0 {
		res.R2 = 1 - sse/syy
		res.AdjR2 = 1 - (1-res.R2)*float64(n-1)/df
	}
	tdist := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}
	coef := func(term string, est, variance float64) Coefficient {
		se := math.Sqrt(variance)
		t := est / se
		return Coefficient{Term: term, Estimate: est, StdErr: se, T: t, P: 2 * tdist.Survival(math.Abs(t))}
	}
	// The intercept: ȳ − βᵀx̄, with variance σ²(1/n + x̄ᵀ S⁻¹ x̄).
	xbar := mat.NewVecDense(k, ft.mean[:k])
	var sx mat.VecDense
	sx.MulVec(&inv, xbar)
	intercept := ft.mean[k] - mat.Dot(&beta, xbar)
	res.Coefficients = append(res.Coefficients, coef("intercept", intercept, sigma2*(1/ft.n+mat.Dot(xbar, &sx))))
	for i, name := range ft.features {
		res.Coefficients = append(res.Coefficients, coef(name, beta.AtVec(i), sigma2*inv.At(i, i)))
	}
	return res, nil
}
