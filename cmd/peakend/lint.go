package main

import (
	"fmt"
	"os"

	"github.com/peakend/peakend/blueprint"
)

const formatVersion = blueprint.Version

func init() { register(lintCommand) }

var lintCommand = &command{
	name:    "lint",
	summary: "check blueprint documents and report every problem with its position",
	usage: `Usage: peakend lint [--strict] FILE...

Checks each blueprint and prints every problem as file:line:col: message,
sorted by position. Exits 0 when the files are clean or have only warnings,
1 when any has an error (or a warning, with --strict), 2 on bad usage.

Example:
  $ peakend lint examples/servicehall/hall.yaml
  $ peakend lint --strict hall.yaml
  hall.yaml:12:5: unknown key "stge" (did you mean stage?)
`,
	run: runLint,
}

func runLint(c *command, e *env, args []string) int {
	fs := c.flags(e)
	strict := fs.Bool("strict", false, "treat warnings as errors (exit 1)")
	if code, ok := c.parse(e, fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(e.stderr, "peakend lint: no files; name one or more blueprint files")
		return exitUsage
	}
	code := exitOK
	for _, path := range fs.Args() {
		src, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintf(e.stderr, "peakend lint: %v\n", err)
			code = exitProblems
			continue
		}
		_, problems := blueprint.Lint(path, src)
		for _, p := range problems {
			fmt.Fprintln(e.stdout, p.Error())
			if p.Severity == blueprint.Error || *strict {
				code = exitProblems
			}
		}
	}
	return code
}
