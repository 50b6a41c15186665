package main

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/peakend/peakend/blueprint"
	"github.com/rogpeppe/go-internal/diff"
)

func init() { register(fmtCommand) }

var fmtCommand = &command{
	name:    "fmt",
	summary: "rewrite blueprints in canonical form, keeping comments",
	usage: `Usage: peakend fmt [-w|-l|-d] [FILE...]

Formats blueprints: keys in the format's order, two-space indentation,
comments kept. Without files it reads standard input. As gofmt: prints
the result by default, -w rewrites the files, -l lists the files whose
formatting differs, -d prints a diff. -w writes each file atomically
(beside it, then renamed), keeping its permissions, and refuses a
read-only file. Exits 2 when a file cannot be read as YAML, 1 when a
file cannot be written, else 0.

Example:
  $ peakend fmt -l examples/servicehall/hall.yaml
  $ peakend fmt -w hall.yaml
`,
	run:         runFmt,
	writesFiles: true, // -w
}

type fmtMode struct{ write, list, diff bool }

func runFmt(c *command, e *env, args []string) int {
	fs := c.flags(e)
	var mode fmtMode
	fs.BoolVar(&mode.write, "w", false, "write the result to the file instead of standard output")
	fs.BoolVar(&mode.list, "l", false, "list files whose formatting differs")
	fs.BoolVar(&mode.diff, "d", false, "print diffs instead of rewriting")
	if code, ok := c.parse(e, fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		if mode.write {
			fmt.Fprintln(e.stderr, "peakend fmt: cannot use -w with standard input")
			return exitUsage
		}
		src, err := io.ReadAll(e.stdin)
		if err != nil {
			fmt.Fprintf(e.stderr, "peakend fmt: %v\n", err)
			return exitUsage
		}
		return fmtOne(e, "<stdin>", src, mode)
	}
	code := exitOK
	for _, path := range fs.Args() {
		src, err := os.ReadFile(path)
		if err == nil {
			if c := fmtOne(e, path, src, mode); c != exitOK {
				code = c
			}
			continue
		}
		fmt.Fprintf(e.stderr, "peakend fmt: %v\n", err)
		code = exitUsage
	}
	return code
}

func fmtOne(e *env, path string, src []byte, mode fmtMode) int {
	out, err := blueprint.Format(path, src)
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return exitUsage
	}
	changed := !bytes.Equal(src, out)
	if mode.list && changed {
		fmt.Fprintln(e.stdout, path)
	}
	if mode.diff && changed {
		e.stdout.Write(diff.Diff(path+".orig", src, path, out))
	}
	if mode.write && changed {
		if err := rewrite(e, path, out); err != nil {
			return fail(e, "fmt", err)
		}
	}
	if !mode.list && !mode.diff && !mode.write {
		e.stdout.Write(out)
	}
	return exitOK
}

// rewrite replaces the file path with out, atomically: on any error the
// file is as it was.
func rewrite(e *env, path string, out []byte) error {
	o, err := e.replace("-w", path)
	if err != nil {
		return err
	}
	o.Write(out) // a write error is kept for commit
	return e.commit(o)
}
