package blueprint

import (
	"slices"
	"strings"
)

// A Column is an entry of the document's columns: the names the
// hall's visit files give one column of visit data, such as 满意度 and
// 打分 for rating. The scoring package knows the English names and the
// Chinese ones (scoring.ColumnNames); a blueprint adds those of its own
// hall's files, and mot.Columns passes them on to scoring.Options.
type Column struct {
	Column string   // the English name of the column, one of ColumnNames()
	Names  []string // the names visit files give it, in the document's order
	Pos    Pos      // position of the key
}

// ColumnNames returns the English names of the columns of visit data,
// the keys columns may have, in the order scoring reads them: visit,
// rating, touchpoint, t, duration, purpose, remembered, recommend,
// customer, site, seq. Each call returns a new slice.
func ColumnNames() []string { return slices.Clone(columnNames) }

// columnNames are the columns scoring reads (its csvColumns; a test of
// package mot holds the two lists equal).
var columnNames = []string{"visit", "rating", "touchpoint", "t", "duration", "purpose", "remembered", "recommend", "customer", "site", "seq"}

// ColumnKey returns a name as a header cell is matched against it: in
// lower case, spaces around trimmed. Two names with one key are one name.
func ColumnKey(name string) string { return strings.ToLower(strings.TrimSpace(name)) }
