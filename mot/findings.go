package mot

import (
	"fmt"
	"strings"
)

// A FindingKind says what a Finding found.
type FindingKind int

// The kinds of finding, each a comparison of the visits with what the
// blueprint declares.
const (
	// NoVisits: the data hold no visit of the journey.
	NoVisits FindingKind = iota + 1
	// PeakAgrees: a declared peak is the journey's commonest peak.
	PeakAgrees
	// PeakDisagrees: a declared peak is not; Rival is peak more often.
	PeakDisagrees
	// EndDisagrees: the declared end ends fewer than half the visits.
	EndDisagrees
)

var findingKindNames = map[FindingKind]string{
	NoVisits: "no-visits", PeakAgrees: "peak-agrees", PeakDisagrees: "peak-disagrees", EndDisagrees: "end-disagrees",
}

// String names the kind as JSON writes it: "peak-agrees", ….
func (k FindingKind) String() string {
	if s, ok := findingKindNames[k]; ok {
		return s
	}
	return fmt.Sprintf("FindingKind(%d)", int(k))
}

// MarshalText writes the kind's name, so that JSON shows a word.
func (k FindingKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// A Finding is one place where the visits agree or disagree with the
// journey's declared peaks and end, as values; Text says it in words.
type Finding struct {
	Kind       FindingKind
	Journey    string  // the journey's id
	Touchpoint string  // the declared peak or end the finding is about; empty for NoVisits
	Share      float64 // of the journey's visits, those where Touchpoint is the peak (or, for EndDisagrees, the end)
	Rival      string  // for PeakDisagrees: the touchpoint that is the peak most often
	RivalShare float64 // of the journey's visits, those where Rival is the peak
}

// Text says the finding in plain words, in Chinese when lang is zh or
// a zh- tag, else in English.
func (f Finding) Text(lang string) string {
	w := wordsFor(lang)
	switch f.Kind {
	case NoVisits:
		return fmt.Sprintf(w.noVisits, f.Journey)
	case PeakAgrees:
		return fmt.Sprintf(w.peakAgrees, f.Touchpoint, percent(f.Share), f.Journey)
	case PeakDisagrees:
		return fmt.Sprintf(w.peakDisagrees, f.Touchpoint, percent(f.Share), f.Journey, f.Rival, percent(f.RivalShare))
	case EndDisagrees:
		return fmt.Sprintf(w.endDisagrees, f.Touchpoint, percent(f.Share), f.Journey)
	}
	return f.Kind.String()
}

// findings compares the journey's visits with its declared peaks and
// end.
func findings(jr JourneyReport) []Finding {
	if jr.Visits == 0 {
		return []Finding{{Kind: NoVisits, Journey: jr.ID}}
	}
	var top TouchpointReport
	for _, t := range jr.Touchpoints {
		if t.PeakShare > top.PeakShare {
			top = t
		}
	}
	var out []Finding
	for _, p := range jr.Peaks {
		f := Finding{Kind: PeakAgrees, Journey: jr.ID, Touchpoint: p, Share: find(jr.Touchpoints, p).PeakShare}
		if p != top.ID {
			f.Kind, f.Rival, f.RivalShare = PeakDisagrees, top.ID, top.PeakShare
		}
		out = append(out, f)
	}
	if t := find(jr.Touchpoints, jr.End); t.EndShare < 0.5 {
		out = append(out, Finding{Kind: EndDisagrees, Journey: jr.ID, Touchpoint: jr.End, Share: t.EndShare})
	}
	return out
}

// reportWords are the words of a report in one language: headings,
// columns, and the sentences of findings (fmt formats).
type reportWords struct {
	visits, journey                         string
	touchpointColumns, standardColumns      string
	standards, notInBlueprint, unknownCount string
	purposes, touchpoints                   string
	noVisits, peakAgrees, peakDisagrees     string
	endDisagrees                            string
	declared                                map[string]string // peak, end, peak+end
}

var englishWords = reportWords{
	visits:            "%d visits\n",
	journey:           "\njourney %s (%s): %d visits, mean peak-end %s\n",
	touchpointColumns: "touchpoint\tdeclared\tvisits\tpeak\tworst\tbest\tend\tmean rating\tfailed\tpeak-end of its visits\t\n",
	standards:         "\nstandards\n",
	standardColumns:   "touchpoint\tstandard\ttarget\tbaseline\tmeasured\tmet\twithin tolerance\t\n",
	notInBlueprint:    "\nnot in the blueprint: %s\n",
	unknownCount:      "  %s: %d visits (for example %s)\n",
	purposes:          "purposes",
	touchpoints:       "touchpoints",
	noVisits:          "no visits of %s in the data",
	peakAgrees:        "agrees: declared peak %s is the commonest peak, in %s of %s visits",
	peakDisagrees:     "disagrees: declared peak %s is the peak of %s of %s visits; %s is the peak of %s",
	endDisagrees:      "disagrees: declared end %s ends only %s of %s visits",
	declared:          map[string]string{"peak": "peak", "end": "end", "peak+end": "peak+end"},
}

// chineseWords use the study's terms, as the cards do: 来厅目的 for a
// journey, 峰值 and 终值 for peak and end, 峰终值 for peak-end.
var chineseWords = reportWords{
	visits:            "%d 次来访\n",
	journey:           "\n来厅目的 %s（%s）：%d 次来访，平均峰终值 %s\n",
	touchpointColumns: "触点\t声明\t来访\t峰值\t最差\t最好\t终值\t平均评分\t差评\t其来访的峰终值\t\n",
	standards:         "\n标准\n",
	standardColumns:   "触点\t标准\t目标\t基准值\t测量数\t达标\t容忍范围内\t\n",
	notInBlueprint:    "\n蓝图中没有的%s\n",
	unknownCount:      "  %s：%d 次来访（例如 %s）\n",
	purposes:          "来厅目的",
	touchpoints:       "触点",
	noVisits:          "数据中没有 %s 的来访",
	peakAgrees:        "一致：声明的峰值 %[1]s 是最常见的峰值，占 %[3]s 来访的 %[2]s",
	peakDisagrees:     "不一致：声明的峰值 %[1]s 只是 %[3]s 来访中 %[2]s 的峰值；%[4]s 是 %[5]s 的峰值",
	endDisagrees:      "不一致：声明的终值 %[1]s 只是 %[3]s 来访中 %[2]s 的终值",
	declared:          map[string]string{"peak": "峰值", "end": "终值", "peak+end": "峰值+终值"},
}

// wordsFor returns Chinese words for zh and its tags, else English.
func wordsFor(lang string) *reportWords {
	if lang == "zh" || strings.HasPrefix(lang, "zh-") {
		return &chineseWords
	}
	return &englishWords
}
