package scoring_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/peakend/peakend/scoring"
)

// TestReuseMoments holds that under ReuseMoments a visit's moments are
// those read without it, and that the next visit's take their memory.
func TestReuseMoments(t *testing.T) {
	var b strings.Builder
	b.WriteString("visit,touchpoint,t,rating\n")
	for v := range 50 {
		for k := range 3 + v%5 {
			b.WriteString(strings.Join([]string{"v" + string(rune('A'+v/26)) + string(rune('a'+v%26)), "tp", string(rune('0' + k)), string(rune('1' + (v+k)%5))}, ","))
			b.WriteString("\n")
		}
	}
	read := func(reuse bool) (visits [][]scoring.Moment, shared int) {
		var last *scoring.Moment
		for v, err := range scoring.Read(strings.NewReader(b.String()), scoring.Options{ReuseMoments: reuse}) {
			if err != nil {
				t.Fatal(err)
			}
			if last != nil && &v.Moments[0] == last {
				shared++
			}
			last = &v.Moments[0]
			visits = append(visits, slices.Clone(v.Moments))
		}
		return visits, shared
	}
	want, _ := read(false)
	got, shared := read(true)
	if d := cmp.Diff(want, got, cmpopts.EquateNaNs()); d != "" {
		t.Errorf("moments under ReuseMoments differ (-without +with):\n%s", d)
	}
	if len(got) != 50 || shared < 40 {
		t.Errorf("%d visits, %d of them in the memory of the visit before: want 50, and most", len(got), shared)
	}
}
