// Command load reads a blueprint with every overlay it extends and
// prints its warnings: what a program that only loads blueprints links.
package main

import (
	"fmt"
	"os"

	"github.com/peakend/peakend/blueprint"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: load DIR BLUEPRINT.yaml (the overlay, a slash-separated path inside DIR)")
		os.Exit(2)
	}
	// The blueprints an overlay extends must lie inside DIR.
	b, warnings, err := blueprint.Load(os.DirFS(os.Args[1]), os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for _, w := range warnings {
		fmt.Fprintln(os.Stderr, w)
	}
	fmt.Printf("%s: %d stages, %d touchpoints\n", b.Text(b.Name, "en"), len(b.Stages), len(b.Touchpoints))
}
