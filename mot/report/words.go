package report

import "strings"

// words are the report's own words in one language; the findings'
// sentences are mot's (Finding.Text).
type words struct {
	lang                                string
	overview, generated                 string
	files, visitsRead, dates, noDates   string
	journeyCol, visitsCol, meanPECol    string
	peakEndDist, peakEndAxis, shareAxis string
	curve, ratingAxis, better, turned   string
	neutral, band, mean, n              string
	declaredPeak, declaredEnd, outside  string
	shares, peak, worst, end            string
	declaredVsFound, noFindings         string
	leverage, betterEnd                 string
	deltaRemembered, deltaPeakEnd       string
	rankedByFit, rankedByPeakEnd        string
	standards, metAxis, met, tolerated  string
	target, baseline, measured          string
	notMeasured, noStandards            string
	unmatched, unknownPurposes          string
	unknownTouchpoints, allMatched      string
	example, noVisits, points           string
	peakEndScore, betterRight           string
}

var english = words{
	lang:               "en",
	overview:           "Overview",
	generated:          "Peak-end report",
	files:              "Data files read",
	visitsRead:         "%d visits",
	dates:              "Dates: %s to %s (UTC)",
	noDates:            "The moments' times are not dates (seconds from each visit's start).",
	journeyCol:         "Journey",
	visitsCol:          "Visits",
	meanPECol:          "Mean peak-end",
	peakEndDist:        "Peak-end scores of %s",
	peakEndAxis:        "peak-end score (points)",
	shareAxis:          "share of visits (%)",
	curve:              "Experience curve: rating at each step",
	ratingAxis:         "rating (points, %s to %s)",
	better:             "better ↑",
	turned:             "higher is worse: axis turned so that better is up",
	neutral:            "neutral",
	band:               "25–75% of ratings",
	mean:               "mean rating",
	n:                  "n=%d",
	declaredPeak:       "declared peak",
	declaredEnd:        "declared end",
	outside:            "not in the journey's steps",
	shares:             "Where the visits' peaks, worst moments and ends fall",
	peak:               "peak",
	worst:              "worst",
	end:                "end",
	declaredVsFound:    "Declared vs found",
	noFindings:         "The data agree with the declared peaks and end.",
	leverage:           "Where to invest: one point better at each step",
	betterEnd:          "a better end",
	deltaRemembered:    "change in the remembered rating (points)",
	deltaPeakEnd:       "change in the mean peak-end score (points)",
	rankedByFit:        "Ranked by the remembered rating a fit predicts (R² %.2f, %d visits).",
	rankedByPeakEnd:    "Ranked by peak-end: the visits carry too few remembered ratings for a fit.",
	standards:          "Standards: target, baseline and measured share",
	metAxis:            "share of measured moments (%)",
	met:                "meets the target",
	tolerated:          "within the tolerance",
	target:             "target %s",
	baseline:           "baseline %s",
	measured:           "%d measured",
	notMeasured:        "not measured: the visits do not carry it",
	noStandards:        "No standard is set at this journey's steps.",
	unmatched:          "Visits that matched no journey or touchpoint",
	unknownPurposes:    "Purposes the blueprint lacks",
	unknownTouchpoints: "Touchpoints the blueprint lacks",
	allMatched:         "Every visit matched a journey, and every moment a touchpoint.",
	example:            "%s: %d visits (for example %s)",
	noVisits:           "No visits of this journey in the data.",
	points:             "points",
	peakEndScore:       "peak-end score",
	betterRight:        "better →",
}

// chinese uses the study's terms, as mot's tables and cards do.
var chinese = words{
	lang:               "zh",
	overview:           "总览",
	generated:          "峰终报告",
	files:              "读取的数据文件",
	visitsRead:         "%d 次来访",
	dates:              "日期：%s 至 %s（UTC）",
	noDates:            "时刻不是日期（自每次来访开始起的秒数）。",
	journeyCol:         "来厅目的",
	visitsCol:          "来访",
	meanPECol:          "平均峰终值",
	peakEndDist:        "%s的峰终值分布",
	peakEndAxis:        "峰终值（分）",
	shareAxis:          "来访占比（%）",
	curve:              "体验曲线：各步骤的评分",
	ratingAxis:         "评分（分，%s 至 %s）",
	better:             "越高越好 ↑",
	turned:             "数值越高越差：坐标轴已翻转，越好越靠上",
	neutral:            "中性",
	band:               "25–75% 的评分",
	mean:               "平均评分",
	n:                  "n=%d",
	declaredPeak:       "声明的峰值",
	declaredEnd:        "声明的终值",
	outside:            "不在该目的的步骤中",
	shares:             "来访的峰值、最差时刻和终值落在哪里",
	peak:               "峰值",
	worst:              "最差",
	end:                "终值",
	declaredVsFound:    "声明与发现",
	noFindings:         "数据与声明的峰值和终值一致。",
	leverage:           "投入何处：每个步骤好一分",
	betterEnd:          "更好的结尾",
	deltaRemembered:    "记忆评分的变化（分）",
	deltaPeakEnd:       "平均峰终值的变化（分）",
	rankedByFit:        "按拟合预测的记忆评分排序（R² %.2f，%d 次来访）。",
	rankedByPeakEnd:    "按峰终值排序：来访中的记忆评分太少，无法拟合。",
	standards:          "标准：目标、基准值与实测达标比例",
	metAxis:            "实测时刻占比（%）",
	met:                "达到目标",
	tolerated:          "在容忍范围内",
	target:             "目标 %s",
	baseline:           "基准值 %s",
	measured:           "测量 %d 次",
	notMeasured:        "未测量：来访数据中没有该项",
	noStandards:        "该目的的步骤没有设定标准。",
	unmatched:          "未匹配来厅目的或触点的来访",
	unknownPurposes:    "蓝图中没有的来厅目的",
	unknownTouchpoints: "蓝图中没有的触点",
	allMatched:         "每次来访都匹配了来厅目的，每个时刻都匹配了触点。",
	example:            "%s：%d 次来访（例如 %s）",
	noVisits:           "数据中没有该目的的来访。",
	points:             "分",
	peakEndScore:       "峰终值",
	betterRight:        "越好越靠右 →",
}

// wordsFor returns Chinese words for zh and its tags, else English.
func wordsFor(lang string) *words {
	if lang == "zh" || strings.HasPrefix(lang, "zh-") {
		return &chinese
	}
	return &english
}
