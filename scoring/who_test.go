package scoring_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/peakend/peakend/scoring"
)

func TestCustomerAndSiteAreRead(t *testing.T) {
	csv := "visit,customer,site,rating\nv1,anna,north,3\nv1,anna,,4\nv2,,south,2\nv3,bo,north,5\n"
	jsonl := `{"visit":"v1","customer":"anna","site":"north","moments":[{"rating":3},{"rating":4}]}` + "\n" +
		`{"visit":"v2","site":"south","moments":[{"rating":2}]}` + "\n" +
		`{"visit":"v3","customer":"bo","site":"north","moments":[{"rating":5}]}` + "\n"
	want := [][2]string{{"anna", "north"}, {"", "south"}, {"bo", "north"}}
	for name, src := range map[string]string{"csv": csv, "jsonl": jsonl} {
		f, _ := scoring.ParseFormat(name)
		visits, err := scoring.ReadAll(strings.NewReader(src), scoring.Options{Format: f})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(visits) != len(want) {
			t.Fatalf("%s: %d visits", name, len(visits))
		}
		for i, v := range visits {
			if [2]string{v.Customer, v.Site} != want[i] {
				t.Errorf("%s: visit %s: customer %q site %q, want %q", name, v.ID, v.Customer, v.Site, want[i])
			}
		}
	}
}

func TestCustomerDifferingWithinAVisitIsAPositionedError(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"visit,customer,rating\nv1,anna,3\nv1,bo,4\n", `v.csv:3: visit v1: customer: "bo" here, but "anna" at line 2`},
		{"visit,site,rating\nv1,north,3\nv1,south,4\n", `v.csv:3: visit v1: site: "south" here, but "north" at line 2`},
		{"visit,customer,rating\nv1,\"a\x01\",3\n", `v.csv:2:4: visit v1: customer: control character`},
	} {
		_, err := scoring.ReadAll(strings.NewReader(tt.src), scoring.Options{Name: "v.csv"})
		var pe *scoring.ParseError
		if !errors.As(err, &pe) || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("got %v, want %s", err, tt.want)
		}
	}
	_, err := scoring.ReadAll(strings.NewReader(`{"visit":"v1","customer":"a\u0001","moments":[{"rating":3}]}`),
		scoring.Options{Name: "v.jsonl", Format: scoring.JSONL})
	if !errors.Is(err, scoring.ErrText) || !strings.HasPrefix(err.Error(), "v.jsonl:1: visit v1: customer:") {
		t.Errorf("got %v", err)
	}
}

// Writers have customer and site columns only when visits have them,
// so output without them is as it was; with them, it reads back.
func TestWritersCarryCustomerAndSite(t *testing.T) {
	plain := scoring.Visit{ID: "v1", Purpose: "p", Remembered: 3, Recommend: scoring.NA,
		Moments: []scoring.Moment{{Rating: 3, T: scoring.NA, Duration: scoring.NA}}}
	var b bytes.Buffer
	w := scoring.NewVisitWriter(&b, scoring.CSV)
	if err := w.Write(&plain); err != nil || w.Flush() != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != scoring.VisitsHeader+"\nv1,p,,,,3,3,\n" {
		t.Errorf("without customers:\n%s", got)
	}
	panel := plain
	panel.Customer, panel.Site = "=anna", "north"
	for _, f := range []scoring.Format{scoring.CSV, scoring.JSONL} {
		b.Reset()
		w := scoring.NewVisitWriter(&b, f)
		if err := w.Write(&panel); err != nil || w.Flush() != nil {
			t.Fatal(err)
		}
		visits, err := scoring.ReadAll(&b, scoring.Options{Format: f})
		if err != nil || len(visits) != 1 || visits[0].Customer != "=anna" || visits[0].Site != "north" {
			t.Errorf("%v: read back %+v, %v", f, visits, err)
		}
	}
	b.Reset()
	fw := scoring.NewFeatureWriter(&b)
	f := scoring.Compute(&panel, scoring.DefaultScale)
	if err := fw.Write(&panel, &f); err != nil {
		t.Fatal(err)
	}
	if err := fw.Write(&plain, &f); err != nil {
		t.Fatal(err)
	}
	fw.Flush()
	lines := strings.Split(b.String(), "\n")
	if !strings.HasPrefix(lines[0], "visit,purpose,customer,site,moments,") || !strings.HasPrefix(lines[1], `v1,p,"'=anna",north,1,`) ||
		!strings.HasPrefix(lines[2], "v1,p,,,1,") {
		t.Errorf("features:\n%s", b.String())
	}
	// A customer after a first visit without one has no column to go in.
	b.Reset()
	fw = scoring.NewFeatureWriter(&b)
	fw.Write(&plain, &f)
	if err := fw.Write(&panel, &f); !errors.Is(err, scoring.ErrNoWhoColumn) {
		t.Errorf("a late customer: %v", err)
	}
	b.Reset()
	fw = scoring.NewFeatureWriter(&b)
	if fw.Flush() != nil || b.String() != scoring.FeaturesHeader()+"\n" {
		t.Errorf("no visits: %q", b.String())
	}
}

func TestSimulatedPanel(t *testing.T) {
	memory, _ := scoring.ParseMemoryModel("peak=0.5,end=0.5,noise=0.3")
	sim := &scoring.Simulation{Scale: scoring.NewScale(0, 10), Memory: memory, Seed: 4,
		Journeys: []scoring.SimJourney{{ID: "j", Steps: []string{"a", "b", "c"}}},
		Panel:    scoring.Panel{Customers: 20, Sites: 3, CustomerSD: 1, SiteSD: 1}}
	customers, sites := map[string]int{}, map[string]bool{}
	for v := range sim.Visits(2000) {
		customers[v.Customer]++
		sites[v.Site] = true
	}
	if len(customers) != 20 || len(sites) != 3 || customers[""] != 0 {
		t.Errorf("%d customers, %d sites", len(customers), len(sites))
	}
	if err := (scoring.Panel{Customers: -1}).Validate(); err == nil {
		t.Error("a negative panel was accepted")
	}
}
