package poster

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"testing"

	"github.com/peakend/peakend/blueprint"
)

// FuzzRender: any document that parses gives a well-formed SVG, or an
// error; within a small budget of cells it is refused before layout,
// never laid out past it.
func FuzzRender(f *testing.F) {
	for _, path := range []string{examples["hall"], examples["complaint"], fitCases["long"]} {
		src, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add([]byte("peakend: 1\nname: \"a\\x01b <&>\"\nstages: [{id: s}]\ntouchpoints: [{id: t, stage: s, lane: customer, name: \"\\uFFFE\"}]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		b, err := blueprint.Parse("fuzz.yaml", src)
		if err != nil {
			return
		}
		opt := Options{MaxTouchpoints: 50, MaxCells: 400}
		var svg bytes.Buffer
		err = Render(context.Background(), &svg, b, opt)
		if errors.Is(err, ErrTooLarge) {
			m, perr := prepare(context.Background(), b, Options{Format: DOT})
			if perr == nil && len(m.rows)*(len(b.Stages)+1) <= opt.MaxCells && len(b.Touchpoints) <= opt.MaxTouchpoints {
				t.Fatalf("refused within its budget: %v", err)
			}
			return
		}
		if err != nil {
			return
		}
		dec := xml.NewDecoder(&svg)
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("the SVG is not well-formed: %v", err)
			}
		}
	})
}
