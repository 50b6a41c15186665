package report

import (
	"encoding/json"
	"io"
)

// WriteJSON writes the report's data as one JSON object, for
// dashboards: the numbers the HTML draws, null where not available, as
// schema.json describes.
func (d *Data) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(d)
}
