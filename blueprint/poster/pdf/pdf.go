// Package pdf gives poster.Render the PDF format: a program that imports
// it, usually for its side effect alone,
//
//	import _ "github.com/peakend/peakend/blueprint/poster/pdf"
//
// renders Options{Format: poster.PDF}: vector, the fonts embedded as
// subsets, the text selectable, with the document's /Title and /Lang,
// and the same bytes for the same input (the writer's timestamps are
// fixed afterwards). It draws with github.com/tdewolff/canvas, which a
// program that renders only SVG or DOT does not link.
package pdf

import (
	"bytes"
	"io"

	"github.com/peakend/peakend/blueprint/poster/internal/canvaspaint"
	"github.com/peakend/peakend/blueprint/poster/internal/paint"
	"github.com/tdewolff/canvas"
	"github.com/tdewolff/canvas/renderers/pdf"
)

func init() { paint.Register("pdf", write) }

// creator is the PDF's Creator.
const creator = "peakend"

// write paints page and writes it as PDF.
func write(w io.Writer, page *paint.Page) error {
	var buf bytes.Buffer
	err := canvaspaint.Paint(page, func(c *canvas.Canvas) error {
		doc := pdf.New(&buf, c.W, c.H, nil)
		doc.SetInfo(page.Title, "", "", "", creator)
		doc.SetLang(page.Lang)
		c.RenderTo(doc)
		return doc.Close()
	})
	if err != nil {
		return err
	}
	out, err := fixPDF(buf.Bytes(), page.Lang)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}
