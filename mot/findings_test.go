package mot_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/peakend/peakend/examples/servicehall"
	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/scoring"
)

func TestFindingText(t *testing.T) {
	disagree := mot.Finding{Kind: mot.PeakDisagrees, Journey: "counter", Touchpoint: "counter-result", Share: 0.2, Rival: "wait-seat", RivalShare: 0.55}
	for _, c := range []struct {
		f          mot.Finding
		lang, want string
	}{
		{mot.Finding{Kind: mot.NoVisits, Journey: "trial"}, "", "no visits of trial in the data"},
		{mot.Finding{Kind: mot.NoVisits, Journey: "trial"}, "zh", "数据中没有 trial 的来访"},
		{mot.Finding{Kind: mot.PeakAgrees, Journey: "counter", Touchpoint: "wait-seat", Share: 0.61}, "en",
			"agrees: declared peak wait-seat is the commonest peak, in 61% of counter visits"},
		{mot.Finding{Kind: mot.PeakAgrees, Journey: "counter", Touchpoint: "wait-seat", Share: 0.61}, "zh-CN",
			"一致：声明的峰值 wait-seat 是最常见的峰值，占 counter 来访的 61%"},
		{disagree, "en", "disagrees: declared peak counter-result is the peak of 20% of counter visits; wait-seat is the peak of 55%"},
		{disagree, "zh", "不一致：声明的峰值 counter-result 只是 counter 来访中 20% 的峰值；wait-seat 是 55% 的峰值"},
		{mot.Finding{Kind: mot.EndDisagrees, Journey: "counter", Touchpoint: "leave", Share: 0.3}, "en-GB",
			"disagrees: declared end leave ends only 30% of counter visits"},
		{mot.Finding{Kind: mot.EndDisagrees, Journey: "counter", Touchpoint: "leave", Share: 0.3}, "zh",
			"不一致：声明的终值 leave 只是 counter 来访中 30% 的终值"},
		{mot.Finding{Kind: mot.PeakAgrees, Journey: "j", Touchpoint: "t", Share: 1}, "zhx", // not a zh tag
			"agrees: declared peak t is the commonest peak, in 100% of j visits"},
	} {
		if got := c.f.Text(c.lang); got != c.want {
			t.Errorf("%v in %q:\n got %s\nwant %s", c.f.Kind, c.lang, got, c.want)
		}
	}
	if s := mot.FindingKind(0).String(); s != "FindingKind(0)" {
		t.Errorf("the zero kind prints %q", s)
	}
}

// observed reports on visits simulated from the service hall.
func observed(t *testing.T, lang string) *mot.Report {
	t.Helper()
	b := hall(t)
	memory, _ := scoring.ParseMemoryModel("peak=0.6,end=0.2,mean=0.2,noise=0.3")
	sim := servicehall.Simulation(memory, 2)
	obs := mot.NewObserver(b, sim.Scale)
	for v := range sim.Visits(500) {
		f := scoring.Compute(&v, sim.Scale)
		obs.Add(&v, &f)
	}
	return obs.Report(lang)
}

// The table speaks the report's language: Chinese headings and findings
// for zh, English otherwise; JSON carries each finding's kind as a word
// and its text.
func TestReportLanguage(t *testing.T) {
	var zh, en bytes.Buffer
	if err := observed(t, "zh").WriteTable(&zh); err != nil {
		t.Fatal(err)
	}
	if err := observed(t, "en").WriteTable(&en); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"500 次来访\n", "来厅目的 柜台业务（counter）：", "触点", "平均评分", "不一致：声明的峰值 业务办理结果（counter-result）", "\n标准\n", "\n说明\n  峰值：", "≤ 10 分钟", "≥ 5 个渠道", "3 个渠道"} {
		if !strings.Contains(zh.String(), want) {
			t.Errorf("the Chinese table lacks %q:\n%s", want, zh.String())
		}
	}
	for _, unwanted := range []string{"visits", "journey", "disagrees", "declared", "standards"} {
		if strings.Contains(zh.String(), unwanted) {
			t.Errorf("the Chinese table has the English %q:\n%s", unwanted, zh.String())
		}
	}
	for _, want := range []string{"500 visits\n", "journey counter (Counter business):", "mean rating", "disagrees: declared peak counter-result", "\nstandards\n", "\nlegend\n  peak: ", "≥ 5 channels"} {
		if !strings.Contains(en.String(), want) {
			t.Errorf("the English table lacks %q:\n%s", want, en.String())
		}
	}
	var js bytes.Buffer
	if err := observed(t, "zh").WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var parsed struct {
		Journeys []struct {
			Findings []struct{ Kind, Journey, Touchpoint, Rival, Text string }
		}
	}
	if err := json.Unmarshal(js.Bytes(), &parsed); err != nil {
		t.Fatal(err)
	}
	f := parsed.Journeys[0].Findings[0]
	if f.Kind != "peak-disagrees" || f.Journey != "counter" || f.Rival != "wait-seat" || !strings.HasPrefix(f.Text, "不一致") {
		t.Errorf("the first finding in JSON: %+v", f)
	}
}

// tied reports on visits of the service hall's counter journey, each
// rated so that its peak is the given touchpoint.
func tied(t *testing.T, peaks ...string) mot.JourneyReport {
	t.Helper()
	b := hall(t)
	obs := mot.NewObserver(b, mot.ScoringScale(b))
	for i, peak := range peaks {
		v := scoring.Visit{ID: fmt.Sprint("v", i), Purpose: "counter"}
		for _, tp := range []string{"wait-seat", "counter-result", "leave"} {
			rating := 3.0
			if tp == peak {
				rating = 1
			}
			v.Moments = append(v.Moments, scoring.Moment{Touchpoint: tp, Rating: rating, T: float64(len(v.Moments)), Duration: scoring.NA})
		}
		f := scoring.Compute(&v, mot.ScoringScale(b))
		obs.Add(&v, &f)
	}
	return obs.Report("zh").Journeys[0]
}

// A 50/50 tie of two visits is no disagreement: the declared peak
// counter-result and the wait are each the peak of one.
func TestTieIsUndecided(t *testing.T) {
	j := tied(t, "wait-seat", "counter-result")
	f := j.Findings[0]
	if f.Kind != mot.PeakUndecided || f.N != 2 || f.P != 1 || f.Rival != "wait-seat" {
		t.Fatalf("a tie of two visits: %+v", f)
	}
	if got := f.Text("en"); !strings.HasPrefix(got, "not enough visits to tell") || !strings.HasSuffix(got, "(n = 2)") || strings.Contains(got, "disagrees") {
		t.Errorf("English: %s", got)
	}
	if got := f.Text("zh"); !strings.HasPrefix(got, "来访太少，无法判断") || !strings.Contains(got, "业务办理结果（counter-result）") || !strings.HasSuffix(got, "（n = 2）") {
		t.Errorf("Chinese: %s", got)
	}
	// Nine of ten peaking at the wait is beyond chance (p = 0.021).
	j = tied(t, "wait-seat", "wait-seat", "wait-seat", "wait-seat", "wait-seat", "wait-seat", "wait-seat", "wait-seat", "wait-seat", "counter-result")
	if f := j.Findings[0]; f.Kind != mot.PeakDisagrees || f.N != 10 || math.Abs(f.P-22.0/1024) > 1e-12 {
		t.Errorf("nine of ten: %+v", f)
	}
	// And ten of ten at the declared peak agrees.
	j = tied(t, "counter-result", "counter-result", "counter-result", "counter-result", "counter-result", "counter-result")
	if f := j.Findings[0]; f.Kind != mot.PeakAgrees || math.Abs(f.P-2.0/64) > 1e-12 {
		t.Errorf("six of six at the declared peak: %+v", f)
	}
}

// The exact binomial test against ½ that findings use for peaks and
// ends, against values counted by hand.
func TestSignTest(t *testing.T) {
	for _, c := range []struct {
		k, n int
		want float64
	}{{0, 2, 0.5}, {1, 2, 1}, {0, 10, 2.0 / 1024}, {3, 10, 2 * 176.0 / 1024}, {500, 1000, 1}} {
		if got := mot.SignTest(c.k, c.n); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("SignTest(%d, %d) = %g, want %g", c.k, c.n, got, c.want)
		}
	}
	// Large samples stay exact: 4 900 of 10 000 is p = 0.046586 (summed exactly in Python).
	if got := mot.SignTest(4900, 10000); math.Abs(got-0.046586) > 1e-6 {
		t.Errorf("SignTest(4900, 10000) = %g", got)
	}
}
