package poster

import (
	"fmt"
	"io"
	"math"

	"github.com/peakend/peakend/blueprint/poster/internal/paint"
)

// MaxPixels bounds a PNG: 150 million pixels take 600 MB to draw, and
// hold A0 at 300 dpi.
const MaxPixels = 150_000_000

// importPath names the package that registers a format's writer.
func importPath(f Format) string { return "github.com/peakend/peakend/blueprint/poster/" + f.String() }

// linked refuses a format whose writer's package the program does not
// import: PDF and PNG draw with tdewolff/canvas, which only a program
// that asks for them links.
func linked(f Format) error {
	if f != PDF && f != PNG {
		return nil
	}
	if paint.Lookup(f.String()) == nil {
		return fmt.Errorf("%w: %v is not linked into this program; import %q for it", ErrUnknownFormat, f, importPath(f))
	}
	return nil
}

// writePainted lays the poster on its paper and has the registered
// writer of its format (PDF or PNG) paint and write it.
func (m *model) writePainted(w io.Writer, l *layout) error {
	W, H := m.pageSize(l)
	_, pw, ph, err := paperFor(m.opt, W, H)
	if err != nil {
		return err
	}
	dpi := m.opt.DPI
	if dpi <= 0 {
		dpi = 150
	}
	if m.opt.Format == PNG {
		wpx, hpx := math.Ceil(pw/25.4*float64(dpi)), math.Ceil(ph/25.4*float64(dpi))
		if wpx*hpx > MaxPixels {
			return fmt.Errorf("%w: a PNG of %.0f × %.0f pixels at %d dpi; the limit is %d million pixels: pick a lower DPI or a smaller paper", ErrTooLarge, wpx, hpx, dpi, MaxPixels/1_000_000)
		}
	}
	s := min(pw/W, ph/H) // millimetres a point, the whole poster on the paper
	title, _ := m.titles()
	page := &paint.Page{
		W: pw, H: ph, Scale: s, OX: (pw - W*s) / 2, OY: (ph - H*s) / 2,
		DPI: dpi, Title: title, Lang: m.opt.Lang, Fonts: m.measure.fonts,
		Draw: func(p paint.Painter) { m.draw(p, l) },
	}
	return paint.Lookup(m.opt.Format.String())(w, page)
}
