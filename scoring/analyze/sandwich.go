package analyze

import (
	"fmt"

	"github.com/peakend/peakend/scoring"
	"gonum.org/v1/gonum/mat"
)

// A sandwich holds what robust and clustered standard errors need, in
// one pass: the meat Σ sᵍsᵍᵀ is made of score sums sᵍ = Σ xᵢ(yᵢ − xᵢᵀβ)
// whose β is known only at the end, so it keeps the sums that give
// them for any β. Clustered: per cluster, Σ wwᵀ with w = (1, x, y),
// (k+2)(k+3)/2 numbers a cluster. Robust (each visit its own cluster):
// one fourth-moment tensor Σ xxᵀ⊗wwᵀ, of fixed size.
//
// The sums are of values less a shift, the first visit's, so that
// features far from zero (a scale of 1000001..1000005, durations in
// seconds) do not cancel away the residuals' digits; the shift changes
// the intercept's coordinates only, and is undone in covariance.
type sandwich struct {
	k      int // features
	shift  []float64
	set    bool
	w      []float64 // (1, x − shift, y − shift) of the visit being added
	ci     *clusterIndex
	sums   [][]float64 // clustered: packed Σ wwᵀ of each cluster, clusterBlock clusters a slice
	tensor []float64   // robust: packed xxᵀ rows by packed wwᵀ columns
	xx, ww []float64   // robust: packed products of the visit being added
}

func newSandwich(k int, by Cluster) *sandwich {
	s := &sandwich{k: k, shift: make([]float64, k+1), w: make([]float64, k+2)}
	if by != NoCluster {
		s.ci = newClusterIndex(by)
		return s
	}
	s.xx, s.ww = make([]float64, packed(k+1)), make([]float64, packed(k+2))
	s.tensor = make([]float64, len(s.xx)*len(s.ww))
	return s
}

// packed is the size of the upper triangle of a d×d matrix.
func packed(d int) int { return d * (d + 1) / 2 }

// add counts features and remembered rating z of visit v; it returns
// false, counting nothing, when v has no cluster.
func (s *sandwich) add(v *scoring.Visit, z []float64) bool {
	g := 0
	if s.ci != nil {
		var ok bool
		if g, ok = s.ci.of(v); !ok {
			return false
		}
	}
	if !s.set {
		copy(s.shift, z)
		s.set = true
	}
	s.w[0] = 1
	for i, x := range z {
		s.w[i+1] = x - s.shift[i]
	}
	if s.ci != nil {
		outer(s.block(g), s.w)
		return true
	}
	clear(s.xx)
	clear(s.ww)
	outer(s.xx, s.w[:s.k+1])
	outer(s.ww, s.w)
	for i, xx := range s.xx {
		row := s.tensor[i*len(s.ww) : (i+1)*len(s.ww)]
		for j, ww := range s.ww {
			row[j] += xx * ww
		}
	}
	return true
}

// clusterBlock is how many clusters' sums share one allocation: the
// sums grow by blocks, never copied, so that 100 000 clusters take
// their 29 MB and not twice that while a slice doubles.
const clusterBlock = 1024

// block returns the sums of cluster g, making room for a new one.
func (s *sandwich) block(g int) []float64 {
	stride := packed(s.k + 2)
	for len(s.sums) <= g/clusterBlock {
		s.sums = append(s.sums, make([]float64, clusterBlock*stride))
	}
	i := g % clusterBlock * stride
	return s.sums[g/clusterBlock][i : i+stride]
}

// outer adds the packed upper triangle of wwᵀ to dst.
func outer(dst, w []float64) {
	i := 0
	for a, wa := range w {
		for _, wb := range w[a:] {
			dst[i] += wa * wb
			i++
		}
	}
}

// unpack returns the symmetric d×d matrix of a packed upper triangle.
func unpack(p []float64, d int) [][]float64 {
	m := make([][]float64, d)
	for a := range m {
		m[a] = make([]float64, d)
	}
	i := 0
	for a := 0; a < d; a++ {
		for b := a; b < d; b++ {
			m[a][b], m[b][a] = p[i], p[i]
			i++
		}
	}
	return m
}

// covariance returns the sandwich covariance of (intercept, β) of fit
// o of ft, with its small-sample factor, and sets res's SE, DF and
// clusters.
func (s *sandwich) covariance(ft *Fitter, o *ols, res *FitResult) (*mat.SymDense, error) {
	k, n := s.k, ft.n
	// γ = (−β₀, −β, 1) in the shifted coordinates: γᵀw is the residual.
	gamma := make([]float64, k+2)
	b0 := ft.mean[k] - s.shift[k]
	for i := range k {
		gamma[i+1] = -o.beta.AtVec(i)
		b0 -= o.beta.AtVec(i) * (ft.mean[i] - s.shift[i])
	}
	gamma[0], gamma[k+1] = -b0, 1
	meat := mat.NewSymDense(k+1, nil)
	var factor float64
	if s.ci != nil {
		g := len(s.ci.names)
		if g < 2 {
			return nil, fmt.Errorf("%w: %d cluster by %s; clustered standard errors need at least 2", ErrTooFewVisits, g, s.ci.by)
		}
		res.SE, res.Clusters, res.DF = CR1, g, float64(g-1)
		res.SingleVisitClusters = s.clusterMeat(meat, gamma)
		factor = float64(g) / float64(g-1) * (n - 1) / (n - float64(k+1))
	} else {
		res.SE = HC1
		s.robustMeat(meat, gamma)
		factor = n / (n - float64(k+1))
	}
	// Undo the shift: the scores in the original coordinates are
	// L⁻¹ times the shifted ones, L⁻¹ = [[1, 0], [c, I]].
	unshift := mat.NewDense(k+1, k+1, nil)
	for i := 0; i <= k; i++ {
		unshift.Set(i, i, 1)
		if i > 0 {
			unshift.Set(i, 0, s.shift[i-1])
		}
	}
	xbar := mat.NewVecDense(k, ft.mean[:k:k])
	bread := fullInverse(o.inv, xbar, n)
	var lb, v mat.Dense
	lb.Mul(bread, unshift) // B L⁻¹
	var m mat.Dense
	m.Mul(&lb, meat)
	v.Mul(&m, lb.T())
	out := mat.NewSymDense(k+1, nil)
	for i := 0; i <= k; i++ {
		for j := i; j <= k; j++ {
			out.SetSym(i, j, factor*(v.At(i, j)+v.At(j, i))/2)
		}
	}
	return out, nil
}

// clusterMeat adds Σ sᵍsᵍᵀ of the clusters' score sums to meat, and
// returns how many clusters have one visit.
func (s *sandwich) clusterMeat(meat *mat.SymDense, gamma []float64) (single int) {
	d := s.k + 2
	score := make([]float64, d-1)
	sum := make([]float64, (d-1)*(d-1))
	for g := range s.ci.names {
		w := s.block(g)
		if w[0] == 1 { // Σ w₀w₀ is the cluster's count of visits
			single++
		}
		for a := range score {
			score[a] = 0
			for c, gc := range gamma {
				score[a] += w[pidx(a, c, d)] * gc
			}
		}
		for a, sa := range score {
			row := sum[a*(d-1) : (a+1)*(d-1)]
			for b := a; b < len(score); b++ {
				row[b] += sa * score[b]
			}
		}
	}
	for a := range score {
		for b := a; b < len(score); b++ {
			meat.SetSym(a, b, sum[a*(d-1)+b])
		}
	}
	return single
}

// robustMeat sets meat to Σ eᵢ² xᵢxᵢᵀ = Σ_cd γ_c γ_d Σ xxᵀ w_c w_d.
func (s *sandwich) robustMeat(meat *mat.SymDense, gamma []float64) {
	d := s.k + 2
	var gg []float64 // packed γγᵀ, off-diagonal entries twice
	for a := 0; a < d; a++ {
		for b := a; b < d; b++ {
			x := gamma[a] * gamma[b]
			if a != b {
				x *= 2
			}
			gg = append(gg, x)
		}
	}
	m := make([]float64, packed(d-1))
	for i := range m {
		row := s.tensor[i*len(gg) : (i+1)*len(gg)]
		for j, x := range gg {
			m[i] += row[j] * x
		}
	}
	full := unpack(m, d-1)
	for a := range full {
		for b := a; b < len(full); b++ {
			meat.SetSym(a, b, full[a][b])
		}
	}
}
