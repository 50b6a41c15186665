// Package png gives poster.Render the PNG format: a program that imports
// it, usually for its side effect alone,
//
//	import _ "github.com/peakend/peakend/blueprint/poster/png"
//
// renders Options{Format: poster.PNG} at Options.DPI, within
// poster.MaxPixels. It rasterises with github.com/tdewolff/canvas, which
// a program that renders only SVG or DOT does not link.
package png

import (
	"image/png"
	"io"

	"github.com/peakend/peakend/blueprint/poster/internal/canvaspaint"
	"github.com/peakend/peakend/blueprint/poster/internal/paint"
	"github.com/tdewolff/canvas"
	"github.com/tdewolff/canvas/renderers/rasterizer"
)

func init() { paint.Register("png", write) }

// write paints page and writes it as PNG at page.DPI.
func write(w io.Writer, page *paint.Page) error {
	return canvaspaint.Paint(page, func(c *canvas.Canvas) error {
		img := rasterizer.Draw(c, canvas.DPI(float64(page.DPI)), canvas.DefaultColorSpace)
		// Fastest compression: the filter and deflate of a poster of
		// millions of pixels took two thirds of the render at the default.
		return (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(w, img)
	})
}
