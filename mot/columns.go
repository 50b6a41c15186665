package mot

import "github.com/peakend/peakend/blueprint"

// Columns returns the column names blueprint b declares (its columns),
// as scoring.Options.Columns takes them: each name, as a header cell
// matches it (blueprint.ColumnKey), mapped to the English name of its
// column. It is nil when b declares none. A validated blueprint gives no
// name to two columns; of a name given twice, the first is kept.
func Columns(b *blueprint.Blueprint) map[string]string {
	var names map[string]string
	for _, c := range b.Columns {
		for _, name := range c.Names {
			key := blueprint.ColumnKey(name)
			if key == "" {
				continue
			}
			if names == nil {
				names = map[string]string{}
			}
			if _, ok := names[key]; !ok {
				names[key] = c.Column
			}
		}
	}
	return names
}
