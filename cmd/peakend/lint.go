package main

import (
	"fmt"

	"github.com/peakend/peakend/blueprint"
)

const formatVersion = blueprint.Version

func init() { register(lintCommand) }

var lintCommand = &command{
	name:            "lint",
	readsBlueprints: true,
	summary:         "check blueprint documents and report every problem with its position",
	usage: `Usage: peakend lint [-v] [--strict] FILE...

Checks each blueprint — the document, then the method of its moments of
truth — and prints every problem as file:line:col: message, sorted by
position. An overlay (a blueprint with extends) is checked merged with its
bases. With -v, a file without problems gets one line, "FILE: ok". Blueprints, and the files their extends name, are read only inside
--root DIR, the current directory by default. Exits 0 when the files are clean or have only warnings,
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
	verbose := fs.Bool("v", false, "print one ok line for each file without problems")
	if code, ok := c.parse(e, fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		e.say(e.stderr, msgNoLintFiles)
		return exitUsage
	}
	code := exitOK
	for _, path := range fs.Args() {
		_, problems := e.loadAll(path, withMethod)
		if *verbose && len(problems) == 0 {
			e.say(e.stdout, msgLintOK, path)
		}
		for _, p := range problems {
			fmt.Fprintln(e.stdout, p.Error())
			if p.Severity == blueprint.Error || *strict {
				code = exitProblems
			}
		}
	}
	return code
}
