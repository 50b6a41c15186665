// Command score reads visits as CSV from standard input and prints each
// visit's peak-end score: what a program that only scores links.
package main

import (
	"fmt"
	"os"

	"github.com/peakend/peakend/scoring"
)

func main() {
	for v, err := range scoring.Read(os.Stdin, scoring.Options{Name: "stdin"}) {
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		f := scoring.Compute(&v, scoring.DefaultScale)
		fmt.Printf("%s %g\n", v.ID, scoring.PeakEndRule.Score(&v, &f))
	}
}
