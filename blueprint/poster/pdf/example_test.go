package pdf_test

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/blueprint/poster"
	_ "github.com/peakend/peakend/blueprint/poster/pdf" // gives poster.Render the PDF format
)

// Render a poster as PDF: importing the package is all it takes.
func Example() {
	b, err := blueprint.ParseFile("../../../examples/complaint/complaint.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var pdf bytes.Buffer
	if err := poster.Render(ctx, &pdf, b, poster.Options{Format: poster.PDF, Lang: "en", Paper: "A3"}); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s, %v\n", pdf.Bytes()[:8], bytes.Contains(pdf.Bytes(), []byte("/Lang(en)")))
	// Output: %PDF-1.7, true
}
