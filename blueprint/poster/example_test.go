package poster_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"time"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/blueprint/poster"
)

// Render a blueprint, loaded with its overlays, as an SVG poster on A1
// landscape, with a time limit.
func Example() {
	b, _, err := blueprint.Load(os.DirFS("../../examples/servicehall"), "hall.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var svg bytes.Buffer
	if err := poster.Render(ctx, &svg, b, poster.Options{Lang: "en", Paper: "A1", Landscape: true}); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(regexp.MustCompile(`width="[^"]+" height="[^"]+"`).FindString(svg.String()))
	// Output: width="841mm" height="594mm"
}

// Errors say what went wrong, and errors.Is tells them apart.
func ExampleRender_errors() {
	b, _, err := blueprint.Load(os.DirFS("../../examples/complaint"), "complaint.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	var out bytes.Buffer
	err = poster.Render(context.Background(), &out, b, poster.Options{MaxTouchpoints: 5})
	fmt.Println(errors.Is(err, poster.ErrTooLarge))
	err = poster.Render(context.Background(), &out, b, poster.Options{Journey: "nope"})
	fmt.Println(errors.Is(err, poster.ErrUnknownJourney), err)
	// Output:
	// true
	// true poster: the blueprint has no journey "nope"
}

// The paper a poster is drawn on, before drawing it: the smallest on
// which its text keeps 80% of its size, unless Options.Paper names one.
func ExampleSheetOf() {
	b, err := blueprint.ParseFile("../../examples/servicehall/hall.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, opt := range []poster.Options{{}, {Paper: "A4"}} {
		sheet, err := poster.SheetOf(context.Background(), b, opt)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%v: %.0f × %.0f mm\n", sheet, sheet.Width, sheet.Height)
	}
	// Output:
	// A2 landscape: 594 × 420 mm
	// A4 portrait: 210 × 297 mm
}
