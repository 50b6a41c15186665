package mot_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/mot"
)

func TestJourneysOfTheServiceHall(t *testing.T) {
	b, _, err := mot.Load("../examples/servicehall/hall.yaml")
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ Touchpoint, Kind, Name string }
	var got []row
	for _, j := range mot.Journeys(b, "en") {
		if j.ID != "counter" {
			continue
		}
		for _, m := range j.Moments {
			got = append(got, row{m.Touchpoint, m.Kind.String(), m.Name})
		}
	}
	want := []row{{"find-hall", "key", "Find the hall"}, {"counter-result", "peak", "Counter result"}, {"leave", "end", "Leave the hall"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("moments of the counter journey (-want +got):\n%s", diff)
	}
	card := mot.CardOf(b, "data-trial", "zh")
	if card.Owner != "营销专员" || card.Standards[0].String() != "体验辅导时长 ≤ 3 min (today 3.5)" {
		t.Errorf("card in Chinese: owner %q, standard %q", card.Owner, card.Standards[0])
	}
}

func TestCheck(t *testing.T) {
	src := []byte(`peakend: 1
roles: [{id: r}]
stages: [{id: s}]
touchpoints:
  - {id: a, stage: s, lane: customer}
  - {id: b, stage: s, lane: frontstage}
journeys:
  - {id: j, steps: [a, b], peaks: [a]}
moments:
  a: {needs: [x], actions: [do it], owner: r, standards: [{name: T, max: 1}]}
  b: {actions: [bye]}
`)
	b, err := blueprint.Parse("m.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"m.yaml:8:5: journey j ends on b, a frontstage step; a journey ends on something the customer does, such as leaving",
		"m.yaml:10:3: warning: the card of peak a has no action tagged follow-up",
		"m.yaml:11:3: the card of end b needs a customer need, an owner, a measurable standard",
	}
	problems := mot.Check(b)
	problems.Sort()
	if diff := cmp.Diff(want, lines(problems)); diff != "" {
		t.Errorf("Check (-want +got):\n%s", diff)
	}
}
