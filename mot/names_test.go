package mot_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/scoring"
)

func namesBlueprint() *blueprint.Blueprint {
	return &blueprint.Blueprint{
		Journeys: []blueprint.Journey{
			{ID: "counter", Name: blueprint.Text{"zh": "柜台业务", "en": "Counter business"}},
			{ID: "trial", Name: blueprint.Text{"zh": "数据业务体验", "en": "Data-service trial"}},
			{ID: "repair", Name: blueprint.Text{"zh": "维修", "en": "Service"}},
			{ID: "advice", Name: blueprint.Text{"zh": "咨询", "en": "Service"}},
		},
		Touchpoints: []blueprint.Touchpoint{
			{ID: "wait-seat", Name: blueprint.Text{"zh": "等候叫号", "en": "Wait for the number"}},
			{ID: "counter-service", Name: blueprint.Text{"zh": "柜台办理业务"}},
		},
	}
}

func TestNames(t *testing.T) {
	n := mot.NewNames(namesBlueprint())
	for _, c := range []struct {
		text, want string
		kind       error
		message    string
	}{
		{"counter", "counter", nil, ""},
		{"柜台业务", "counter", nil, ""},
		{" counter BUSINESS ", "counter", nil, ""},
		{"数据业务体验", "trial", nil, ""},
		{"柜台叶务", "", mot.ErrNearName, `not a name of the blueprint: "柜台叶务" is no journey (did you mean 柜台业务 (counter)?)`},
		{"countr", "", mot.ErrNearName, `(did you mean counter?)`},
		{"Service", "", mot.ErrAmbiguousName, `a name of more than one journey: "Service" is the name of the journeys repair and advice; give the id`},
		{"walk-in", "walk-in", nil, ""}, // no journey: left for the report
	} {
		got, err := n.Purpose(c.text)
		switch {
		case c.kind == nil && (err != nil || got != c.want):
			t.Errorf("Purpose(%q) = %q, %v; want %q", c.text, got, err, c.want)
		case c.kind != nil && (!errors.Is(err, c.kind) || !strings.Contains(err.Error(), c.message)):
			t.Errorf("Purpose(%q): %v; want %v with %q", c.text, err, c.kind, c.message)
		}
	}
	if id, err := n.Touchpoint("等候叫号"); id != "wait-seat" || err != nil {
		t.Errorf("Touchpoint: %q, %v", id, err)
	}
	if _, err := n.Touchpoint("柜台办理业"); !errors.Is(err, mot.ErrNearName) || !strings.Contains(err.Error(), "did you mean 柜台办理业务 (counter-service)?") {
		t.Errorf("Touchpoint near miss: %v", err)
	}
}

// With Names, Read gives ids for names, and a near miss is a bad row at
// its cell.
func TestReadWithNames(t *testing.T) {
	src := "访问,目的,触点,评分\nv1,柜台业务,等候叫号,2\nv1,柜台业务,柜台办理业务,4\nv2,柜台叶务,等候叫号,3\n"
	opt := scoring.Options{Name: "v.csv", Names: mot.NewNames(namesBlueprint())}
	var rejected []string
	opt.Reject = func(e *scoring.ParseError) { rejected = append(rejected, e.Error()) }
	vs, err := scoring.ReadAll(strings.NewReader(src), opt)
	if err != nil || len(vs) != 1 || vs[0].Purpose != "counter" || vs[0].Moments[1].Touchpoint != "counter-service" {
		t.Fatalf("%+v, %v", vs, err)
	}
	want := `v.csv:4:4: visit v2: purpose: not a name of the blueprint: "柜台叶务" is no journey (did you mean 柜台业务 (counter)?)`
	if len(rejected) != 1 || rejected[0] != want {
		t.Errorf("rejected %q\nwant %q", rejected, want)
	}
}
