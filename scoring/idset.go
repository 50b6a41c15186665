package scoring

// idSet remembers the visits seen so far, with the line each was first
// seen at, in one pointer-free array of 8-byte slots kept at most half
// full: a 40-bit fingerprint of the id's hash and a 24-bit line number.
// That is 16 bytes a visit, cheap for the garbage collector and about 4
// times faster than a Go map at a million visits, where every lookup
// misses the cache anyway. Two ids of one input share a fingerprint
// with a chance of about n²/2⁴¹ (5·10⁻⁷ for a million visits); lines
// past 2²⁴−1 are remembered as that.
type idSet struct {
	slots []uint64 // fingerprint<<24 | line; 0 marks an empty slot
	n     int
}

const (
	lineBits = 24
	maxLine  = 1<<lineBits - 1
)

// seen returns the first line of the id whose hash is h, or adds it at
// line and returns 0. A returned maxLine means "at or after maxLine".
func (s *idSet) seen(h uint64, line int) int {
	fp := h >> lineBits // the top 40 bits
	if fp == 0 {
		fp = 1 // 0 marks an empty slot
	}
	if 2*(s.n+1) > len(s.slots) {
		s.grow()
	}
	s.n++
	if first := s.insert(fp, uint64(min(line, maxLine))); first != 0 {
		s.n--
		return first
	}
	return 0
}

// insert puts fingerprint fp with line in its slot, or returns the line
// already stored under fp.
func (s *idSet) insert(fp, line uint64) int {
	mask := uint64(len(s.slots) - 1)
	for i := (fp * 0x9e3779b97f4a7c15 >> 20) & mask; ; i = (i + 1) & mask {
		switch slot := s.slots[i]; {
		case slot == 0:
			s.slots[i] = fp<<lineBits | line
			return 0
		case slot>>lineBits == fp:
			return int(slot & maxLine)
		}
	}
}

func (s *idSet) grow() {
	old := s.slots
	s.slots = make([]uint64, max(1024, 2*len(old)))
	for _, slot := range old {
		if slot != 0 {
			s.insert(slot>>lineBits, slot&maxLine)
		}
	}
}
