package exact

import (
	"math"
	"math/bits"
)

// AddMoments adds z to sums 0 to len(z)−1 and the products zᵢzⱼ, i ≤ j,
// exactly, to the sums after them, row by row (z₀z₀, z₀z₁, …, z₁z₁,
// …): what the moments of a regression need, a visit at a time. It is
// Add and AddProduct on those sums, with each number split and the
// window grown once, and the products of zeros (which add nothing)
// not formed.
func (s *Sums) AddMoments(z []float64) {
	var buf [16]part
	parts := buf[:0] // the finite nonzero numbers, with their places in z
	emin, emax := math.MaxInt, math.MinInt
	specials := false
	for i, x := range z {
		p := partOf(x)
		switch p.kind {
		case finite:
			p.at = i
			emin, emax = min(emin, p.e), max(emax, p.e)
			parts = append(parts, p)
		case special:
			specials = true
		}
	}
	if emin <= emax {
		// The numbers and their products: e + Scale from emin to emax,
		// eᵢ + eⱼ + Scale from 2·emin to 2·emax.
		lo := min(emin+Scale, 2*emin+Scale) / digitBits
		hi := max(emax+Scale, 2*emax+Scale)/digitBits + 6
		s.ensure(lo, hi)
	}
	if s.pending >= maxPending {
		s.normalise()
	}
	s.pending++
	n := len(z)
	for a := range parts {
		pa := &parts[a]
		s.addMant(pa.at, pa.m, pa.e, pa.neg)
		// Row pa.at of the products starts after the n numbers and the
		// rows before it, of n, n − 1, … products.
		row := n + pa.at*n - pa.at*(pa.at-1)/2 - pa.at
		s.addProducts(row, pa, parts[a:])
	}
	if specials {
		s.markMoments(z)
	}
}

// markMoments marks the NaN and infinities of z and of its products in
// AddMoments' sums.
func (s *Sums) markMoments(z []float64) {
	at := len(z)
	for i, x := range z {
		if isSpecial(x) {
			s.mark(i, x)
		}
		for j := i; j < len(z); j++ {
			if p := x * z[j]; isSpecial(x) || isSpecial(z[j]) {
				if p != 0 {
					s.mark(at, p) // NaN or an infinity; an infinity times 0 is NaN
				}
			}
			at++
		}
	}
}

const (
	zero = iota
	finite
	special
)

// A part is a float64 split: |x| = m·2^e.
type part struct {
	m    uint64
	e    int
	neg  bool
	kind uint8
	at   int // where AddMoments found it
}

func partOf(x float64) part {
	if x == 0 {
		return part{}
	}
	if isSpecial(x) {
		return part{kind: special}
	}
	m, e := mantExp(x)
	return part{m: m, e: e, neg: x < 0, kind: finite}
}

// addMant adds ±m·2^e to sum i; the window holds it and pending is
// counted.
func (s *Sums) addMant(i int, m uint64, e int, neg bool) {
	d0, d1, d2, limb := digits3(m, e)
	o := i*s.width + limb - s.lo
	l := s.limbs[o : o+3 : o+3]
	if neg {
		d0, d1, d2 = -d0, -d1, -d2
	}
	l[0] += d0
	l[1] += d1
	l[2] += d2
}

// addProducts adds a·b to sum row + b.at for each b of bs; the window
// holds them and pending is counted. The digits of each product come
// from its 32-bit parts up, each shifted by less than 32 and its carry
// passed on, so that every shift is below 64 and none needs a check.
func (s *Sums) addProducts(row int, a *part, bs []part) {
	limbs, width, base := s.limbs, s.width, row*s.width-s.lo // as locals: the stores below cannot change them
	for k := range bs {
		b := &bs[k]
		hi, lo := bits.Mul64(a.m, b.m) // below 2^106, so hi below 2^42
		pos := uint(a.e + b.e + Scale)
		sh := pos % digitBits
		t0 := (lo & digitMask) << sh
		t1 := (lo>>digitBits)<<sh + t0>>digitBits
		t2 := (hi&digitMask)<<sh + t1>>digitBits
		t3 := (hi>>digitBits)<<sh + t2>>digitBits // below 2^42
		d0, d1, d2, d3, d4 := int64(t0&digitMask), int64(t1&digitMask), int64(t2&digitMask), int64(t3&digitMask), int64(t3>>digitBits)
		if a.neg != b.neg {
			d0, d1, d2, d3, d4 = -d0, -d1, -d2, -d3, -d4
		}
		o := base + b.at*width + int(pos/digitBits)
		l := limbs[o : o+5 : o+5]
		l[0] += d0
		l[1] += d1
		l[2] += d2
		l[3] += d3
		l[4] += d4
	}
}
