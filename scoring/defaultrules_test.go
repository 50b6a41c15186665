package scoring_test

import (
	"testing"

	"github.com/peakend/peakend/scoring"
)

func TestDefaultRulesWithHalfLife(t *testing.T) {
	def, three := scoring.DefaultRules(), scoring.DefaultRulesWithHalfLife(3)
	if len(def) != len(three) {
		t.Fatalf("%d rules, want %d", len(three), len(def))
	}
	for i := range def[:len(def)-1] {
		if def[i].Name != three[i].Name {
			t.Errorf("rule %d is %s, want %s", i, three[i].Name, def[i].Name)
		}
	}
	if def[len(def)-1].Name != "recency(2)" || three[len(three)-1].Name != "recency(3)" {
		t.Errorf("recency: %s and %s", def[len(def)-1].Name, three[len(three)-1].Name)
	}
}
