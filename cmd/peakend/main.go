// Command peakend checks, formats and (as later commands land) scores
// and renders service blueprints. Run "peakend help" for the commands.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"github.com/peakend/peakend/internal/suggest"
)

// Exit codes shared by every subcommand.
const (
	exitOK       = 0
	exitProblems = 1 // the input has errors (or warnings, with --strict)
	exitUsage    = 2 // the command line is wrong
)

// A command is one subcommand. Its usage text always ends with an
// example, so that "peakend CMD --help" shows one.
type command struct {
	name    string
	summary string
	usage   string // the synopsis, then an example
	run     func(c *command, e *env, args []string) int
	// writesFiles gives the command -q, to not say what files it wrote.
	writesFiles bool
	// readsBlueprints gives the command --root, the directory inside
	// which it reads blueprints and what their extends name.
	readsBlueprints bool
	// holdsVisits says the command keeps a value per visit, so that the
	// streaming memory limit would slow it (see limitMemory).
	holdsVisits bool
}

// env is what a command may touch, so that tests can run it in process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	terminal       bool // stdout is a terminal: binary output is refused

	cmd       string        // the command running, for messages
	lang      string        // the locale's language, "zh" or "" (see lang.go)
	quiet     bool          // -q: do not say which files were written
	root      string        // --root: blueprints are read inside it (see load.go)
	stdoutBuf *bufio.Writer // stdout, checked when the command ends
	inputs    []input       // declared by reads
	mu        sync.Mutex    // guards files against the signal handler
	files     []*output     // files being written, installed by finish
}

var commands = map[string]*command{}

func init() { register(versionCommand) }

func register(c *command) { commands[c.name] = c }

func main() { os.Exit(runProcess(os.Args[1:])) }

// runProcess runs the command line on the process's standard streams,
// discarding unfinished files on SIGINT or SIGTERM.
func runProcess(args []string) int {
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, terminal: isTerminal(os.Stdout), lang: localeLanguage(os.Getenv)}
	stop := e.abortOnSignal()
	defer stop()
	return run(args, e)
}

// streamingMemoryLimit is the soft memory limit of a command that
// streams its input and holds little: it keeps the garbage collector
// from letting the heap double past the live data. It is tight because
// the process also maps go-graphviz's compiled WASM, which the heap does
// not count. A command that holds its data (score --unsorted, compare)
// must not set it: with the live heap above the limit, the collector
// runs without pause and the command is several times slower.
const streamingMemoryLimit = 40 << 20

// limitMemory sets the streaming limit, unless GOMEMLIMIT says otherwise.
func limitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(streamingMemoryLimit)
	}
}

// run runs the command line in e; every write goes through e and is
// checked when the command ends (see output.go).
func run(args []string, e *env) int {
	e.stdoutBuf = bufio.NewWriterSize(e.stdout, 64<<10)
	e.stdout = e.stdoutBuf
	code := dispatch(args, e)
	return e.finish(code)
}

func dispatch(args []string, e *env) int {
	e.lang = langOfArgs(args, e.lang)
	if len(args) == 0 {
		topUsage(e.stderr, e.lang)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			if c, ok := commands[args[1]]; ok {
				fmt.Fprint(e.stdout, c.usageIn(e.lang))
				return exitOK
			}
		}
		topUsage(e.stdout, e.lang)
		return exitOK
	}
	c, ok := commands[name]
	if !ok {
		return unknownCommand(e, name)
	}
	e.cmd = c.name
	return c.run(c, e, args[1:])
}

// unknownCommand names the likely command when name is a typo of one,
// else lists them all.
func unknownCommand(e *env, name string) int {
	if guess := suggest.Closest(name, slices.Sorted(maps.Keys(commands))); guess != "" {
		e.say(e.stderr, msgUnknownCommandGuess, name, guess)
		return exitUsage
	}
	e.say(e.stderr, msgUnknownCommand, name)
	topUsage(e.stderr, e.lang)
	return exitUsage
}

func topUsage(w io.Writer, lang string) {
	fmt.Fprint(w, msgTopUsage.in(lang))
	for _, name := range slices.Sorted(maps.Keys(commands)) {
		fmt.Fprintf(w, "  %-9s %s\n", name, commands[name].summaryIn(lang))
	}
	fmt.Fprint(w, msgTopUsageEnd.in(lang))
}

// flags returns a flag set for c; parse prints c's usage and flags on
// --help (to stdout) and after a bad flag (to stderr).
func (c *command) flags(e *env) *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // parse says what is wrong (badFlag)
	fs.Usage = func() {}     // parse prints it, to the right stream
	if c.writesFiles {
		fs.BoolVar(&e.quiet, "q", false, "quiet: do not say on standard error which files were written")
	}
	if c.readsBlueprints {
		e.registerRoot(fs)
	}
	return fs
}

func (c *command) printUsage(fs *flag.FlagSet, w io.Writer, lang string) {
	fmt.Fprint(w, c.usageIn(lang))
	var b strings.Builder
	fs.SetOutput(&b)
	translateFlags(fs, c.name, lang)
	fs.PrintDefaults()
	if b.Len() > 0 {
		fmt.Fprintf(w, "\n%s\n%s", msgFlags.in(lang), b.String())
	}
}

// parse parses args, flags before, between or after the other
// arguments (all after "--" are arguments); fs.Args() then holds the
// arguments. ok is false when the command should stop, with the exit
// code to stop with.
func (c *command) parse(e *env, fs *flag.FlagSet, args []string) (code int, ok bool) {
	var positional []string
	for {
		err := fs.Parse(args)
		switch {
		case err == flag.ErrHelp:
			c.printUsage(fs, e.stdout, e.lang)
			return exitOK, false
		case err != nil:
			return c.badFlag(e, fs, err), false
		}
		rest := fs.Args()
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			positional = append(positional, rest...)
			break
		}
		if len(rest) == 0 {
			break
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
	fs.Parse(append([]string{"--"}, positional...)) // leaves fs.Args() = positional
	return 0, true
}

var versionCommand = &command{
	name:    "version",
	summary: "print peakend's version and the format version it reads",
	usage: `Usage: peakend version

Prints the version of peakend and of the blueprint format it reads.

Example:
  $ peakend version
  peakend devel (blueprint format 1)
`,
	run: func(c *command, e *env, args []string) int {
		if code, ok := c.parse(e, c.flags(e), args); !ok {
			return code
		}
		fmt.Fprintf(e.stdout, "peakend %s (blueprint format %d)\n", buildVersion(), formatVersion)
		return exitOK
	},
}

func buildVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "devel"
}
