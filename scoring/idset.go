package scoring

import (
	"bytes"
	"hash/maphash"
)

// idSet answers whether a visit id was seen before, exactly, in memory
// far smaller than the ids. It has two phases:
//
//   - While ids arrive in increasing byte order, as in most exports, an
//     id greater than the last is new for certain: only the last id is
//     kept, and nothing is hashed.
//   - At the first id out of order the ids so far are read again from
//     the input (see replay) into a table of 32-bit fingerprints of a
//     hash keyed by a random seed, so that no input can be crafted to
//     collide. A fingerprint found in the table is only a candidate: the
//     input is read again to confirm that the same id came before and to
//     find its first line. Ids whose fingerprint was ever found are kept
//     exactly, so each is confirmed once.
//
// A candidate needs the same 16-bit segment and 32-bit fingerprint (see
// fpTable): at 5 M visits about one lookup in 5·10⁷ is a false
// candidate, which costs one reading of the input so far. The table
// takes about 4.25 bytes a visit (22 MB at 5 M visits), and nothing
// while ids are in order.
type idSet struct {
	ordered bool   // every id so far was greater than the one before
	started bool   // an id was seen
	last    []byte // the last id, while ordered
	table   *fpTable
	hash    func([]byte) uint64 // keyed by a random seed; tests weaken it
	exact   map[string]int      // ids whose fingerprint was found, with their first lines
}

func newIDSet() *idSet {
	seed := maphash.MakeSeed()
	hash := func(id []byte) uint64 { return maphash.Bytes(seed, id) }
	if testHash != nil {
		hash = testHash
	}
	return &idSet{ordered: true, hash: hash}
}

// testHash, when set by a test, replaces the keyed hash so that ids
// collide at will.
var testHash func([]byte) uint64

// inOrder reports whether id is new because it is greater than every id
// before it, and then remembers it as the last one.
func (s *idSet) inOrder(id []byte) bool {
	if !s.ordered {
		return false
	}
	if s.started && bytes.Compare(id, s.last) <= 0 {
		s.ordered = false
		return false
	}
	s.started = true
	s.last = append(s.last[:0], id...)
	return true
}

// add puts id into the table and reports whether its fingerprint was
// already there.
func (s *idSet) add(id []byte) bool {
	if s.table == nil {
		s.table = &fpTable{}
	}
	return s.table.add(s.hash(id))
}

// known returns the first line of an id kept exactly, or 0.
func (s *idSet) known(id []byte) int { return s.exact[string(id)] }

// keep remembers id exactly, first seen at line.
func (s *idSet) keep(id []byte, line int) {
	if s.exact == nil {
		s.exact = map[string]int{}
	}
	s.exact[string(id)] = line
}

const segmentBits = 16

// An fpTable is a set of 32-bit fingerprints in 2¹⁶ segments, each an
// unordered array grown by an eighth at a time: 4.25 bytes a
// fingerprint on average, no empty slots, and no peak of two whole
// tables when it grows. A segment holds about n/65536 fingerprints (76
// at 5 M), which one pass over a few consecutive cache lines compares;
// that beats a binary search, whose every step may miss the cache.
type fpTable struct {
	segments [1 << segmentBits][]uint32
}

// add adds the fingerprint of hash h and reports whether it was there.
func (t *fpTable) add(h uint64) bool {
	seg := &t.segments[h>>(64-segmentBits)]
	fp := uint32(h)
	s := *seg
	for _, x := range s {
		if x == fp {
			return true
		}
	}
	if len(s) == cap(s) {
		grown := make([]uint32, len(s), len(s)+len(s)/8+4)
		copy(grown, s)
		s = grown
	}
	*seg = append(s, fp)
	return false
}
