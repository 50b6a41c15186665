package blueprint

import "fmt"

// A Lane is one of the five layers of a blueprint (Bitner, Ostrom and
// Morgan 2008), from top to bottom.
type Lane int

// The lanes, in the order they are drawn.
const (
	Evidence   Lane = iota // physical or digital evidence
	Customer               // customer actions
	Frontstage             // onstage, visible contact employee actions
	Backstage              // backstage, invisible contact employee actions
	Support                // support processes
)

// Lanes returns the lanes from top to bottom, in a new slice each call.
func Lanes() []Lane { return []Lane{Evidence, Customer, Frontstage, Backstage, Support} }

var laneNames = [...]string{"evidence", "customer", "frontstage", "backstage", "support"}

// String returns the lane's name as written in documents.
func (l Lane) String() string {
	if l < 0 || int(l) >= len(laneNames) {
		return fmt.Sprintf("Lane(%d)", int(l))
	}
	return laneNames[l]
}

// ParseLane returns the lane named s.
func ParseLane(s string) (Lane, bool) {
	for i, name := range laneNames {
		if name == s {
			return Lane(i), true
		}
	}
	return 0, false
}

// A Line separates two adjacent lanes. Lines are derived from the lanes
// and never stored in a document.
type Line struct {
	Name         string // interaction, visibility or internal-interaction
	Above, Below Lane
}

// Lines returns the three lines of a blueprint, from top to bottom, in
// a new slice each call.
func Lines() []Line {
	return []Line{
		{"interaction", Customer, Frontstage},
		{"visibility", Frontstage, Backstage},
		{"internal-interaction", Backstage, Support},
	}
}
