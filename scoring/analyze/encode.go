package analyze

import (
	"encoding"
	"fmt"
	"slices"

	"github.com/peakend/peakend/internal/wire"
	"github.com/peakend/peakend/scoring"
)

// A Fitter's and a Comparer's binary form (MarshalBinary) holds their
// sums and scores, not their features or rules: each worker of a
// pipeline builds its own with NewFitterWith or NewComparer and decodes
// into that. The encoding names the features and options, or the rules
// and cluster, it was made with, so that decoding into one built
// otherwise fails with an error that wraps both ErrMismatch and
// scoring.ErrMergeMismatch; a truncated or garbled encoding, or one of
// another format version, fails with scoring.ErrCorruptEncoding.
// Decoding and then merging gives exactly what merging the encoded
// accumulator itself gives.

var (
	_ encoding.BinaryMarshaler   = (*Fitter)(nil)
	_ encoding.BinaryUnmarshaler = (*Fitter)(nil)
	_ encoding.BinaryMarshaler   = (*Comparer)(nil)
	_ encoding.BinaryUnmarshaler = (*Comparer)(nil)
)

const fitterKind, comparerKind = "analyze.Fitter", "analyze.Comparer"

func mismatch(what string, args ...any) error {
	return fmt.Errorf("%s: %w (%w)", fmt.Sprintf(what, args...), ErrMismatch, scoring.ErrMergeMismatch)
}

// MarshalBinary encodes the sums ft has accumulated.
func (ft *Fitter) MarshalBinary() ([]byte, error) {
	w := wire.NewWriter(fitterKind)
	w.Strings(ft.features)
	w.Bool(ft.opt.Robust)
	w.Count(int(ft.opt.Cluster))
	w.Float(ft.n)
	ft.moments().Encode(w)
	writeClusterError(w, ft.err)
	if ft.sw != nil {
		ft.sw.encode(w)
	}
	return w.Bytes(), nil
}

// UnmarshalBinary replaces ft's sums by those encoded in data, which
// must come from a Fitter of the same features and options; on error
// ft is unchanged.
func (ft *Fitter) UnmarshalBinary(data []byte) error {
	r := wire.NewReader(data, fitterKind)
	features, robust, cluster := r.Strings(), r.Bool(), r.Count()
	if err := r.Err(); err != nil {
		return fmt.Errorf("analyze: Fitter.UnmarshalBinary: %w", err)
	}
	if !slices.Equal(features, ft.features) || robust != ft.opt.Robust || cluster != int(ft.opt.Cluster) {
		return mismatch("analyze: Fitter.UnmarshalBinary: the encoding of a fit on %v (robust %v, cluster %d) into one on %v (%+v)",
			features, robust, cluster, ft.features, ft.opt)
	}
	fresh, _ := NewFitterWith(ft.features, ft.opt) // ft's own, valid
	fresh.n = r.Float()
	fresh.sums.Decode(r)
	fresh.err = readClusterError(r, ft.opt.Cluster)
	if fresh.sw != nil {
		fresh.sw.decode(r)
	}
	if !(fresh.n >= 0) || fresh.n != float64(int64(fresh.n)) {
		r.Fail("a count of %g visits", fresh.n)
	}
	if err := r.End(); err != nil {
		return fmt.Errorf("analyze: Fitter.UnmarshalBinary: %w", err)
	}
	*ft = *fresh
	return nil
}

func (s *sandwich) encode(w *wire.Writer) {
	w.Bool(s.set)
	w.FloatsN(s.shift)
	if s.ci == nil {
		w.FloatsN(s.tensor)
		return
	}
	w.Strings(s.ci.names)
	for g := range s.ci.names {
		w.FloatsN(s.block(g))
	}
}

func (s *sandwich) decode(r *wire.Reader) {
	s.set = r.Bool()
	copy(s.shift, r.FloatsN(len(s.shift)))
	if s.ci == nil {
		copy(s.tensor, r.FloatsN(len(s.tensor)))
		return
	}
	stride := packed(s.k + 2)
	names := r.Strings()
	if len(names) > r.Remaining()/(8*stride) {
		r.Fail("%d clusters, more than the bytes left hold", len(names))
		return
	}
	for g, name := range names {
		if name == "" || s.ci.id(name) != g {
			r.Fail("cluster %q empty or twice", name)
			return
		}
		copy(s.block(g), r.FloatsN(stride))
	}
}

func writeClusterError(w *wire.Writer, err error) {
	e, _ := err.(*MissingClusterError)
	w.Bool(e != nil)
	if e != nil {
		w.String(e.Visit)
		w.Count(e.Line)
	}
}

func readClusterError(r *wire.Reader, by Cluster) error {
	if !r.Bool() {
		return nil
	}
	return &MissingClusterError{Cluster: by, Visit: r.String(), Line: r.Count()}
}

// MarshalBinary encodes the scores c has accumulated: every visit's,
// so the encoding grows with the visits, as c does.
func (c *Comparer) MarshalBinary() ([]byte, error) {
	w := wire.NewWriter(comparerKind)
	w.Strings(c.ruleNames())
	w.Count(int(c.clusterBy()))
	w.Floats(c.remembered)
	for _, s := range c.scores {
		w.FloatsN(s)
	}
	if c.ci != nil {
		w.Strings(c.ci.names)
		for _, g := range c.cluster {
			w.Count(int(g))
		}
	}
	writeClusterError(w, c.err)
	return w.Bytes(), nil
}

// UnmarshalBinary replaces c's scores by those encoded in data, which
// must come from a Comparer of rules of the same names and the same
// cluster; on error c is unchanged.
func (c *Comparer) UnmarshalBinary(data []byte) error {
	r := wire.NewReader(data, comparerKind)
	rules, by := r.Strings(), r.Count()
	if err := r.Err(); err != nil {
		return fmt.Errorf("analyze: Comparer.UnmarshalBinary: %w", err)
	}
	if !slices.Equal(rules, c.ruleNames()) || by != int(c.clusterBy()) {
		return mismatch("analyze: Comparer.UnmarshalBinary: the encoding of a comparer of %v (cluster %d) into one of %v (cluster %d)",
			rules, by, c.ruleNames(), c.clusterBy())
	}
	fresh := NewClusteredComparer(c.rules, c.clusterBy())
	fresh.remembered = r.Floats()
	n := len(fresh.remembered)
	for i := range fresh.scores {
		fresh.scores[i] = r.FloatsN(n)
	}
	if fresh.ci != nil {
		names := r.Strings()
		for g, name := range names {
			if name == "" || fresh.ci.id(name) != g {
				r.Fail("cluster %q empty or twice", name)
			}
		}
		if n > r.Remaining() {
			r.Fail("%d visits' clusters, more than the bytes left hold", n)
		} else if n > 0 {
			fresh.cluster = make([]int32, n)
		}
		for i := range fresh.cluster {
			if g := r.Count(); g < len(names) {
				fresh.cluster[i] = int32(g)
			} else {
				r.Fail("cluster %d of %d", g, len(names))
			}
		}
	}
	fresh.err = readClusterError(r, fresh.clusterBy())
	if err := r.End(); err != nil {
		return fmt.Errorf("analyze: Comparer.UnmarshalBinary: %w", err)
	}
	*c = *fresh
	return nil
}

func (c *Comparer) ruleNames() []string {
	names := make([]string, len(c.rules))
	for i, r := range c.rules {
		names[i] = r.Name
	}
	return names
}

func (c *Comparer) clusterBy() Cluster {
	if c.ci == nil {
		return NoCluster
	}
	return c.ci.by
}
