package mot_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/peakend/peakend/examples/servicehall"
	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/scoring"
)

// leverageTable writes the leverage report of n simulated service-hall
// visits in language lang.
func leverageTable(t *testing.T, n int, lang string) string {
	t.Helper()
	b := hall(t)
	memory, _ := scoring.ParseMemoryModel("peak=0.6,end=0.2,mean=0.2,noise=0.3")
	sim := servicehall.Simulation(memory, 2)
	m := mot.NewLeverageMeter(b, sim.Scale, sim.Scale.Max)
	for v := range sim.Visits(n) {
		f := scoring.Compute(&v, sim.Scale)
		m.Add(&v, &f)
	}
	var out bytes.Buffer
	if err := m.Report(lang).WriteTable(&out); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// Under LeverageMinVisits visits a journey's ranking carries a warning;
// every gain has its interval; the formula, headings and legend speak
// the report's language.
func TestLeverageTable(t *testing.T) {
	zh := leverageTable(t, 60, "zh")
	for _, want := range []string{"回忆评分 ≈ ", "·峰值 ", "来厅目的 柜台业务（counter）：", "  注意：只有 ", "少于 100 次", "95% 区间", "等候叫号", " … ", "（更好的结尾）", "\n说明\n  回忆评分 ≈："} {
		if !strings.Contains(zh, want) {
			t.Errorf("the Chinese table lacks %q:\n%s", want, zh)
		}
	}
	for _, unwanted := range []string{"journey", "visits", "better end", "remembered", "warning"} {
		if strings.Contains(zh, unwanted) {
			t.Errorf("the Chinese table has the English %q:\n%s", unwanted, zh)
		}
	}
	en := leverageTable(t, 1000, "en")
	if strings.Contains(en, "warning") {
		t.Errorf("1000 visits, yet a warning:\n%s", en)
	}
	for _, want := range []string{"remembered ≈ ", "journey counter (Counter business): ", "95% interval", "\nlegend\n"} {
		if !strings.Contains(en, want) {
			t.Errorf("the English table lacks %q:\n%s", want, en)
		}
	}
	if few := leverageTable(t, 60, "en"); !strings.Contains(few, "warning: ") {
		t.Errorf("60 visits, no warning:\n%s", few)
	}
}

// Every term has a label and an explanation in both languages, and the
// labels of one language are distinct: one word, one meaning.
func TestVocabulary(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		seen := map[string]mot.Term{}
		for term := mot.TermVisits; term <= mot.TermBeyondChance; term++ {
			label, explain := term.Label(lang), term.Explain(lang)
			if label == "" || explain == "" {
				t.Errorf("%v in %s: label %q, explanation %q", term, lang, label, explain)
			}
			if other, ok := seen[label]; ok && other != term {
				t.Errorf("%s: %v and %v are both %q", lang, other, term, label)
			}
			seen[label] = term
		}
	}
	if mot.TermPeak.Label("zh-CN") != "峰值" || mot.TermFailed.Label("zh") != "失败" || mot.TermPeak.Label("fr") != "peak" {
		t.Error("labels do not follow the language")
	}
	if mot.FeatureTerm("time_mean") != mot.TermTimeMean || mot.FeatureTerm("nosuch") != 0 {
		t.Error("FeatureTerm")
	}
}

// A summary for people has the vocabulary's headings, the duration's
// unit, and the journeys' names beside their ids.
func TestSummaryLabels(t *testing.T) {
	b := hall(t)
	var sum scoring.Summary
	memory, _ := scoring.ParseMemoryModel("peak=0.6,end=0.2,mean=0.2,noise=0.3")
	sim := servicehall.Simulation(memory, 2)
	for v := range sim.Visits(50) {
		f := scoring.Compute(&v, sim.Scale)
		sum.Add(&v, &f)
	}
	var zh, plain bytes.Buffer
	if err := sum.WriteCSVLabelled(&zh, mot.SummaryLabels(b, "zh")); err != nil {
		t.Fatal(err)
	}
	const head = "来厅目的,名称,来访,时刻数,时长（秒）,首个时刻,峰值,最好时刻,最差时刻,终值,平均,时间加权平均,趋势,峰终值,回忆评分\n"
	if !strings.HasPrefix(zh.String(), head) || !strings.Contains(zh.String(), "\ncounter,柜台业务,") {
		t.Errorf("the Chinese summary:\n%s", zh.String())
	}
	sum.WriteCSV(&plain)
	// The numbers are those of the plain summary, the name column aside.
	zhRows, plainRows := strings.Split(zh.String(), "\n")[1:], strings.Split(plain.String(), "\n")[1:]
	for i := range plainRows {
		id, rest, _ := strings.Cut(plainRows[i], ",")
		if want := id + "," + b.JourneyName(id, "zh") + "," + rest; plainRows[i] != "" && zhRows[i] != want {
			t.Errorf("row %d: %s, want %s", i, zhRows[i], want)
		}
	}
}
