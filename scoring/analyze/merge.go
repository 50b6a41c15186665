package analyze

import (
	"fmt"
	"slices"
)

// Merge adds the visits other has counted to ft, as if ft had counted
// them after its own: the result is that of one pass over both inputs
// (counts and the sums of a classical fit exactly, in any order; the
// sandwich's sums to rounding). It is an error, leaving ft as it was, when the two fit
// different features or standard errors.
func (ft *Fitter) Merge(other *Fitter) error {
	switch {
	case ft == nil || other == nil:
		return fmt.Errorf("merge of a nil Fitter: %w", ErrMismatch)
	case !slices.Equal(ft.features, other.features) || ft.opt != other.opt:
		return fmt.Errorf("merge of a fit on %v (%+v) into one on %v (%+v): %w", other.features, other.opt, ft.features, ft.opt, ErrMismatch)
	}
	if ft.err == nil {
		ft.err = other.err
	}
	ft.mergeMoments(other)
	if ft.sw != nil {
		ft.sw.merge(other.sw)
	}
	return nil
}

// mergeMoments adds the exact sums.
func (ft *Fitter) mergeMoments(other *Fitter) {
	ft.n += other.n
	ft.moments().Merge(other.moments())
}

// merge adds other's sums, moved from other's shift to s's.
func (s *sandwich) merge(other *sandwich) {
	if !other.set {
		return
	}
	if !s.set {
		copy(s.shift, other.shift)
		s.set = true
	}
	// w in s's coordinates is other's w + Δ·w₀, where w₀ = 1.
	d := s.k + 2
	delta := make([]float64, d)
	for i := range s.shift {
		delta[i+1] = other.shift[i] - s.shift[i]
	}
	if s.ci != nil {
		s.mergeClusters(other, delta)
		return
	}
	s.mergeTensor(other, delta)
}

func (s *sandwich) mergeClusters(other *sandwich, delta []float64) {
	d := len(delta)
	for g, name := range other.ci.names {
		w := unpack(other.block(g), d)
		dst := s.block(s.ci.id(name))
		i := 0
		for a := 0; a < d; a++ {
			for b := a; b < d; b++ {
				dst[i] += w[a][b] + delta[a]*w[0][b] + w[a][0]*delta[b] + delta[a]*delta[b]*w[0][0]
				i++
			}
		}
	}
}

// mergeTensor moves other's Σ xxᵀ⊗wwᵀ to s's shift, one index at a
// time (index 0, the constant, does not move), and adds it.
func (s *sandwich) mergeTensor(other *sandwich, delta []float64) {
	d := len(delta)
	kx := d - 1
	p2 := packed(d)
	t := make([]float64, kx*kx*d*d) // dense [a][b][c][d]
	at := func(a, b, c, e int) int { return ((a*kx+b)*d+c)*d + e }
	for a := range kx {
		for b := range kx {
			for c := range d {
				for e := range d {
					t[at(a, b, c, e)] = other.tensor[pidx(a, b, kx)*p2+pidx(c, e, d)]
				}
			}
		}
	}
	for mode := range 4 {
		for a := range kx {
			for b := range kx {
				for c := range d {
					for e := range d {
						i := [4]int{a, b, c, e}
						if i[mode] == 0 || delta[i[mode]] == 0 {
							continue
						}
						j := i
						j[mode] = 0
						t[at(a, b, c, e)] += delta[i[mode]] * t[at(j[0], j[1], j[2], j[3])]
					}
				}
			}
		}
	}
	for a := range kx {
		for b := a; b < kx; b++ {
			for c := range d {
				for e := c; e < d; e++ {
					s.tensor[pidx(a, b, kx)*p2+pidx(c, e, d)] += t[at(a, b, c, e)]
				}
			}
		}
	}
}

// pidx is the index of entry (a, b) of a packed upper triangle of a
// d×d symmetric matrix.
func pidx(a, b, d int) int {
	if a > b {
		a, b = b, a
	}
	return a*d - a*(a-1)/2 + b - a
}
