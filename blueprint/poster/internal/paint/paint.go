// Package paint is how the poster hands its drawing to a painter of
// another package: the PDF and PNG writers, which need
// github.com/tdewolff/canvas, live in packages of their own
// (blueprint/poster/pdf and blueprint/poster/png) so that a program that
// draws only SVG does not link it. Such a package registers its writer
// here when it is imported; poster.Render looks it up by the format's
// name.
package paint

import (
	"io"
	"sync"

	"github.com/peakend/peakend/internal/fonts"
)

// A Painter draws the poster's primitives, in points, y growing down;
// the poster draws through it in every format.
type Painter interface {
	Begin(class string, data map[string]string, opacity float64) // a group
	End()
	Rect(x, y, w, h, rx float64, fill, stroke string, strokeWidth float64, class string, data map[string]string)
	Line(x1, y1, x2, y2 float64, stroke string, width float64, dashed bool, class string, data map[string]string)
	Triangle(a, b, c [2]float64, fill string)
	Text(x, y, size float64, fill string, bold, centred bool, s string, class string)
}

// A Page is a poster laid out on its paper, ready to paint.
type Page struct {
	W, H   float64 // the paper, in millimetres
	Scale  float64 // millimetres a poster point
	OX, OY float64 // where the poster's origin lies on the paper, in millimetres
	DPI    int     // of a raster; never 0
	Title  string
	Lang   string
	Fonts  *fonts.Set // the faces the poster was measured in
	// Draw paints the whole poster with p.
	Draw func(p Painter)
}

// A Writer paints a page and writes it to w in its format.
type Writer func(w io.Writer, page *Page) error

var (
	mu      sync.RWMutex
	writers = map[string]Writer{}
)

// Register makes the writer of a format (by its name, "pdf") known.
func Register(format string, w Writer) {
	mu.Lock()
	defer mu.Unlock()
	writers[format] = w
}

// Lookup returns the writer of a format, nil when no package that
// registers one is linked.
func Lookup(format string) Writer {
	mu.RLock()
	defer mu.RUnlock()
	return writers[format]
}
