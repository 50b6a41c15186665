package mot

import "github.com/peakend/peakend/blueprint"

// reportWords are the sentences of a report in one language (fmt
// formats); the columns and headings are Terms (vocabulary.go).
type reportWords struct {
	visits, journey, standards          string
	notInBlueprint, unknownCount        string
	purposes, touchpoints               string
	noVisits, peakAgrees, peakDisagrees string
	endDisagrees                        string
	peakUndecided, endUndecided         string
	declared                            map[string]string // peak, end, peak+end
	// leverage
	fitFormula, noFit, fewVisits, levelJourney string
}

var englishWords = reportWords{
	visits:         "%d visits\n",
	journey:        "\njourney %s (%s): %d visits, mean peak-end %s\n",
	standards:      "\nstandards\n",
	notInBlueprint: "\nnot in the blueprint: %s\n",
	unknownCount:   "  %s: %d visits (for example %s)\n",
	purposes:       "purposes",
	touchpoints:    "touchpoints",
	noVisits:       "no visits of %s in the data",
	peakAgrees:     "agrees: declared peak %s is the commonest peak, in %s of %s visits",
	peakDisagrees:  "disagrees: declared peak %s is the peak of %s of %s visits; %s is the peak of %s",
	endDisagrees:   "disagrees: declared end %s ends only %s of %s visits",
	peakUndecided:  "not enough visits to tell whether declared peak %s (the peak of %s) or %s (%s) is the commoner peak (n = %d)",
	endUndecided:   "not enough visits to tell whether declared end %s, which ends %s of them, ends fewer than half (n = %d)",
	declared:       map[string]string{"peak": "peak", "end": "end", "peak+end": "peak+end"},
	fitFormula:     "  (R² %.2f, %d visits)\n",
	noFit:          "no fit of remembered ratings (too few in the visits): levers ranked by peak-end\n",
	fewVisits:      "  warning: %d visits, fewer than %d: the ranking is not reliable; read the intervals\n",
	levelJourney:   "\njourney %s (%s): %d visits\n",
}

// chineseWords use the study's terms, as the cards do.
var chineseWords = reportWords{
	visits:         "%d 次来访\n",
	journey:        "\n来厅目的 %s：%d 次来访，平均峰终值 %s\n",
	standards:      "\n标准\n",
	notInBlueprint: "\n蓝图中没有的%s\n",
	unknownCount:   "  %s：%d 次来访（例如 %s）\n",
	purposes:       "来厅目的",
	touchpoints:    "触点",
	noVisits:       "数据中没有 %s 的来访",
	peakAgrees:     "一致：声明的峰值 %[1]s 是最常见的峰值，占 %[3]s 来访的 %[2]s",
	peakDisagrees:  "不一致：声明的峰值 %[1]s 只是 %[3]s 来访中 %[2]s 的峰值；%[4]s 是 %[5]s 的峰值",
	endDisagrees:   "不一致：声明的终值 %[1]s 只是 %[3]s 来访中 %[2]s 的终值",
	peakUndecided:  "来访太少，无法判断：声明的峰值 %[1]s 占 %[2]s，%[3]s 占 %[4]s，哪个更常是峰值尚无定论（n = %[5]d）",
	endUndecided:   "来访太少，无法判断：声明的终值 %[1]s 是 %[2]s 来访的终值，是否少于一半尚无定论（n = %[3]d）",
	declared:       map[string]string{"peak": "峰值", "end": "终值", "peak+end": "峰值+终值"},
	fitFormula:     "（R² %.2f，%d 次来访）\n",
	noFit:          "回忆评分太少，无法拟合：按峰终值排列改进点\n",
	fewVisits:      "  注意：只有 %d 次来访，少于 %d 次：排名不可靠，请看区间\n",
	levelJourney:   "\n来厅目的 %s：%d 次来访\n",
}

// wordsFor returns Chinese words for zh and its tags, else English.
func wordsFor(lang string) *reportWords {
	if blueprint.IsChinese(lang) {
		return &chineseWords
	}
	return &englishWords
}
