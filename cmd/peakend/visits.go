package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"os"
	"strconv"
	"strings"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/scoring"
)

// exitRejected is the exit code when --rejects took rows out.
const exitRejected = 3

// visitFlags are the flags of every command that reads visits.
type visitFlags struct {
	scale     string
	neutral   string
	higher    string
	format    string
	unsorted  bool
	verbatim  bool // text cells as they are, formulas not neutralised
	rejects   string
	blueprint string
	text      textFlags

	rejectsOut *output              // created by prepare
	loaded     *blueprint.Blueprint // the blueprint of --blueprint, loaded by prepare
}

// useBlueprint takes the scale from b, loaded from path, unless
// --blueprint names another.
func (vf *visitFlags) useBlueprint(path string, b *blueprint.Blueprint) {
	if vf.blueprint == "" {
		vf.blueprint, vf.loaded = path, b
	}
}

// prepare declares the files the command reads — the visit files and
// the blueprint of --blueprint (see env.reads) — and creates the rejects
// file, before the command writes anything.
func (vf *visitFlags) prepare(e *env, paths []string) error {
	if vf.loaded == nil && vf.blueprint != "" {
		b, err := e.loadBlueprint(vf.blueprint, withMethod)
		if err != nil {
			return err
		}
		vf.loaded = b
	}
	if err := vf.text.apply(e, &scoring.Options{}); err != nil { // refused before any work
		return err
	}
	if _, err := vf.scaleOf(); err != nil { // before an output holds a header
		return usageError{err.Error()}
	}
	if err := e.reads(paths...); err != nil {
		return err
	}
	switch vf.rejects {
	case "":
		return nil
	case "-":
		return usageError{"--rejects needs a file name: standard output holds the results"}
	}
	o, err := e.create("--rejects", vf.rejects)
	vf.rejectsOut = o
	return err
}

// register adds the flags; formatFlag names the input-format flag, as
// commands whose --format is their output's call it --input-format.
func (vf *visitFlags) register(fs *flag.FlagSet, formatFlag string) {
	fs.StringVar(&vf.scale, "scale", "", "rating scale `MIN..MAX` (default 1..5, or the blueprint's)")
	fs.StringVar(&vf.neutral, "neutral", "", "neutral rating (default: the scale's midpoint)")
	fs.StringVar(&vf.higher, "higher", "", "whether a higher rating is `better` (default) or worse, as on pain scales")
	fs.StringVar(&vf.format, formatFlag, "", "input format, csv, jsonl or xlsx (default: by extension, else csv)")
	fs.BoolVar(&vf.unsorted, "unsorted", false, "accept a visit's rows anywhere in the input (holds the input in memory)")
	fs.StringVar(&vf.rejects, "rejects", "", "write bad rows to `FILE` and score the rest (exit 3 when any)")
	fs.StringVar(&vf.blueprint, "blueprint", "", "take the rating scale, and the ids of purposes and touchpoints given by name, from blueprint `FILE`")
	vf.text.register(fs)
	fs.BoolVar(&vf.verbatim, "verbatim", false, "write text cells as they are, for programs (by default a cell that starts like a spreadsheet formula gets a ' in front)")
}

// scaleOf builds the scale from the flags, starting from the
// blueprint's (after prepare).
func (vf *visitFlags) scaleOf() (scoring.Scale, error) {
	s := scoring.DefaultScale
	if vf.loaded != nil {
		s = mot.ScoringScale(vf.loaded)
	}
	s, err := scoring.ScaleText{Range: vf.scale, Neutral: vf.neutral, Higher: vf.higher}.Apply(s)
	if e := (*scoring.ScaleTextError)(nil); errors.As(err, &e) { // the flags are named as the fields
		return s, fmt.Errorf("--%s %q: %s", e.Field, e.Text, e.Hint)
	}
	return s, err
}

func (vf *visitFlags) formatOf(path string) (scoring.Format, error) {
	if vf.format != "" {
		return scoring.ParseFormat(vf.format)
	}
	if strings.HasSuffix(path, ".jsonl") || strings.HasSuffix(path, ".ndjson") {
		return scoring.JSONL, nil
	}
	return scoring.CSV, nil
}

// visitSource reads the visits of the named files in turn ("-" is
// standard input), writing bad rows to the rejects file when asked.
type visitSource struct {
	flags    *visitFlags
	scale    scoring.Scale
	stdin    io.Reader
	env      *env
	names    *mot.Names        // of the blueprint, made once
	columns  map[string]string // the blueprint's column names, made with names
	rejected int
	rejects  *output
	rejectB  []byte // the row being written
	rejectE  error  // the first write error of the rejects file
	// ranged, when set, reads a regular file on every core instead (see
	// eachVisitMerged); its visits go to the accumulator, not the loop.
	ranged func(f *os.File, size int64, opt scoring.Options) error
}

// open starts reading visits, after prepare.
func (vf *visitFlags) open(e *env) (*visitSource, error) {
	src := &visitSource{flags: vf, stdin: e.stdin, env: e}
	if o := vf.rejectsOut; o != nil {
		src.rejects = o
		src.writeReject(append(src.rejectB[:0], scoring.RejectsHeader+"\n"...))
	}
	scale, err := vf.scaleOf()
	if err != nil {
		return nil, err
	}
	src.scale = scale
	return src, nil
}

func (src *visitSource) reject(pe *scoring.ParseError) {
	src.rejected++
	src.writeReject(scoring.AppendReject(src.rejectB[:0], pe, flagWords.Replace, src.flags.verbatim))
}

// writeReject writes one row of the rejects file, keeping its buffer.
func (src *visitSource) writeReject(b []byte) {
	src.rejectB = b
	if _, err := src.rejects.Write(b); err != nil && src.rejectE == nil {
		src.rejectE = err
	}
}

// flagWords turns the library's names of its options into the command's
// flags, in the messages it prints.
var flagWords = strings.NewReplacer(
	"set Options.Unsorted", "pass --unsorted",
	"Options.Unsorted", "--unsorted",
	"set Options.Missing to skip the moment", "pass --missing skip to score the visit without the moment",
)

// visits yields every visit of the files.
func (src *visitSource) visits(paths []string) iter.Seq2[scoring.Visit, error] {
	return func(yield func(scoring.Visit, error) bool) {
		for _, path := range paths {
			if !src.readFile(path, yield) {
				return
			}
		}
	}
}

// readFile yields the visits of one file, closing it before it returns
// (so that any number of files can be read one after another); false
// means stop.
func (src *visitSource) readFile(path string, yield func(scoring.Visit, error) bool) bool {
	if src.flags.isWorkbook(path) {
		return src.readWorkbook(path, yield)
	}
	format, err := src.flags.formatOf(path)
	if err != nil {
		yield(scoring.Visit{}, err)
		return false
	}
	var r io.Reader = src.stdin
	name := "<stdin>"
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			yield(scoring.Visit{}, err)
			return false
		}
		defer f.Close()
		r, name = f, path
	}
	opt, err := src.options(name, format)
	if err != nil {
		yield(scoring.Visit{}, err)
		return false
	}
	if f, ok := r.(*os.File); ok && src.ranged != nil && path != "-" {
		if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
			if err := src.ranged(f, info.Size(), opt); err != nil {
				yield(scoring.Visit{}, err)
				return false
			}
			return true
		}
	}
	for v, err := range scoring.Read(r, opt) {
		if !yield(v, err) || err != nil {
			return false
		}
	}
	return true
}

// close ends the rejects file, which run installs when the command ends,
// and returns the exit code for a run that read everything: 3 when rows
// were rejected, else 0.
func (src *visitSource) close() (int, error) {
	if src.rejects == nil {
		return exitOK, nil
	}
	if src.rejectE != nil {
		return exitProblems, src.rejectE
	}
	src.rejects.what = plural(src.rejected, "bad row")
	if src.rejected > 0 {
		return exitRejected, nil
	}
	return exitOK, nil
}

// plural is "1 visit", "2 visits".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// fail prints err for the named command and returns exit 1, or exit 2
// for a usageError. Errors that carry their position are printed as
// they are.
func fail(e *env, cmd string, err error) int {
	var pe *scoring.ParseError
	var problems blueprint.Problems
	var usage usageError
	switch {
	case errors.As(err, &usage):
		fmt.Fprintf(e.stderr, "peakend %s: %v\n", cmd, err)
		return exitUsage
	case errors.As(err, &pe) || errors.As(err, &problems):
		fmt.Fprintln(e.stderr, flagWords.Replace(err.Error())) // they name file, line and column themselves
	default:
		fmt.Fprintf(e.stderr, "peakend %s: %v\n", cmd, err)
	}
	return exitProblems
}
