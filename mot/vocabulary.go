package mot

import (
	"fmt"
	"io"
	"strings"

	"github.com/peakend/peakend/blueprint"
)

// A Term is a word of peakend's reports — a column, a heading, a kind of
// moment — stated once with its label and a one-line explanation in
// each language, so that a table, its legend and any other report (an
// HTML page, a chart) call a thing by one name and explain it alike.
type Term int

// The terms of the moments, leverage and summary reports.
const (
	TermVisits Term = iota + 1
	TermJourney
	TermTouchpoint
	TermDeclared
	TermPeak
	TermWorst
	TermBest
	TermEnd
	TermMeanRating
	TermFailed
	TermPeakEnd
	TermRank
	TermDeltaPeakEnd
	TermDeltaRemembered
	TermInterval
	TermBetterEnd
	TermFit
	TermStandard
	TermTarget
	TermBaseline
	TermMeasured
	TermMet
	TermTolerated
	TermWait
	TermMoments
	TermDuration
	TermFirst
	TermMean
	TermTimeMean
	TermTrend
	TermRemembered
	TermBeyondChance
	TermKey
)

// waitStandard names the standard of a wait point, which the blueprint
// does not name; reports say it as TermWait.
const waitStandard = "wait"

// termText is a term in one language: its label and what it means.
type termText struct{ label, explain string }

// vocabulary holds every term in English and in Chinese. The Chinese
// words are the study's (seed 003), as the cards use them: 来厅目的 for
// a journey, 峰值 and 终值 for peak and end, 峰终值 for peak-end.
var vocabulary = map[Term][2]termText{
	TermVisits:     {{"visits", "recorded visits counted"}, {"来访", "记录到的来访次数"}},
	TermJourney:    {{"journey", "a visit purpose and the steps it takes through the hall"}, {"来厅目的", "顾客来厅的目的，以及它经过的各个触点"}},
	TermTouchpoint: {{"touchpoint", "a step of the journey, where the customer meets the service"}, {"触点", "顾客与服务接触的一个环节"}},
	TermDeclared:   {{"declared", "what the blueprint marks the touchpoint as: a peak or the end"}, {"声明", "蓝图中把该触点标为峰值或终值"}},
	TermPeak: {{"peak", "the moment of a visit felt most strongly (farthest from neutral, good or bad), often the worst wait; in a table, the share of visits whose peak is here"},
		{"峰值", "本次来访中感受最强烈的时刻（离中性评分最远，好坏皆算），通常是最差的等待；表中为峰值落在此处的来访比例"}},
	TermWorst: {{"worst", "share of visits whose lowest-rated moment is here"}, {"最差时刻", "评分最低的时刻落在此处的来访比例"}},
	TermBest:  {{"best", "share of visits whose highest-rated moment is here"}, {"最好时刻", "评分最高的时刻落在此处的来访比例"}},
	TermEnd: {{"end", "the last moment of a visit, what the customer leaves with; in a table, the share of visits that end here"},
		{"终值", "来访的最后一个时刻，顾客离开时带走的感受；表中为最后一个时刻落在此处的来访比例"}},
	TermKey: {{"key moment", "a moment with an action card that is neither a peak nor the end"}, {"关键时刻", "有行动指引卡、但不是峰值也不是终值的时刻"}},
	TermMeanRating: {{"mean rating", "the mean of the ratings given here"},
		{"平均评分", "在此处得到的评分的平均值"}},
	TermFailed: {{"failed", "share of the ratings here at or below the fail threshold, halfway between the worst rating and neutral"},
		{"失败", "此处评分中不高于失败线（最差评分与中性评分的中点）的比例"}},
	TermPeakEnd: {{"peak-end", "the mean of a visit's peak and end ratings, how the peak-end rule says it is remembered; beside a touchpoint, over the visits through it"},
		{"峰终值", "一次来访的峰值评分与终值评分的平均，按峰终定律即顾客记住的感受；在触点一行中为经过它的来访的平均"}},
	TermRank: {{"rank", "order of the levers, strongest first"}, {"排名", "改进效果从强到弱的顺序"}},
	TermDeltaPeakEnd: {{"Δ peak-end", "change in the journey's mean peak-end if this touchpoint's ratings were one scale point better"},
		{"Δ 峰终值", "若此触点的评分都提高一分，来厅目的平均峰终值的变化"}},
	TermDeltaRemembered: {{"Δ remembered", "change in the mean remembered rating that the fitted formula predicts for the same improvement"},
		{"Δ 回忆评分", "同样的改进下，按拟合公式预测的平均回忆评分的变化"}},
	TermInterval: {{"95% interval", "the range that holds the change in 95% of resamples of the visits (a seeded Poisson bootstrap); wide when visits are few"},
		{"95% 区间", "对来访重抽样（带种子的泊松自助法），95% 的结果落在此范围内；来访少时区间宽"}},
	TermBetterEnd: {{"(better end)", "a last moment at the best rating appended to every visit, such as a thank-you at the door"},
		{"（更好的结尾）", "在每次来访最后加上一个最高评分的时刻，例如出门时的致谢"}},
	TermFit: {{"remembered ≈", "least-squares formula of the remembered rating from the visit's features; R² is the share of its variation it explains"},
		{"回忆评分 ≈", "用来访特征对回忆评分做最小二乘拟合得到的公式；R² 为它解释的变异比例"}},
	TermStandard: {{"standard", "a measurable target of the moment"}, {"标准", "该时刻的可测量目标"}},
	TermTarget:   {{"target", "the value the standard asks for"}, {"目标", "标准要求达到的值"}},
	TermBaseline: {{"baseline", "the value measured today, as the blueprint records it"}, {"基准值", "蓝图记录的当前测量值"}},
	TermMeasured: {{"measured", "moments whose duration the visits carry"}, {"测量数", "带有时长的时刻个数"}},
	TermMet:      {{"met", "share of the measured moments that meet the target"}, {"达标", "测量的时刻中达到目标的比例"}},
	TermTolerated: {{"within tolerance", "for a wait: share of the measured moments within its tolerance"},
		{"容忍范围内", "等候时刻中不超过可容忍时长的比例"}},
	TermWait:     {{"wait", "the time waited at a wait point"}, {"等候时长", "在等候点等候的时间"}},
	TermMoments:  {{"moments", "mean number of rated moments per visit"}, {"时刻数", "每次来访平均评分的时刻个数"}},
	TermDuration: {{"duration", "mean length of a visit"}, {"时长", "每次来访的平均时长"}},
	TermFirst:    {{"first", "mean rating of the first moment"}, {"首个时刻", "第一个时刻的平均评分"}},
	TermMean:     {{"mean", "mean of all the visit's ratings"}, {"平均", "来访所有评分的平均"}},
	TermTimeMean: {{"time mean", "mean rating weighted by each moment's duration"}, {"时间加权平均", "按各时刻时长加权的平均评分"}},
	TermTrend:    {{"trend", "slope of the ratings over the visit, per moment"}, {"趋势", "来访中评分随时刻变化的斜率"}},
	TermBeyondChance: {{"agrees / disagrees", "said only when the difference is beyond chance: an exact two-sided binomial (sign) test of the visits that peak at the declared touchpoint against those that peak at its rival, p < 0.05; else \"not enough visits to tell\""},
		{"一致／不一致", "只有差异超出偶然时才下结论：对峰值落在声明触点与其对手触点的来访做双侧精确二项（符号）检验，p < 0.05；否则为“来访太少，无法判断”"}},
	TermRemembered: {{"remembered", "the rating the customer gave afterwards, for the visit as a whole"}, {"回忆评分", "顾客事后对整次来访给出的评分"}},
}

// text returns the term in language lang: Chinese for zh and its tags,
// else English.
func (t Term) text(lang string) termText {
	w := vocabulary[t]
	if blueprint.IsChinese(lang) {
		return w[1]
	}
	return w[0]
}

// Label is the term as a column or heading says it, in language lang.
func (t Term) Label(lang string) string { return t.text(lang).label }

// Explain says in one line what the term means, in language lang.
func (t Term) Explain(lang string) string { return t.text(lang).explain }

// String is the English label.
func (t Term) String() string {
	if _, ok := vocabulary[t]; !ok {
		return fmt.Sprintf("Term(%d)", int(t))
	}
	return t.Label("")
}

// featureTerms name the features of scoring as terms.
var featureTerms = map[string]Term{
	"peak": TermPeak, "end": TermEnd, "mean": TermMean, "duration": TermDuration, "first": TermFirst,
	"trend": TermTrend, "best": TermBest, "worst": TermWorst, "time_mean": TermTimeMean, "moments": TermMoments,
	"remembered": TermRemembered, "peak_end": TermPeakEnd, "visits": TermVisits, "purpose": TermJourney,
}

// FeatureTerm is the term of a feature or column of package scoring
// ("peak", "time_mean", …); 0, whose labels are empty, for others.
func FeatureTerm(name string) Term { return featureTerms[name] }

// legendWords are the legend's heading and the separator between a
// term and its explanation.
func legendWords(lang string) (heading, sep string) {
	if blueprint.IsChinese(lang) {
		return "说明", "："
	}
	return "legend", ": "
}

// WriteLegend writes a short legend of the terms, one line each, in
// language lang: what a table's columns mean.
func WriteLegend(w io.Writer, lang string, terms ...Term) error {
	heading, sep := legendWords(lang)
	if _, err := fmt.Fprintf(w, "\n%s\n", heading); err != nil {
		return err
	}
	for _, t := range terms {
		if _, err := fmt.Fprintf(w, "  %s%s%s\n", t.Label(lang), sep, t.Explain(lang)); err != nil {
			return err
		}
	}
	return nil
}

// heading is the term as a heading or label on a card: capitalised,
// in languages that have capitals.
func heading(t Term, lang string) string {
	label := t.Label(lang)
	if label == "" || blueprint.IsChinese(lang) {
		return label
	}
	return strings.ToUpper(label[:1]) + label[1:]
}

// columns joins the labels of terms as a table's heading row.
func columns(lang string, terms ...Term) string {
	var s string
	for _, t := range terms {
		s += t.Label(lang) + "\t"
	}
	return s + "\n"
}
