package poster

import (
	"context"
	"fmt"

	"github.com/peakend/peakend/blueprint"
)

// A Sheet is the paper a poster is drawn on, as Render chooses it from
// Options.Paper and Options.Landscape and the poster's size.
type Sheet struct {
	Paper         string  // A0, A1, A2, A3, A4, or "fit"
	Width, Height float64 // in millimetres
}

// Landscape reports whether the sheet is wider than it is high.
func (s Sheet) Landscape() bool { return s.Width > s.Height }

// String is how a person names the sheet: "A2 landscape", or for a
// poster of its own size "fit, 612 × 400 mm".
func (s Sheet) String() string {
	if s.Paper == "fit" {
		return fmt.Sprintf("fit, %.0f × %.0f mm", s.Width, s.Height)
	}
	if s.Landscape() {
		return s.Paper + " landscape"
	}
	return s.Paper + " portrait"
}

// SheetOf returns the sheet Render draws b on with opt, refusing what
// Render refuses before it draws; it lays the poster out to know its
// size.
func SheetOf(ctx context.Context, b *blueprint.Blueprint, opt Options) (Sheet, error) {
	m, err := prepare(ctx, b, opt)
	if err != nil {
		return Sheet{}, err
	}
	l, err := m.layout(ctx)
	if err != nil {
		return Sheet{}, err
	}
	W, H := m.pageSize(l)
	name, pw, ph, err := paperFor(m.opt, W, H)
	if err != nil {
		return Sheet{}, err
	}
	return Sheet{Paper: name, Width: pw, Height: ph}, nil
}
