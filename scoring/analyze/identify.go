package analyze

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/lapack/gonum"
	"gonum.org/v1/gonum/mat"
)

// Sentinels of the fits that cannot be made; test with errors.Is.
var (
	// ErrCollinear is a feature that is, on these visits, a linear
	// combination of others, or constant: its weight is not determined.
	// The error is a *CollinearError.
	ErrCollinear = errors.New("features are collinear")
	// ErrConstantOutcome is a remembered rating that is the same on
	// every visit used: there is nothing to explain.
	ErrConstantOutcome = errors.New("the remembered rating is constant")
	// ErrTooFewVisits is a fit with no more visits than coefficients,
	// or a clustered fit with fewer than two clusters.
	ErrTooFewVisits = errors.New("too few visits")
)

// A CollinearError names a feature that is a combination of others:
// Term = Σ Weights[i]·Of[i] + a constant, on every visit used. Of is
// empty for a constant feature.
type CollinearError struct {
	Term    string
	Of      []string
	Weights []float64
}

func (e *CollinearError) Error() string {
	if len(e.Of) == 0 {
		return fmt.Sprintf("%s is constant on these visits: its weight is the intercept's; drop it", e.Term)
	}
	var b strings.Builder
	b.WriteString(e.Term + " = ")
	for i, name := range e.Of {
		w := e.Weights[i]
		switch {
		case i > 0 && w < 0:
			b.WriteString(" − ")
			w = -w
		case i > 0:
			b.WriteString(" + ")
		case w < 0:
			b.WriteString("−")
			w = -w
		}
		b.WriteString(strconv.FormatFloat(w, 'g', 4, 64) + "·" + name)
	}
	b.WriteString(": drop one")
	return b.String()
}

func (e *CollinearError) Unwrap() error { return ErrCollinear }

// rankTolerance is the smallest diagonal of R, on features scaled to
// unit spread, that counts as independent: a feature is taken as a
// combination of the others when they explain all but 10⁻¹² of its
// variance (R² > 1 − 10⁻¹²). The factor works on co-moments, whose
// square root carries about 1e-8 of rounding, so a smaller cut-off
// would pass rounding noise as information.
const rankTolerance = 1e-6

// identify returns a *CollinearError when the features' co-moment
// matrix s (k×k, centred) is rank deficient, by QR with column
// pivoting of a square root of the correlation matrix: the same R, up
// to signs, as the QR of the centred, scaled data.
func identify(features []string, s *mat.SymDense) error {
	k := len(features)
	sd := make([]float64, k)
	for i := range k {
		sd[i] = math.Sqrt(s.At(i, i))
		if !(sd[i] > 0) || sd[i] < 1e-150 {
			return &CollinearError{Term: features[i]}
		}
	}
	corr := mat.NewSymDense(k, nil)
	for i := range k {
		for j := i; j < k; j++ {
			corr.SetSym(i, j, s.At(i, j)/(sd[i]*sd[j]))
		}
	}
	var eig mat.EigenSym
	if !eig.Factorize(corr, true) {
		return fmt.Errorf("the features' correlations could not be factorised: %w", ErrCollinear)
	}
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	// a = Λ^½ Vᵀ, so that aᵀa = corr; row-major k×k for LAPACK.
	a := make([]float64, k*k)
	for i, lambda := range eig.Values(nil) {
		root := math.Sqrt(math.Max(0, lambda))
		for j := range k {
			a[i*k+j] = root * vecs.At(j, i)
		}
	}
	jpvt := make([]int, k)
	for i := range jpvt {
		jpvt[i] = -1
	}
	tau := make([]float64, k)
	work := make([]float64, 1)
	var impl gonum.Implementation
	impl.Dgeqp3(k, k, a, k, jpvt, tau, work, -1)
	work = make([]float64, int(work[0]))
	impl.Dgeqp3(k, k, a, k, jpvt, tau, work, len(work))
	rank := 0
	for rank < k && math.Abs(a[rank*k+rank]) > rankTolerance*math.Abs(a[0]) {
		rank++
	}
	if rank == k {
		return nil
	}
	return combination(features, sd, a, k, rank, jpvt)
}

// combination solves R₁₁ c = R₁₂ for the first dependent column, and
// writes c in the features' own units.
func combination(features []string, sd, r []float64, k, rank int, jpvt []int) error {
	dep := jpvt[rank]
	c := make([]float64, rank)
	for i := rank - 1; i >= 0; i-- {
		x := r[i*k+rank]
		for j := i + 1; j < rank; j++ {
			x -= r[i*k+j] * c[j]
		}
		c[i] = x / r[i*k+i]
	}
	// The relation Σ aⱼxⱼ = constant, in the features' own units.
	a := make([]float64, len(features))
	a[dep] = 1
	biggest := 1.0
	for i := range c {
		a[jpvt[i]] = -c[i] * sd[dep] / sd[jpvt[i]]
		biggest = math.Max(biggest, math.Abs(a[jpvt[i]]))
	}
	// Name the last feature that takes part as the combination of the
	// earlier ones, in their given order: the one a reader added last.
	term := dep
	for f := range features {
		if math.Abs(a[f]) > 1e-9*biggest {
			term = f
		}
	}
	e := &CollinearError{Term: features[term]}
	for f := range features {
		if f != term && math.Abs(a[f]) > 1e-9*biggest {
			e.Of, e.Weights = append(e.Of, features[f]), append(e.Weights, -a[f]/a[term])
		}
	}
	return e
}

// Sentinels of clustering and of merging; test with errors.Is.
var (
	ErrUnknownCluster = errors.New("unknown cluster")
	// ErrMissingCluster is a visit without the customer, site or
	// purpose its analysis is clustered by: a *MissingClusterError.
	ErrMissingCluster = errors.New("a visit has no cluster")
	// ErrMismatch is a Merge of accumulators built differently.
	ErrMismatch = errors.New("accumulators built for different analyses")
)
