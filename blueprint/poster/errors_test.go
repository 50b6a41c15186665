package poster

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/peakend/peakend/blueprint"
)

// Each documented error of Render, as a program tests for it, and
// nothing written when it is returned.
func TestDocumentedErrors(t *testing.T) {
	hall := load(t, examples["hall"])
	dir := t.TempDir()
	notFont := filepath.Join(dir, "not-a-font.ttf")
	if err := os.WriteFile(notFont, []byte("just text, no tables"), 0o644); err != nil {
		t.Fatal(err)
	}
	unicorn := &blueprint.Blueprint{Version: 1, Scale: blueprint.DefaultScale, Stages: []blueprint.Stage{{ID: "s"}},
		Touchpoints: []blueprint.Touchpoint{{ID: "a", Stage: "s", Lane: blueprint.Customer, Name: blueprint.Text{"": "Unicorn \U0001F984"}}}}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	var problems blueprint.Problems
	var pathErr *fs.PathError
	for name, c := range map[string]struct {
		ctx context.Context
		b   *blueprint.Blueprint
		opt Options
		is  error
		as  any // a pointer errors.As must fill, or nil
	}{
		"nil blueprint":        {nil, nil, Options{}, ErrInvalid, nil},
		"invalid blueprint":    {nil, &blueprint.Blueprint{Version: 1}, Options{}, ErrInvalid, &problems},
		"unknown format":       {nil, hall, Options{Format: Format(7)}, ErrUnknownFormat, nil},
		"unknown paper":        {nil, hall, Options{Paper: "Letter"}, ErrUnknownPaper, nil},
		"unknown journey":      {nil, hall, Options{Journey: "nope"}, ErrUnknownJourney, nil},
		"too many touchpoints": {nil, hall, Options{MaxTouchpoints: 3}, ErrTooLarge, nil},
		"too many cells":       {nil, hall, Options{MaxCells: 10}, ErrTooLarge, nil},
		"too many pixels":      {nil, hall, Options{Format: PNG, Paper: "A0", DPI: 1200}, ErrTooLarge, nil},
		"missing glyph":        {nil, unicorn, Options{}, ErrMissingGlyph, nil},
		"missing font file":    {nil, hall, Options{FontFile: filepath.Join(dir, "nope.ttf")}, fs.ErrNotExist, &pathErr},
		"font file not a font": {nil, hall, Options{FontFile: notFont}, ErrNotFont, nil},
		"cancelled":            {cancelled, hall, Options{}, context.Canceled, nil},
	} {
		ctx := c.ctx
		if ctx == nil {
			ctx = context.Background()
		}
		var buf bytes.Buffer
		err := Render(ctx, &buf, c.b, c.opt)
		if !errors.Is(err, c.is) {
			t.Errorf("%s: got %v, want errors.Is %v", name, err, c.is)
		}
		if c.as != nil && !errors.As(err, c.as) {
			t.Errorf("%s: errors.As(%T) fails on %v", name, c.as, err)
		}
		if buf.Len() != 0 {
			t.Errorf("%s: %d bytes written before the error", name, buf.Len())
		}
	}
}
