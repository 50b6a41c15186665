package report_test

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/examples/servicehall"
	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/mot/report"
	"github.com/peakend/peakend/scoring"
)

// TestCounterShowsTheWaitingSeat is the done-when, on the data:
// with a memory model that weighs the peak, the counter journey's curve
// is lowest at the waiting seat, a finding names the disagreement with
// the declared peak, and the waiting seat is the strongest lever — and
// the HTML says all three.
func TestCounterShowsTheWaitingSeat(t *testing.T) {
	d := hallData(t, 5000, "en")
	j := journey(t, d, "counter")
	low := slices.MinFunc(j.Steps, func(a, b report.Step) int { return cmpNumber(a.Mean, b.Mean) })
	if low.ID != "wait-seat" {
		t.Errorf("the curve's low is at %s (%.2f), want wait-seat", low.ID, float64(low.Mean))
	}
	var disagreement *report.Finding
	for i, f := range j.Findings {
		if f.Kind == "peak-disagrees" && f.Touchpoint == "counter-result" && f.Rival == "wait-seat" {
			disagreement = &j.Findings[i]
		}
	}
	if disagreement == nil {
		t.Fatalf("no finding that wait-seat, not the declared counter-result, is the peak: %+v", j.Findings)
	}
	if len(j.Levers) == 0 || j.Levers[0].Touchpoint != "wait-seat" {
		t.Errorf("levers ranked %v, want wait-seat first", leverIDs(j.Levers))
	}
	if j.RankedBy != "remembered" || d.Fit == nil {
		t.Errorf("ranked by %s, fit %v: the simulated visits carry remembered ratings", j.RankedBy, d.Fit)
	}
	page := journeyPage(t, html(t, d), "counter")
	if !strings.Contains(page, escapeHTML(disagreement.Text)) {
		t.Errorf("the counter page does not say %q", disagreement.Text)
	}
	levers := regexp.MustCompile(`<svg class="chart levers".*?</svg>`).FindString(page)
	first := regexp.MustCompile(`class="label">([^<]*)</text>`).FindStringSubmatch(levers)
	if first == nil || first[1] != "Wait to be called" {
		t.Errorf("the lever chart's first bar is %v, want the waiting seat", first)
	}
}

// cmpNumber orders numbers, NA last.
func cmpNumber(a, b report.Number) int {
	switch {
	case a.NA() || b.NA():
		return cmp.Compare(boolInt(a.NA()), boolInt(b.NA()))
	}
	return cmp.Compare(a, b)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func leverIDs(ls []report.Lever) []string {
	var ids []string
	for _, l := range ls {
		ids = append(ids, l.Touchpoint)
	}
	return ids
}

func escapeHTML(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

func html(t testing.TB, d *report.Data) string {
	t.Helper()
	var b bytes.Buffer
	if err := d.WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func journeyPage(t testing.TB, html, id string) string {
	t.Helper()
	start := strings.Index(html, `<section class="page journey" id="journey-`+id+`"`)
	if start < 0 {
		t.Fatalf("no page of journey %s", id)
	}
	end := strings.Index(html[start:], "</section>")
	return html[start : start+end]
}

// TestQuartilesAreExact holds the histogram's quartiles, mean and n to
// those of the ratings themselves, sorted.
func TestQuartilesAreExact(t *testing.T) {
	b := loadHall(t)
	s := mot.ScoringScale(b)
	r := report.New(b, s, s.Max)
	var waits []float64
	for v := range servicehall.Simulation(peakMemory(t), 3).Visits(2000) {
		f := scoring.Compute(&v, s)
		r.Add(&v, &f)
		for _, m := range v.Moments {
			if v.Purpose == "counter" && m.Touchpoint == "wait-seat" {
				waits = append(waits, m.Rating)
			}
		}
	}
	sort.Float64s(waits)
	rank := func(p float64) float64 { return waits[int(math.Ceil(p*float64(len(waits))))-1] }
	h := r.Distributions.Ratings("counter", "wait-seat")
	if h.N() != len(waits) {
		t.Fatalf("n %d, want %d", h.N(), len(waits))
	}
	for _, p := range []float64{0.25, 0.5, 0.75, 1} {
		if got, want := h.Quantile(p), rank(p); got != want {
			t.Errorf("quantile %g = %g, want %g", p, got, want)
		}
	}
	step := journey(t, r.Data("en", nil), "counter").Steps[4]
	if step.ID != "wait-seat" || float64(step.Q1) != rank(0.25) || float64(step.Q3) != rank(0.75) || step.Ratings != len(waits) {
		t.Errorf("step %+v, want wait-seat with q1 %g q3 %g n %d", step, rank(0.25), rank(0.75), len(waits))
	}
}

// TestDistributionsMerge: two halves merged count what one pass over
// all the visits counts; distributions of another blueprint or scale
// refuse to merge.
func TestDistributionsMerge(t *testing.T) {
	b := loadHall(t)
	s := mot.ScoringScale(b)
	whole, first, second := report.NewDistributions(b, s), report.NewDistributions(b, s), report.NewDistributions(b, s)
	i := 0
	for v := range servicehall.Simulation(peakMemory(t), 4).Visits(1000) {
		f := scoring.Compute(&v, s)
		whole.Add(&v, &f)
		if i%3 == 0 {
			first.Add(&v, &f)
		} else {
			second.Add(&v, &f)
		}
		i++
	}
	if err := first.Merge(second); err != nil {
		t.Fatal(err)
	}
	for _, j := range b.Journeys {
		if !slices.Equal(first.PeakEnd(j.ID).Bins(), whole.PeakEnd(j.ID).Bins()) {
			t.Errorf("%s: merged peak-end %v, one pass %v", j.ID, first.PeakEnd(j.ID).Bins(), whole.PeakEnd(j.ID).Bins())
		}
		for _, tp := range j.Steps {
			if !slices.Equal(first.Ratings(j.ID, tp).Bins(), whole.Ratings(j.ID, tp).Bins()) {
				t.Errorf("%s %s: merged ratings differ from one pass", j.ID, tp)
			}
		}
	}
	other := report.NewDistributions(b, scoring.NewScale(0, 10))
	if err := first.Merge(other); !errors.Is(err, report.ErrMismatch) {
		t.Errorf("merging another scale: %v, want ErrMismatch", err)
	}
}

// hostile is a blueprint whose names carry markup and scripts.
const hostile = `peakend: 1
name: "<script>alert('name')</script> & co"
roles:
  - {id: clerk, name: "<b>Clerk</b>"}
stages:
  - {id: s1, name: "<img src=x onerror=alert(1)>"}
touchpoints:
  - {id: arrive, stage: s1, lane: customer, name: "<script>alert(1)</script>", next: [serve]}
  - {id: serve, stage: s1, lane: frontstage, name: "Serve </svg><script>x</script>", owner: clerk, wait: {standard: 5m, tolerance: 10m}, next: [leave]}
  - {id: leave, stage: s1, lane: customer, name: "Leave\"><script>"}
journeys:
  - {id: visit, name: "<script>journey</script>", steps: [arrive, serve, leave], peaks: [serve]}
  - {id: empty, name: Nobody came, steps: [arrive, leave], peaks: [arrive]}
moments:
  serve: {owner: clerk, standards: [{name: "<script>s</script>", max: 3, unit: min, baseline: 4}]}
  leave: {owner: clerk}
`

func parse(t testing.TB, src string) *blueprint.Blueprint {
	t.Helper()
	b, err := blueprint.Parse("test.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func build(b *blueprint.Blueprint, s scoring.Scale, visits ...scoring.Visit) *report.Builder {
	r := report.New(b, s, s.Max)
	for _, v := range visits {
		f := scoring.Compute(&v, s)
		r.Add(&v, &f)
	}
	return r
}

func visit(id, purpose string, moments ...scoring.Moment) scoring.Visit {
	return scoring.Visit{ID: id, Purpose: purpose, Moments: moments, Remembered: scoring.NA, Recommend: scoring.NA}
}

func at(tp string, t, rating float64) scoring.Moment {
	return scoring.Moment{Touchpoint: tp, T: t, Duration: 60, Rating: rating}
}

// TestHTMLEscapesData: names and ids with markup, from the blueprint and
// from the visits, come out as text: no <script>, no element, from
// data; and the one page without visits says so.
func TestHTMLEscapesData(t *testing.T) {
	b := parse(t, hostile)
	r := build(b, scoring.DefaultScale,
		visit("v1", "visit", at("arrive", 0, 4), at("serve", 60, 2), at("leave", 120, 4)),
		visit("<script>v2</script>", "<script>p</script>", at("arrive", 0, 3)),
		visit("v3", "visit", at("arrive", 0, 3), at("<svg onload=alert(1)>", 60, 1), at("leave", 120, 5)))
	for _, lang := range []string{"en", "zh"} {
		out := html(t, r.Data(lang, []string{"<script>file.csv"}))
		if strings.Contains(strings.ToLower(out), "<script") {
			i := strings.Index(strings.ToLower(out), "<script")
			t.Errorf("%s: a <script> from the data: …%s…", lang, out[max(i-80, 0):i+40])
		}
		for _, tag := range []string{"<img", "<b>", "<svg onload"} {
			if strings.Contains(out, tag) {
				t.Errorf("%s: %s from the data became markup", lang, tag)
			}
		}
		if !strings.Contains(out, "&lt;script&gt;journey&lt;/script&gt;") {
			t.Errorf("%s: the journey's name is not shown escaped", lang)
		}
		if !strings.Contains(out, "&lt;script&gt;p&lt;/script&gt;") || !strings.Contains(out, "&lt;svg onload=alert(1)&gt;") {
			t.Errorf("%s: the unmatched purpose and touchpoint are not listed", lang)
		}
		empty := journeyPage(t, out, "empty")
		if want := map[string]string{"en": "No visits of this journey", "zh": "数据中没有该目的的来访"}[lang]; !strings.Contains(empty, want) {
			t.Errorf("%s: the page of a journey without visits does not say %q:\n%s", lang, want, empty)
		}
	}
}

// TestHTMLIsSelfContained: nothing is fetched — no link, no external
// source, no script — and the fonts are inline.
func TestHTMLIsSelfContained(t *testing.T) {
	out := html(t, hallData(t, 500, "zh"))
	for _, bad := range []string{"<script", "<link", "<img", "<iframe", "@import", "url(http", "src=\"http"} {
		if strings.Contains(out, bad) {
			t.Errorf("the report holds %q", bad)
		}
	}
	if n := strings.Count(out, "@font-face{font-family:peakend;"); n != 2 {
		t.Errorf("%d @font-face rules, want regular and bold", n)
	}
	if !strings.Contains(out, `<html lang="zh">`) || !strings.Contains(out, "体验曲线") {
		t.Errorf("the zh report is not in Chinese")
	}
}

// TestEdgeCases: a single visit, all ratings equal, and a higher-is-worse
// scale draw without NaN, and the turned axis says so.
func TestEdgeCases(t *testing.T) {
	b := parse(t, hostile)
	one := build(b, scoring.DefaultScale, visit("v1", "visit", at("arrive", 0, 4), at("serve", 60, 2), at("leave", 120, 4)))
	equal := build(b, scoring.DefaultScale, visit("v1", "visit", at("arrive", 0, 3), at("serve", 60, 3), at("leave", 120, 3)),
		visit("v2", "visit", at("arrive", 0, 3), at("serve", 60, 3), at("leave", 120, 3)))
	pain := scoring.Scale{Min: 0, Max: 10, Neutral: 5, HigherIsWorse: true}
	worse := build(b, pain, visit("v1", "visit", at("arrive", 0, 1), at("serve", 60, 9), at("leave", 120, 2)))
	for name, r := range map[string]*report.Builder{"single": one, "equal": equal, "worse": worse} {
		d := r.Data("en", nil)
		out := html(t, d)
		if strings.Contains(out, "NaN") || strings.Contains(out, "Inf") {
			t.Errorf("%s: NaN or Inf in the HTML", name)
		}
		var j bytes.Buffer
		if err := d.WriteJSON(&j); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	out := html(t, worse.Data("en", nil))
	if !strings.Contains(out, "higher is worse: axis turned so that better is up") {
		t.Error("the higher-is-worse curve does not say its axis is turned")
	}
	// On the turned axis the worst rating (9, at serve) is drawn lowest:
	// the mean's label with the largest y is serve's.
	curve := regexp.MustCompile(`<svg class="chart curve".*?</svg>`).FindString(out)
	labels := regexp.MustCompile(`<text x="[\d.]+" y="([\d.]+)" text-anchor="middle" class="value">(\d\.\d\d)</text>`).FindAllStringSubmatch(curve, -1)
	lowest, lowestY := "", 0.0
	for _, l := range labels {
		if y := parseFloat(t, l[1]); y > lowestY {
			lowest, lowestY = l[2], y
		}
	}
	if lowest != "9.00" {
		t.Errorf("lowest mean on the turned axis is %q, want serve's 9.00 (labels %v)", lowest, labels)
	}
}

func parseFloat(t testing.TB, s string) float64 {
	var x float64
	if err := json.Unmarshal([]byte(s), &x); err != nil {
		t.Fatal(err)
	}
	return x
}

// TestJSONMatchesSchema validates the service hall's JSON, and the
// hostile blueprint's, against schema.json, and checks a few numbers.
func TestJSONMatchesSchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	schema, err := c.Compile("schema.json")
	if err != nil {
		t.Fatal(err)
	}
	b := parse(t, hostile)
	for name, d := range map[string]*report.Data{
		"hall":    hallData(t, 1000, "zh"),
		"hostile": build(b, scoring.DefaultScale, visit("v1", "visit", at("arrive", 0, 4)), visit("v2", "nope", at("x", 0, 1))).Data("en", []string{"a.csv"}),
	} {
		var buf bytes.Buffer
		if err := d.WriteJSON(&buf); err != nil {
			t.Fatal(err)
		}
		v, err := jsonschema.UnmarshalJSON(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(v); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	var got struct {
		Visits   int
		Journeys []struct {
			ID    string
			Steps []struct {
				ID      string
				Mean    *float64
				Q1, Q3  *float64
				Ratings int
			}
		}
	}
	d := hallData(t, 1000, "en")
	var buf bytes.Buffer
	d.WriteJSON(&buf)
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Visits != 1000 || got.Journeys[0].Steps[4].ID != "wait-seat" || *got.Journeys[0].Steps[4].Mean != float64(d.Journeys[0].Steps[4].Mean) {
		t.Errorf("the JSON's numbers are not the report's: %+v", got.Journeys[0].Steps[4])
	}
}

// TestHTMLSize: the service hall's report, in either language, stays
// under 2 MB; the fonts are subsets of what it says.
func TestHTMLSize(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		n := len(html(t, hallData(t, 2000, lang)))
		t.Logf("%s: %d bytes", lang, n)
		if n > 2<<20 {
			t.Errorf("%s: the service hall's report is %d bytes, over 2 MB", lang, n)
		}
	}
}

// TestOnly keeps one journey.
func TestOnly(t *testing.T) {
	d := hallData(t, 200, "en")
	if !d.Only("trial") || len(d.Journeys) != 1 || d.Journeys[0].ID != "trial" || d.Journey != "trial" {
		t.Errorf("Only(trial) kept %+v", d.Journeys)
	}
	if d.Only("nope") {
		t.Error("Only accepted a journey the report lacks")
	}
}

// A report read in parts on several cores is the report of one pass.
func TestBuilderMerge(t *testing.T) {
	b := loadHall(t)
	s := mot.ScoringScale(b)
	whole := report.New(b, s, s.Max)
	parts := []*report.Builder{report.New(b, s, s.Max), report.New(b, s, s.Max), report.New(b, s, s.Max)}
	i := 0
	for v := range servicehall.Simulation(peakMemory(t), 5).Visits(3000) {
		f := scoring.Compute(&v, s)
		whole.Add(&v, &f)
		parts[i*len(parts)/3000].Add(&v, &f) // three consecutive ranges
		i++
	}
	for _, p := range parts[1:] {
		if err := parts[0].Merge(p); err != nil {
			t.Fatal(err)
		}
	}
	var one, merged strings.Builder
	if err := whole.Data("en", nil).WriteHTML(&one); err != nil {
		t.Fatal(err)
	}
	if err := parts[0].Data("en", nil).WriteHTML(&merged); err != nil {
		t.Fatal(err)
	}
	if one.String() != merged.String() {
		t.Error("the merged parts' report differs from one pass's")
	}
	if err := parts[0].Merge(report.New(b, scoring.NewScale(0, 10), 10)); !errors.Is(err, report.ErrMismatch) {
		t.Errorf("merging another scale: %v, want ErrMismatch", err)
	}
}
