package scoring

// SetTestHash replaces the id set's keyed hash for the tests of package
// scoring_test (nil restores it), so that visit ids collide at will.
func SetTestHash(h func([]byte) uint64) { testHash = h }
