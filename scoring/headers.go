package scoring

import (
	"slices"
	"strings"
)

// ColumnNames are the other names of the columns a CSV header may use:
// each maps to the English name Read knows (EnglishColumns: visit,
// rating, touchpoint, t, duration, purpose, remembered, recommend,
// customer, site, seq). A name matches as the English ones do, in any case
// and with spaces around. Chinese names are always known;
// Options.Columns adds more, such as a blueprint's (mot.Columns).
var ColumnNames = map[string]string{
	"访问":   "visit",
	"来访":   "visit",
	"顾客":   "customer",
	"目的":   "purpose",
	"触点":   "touchpoint",
	"时间":   "t",
	"时长":   "duration",
	"评分":   "rating",
	"回忆评分": "remembered",
	"推荐意愿": "recommend",
	"序号":   "seq",
}

// columnOf returns the index in csvColumns of a header cell, or -1 for
// a column Read does not read.
func columnOf(cell string, declared map[string]string) int {
	name := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(cell, "\ufeff")))
	for _, names := range []map[string]string{declared, ColumnNames} {
		if known, ok := names[name]; ok {
			name = known
			break
		}
	}
	for c, known := range csvColumns {
		if name == known {
			return c
		}
	}
	return -1
}

// EnglishColumns returns the English names of the columns Read knows,
// in its order: the names ColumnNames and Options.Columns map to. Each
// call returns a new slice.
func EnglishColumns() []string { return slices.Clone(csvColumns) }
