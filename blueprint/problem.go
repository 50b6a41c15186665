package blueprint

import (
	"fmt"
	"sort"
	"strings"
)

// Pos is a position in a document. Line and Col count from 1; a zero
// Pos means "unknown".
type Pos struct {
	File      string
	Line, Col int
}

func (p Pos) String() string {
	file := p.File
	if file == "" {
		file = "<input>"
	}
	if p.Line == 0 {
		return file
	}
	return fmt.Sprintf("%s:%d:%d", file, p.Line, p.Col)
}

// Severity tells an error, which makes a document unusable, from a
// warning, which points at a likely mistake in the method.
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// A Problem is one thing wrong with a document, at a position.
type Problem struct {
	Pos      Pos
	Severity Severity
	// Rule names the check that found the problem, such as
	// RuleUnknownKey; see the package doc for the list. Tools may filter
	// on it.
	Rule    Rule
	Message string
	// Err is the error underneath, when there is one: the
	// *fs.PathError of a file that could not be read, so that
	// errors.Is(err, fs.ErrNotExist) holds through Problems.
	Err error
}

// Unwrap returns the error underneath the problem, or nil.
func (p *Problem) Unwrap() error { return p.Err }

// Error formats the problem as go vet does: "file:line:col: message",
// with "warning: " before the message of a warning.
func (p *Problem) Error() string {
	if p.Severity == Warning {
		return p.Pos.String() + ": warning: " + p.Message
	}
	return p.Pos.String() + ": " + p.Message
}

// Problems is a list of problems. As an error it reports every problem,
// one a line. Functions of this package that return an error return a
// Problems only when it holds at least one error; a Problems that Lint
// returns is a list to show, and may hold only warnings: use Err to turn
// it into an error.
type Problems []*Problem

// Unwrap returns the problems as errors, so that errors.Is and
// errors.As look into each.
func (ps Problems) Unwrap() []error {
	errs := make([]error, len(ps))
	for i, p := range ps {
		errs[i] = p
	}
	return errs
}

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// Sort orders the problems by file, line and column, keeping the order
// of problems found at the same position.
func (ps Problems) Sort() {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i].Pos, ps[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// Errors returns the problems of severity Error.
func (ps Problems) Errors() Problems {
	var errs Problems
	for _, p := range ps {
		if p.Severity == Error {
			errs = append(errs, p)
		}
	}
	return errs
}

// Err returns the errors among the problems as an error of type
// Problems, or nil when there are none. Warnings never make an error.
func (ps Problems) Err() error {
	if errs := ps.Errors(); len(errs) > 0 {
		return errs
	}
	return nil
}

// dedupe drops a problem identical to one before it, as an alias
// repeats the problems of what it points at.
func (ps Problems) dedupe() Problems {
	type key struct {
		pos      Pos
		severity Severity
		rule     Rule
		message  string
	}
	seen := make(map[key]bool, len(ps))
	out := ps[:0]
	for _, p := range ps {
		k := key{p.Pos, p.Severity, p.Rule, p.Message}
		if !seen[k] {
			seen[k] = true
			out = append(out, p)
		}
	}
	return out
}

// Warnings returns the problems of severity Warning.
func (ps Problems) Warnings() Problems {
	var warnings Problems
	for _, p := range ps {
		if p.Severity == Warning {
			warnings = append(warnings, p)
		}
	}
	return warnings
}
