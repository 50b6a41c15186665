package scoring

import "strings"

// ColumnNames are the other names of the columns a CSV header may use:
// each maps to the English name Read knows (visit, rating, touchpoint,
// t, duration, purpose, remembered, recommend). A name matches as the
// English ones do, in any case and with spaces around. Chinese names
// are always known; Options.Columns adds more, such as a blueprint's.
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
