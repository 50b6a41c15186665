package mot

import (
	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/scoring"
)

// SummaryLabels are the headings and journey names of a
// scoring.Summary for people reading it in language lang: each column
// by its term, the duration with its unit, and — with a blueprint (b
// may be nil) — each purpose's journey name beside its id.
func SummaryLabels(b *blueprint.Blueprint, lang string) scoring.SummaryLabels {
	l := scoring.SummaryLabels{Column: func(name string) string {
		label := FeatureTerm(name).Label(lang)
		switch {
		case label == "":
			return name
		case name == "duration" && blueprint.IsChinese(lang):
			return label + "（秒）"
		case name == "duration":
			return label + " (s)"
		}
		return label
	}}
	if b != nil {
		l.Name = func(purpose string) string { return b.JourneyName(purpose, lang) }
		l.NameColumn = nameColumn(lang)
	}
	return l
}

// nameColumn heads a column of names beside ids.
func nameColumn(lang string) string {
	if blueprint.IsChinese(lang) {
		return "名称"
	}
	return "name"
}
