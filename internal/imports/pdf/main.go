// Command pdf renders a blueprint's poster as PDF on standard output
// within a timeout: what a program that draws PDF links.
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/blueprint/poster"
	_ "github.com/peakend/peakend/blueprint/poster/pdf" // registers the PDF writer
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: pdf BLUEPRINT.yaml > poster.pdf")
		os.Exit(2)
	}
	b, err := blueprint.ParseFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := poster.Render(ctx, os.Stdout, b, poster.Options{Format: poster.PDF}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
