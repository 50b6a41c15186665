package mot_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/scoring"
)

func TestMermaid(t *testing.T) {
	src := []byte(`peakend: 1
locale: en
roles: [{id: r, name: "Clerk, senior"}]
stages: [{id: s1, name: "Arrive: #1"}, {id: s2, name: Serve}]
touchpoints:
  - {id: a, stage: s1, lane: customer, name: "Walk in; look"}
  - {id: b, stage: s2, lane: frontstage, name: Serve, owner: r}
journeys:
  - {id: j, name: Visit, steps: [a, b], peaks: [b]}
moments:
  b: {needs: [x], actions: [{text: y, tags: [follow-up]}], owner: r, standards: [{name: T, max: 1}]}
`)
	b, err := blueprint.Parse("m.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	obs := mot.NewObserver(b, scoring.DefaultScale)
	for _, r := range [][2]float64{{1, 5}, {2, 4}} {
		v := scoring.Visit{ID: "v", Purpose: "j", Moments: []scoring.Moment{
			{Touchpoint: "a", Rating: r[0], T: scoring.NA, Duration: scoring.NA},
			{Touchpoint: "b", Rating: r[1], T: scoring.NA, Duration: scoring.NA}}}
		f := scoring.Compute(&v, scoring.DefaultScale)
		obs.Add(&v, &f)
	}
	var buf bytes.Buffer
	if err := mot.WriteMermaid(&buf, b, obs.Report("en"), scoring.DefaultScale, "en"); err != nil {
		t.Fatal(err)
	}
	want := "```mermaid\njourney\n    title Visit\n    section Arrive#58; #35;1\n      Walk in#59; look: 2: Customer\n    section Serve\n      Serve: 5: Customer, Clerk#44; senior\n```\n"
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("Mermaid (-want +got):\n%s", diff)
	}
	buf.Reset()
	mot.WriteMermaid(&buf, b, nil, scoring.DefaultScale, "en")
	if strings.Count(buf.String(), ": 3: ") != 2 {
		t.Errorf("without visits every task scores 3:\n%s", buf.String())
	}
}
