package poster

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/peakend/peakend/blueprint"
)

// ErrTooLarge is wrapped by the error for a poster larger than its
// limits: more touchpoints than Options.MaxTouchpoints, or a PNG of more
// than MaxPixels.
var ErrTooLarge = errors.New("poster: too large")

// ErrMissingGlyph is wrapped by the error for a character that neither
// Options.FontFile nor the embedded fonts have; the message names the
// character and the text it is in.
var ErrMissingGlyph = errors.New("poster: no font has a character")

// Render writes the poster of blueprint b to w in opt.Format.
//
// It is safe for concurrent use: the layout engine, which is not, is
// used by one render at a time. A cancelled or expired ctx returns its
// error promptly, also while waiting for the layout engine. The same
// blueprint and options give byte-identical output.
func Render(ctx context.Context, w io.Writer, b *blueprint.Blueprint, opt Options) error {
	m, err := prepare(ctx, b, opt)
	if err != nil {
		return err
	}
	if opt.Format == DOT {
		_, err := w.Write(m.dot())
		return err
	}
	l, err := runLayout(ctx, m.layoutDOT())
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := m.checkGlyphs(l); err != nil {
		return err
	}
	if opt.Format == PDF || opt.Format == PNG {
		return m.writeCanvas(w, l)
	}
	return m.writeSVG(w, l)
}

// DOTSource returns the Graphviz source of the poster, which native
// Graphviz renders too (dot -Tsvg).
func DOTSource(b *blueprint.Blueprint, opt Options) ([]byte, error) {
	m, err := prepare(context.Background(), b, opt)
	if err != nil {
		return nil, err
	}
	return m.dot(), nil
}

func prepare(ctx context.Context, b *blueprint.Blueprint, opt Options) (*model, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	limit := opt.MaxTouchpoints
	if limit <= 0 {
		limit = DefaultMaxTouchpoints
	}
	if n := len(b.Touchpoints); n > limit {
		return nil, fmt.Errorf("%w: %d touchpoints, the limit is %d (Options.MaxTouchpoints); split the blueprint into several posters", ErrTooLarge, n, limit)
	}
	if _, _, _, err := paperFor(opt, 1, 1); err != nil {
		return nil, err
	}
	if opt.DPI < 0 || opt.DPI > 1200 {
		return nil, fmt.Errorf("poster: DPI %d is out of 1..1200", opt.DPI)
	}
	set, err := fontSet(opt.FontFile)
	if err != nil {
		return nil, err
	}
	return newModel(b, opt, set)
}
