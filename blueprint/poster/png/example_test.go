package png_test

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"time"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/blueprint/poster"
	_ "github.com/peakend/peakend/blueprint/poster/png" // gives poster.Render the PNG format
)

// Render a poster as PNG, A4 landscape at 50 dpi: importing the package
// is all it takes.
func Example() {
	b, err := blueprint.ParseFile("../../../examples/complaint/complaint.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var out bytes.Buffer
	if err := poster.Render(ctx, &out, b, poster.Options{Format: poster.PNG, Paper: "A4", Landscape: true, DPI: 50}); err != nil {
		fmt.Println(err)
		return
	}
	img, err := png.DecodeConfig(&out)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d × %d pixels\n", img.Width, img.Height)
	// Output: 585 × 413 pixels
}
