package scoring_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/peakend/peakend/scoring"
)

// TestRangesLendTheReadersBuffer reads, in ranges and in sequence, an
// input whose ranges each fill the reader's 64 KiB buffer several
// times, with lines that are not plain (read the general way, which
// moves the buffer's bytes) and bad rows among plain ones. Under
// ReadRanges a plain line's row keeps its bytes in that buffer, so a
// batch handed on after the buffer moved would show other ids,
// purposes or rejected records than Read, which copies them; and a
// batch's rows are reused uncleared, so that a field csvRow left as an
// earlier row (a rejected one's error) had it would show too.
func TestRangesLendTheReadersBuffer(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var src bytes.Buffer
	src.WriteString("visit,purpose,touchpoint,t,rating,remembered\n")
	for id := 0; src.Len() < 600<<10; id++ {
		visit := fmt.Sprintf("visit-%08d-%x", id, rng.Uint32())
		purpose := []string{"buy", "return", "ask"}[rng.IntN(3)]
		if rng.IntN(40) == 0 {
			purpose = "réclamation" // not plain: read the general way
		}
		for k := range 1 + rng.IntN(9) {
			rating := fmt.Sprint(1 + rng.IntN(5))
			if rng.IntN(200) == 0 {
				rating = "9" // out of scale: a rejected row, its record kept
			}
			fmt.Fprintf(&src, "%s,%s,tp%d,%d,%s,\n", visit, purpose, rng.IntN(7), 10*k, rating)
		}
	}
	b := src.Bytes()
	for _, rejects := range []bool{false, true} {
		want := readInSequence(scoring.CSV, b, rejects)
		for _, rangeBytes := range []int64{200 << 10, int64(len(b)) / 2} {
			if got := readInRanges(t, scoring.CSV, b, rejects, rangeBytes, 2); got != want {
				t.Fatalf("rejects %v, ranges of %d bytes: in ranges and in sequence differ:\n%s", rejects, rangeBytes, lineDiff(got, want))
			}
		}
	}
}
