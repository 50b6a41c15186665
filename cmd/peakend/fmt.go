package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
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
comments kept. Without files it reads standard input. A document larger
than 8 MiB is refused as soon as reading passes that size. As gofmt: prints
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
		src, err := blueprint.ReadSource("<stdin>", e.stdin)
		if err != nil {
			return fmtReadError(e, err)
		}
		return fmtOne(e, "<stdin>", src, mode)
	}
	code := exitOK
	for _, path := range fs.Args() {
		src, err := readDocument(path)
		if err == nil {
			if c := fmtOne(e, path, src, mode); c != exitOK {
				code = c
			}
			continue
		}
		code = fmtReadError(e, err)
	}
	return code
}

// fmtReadError prints a failure to read a document; a positioned one
// (too large) as it is.
func fmtReadError(e *env, err error) int {
	var problems blueprint.Problems
	if errors.As(err, &problems) {
		fmt.Fprintln(e.stderr, err)
	} else {
		fmt.Fprintf(e.stderr, "peakend fmt: %v\n", err)
	}
	return exitUsage
}

// readDocument reads the file path through blueprint.ReadSource, which
// stops at blueprint.MaxSize, refusing what is not a regular file (a
// FIFO's open would wait for a writer, a device might never end).
func readDocument(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: blueprint.ErrNotRegular}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return blueprint.ReadSource(path, f)
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
