package poster

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/internal/fonts"
)

// ErrTooLarge is wrapped by the error for a poster larger than its
// limits: more touchpoints than Options.MaxTouchpoints, or a PNG of more
// than MaxPixels.
var ErrTooLarge = errors.New("poster: too large")

// The errors of a request the poster cannot draw; each is wrapped by an
// error that names what was asked for.
var (
	ErrUnknownJourney = errors.New("poster: the blueprint has no journey")
	ErrUnknownPaper   = errors.New("poster: unknown paper")
	ErrUnknownFormat  = errors.New("poster: unknown format")
	ErrInvalid        = errors.New("poster: the blueprint does not validate")
)

// ErrMissingGlyph is wrapped by the error for a character that neither
// Options.FontFile nor the embedded fonts have; the message names the
// character and the text it is in.
var ErrMissingGlyph = errors.New("poster: no font has a character")

// ErrNotFont is wrapped by the error for an Options.FontFile that is not
// a TrueType font (or collection) with TrueType outlines. A font file
// that cannot be read gives an error wrapping its *fs.PathError instead,
// so that errors.Is(err, fs.ErrNotExist) tells a missing one.
var ErrNotFont = fonts.ErrNotFont

// Render writes the poster of blueprint b to w in opt.Format.
//
// Its errors wrap ErrInvalid (with the blueprint's Problems, for
// errors.As), ErrUnknownFormat, ErrUnknownPaper, ErrUnknownJourney,
// ErrTooLarge, ErrMissingGlyph or ErrNotFont, a font file's
// *fs.PathError, or ctx's error; nothing is written to w on any of them
// but w's own.
//
// It is safe for concurrent use (PDF and PNG renders take turns at the
// fonts they share). A cancelled or expired ctx returns its error
// promptly, between the stages of a render. The same blueprint and
// options give byte-identical output.
func Render(ctx context.Context, w io.Writer, b *blueprint.Blueprint, opt Options) error {
	m, err := prepare(ctx, b, opt)
	if err != nil {
		return err
	}
	if opt.Format == DOT {
		_, err := w.Write(m.dot())
		return err
	}
	l, err := m.layout(ctx)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	texts := m.allText(l)
	if err := m.checkGlyphs(texts); err != nil {
		return err
	}
	if opt.Format == PDF || opt.Format == PNG {
		return m.writePainted(w, l)
	}
	return m.writeSVG(w, l, texts)
}

func prepare(ctx context.Context, b *blueprint.Blueprint, opt Options) (*model, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if b == nil {
		return nil, fmt.Errorf("%w: no blueprint (nil)", ErrInvalid)
	}
	if opt.Format < SVG || opt.Format > PNG {
		return nil, fmt.Errorf("%w %v", ErrUnknownFormat, opt.Format)
	}
	if err := linked(opt.Format); err != nil {
		return nil, err
	}
	if err := budget(b, opt); err != nil {
		return nil, err
	}
	if err := b.Validate().Err(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
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

// budget refuses a blueprint past the limits before any work on it:
// its touchpoints, and the cells of its grid, counted from how many
// touchpoints share each lane and stage.
func budget(b *blueprint.Blueprint, opt Options) error {
	maxTouchpoints, maxCells := opt.MaxTouchpoints, opt.MaxCells
	if maxTouchpoints <= 0 {
		maxTouchpoints = DefaultMaxTouchpoints
	}
	if maxCells <= 0 {
		maxCells = DefaultMaxCells
	}
	if n := len(b.Touchpoints); n > maxTouchpoints {
		return fmt.Errorf("%w: %d touchpoints, the limit is %d (Options.MaxTouchpoints); split the blueprint into several posters", ErrTooLarge, n, maxTouchpoints)
	}
	depth := map[blueprint.Lane]int{}
	share := map[[2]string]int{} // touchpoints of a lane and stage
	for _, t := range b.Touchpoints {
		k := [2]string{t.Lane.String(), t.Stage}
		share[k]++
		depth[t.Lane] = max(depth[t.Lane], share[k])
	}
	rows := 1 + len(blueprint.Lines()) // the header and the lines
	for _, lane := range blueprint.Lanes() {
		rows += max(1, depth[lane])
	}
	if cells := rows * (len(b.Stages) + 1); cells > maxCells {
		return fmt.Errorf("%w: %d cells (%d rows × %d columns), the limit is %d (Options.MaxCells); split the blueprint into several posters",
			ErrTooLarge, cells, rows, len(b.Stages)+1, maxCells)
	}
	return nil
}
