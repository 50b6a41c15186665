package main

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/peakend/peakend/internal/atomicfile"
)

// Every byte a command writes goes through an output: standard output,
// or a file named by -o, --rejects or fmt -w. run checks every write,
// flush and close, makes a failure the command's (exit 1), and installs
// files only when the command succeeded, atomically (internal/atomicfile):
// a failed or interrupted command leaves every file as it was.

// An output is one destination of a command's result.
type output struct {
	flag, name string           // as the user gave them, such as "-o" and "out.csv"; "" for standard output
	file       *atomicfile.File // nil for standard output
	w          *bufio.Writer
	n          int64       // bytes written
	info       fs.FileInfo // of the existing target, when it is a regular file
	path       string      // absolute, directories' links resolved: two names of one new file agree
	what       string      // what it holds, such as "1000 visits", said when it is written
}

func (o *output) Write(p []byte) (int, error) {
	n, err := o.w.Write(p) // bufio keeps the first error for Flush
	o.n += int64(n)
	return n, err
}

// An input is a file a command reads, which no output may replace.
type input struct {
	name string
	info fs.FileInfo
}

// usageError is a command line that cannot be carried out (exit 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// reads declares the files a command reads, before it writes anything:
// each must exist and regular files must open, so that a missing input
// fails before any output (no lone CSV header); no output may be one of
// them. Each is closed at once: the command opens it again to read it.
func (e *env) reads(names ...string) error {
	for _, name := range names {
		if name == "" || name == "-" {
			continue
		}
		info, err := os.Stat(name)
		if err != nil {
			return err
		}
		if info.IsDir() {
			return &fs.PathError{Op: "read", Path: name, Err: syscall.EISDIR}
		}
		if info.Mode().IsRegular() { // a FIFO's open would wait for its writer
			f, err := os.Open(name)
			if err != nil {
				return err
			}
			f.Close()
		}
		e.inputs = append(e.inputs, input{name, info})
	}
	return nil
}

// create returns the output named by flag: standard output when name is
// "" or "-", else the file, refused (a usageError) when it is one of the
// inputs declared by reads or another output.
func (e *env) create(flag, name string) (*output, error) {
	if name == "" || name == "-" {
		return &output{w: e.stdoutBuf}, nil
	}
	o := &output{flag: flag, name: name, path: canonical(name)}
	if info, err := os.Stat(name); err == nil && info.Mode().IsRegular() {
		o.info = info
	}
	if err := e.checkDistinct(o); err != nil {
		return nil, err
	}
	return e.open(o)
}

// replace returns an output that rewrites the input name in place (fmt -w).
func (e *env) replace(flag, name string) (*output, error) {
	return e.open(&output{flag: flag, name: name, path: canonical(name)})
}

func (e *env) open(o *output) (*output, error) {
	f, err := atomicfile.Create(o.name)
	if err != nil {
		return nil, err
	}
	o.file = f
	o.w = bufio.NewWriterSize(f, 64<<10)
	e.mu.Lock()
	e.files = append(e.files, o)
	e.mu.Unlock()
	return o, nil
}

// checkDistinct refuses an output that names an input or another output
// through any path, link or hard link.
func (e *env) checkDistinct(o *output) error {
	for _, in := range e.inputs {
		if o.info != nil && os.SameFile(o.info, in.info) {
			return usageError{fmt.Sprintf("%s %s would overwrite the input %s; name another file", o.flag, o.name, in.name)}
		}
	}
	for _, other := range e.files {
		if o.path == other.path || o.info != nil && other.info != nil && os.SameFile(o.info, other.info) {
			return usageError{fmt.Sprintf("%s %s and %s %s are the same file; name two files", other.flag, other.name, o.flag, o.name)}
		}
	}
	return nil
}

// canonical is name made absolute with its directory's links resolved.
func canonical(name string) string {
	abs, err := filepath.Abs(name)
	if err != nil {
		return name
	}
	dir, base := filepath.Split(abs)
	if d, err := filepath.EvalSymlinks(dir); err == nil {
		return filepath.Join(d, base)
	}
	return abs
}

// commit installs o's file and says what it wrote, unless -q.
func (e *env) commit(o *output) error {
	e.mu.Lock()
	e.files = slices.DeleteFunc(e.files, func(x *output) bool { return x == o })
	e.mu.Unlock()
	if err := o.w.Flush(); err != nil {
		o.file.Abort()
		return fmt.Errorf("%s %s: %w", o.flag, o.name, err)
	}
	if err := o.file.Commit(); err != nil {
		return fmt.Errorf("%s %s: %w", o.flag, o.name, err)
	}
	if !e.quiet {
		what := fmt.Sprintf("%d bytes", o.n)
		if o.what != "" {
			what = o.what + ", " + what
		}
		fmt.Fprintf(e.stderr, "peakend %s: wrote %s (%s)\n", e.cmd, o.name, what)
	}
	return nil
}

// abortAll discards every file not yet committed.
func (e *env) abortAll() {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, o := range e.files {
		o.file.Abort()
	}
	e.files = nil
}

// succeeded reports whether a command's exit code installs its files:
// exit 3 (rows rejected) is a finished run whose rejects must be kept.
func succeeded(code int) bool { return code == exitOK || code == exitRejected }

// finish ends a command that returned code: it flushes standard output,
// then commits the files if all went well and discards them if not, and
// returns the exit code, exit 1 if a write failed.
func (e *env) finish(code int) int {
	if err := e.stdoutBuf.Flush(); err != nil && succeeded(code) {
		fmt.Fprintf(e.stderr, "peakend %s: writing standard output: %v\n", e.cmd, err)
		code = exitProblems
	}
	for {
		e.mu.Lock()
		if len(e.files) == 0 {
			e.mu.Unlock()
			return code
		}
		o := e.files[0]
		e.mu.Unlock()
		if !succeeded(code) {
			e.abortAll()
			return code
		}
		if err := e.commit(o); err != nil {
			fmt.Fprintf(e.stderr, "peakend %s: %v\n", e.cmd, err)
			code = exitProblems
		}
	}
}

// abortOnSignal makes SIGINT and SIGTERM discard the files being written
// before the process ends (with 128 + the signal's number, as shells
// report it); stop undoes it.
func (e *env) abortOnSignal() (stop func()) {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-signals:
			e.abortAll()
			fmt.Fprintf(e.stderr, "peakend: %v: stopped; files not yet written were discarded\n", sig)
			code := exitProblems
			if s, ok := sig.(syscall.Signal); ok {
				code = 128 + int(s)
			}
			os.Exit(code)
		case <-done:
		}
	}()
	return func() { signal.Stop(signals); close(done) }
}

// isTerminal reports whether f is a terminal, as near as the standard
// library can tell: a character device other than the null device.
func isTerminal(f *os.File) bool {
	info, err := f.Stat()
	if err != nil || info.Mode()&fs.ModeCharDevice == 0 {
		return false
	}
	null, err := os.Stat(os.DevNull)
	return err != nil || !os.SameFile(info, null)
}

// createBinary is create for output that a terminal may not be able to
// show: kind names it, such as "PNG" ("" for text), and output of a
// kind is refused when it would go to a terminal.
func (e *env) createBinary(flag, name, kind string) (*output, error) {
	if kind != "" && (name == "" || name == "-") && e.terminal {
		return nil, usageError{fmt.Sprintf("%s is binary and standard output is a terminal; write it to a file with -o FILE.%s, or redirect", kind, strings.ToLower(kind))}
	}
	return e.create(flag, name)
}

// writeOutput writes a command's result to o through write; run
// installs o's file if the command ends well.
func writeOutput(c *command, e *env, o *output, write func(io.Writer) error) int {
	if err := write(o); err != nil {
		return fail(e, c.name, err)
	}
	return exitOK
}
