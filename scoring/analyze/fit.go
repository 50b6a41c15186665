package analyze

import (
	"fmt"
	"math"
	"math/big"
	"strings"

	"github.com/peakend/peakend/internal/exact"
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
	StdErr   float64 // of the kind FitResult.SE says
	T        float64
	P        float64 // two-sided, on FitResult.DF degrees of freedom
	// Low and High bound the 95% confidence interval.
	Low, High float64
	// Standardized is the estimate in standard deviations of the
	// remembered rating per standard deviation of the feature; NA for
	// the intercept.
	Standardized float64
}

// SE is a kind of standard error.
type SE int

const (
	// Classical standard errors assume independent errors of equal
	// variance.
	Classical SE = iota
	// HC1 standard errors are robust to unequal variances: White's
	// sandwich with the factor n/(n−k), as Stata's vce(robust) and R's
	// sandwich::vcovHC(type = "HC1").
	HC1
	// CR1 standard errors are robust to errors correlated within
	// clusters: the sandwich of per-cluster score sums with the factor
	// G/(G−1)·(n−1)/(n−k), as Stata's vce(cluster) and R's
	// sandwich::vcovCL(type = "HC1"); t and p are on G−1 degrees of
	// freedom.
	CR1
)

// String returns the name of the kind of standard error.
func (se SE) String() string {
	switch se {
	case Classical:
		return "classical"
	case HC1:
		return "HC1"
	case CR1:
		return "CR1"
	}
	return fmt.Sprintf("SE(%d)", int(se))
}

// FitOptions choose the standard errors of a fit.
type FitOptions struct {
	// Robust asks for HC1 standard errors.
	Robust bool
	// Cluster, when set, asks for CR1 standard errors clustered by it;
	// it overrides Robust. Every visit used needs the cluster's column.
	Cluster Cluster
}

// A FitResult is an ordinary least squares fit of remembered ratings.
type FitResult struct {
	Coefficients []Coefficient // the intercept first, then the features in order
	R2, AdjR2    float64
	ResidualSE   float64
	N            int
	SE           SE      // the kind of standard errors
	DF           float64 // degrees of freedom of t and p: n−k, or G−1 when clustered
	// Clusters is G, the number of clusters of a CR1 fit, and
	// SingleVisitClusters how many of them have one visit only (they
	// are allowed, and add to the meat of the sandwich like a robust
	// fit's visit); both 0 otherwise.
	Clusters, SingleVisitClusters int
	// AIC and BIC of the Gaussian likelihood, counting the error
	// variance as a parameter, as R's AIC and BIC of an lm.
	AIC, BIC float64
}

// A Fitter accumulates visits for a fit of the remembered rating on
// features in one pass, in memory that does not grow with the visits:
// exact sums of the features and the remembered rating z and of their
// products zzᵀ, and for robust or clustered standard errors the sums
// the sandwich needs (a fixed tensor, or one block of sums per
// cluster).
//
// The sums are exact (internal/exact), most visits' first kept by the
// values of their rating features (gridMoments) and added in when the
// sums are read, and the centred co-moments are
// computed from them exactly and rounded once, so that a classical fit
// is a function of the visits counted, not of their order or of how
// they were split and merged: bit for bit. The sandwich's sums are
// float64s, so robust and clustered standard errors agree across
// orders to about 1e-12 relative, their estimates exactly.
type Fitter struct {
	features []string
	read     []func(*scoring.Features) float64 // of the features, in order
	opt      FitOptions
	n        float64
	sums     *exact.Sums // Σz, then Σzzᵀ's upper triangle packed (pidx): read through moments, which adds the grid's
	mean     []float64   // of the features, then the remembered rating: set by centre
	co       []float64   // co-moments Σ(z − mean)(z − mean)ᵀ, row-major p×p, upper triangle kept: set by centre
	z        []float64
	grid     *gridMoments // most visits' sums, until fold adds them to sums; nil without grid features
	sw       *sandwich    // nil for classical standard errors
	err      error        // the first visit that could not be used, such as one without its cluster
}

// NewFitter returns a Fitter on the named features (scoring.FeatureNames())
// with classical standard errors.
func NewFitter(features []string) (*Fitter, error) {
	return NewFitterWith(features, FitOptions{})
}

// NewFitterWith returns a Fitter on the named features with the
// standard errors opt asks for.
func NewFitterWith(features []string, opt FitOptions) (*Fitter, error) {
	if err := checkFeatures(features); err != nil {
		return nil, err
	}
	if opt.Cluster < NoCluster || opt.Cluster > ByPurpose {
		return nil, fmt.Errorf("%w %v", ErrUnknownCluster, opt.Cluster)
	}
	p := len(features) + 1
	read := make([]func(*scoring.Features) float64, len(features))
	for i, name := range features {
		read[i], _ = scoring.FeatureReader(name)
	}
	ft := &Fitter{features: features, read: read, opt: opt, sums: exact.NewSums(p + packed(p)),
		mean: make([]float64, p), co: make([]float64, p*p), z: make([]float64, p), grid: newGridMoments(features)}
	if opt.Robust || opt.Cluster != NoCluster {
		ft.sw = newSandwich(len(features), opt.Cluster)
	}
	return ft, nil
}

func checkFeatures(features []string) error {
	if len(features) == 0 {
		return errorOf(ErrFeatures, "no features to fit on")
	}
	seen := map[string]bool{}
	for _, name := range features {
		if _, ok := scoring.FeatureReader(name); !ok {
			return errorOf(ErrFeatures, "unknown feature %q; features are %s", name, strings.Join(scoring.FeatureNames(), ", "))
		}
		if seen[name] {
			return errorOf(ErrFeatures, "feature %q named twice", name)
		}
		seen[name] = true
	}
	return nil
}

var _ scoring.Accumulator = (*Fitter)(nil)

// Add counts visit v with features f; a visit missing the remembered
// rating or any of the features, or a nil one, is skipped. A visit
// without the column the fit is clustered by makes Result fail.
func (ft *Fitter) Add(v *scoring.Visit, f *scoring.Features) {
	if v == nil || f == nil || scoring.IsNA(v.Remembered) {
		return
	}
	for i, read := range ft.read {
		x := read(f)
		if scoring.IsNA(x) {
			return
		}
		ft.z[i] = x
	}
	ft.z[len(ft.features)] = v.Remembered
	if ft.sw != nil && !ft.sw.add(v, ft.z) {
		if ft.err == nil {
			ft.err = &MissingClusterError{Cluster: ft.opt.Cluster, Visit: v.ID, Line: v.Line}
		}
		return
	}
	ft.addSums()
}

// addSums adds ft.z to the sums: z, and the products zᵢzⱼ exactly.
func (ft *Fitter) addSums() {
	ft.n++
	if ft.grid == nil || !ft.grid.add(ft.z) {
		ft.sums.AddMoments(ft.z)
	}
}

// moments returns the exact sums of every visit counted, the grid's
// folded in.
func (ft *Fitter) moments() *exact.Sums {
	ft.grid.fold(ft.sums, len(ft.z))
	return ft.sums
}

// centre sets the means and the centred co-moments from the exact
// sums: Σ(zᵢ − z̄ᵢ)(zⱼ − z̄ⱼ) = (n·Σzᵢzⱼ − ΣzᵢΣzⱼ)/n, computed exactly
// and rounded once, which no cancellation of large values (durations
// in seconds) can spoil.
func (ft *Fitter) centre() {
	p := len(ft.z)
	n := int64(ft.n)
	if n == 0 {
		clear(ft.mean)
		clear(ft.co)
		return
	}
	sums := ft.moments()
	total := make([]*big.Int, p)
	for i := range total {
		total[i] = sums.Int(i)
		ft.mean[i] = exact.Round(total[i], exact.Scale, n)
		if x, ok := sums.Special(i); ok {
			ft.mean[i] = x
		}
	}
	var num, prod big.Int
	bn := big.NewInt(n)
	at := p
	for i := range p {
		for j := i; j < p; j++ {
			num.Mul(sums.Int(at), bn)
			num.Lsh(&num, exact.Scale)
			num.Sub(&num, prod.Mul(total[i], total[j]))
			ft.co[i*p+j] = exact.Round(&num, 2*exact.Scale, n)
			for _, k := range [...]int{i, j, at} {
				if x, ok := sums.Special(k); ok {
					ft.co[i*p+j] = x - x // NaN: no co-moment of an infinity
				}
			}
			at++
		}
	}
}

// ols is the solved least squares problem on a subset of the features.
type ols struct {
	terms []int // indices of the features used
	beta  *mat.VecDense
	inv   *mat.SymDense // (centred XᵀX)⁻¹
	sse   float64
}

// solve fits the remembered rating on the features at terms.
func (ft *Fitter) solve(terms []int) (*ols, error) {
	k, p := len(terms), len(ft.features)+1
	sxx := mat.NewSymDense(k, nil)
	sxy := mat.NewVecDense(k, nil)
	names := make([]string, k)
	for a, i := range terms {
		names[a] = ft.features[i]
		for b, j := range terms[a:] {
			sxx.SetSym(a, a+b, ft.co[min(i, j)*p+max(i, j)])
		}
		sxy.SetVec(a, ft.co[i*p+p-1])
	}
	if err := identify(names, sxx); err != nil {
		return nil, err
	}
	var chol mat.Cholesky
	if ok := chol.Factorize(sxx); !ok {
		return nil, fmt.Errorf("the features %s are too close to collinear to solve: %w", strings.Join(names, ", "), ErrCollinear)
	}
	o := &ols{terms: terms, beta: new(mat.VecDense), inv: new(mat.SymDense)}
	if err := chol.SolveVecTo(o.beta, sxy); err != nil {
		return nil, err
	}
	if err := chol.InverseTo(o.inv); err != nil {
		return nil, err
	}
	o.sse = math.Max(0, ft.co[p*p-1]-mat.Dot(o.beta, sxy))
	return o, nil
}

// allTerms returns 0..k−1.
func (ft *Fitter) allTerms() []int {
	terms := make([]int, len(ft.features))
	for i := range terms {
		terms[i] = i
	}
	return terms
}

// Result solves the fit.
func (ft *Fitter) Result() (*FitResult, error) {
	if ft.err != nil {
		return nil, ft.err
	}
	k := len(ft.features)
	n := int(ft.n)
	if n <= k+1 {
		return nil, fmt.Errorf("%w: %d visits for %d coefficients (%d features and the intercept); a fit needs more visits than coefficients",
			ErrTooFewVisits, n, k+1, k)
	}
	p := k + 1
	ft.centre()
	syy := ft.co[p*p-1]
	if !(syy > 1e-24*ft.n*math.Max(1, ft.mean[k]*ft.mean[k])) {
		return nil, fmt.Errorf("%w (%g on all %d visits): there is nothing to fit", ErrConstantOutcome, ft.mean[k], n)
	}
	o, err := ft.solve(ft.allTerms())
	if err != nil {
		return nil, err
	}
	vcov, res, err := ft.covariance(o)
	if err != nil {
		return nil, err
	}
	ft.describe(res, o, syy)
	tdist := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: res.DF}
	q := tdist.Quantile(0.975)
	coef := func(term string, est, variance, standardized float64) Coefficient {
		se := math.Sqrt(variance)
		t := est / se
		return Coefficient{Term: term, Estimate: est, StdErr: se, T: t, P: 2 * tdist.Survival(math.Abs(t)),
			Low: est - q*se, High: est + q*se, Standardized: standardized}
	}
	res.Coefficients = append(res.Coefficients, coef("intercept", ft.intercept(o), vcov.At(0, 0), scoring.NA))
	for i, name := range ft.features {
		b := o.beta.AtVec(i)
		res.Coefficients = append(res.Coefficients, coef(name, b, vcov.At(i+1, i+1), b*math.Sqrt(ft.co[i*p+i]/syy)))
	}
	return res, nil
}

// intercept is ȳ − βᵀx̄.
func (ft *Fitter) intercept(o *ols) float64 {
	b := ft.mean[len(ft.features)]
	for a, i := range o.terms {
		b -= o.beta.AtVec(a) * ft.mean[i]
	}
	return b
}

// describe sets the fit's figures that do not depend on the kind of
// standard error: R², the residual standard error, AIC and BIC.
func (ft *Fitter) describe(res *FitResult, o *ols, syy float64) {
	n, k := ft.n, float64(len(o.terms)+1)
	res.N = int(ft.n)
	res.ResidualSE = math.Sqrt(o.sse / (n - k))
	res.R2 = 1 - o.sse/syy
	res.AdjR2 = 1 - (1-res.R2)*(n-1)/(n-k)
	logLik := -n / 2 * (math.Log(2*math.Pi*o.sse/n) + 1)
	res.AIC = -2*logLik + 2*(k+1)
	res.BIC = -2*logLik + math.Log(n)*(k+1)
}

// covariance returns the covariance matrix of (intercept, β) of the
// kind the options ask for, and a result with SE, DF and clusters set.
func (ft *Fitter) covariance(o *ols) (*mat.SymDense, *FitResult, error) {
	k := len(o.terms)
	n := ft.n
	res := &FitResult{SE: Classical, DF: n - float64(k+1)}
	// The bread: (XᵀX)⁻¹ with the intercept, from the centred inverse.
	xbar := mat.NewVecDense(k, nil)
	for a, i := range o.terms {
		xbar.SetVec(a, ft.mean[i])
	}
	bread := fullInverse(o.inv, xbar, n)
	if ft.sw == nil {
		bread.ScaleSym(o.sse/res.DF, bread)
		return bread, res, nil
	}
	v, err := ft.sw.covariance(ft, o, res)
	return v, res, err
}

// fullInverse returns (XᵀX)⁻¹ of X = [1, x] from the inverse of the
// centred cross products and the means x̄:
// [[1/n + x̄ᵀS⁻¹x̄, −(S⁻¹x̄)ᵀ], [−S⁻¹x̄, S⁻¹]].
func fullInverse(inv *mat.SymDense, xbar *mat.VecDense, n float64) *mat.SymDense {
	k := xbar.Len()
	var sx mat.VecDense
	sx.MulVec(inv, xbar)
	out := mat.NewSymDense(k+1, nil)
	out.SetSym(0, 0, 1/n+mat.Dot(xbar, &sx))
	for i := range k {
		out.SetSym(0, i+1, -sx.AtVec(i))
		for j := i; j < k; j++ {
			out.SetSym(i+1, j+1, inv.At(i, j))
		}
	}
	return out
}
