package poster

import (
	"context"
	"errors"
	"regexp"
	"testing"
)

// SheetOf names the paper Render draws on: the SVG's own size and
// data-paper, for chosen, named and fitted papers.
func TestSheetOfIsTheRendersPaper(t *testing.T) {
	hall := load(t, examples["hall"])
	size := regexp.MustCompile(`width="([\d.]+)mm" height="([\d.]+)mm" viewBox="[^"]*" data-paper="([^"]+)"`)
	for _, c := range []struct {
		opt  Options
		want string
	}{
		{Options{}, "A2 landscape"},
		{Options{Paper: "A4"}, "A4 portrait"},
		{Options{Paper: "a1", Landscape: true}, "A1 landscape"},
		{Options{Paper: "fit"}, ""},
	} {
		sheet, err := SheetOf(context.Background(), hall, c.opt)
		if err != nil {
			t.Fatalf("%+v: %v", c.opt, err)
		}
		svg := render(t, hall, c.opt)
		m := size.FindSubmatch(svg)
		if m == nil {
			t.Fatalf("%+v: no size in the SVG", c.opt)
		}
		if got := string(m[3]); got != sheet.Paper || num(sheet.Width) != string(m[1]) || num(sheet.Height) != string(m[2]) {
			t.Errorf("%+v: SheetOf %+v, the SVG %s × %s mm on %s", c.opt, sheet, m[1], m[2], got)
		}
		if c.want != "" && sheet.String() != c.want {
			t.Errorf("%+v: %q, want %q", c.opt, sheet, c.want)
		}
	}
	if s := (Sheet{Paper: "fit", Width: 612.4, Height: 400}).String(); s != "fit, 612 × 400 mm" {
		t.Errorf("a fitted sheet: %q", s)
	}
	if _, err := SheetOf(context.Background(), hall, Options{Paper: "B5"}); !errors.Is(err, ErrUnknownPaper) {
		t.Errorf("an unknown paper: %v", err)
	}
}

// What the command adds to a render by naming its sheet: a layout.
func BenchmarkSheetOf(b *testing.B) {
	hall := load(b, examples["hall"])
	for b.Loop() {
		if _, err := SheetOf(context.Background(), hall, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
