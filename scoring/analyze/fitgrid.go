package analyze

import (
	"math"
	"math/big"
	"math/bits"

	"github.com/peakend/peakend/internal/exact"
)

// gridFeatures are the features whose values are mostly small whole
// numbers: ratings on a scale of points, and counts.
var gridFeatures = map[string]bool{"first": true, "peak": true, "best": true, "worst": true, "end": true, "moments": true, "peaks": true}

const (
	gridSide    = 16 // a grid feature's values: the whole numbers 0 to gridSide − 1
	maxGridDims = 3  // grid features of a key, at most: gridSide^3 keys
)

// gridMoments are the exact sums of a Fitter for the visits whose grid
// features all lie on the grid, kept so that most of the products cost
// nothing per visit. Grouped by the grid values (a key), the products of
// two grid values are the key's count times a whole number, and those of
// a grid value and another value x are the grid value times the key's
// sum of x: so a visit adds one count, a sum of each other value, and
// the products of the other values, in place of the products of all its
// values (28 for the default features, 10 so). fold turns them into the
// Fitter's sums, exactly, which is all that reads them; a visit off the
// grid, or with a NaN or an infinity, goes to those sums as it is.
type gridMoments struct {
	dims, rest []int           // z's places of the grid features of the key, and of the others
	restZ      []float64       // a visit's other values
	count      []int64         // visits per key; nil until the first visit on the grid
	bucket     []*exact.Totals // of the other values
	products   *exact.Products // of the other values
	productAt  []int           // per product of the other values, the place of its sum among the Fitter's
	visits     int64           // visits since the last fold
}

// newGridMoments returns the grid of a fit on features, nil when none of
// them is a grid feature.
func newGridMoments(features []string) *gridMoments {
	g := &gridMoments{}
	for i, name := range features {
		if gridFeatures[name] && len(g.dims) < maxGridDims {
			g.dims = append(g.dims, i)
		} else {
			g.rest = append(g.rest, i)
		}
	}
	g.rest = append(g.rest, len(features)) // the remembered rating
	if len(g.dims) == 0 {
		return nil
	}
	g.restZ = make([]float64, len(g.rest))
	g.products = exact.NewProducts(len(g.rest))
	n := len(features) + 1
	for a, i := range g.rest {
		for _, j := range g.rest[a:] {
			g.productAt = append(g.productAt, productSum(i, j, n))
		}
	}
	return g
}

// add counts z, and returns false, counting nothing, when it is not on
// the grid.
func (g *gridMoments) add(z []float64) bool {
	key := 0
	for _, i := range g.dims {
		x := z[i]
		k := int(x) // meaningless for NaN and the infinities, which the test below then rejects
		if float64(k) != x || k < 0 || k >= gridSide {
			return false
		}
		key = key*gridSide + k
	}
	for a, i := range g.rest {
		x := z[i]
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
		g.restZ[a] = x
	}
	if g.count == nil {
		keys := 1 << (4 * len(g.dims)) // gridSide^len(dims)
		g.count, g.bucket = make([]int64, keys), make([]*exact.Totals, keys)
	}
	b := g.bucket[key]
	if b == nil {
		b = exact.NewTotals(len(g.rest))
		g.bucket[key] = b
	}
	g.count[key]++
	g.products.AddSummed(g.restZ, b)
	g.visits++
	return true
}

// fold adds the grid's sums to s, the sums of z and their products as
// AddMoments lays them out for n values, and empties the grid.
func (g *gridMoments) fold(s *exact.Sums, n int) {
	if g == nil || g.visits == 0 {
		return
	}
	g.products.AddTo(s, func(q int) int { return g.productAt[q] })
	values := make([]int64, len(g.dims))
	for key, c := range g.count {
		if c == 0 {
			continue
		}
		bucket := g.bucket[key].Sums()
		for d, k := len(g.dims)-1, key; d >= 0; d, k = d-1, k/gridSide {
			values[d] = int64(k % gridSide)
		}
		for a, i := range g.dims {
			addWhole(s, i, c, values[a])
			for b := a; b < len(g.dims); b++ {
				addWhole(s, productSum(i, g.dims[b], n), c, values[a]*values[b])
			}
			for b, j := range g.rest {
				s.AddMultiple(productSum(i, j, n), bucket, b, values[a])
			}
		}
		for b, j := range g.rest {
			s.AddMultiple(j, bucket, b, 1)
		}
	}
	*g = gridMoments{dims: g.dims, rest: g.rest, restZ: g.restZ, products: g.products, productAt: g.productAt}
}

// addWhole adds c·x, c visits and x a whole number below gridSide², to
// sum i of s.
func addWhole(s *exact.Sums, i int, c, x int64) {
	if hi, lo := bits.Mul64(uint64(c), uint64(x)); hi == 0 && lo <= math.MaxInt64 {
		s.AddWhole(i, int64(lo))
		return
	}
	v := new(big.Int).Mul(big.NewInt(c), big.NewInt(x))
	s.AddInt(i, v.Lsh(v, exact.Scale))
}

// productSum is the place of the sum of zᵢzⱼ among AddMoments' sums of n
// values: after the n values, row by row of the upper triangle.
func productSum(i, j, n int) int {
	i, j = min(i, j), max(i, j)
	return n + i*n - i*(i-1)/2 - i + j
}
