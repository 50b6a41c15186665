package analyze

import (
	"fmt"

	"github.com/peakend/peakend/scoring"
)

// A Cluster is what makes visits repeated measures of one unit: the
// same customer, the same site, or the same purpose. Standard errors
// and resamples that respect it treat a cluster's visits as one draw.
type Cluster int

const (
	NoCluster Cluster = iota // every visit is its own draw
	ByCustomer
	BySite
	ByPurpose
)

var clusterNames = [...]string{"none", "customer", "site", "purpose"}

// String returns the cluster's name, as ParseCluster reads it.
func (c Cluster) String() string {
	if c < 0 || int(c) >= len(clusterNames) {
		return fmt.Sprintf("Cluster(%d)", int(c))
	}
	return clusterNames[c]
}

// ParseCluster returns the Cluster named customer, site, purpose or
// none (or "").
func ParseCluster(s string) (Cluster, error) {
	if s == "" {
		return NoCluster, nil
	}
	for c, name := range clusterNames {
		if s == name {
			return Cluster(c), nil
		}
	}
	return NoCluster, fmt.Errorf("%w %q; clusters are customer, site and purpose", ErrUnknownCluster, s)
}

// Of returns the cluster of visit v: its customer, site or purpose;
// "" when v has none, or for NoCluster.
func (c Cluster) Of(v *scoring.Visit) string {
	switch c {
	case ByCustomer:
		return v.Customer
	case BySite:
		return v.Site
	case ByPurpose:
		return v.Purpose
	}
	return ""
}

// A MissingClusterError is a visit without the column a cluster needs.
type MissingClusterError struct {
	Cluster Cluster
	Visit   string
	Line    int // where the visit starts in its input; 0 when not known
}

func (e *MissingClusterError) Error() string {
	at := ""
	if e.Line > 0 {
		at = fmt.Sprintf(" (line %d)", e.Line)
	}
	return fmt.Sprintf("visit %s%s has no %s; clustering by %s needs one on every visit", e.Visit, at, e.Cluster, e.Cluster)
}

func (e *MissingClusterError) Unwrap() error { return ErrMissingCluster }

// clusterIndex numbers the clusters in the order they are first seen.
type clusterIndex struct {
	by    Cluster
	index map[string]int32
	names []string
}

func newClusterIndex(by Cluster) *clusterIndex {
	return &clusterIndex{by: by, index: map[string]int32{}}
}

// of returns the number of v's cluster, and whether v has one.
func (ci *clusterIndex) of(v *scoring.Visit) (int, bool) {
	key := ci.by.Of(v)
	if key == "" {
		return 0, false
	}
	return ci.id(key), true
}

// id returns the number of the cluster called key, numbering a new one.
func (ci *clusterIndex) id(key string) int {
	if g, ok := ci.index[key]; ok {
		return int(g)
	}
	g := len(ci.names)
	ci.index[key] = int32(g)
	ci.names = append(ci.names, key)
	return g
}
