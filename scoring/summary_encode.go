package scoring

import (
	"encoding"
	"fmt"
	"slices"

	"github.com/peakend/peakend/internal/wire"
)

// ErrCorruptEncoding is an accumulator's binary form (UnmarshalBinary of
// a Summary, or of mot's and analyze's accumulators) that is truncated,
// garbled, of another accumulator, or of another format version: the
// workers of a pipeline built from different sources fail with it
// rather than add up counts that mean different things.
var ErrCorruptEncoding = wire.ErrCorrupt

var (
	_ encoding.BinaryMarshaler   = (*Summary)(nil)
	_ encoding.BinaryUnmarshaler = (*Summary)(nil)
)

const summaryKind = "scoring.Summary"

// MarshalBinary encodes the sums s has accumulated, purposes sorted;
// Verbatim, a matter of writing, is not encoded.
func (s *Summary) MarshalBinary() ([]byte, error) {
	w := wire.NewWriter(summaryKind)
	w.Count(len(columnFeatures) + 1)
	purposes := make([]string, 0, len(s.groups))
	for p := range s.groups {
		purposes = append(purposes, p)
	}
	slices.Sort(purposes)
	w.Count(len(purposes))
	for _, p := range purposes {
		g := s.groups[p]
		w.String(p)
		w.Count(g.visits)
		w.FloatsN(g.sum[:])
		for _, n := range g.n {
			w.Count(n)
		}
	}
	return w.Bytes(), nil
}

// UnmarshalBinary replaces s's sums by those encoded in data; on error
// s is unchanged.
func (s *Summary) UnmarshalBinary(data []byte) error {
	r := wire.NewReader(data, summaryKind)
	if n := r.Count(); r.Err() == nil && n != len(columnFeatures)+1 {
		return fmt.Errorf("scoring: Summary.UnmarshalBinary: %w (%d columns, not %d)", ErrMergeMismatch, n, len(columnFeatures)+1)
	}
	groups := map[string]*summaryGroup{}
	n := r.Len(2 + 9*len(columnFeatures)) // a name, a count, and per column a sum and a count
	p := ""
	for i := range n {
		p = r.Key(i, p)
		g := &summaryGroup{visits: r.Count()}
		copy(g.sum[:], r.FloatsN(len(g.sum)))
		for i := range g.n {
			g.n[i] = r.Count()
		}
		groups[p] = g
	}
	if err := r.End(); err != nil {
		return fmt.Errorf("scoring: Summary.UnmarshalBinary: %w", err)
	}
	s.groups = groups
	return nil
}
