package blueprint

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// The budget of one Load: an extends chain, however it is drawn (a
// diamond of shared bases included, each read once), reads at most
// this many files and bytes.
const (
	MaxLoadFiles = 64
	MaxLoadBytes = 2 * MaxSize
)

// Load reads the blueprint name from fsys with every blueprint it
// extends, through every level of overlays (base → province → city →
// hall), merges them in order, and validates the result. It returns the
// merged blueprint and its warnings; err, when not nil, is a Problems
// holding every error, sorted, and the blueprint is nil.
//
// Names are slash-separated paths inside fsys, as io/fs has them; an
// extends path is relative to the directory of the file that names it
// and must stay inside fsys: an absolute path, or one that climbs above
// fsys's root, is refused (RuleExtends), so that a document cannot make
// a service read its files. Only regular files are read (never a
// directory, FIFO or device, which are refused before they are opened),
// each at most MaxSize bytes, each once however many overlays extend
// it, and at most MaxLoadFiles files and MaxLoadBytes bytes in all
// (RuleExtendsLimit). A file that cannot be read is a problem whose
// error wraps the file system's *fs.PathError, so that
// errors.Is(err, fs.ErrNotExist) tells a missing file. Give fsys as
// os.DirFS(dir), or better (*os.Root).FS(), which keeps symbolic links
// inside dir too. Both implement fs.StatFS, which lets Load look at a
// file before it opens it; on a file system without Stat, fs.Stat opens
// the file to look.
//
// An overlay may add roles, stages, touchpoints, journeys, steps, flows,
// peaks, moment cards, card items and standards, and override texts,
// owners and baselines. It may not move a base touchpoint to another
// stage or lane, drop or reorder a step of a base journey, un-mark a
// peak, change an end, loosen a standard's target or a wait, change a
// standard's unit, nor change the scale: each such attempt is an error
// naming the overlay's position and the base's. A new stage goes after
// the stage listed before it in the overlay. An overlay may add column
// names (columns) but never take one away: a name it gives to another
// column than its base does is reported once merged (duplicate-column,
// with the base's position).
func Load(fsys fs.FS, name string) (b *Blueprint, warnings Problems, err error) {
	l := &loader{fsys: fsys, done: map[string]*Blueprint{}}
	if !fs.ValidPath(name) {
		l.report(Pos{File: name}, RuleRead, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid},
			"%s is not a path inside the file system (slash-separated, without . or .. parts, not absolute)", quote(name))
	} else {
		b = l.load(name, Pos{})
	}
	// A lone document is validated, errors or not, as Lint does; a
	// merge that broke a rule is not, lest one mistake be told twice.
	if b != nil && (l.merges == 0 || len(l.problems.Errors()) == 0) {
		l.problems = append(l.problems, b.Validate()...)
	}
	l.problems.Sort()
	l.problems = l.problems.dedupe()
	if err := l.problems.Err(); err != nil {
		return nil, l.problems.Warnings(), err
	}
	return b, l.problems.Warnings(), nil
}

type loader struct {
	fsys     fs.FS
	problems Problems
	done     map[string]*Blueprint // the merged blueprint of each file read, nil when it failed
	chain    []string              // the files being loaded, to find cycles
	files    int
	bytes    int
	merges   int
}

func (l *loader) report(pos Pos, rule Rule, err error, format string, args ...any) {
	l.problems = append(l.problems, &Problem{Pos: pos, Severity: Error, Rule: rule, Message: fmt.Sprintf(format, args...), Err: err})
}

// load returns the merged blueprint of name, for the caller to change,
// or nil; from is where name was named (zero for the file Load was
// given).
func (l *loader) load(name string, from Pos) *Blueprint {
	if i := slices.Index(l.chain, name); i >= 0 {
		cycle := append(slices.Clone(l.chain[i:]), name)
		l.report(from, RuleExtendsCycle, nil, "extends goes round in a circle: %s", strings.Join(cycle, " → "))
		return nil
	}
	if b, ok := l.done[name]; ok {
		return b.clone()
	}
	b := l.read(name, from)
	l.done[name] = b
	return b.clone()
}

// read reads, decodes and merges one file with its bases.
func (l *loader) read(name string, from Pos) *Blueprint {
	if l.files++; l.files > MaxLoadFiles {
		l.report(from, RuleExtendsLimit, nil, "extends reaches more than %d files; refused", MaxLoadFiles)
		return nil
	}
	src, err := readFS(l.fsys, name)
	if err != nil {
		l.readError(name, from, err)
		return nil
	}
	if l.bytes += len(src); l.bytes > MaxLoadBytes {
		l.report(from, RuleExtendsLimit, nil, "extends reaches more than %d MiB of documents; refused", MaxLoadBytes>>20)
		return nil
	}
	b, problems := decode(name, src) // validated once merged, by Load
	l.problems = append(l.problems, problems...)
	switch {
	case b == nil:
		return nil
	case problems.Err() != nil && (len(b.Extends) > 0 || from != Pos{}):
		return nil // a base or an overlay that cannot be read is not merged
	case len(b.Extends) == 0:
		return b // validated by Load, errors or not, as Lint does
	}
	l.chain = append(l.chain, name)
	defer func() { l.chain = l.chain[:len(l.chain)-1] }()
	var merged *Blueprint
	for i, rel := range b.Extends {
		at := b.at(fmt.Sprintf("extends.%d", i), b.Pos)
		baseName, ok := l.resolve(name, rel, at)
		if !ok {
			return nil
		}
		base := l.load(baseName, at)
		if base == nil {
			return nil
		}
		if merged == nil {
			merged = base
		} else {
			l.merge(merged, base)
		}
	}
	l.merge(merged, b)
	return merged
}

func (l *loader) readError(name string, from Pos, err error) {
	var problems Problems
	switch {
	case errors.As(err, &problems):
		l.problems = append(l.problems, problems...)
	case from == Pos{}:
		l.report(Pos{File: name}, RuleRead, err, "%v", pathErrorCause(err))
	default:
		l.report(from, RuleExtends, err, "cannot read %s: %v", name, pathErrorCause(err))
	}
}

// pathErrorCause is the cause of a *fs.PathError without the operation
// and path, which the message names already.
func pathErrorCause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// resolve finds rel relative to the directory of from, inside the file
// system.
func (l *loader) resolve(from, rel string, at Pos) (string, bool) {
	switch {
	case strings.HasPrefix(rel, "/") || strings.Contains(rel, `\`) || (len(rel) > 1 && rel[1] == ':'):
		l.report(at, RuleExtends, nil, "extends %s: name the base by a relative path with /, from this file's directory", quote(rel))
		return "", false
	}
	name := path.Join(path.Dir(from), rel)
	if name == ".." || strings.HasPrefix(name, "../") || !fs.ValidPath(name) {
		l.report(at, RuleExtends, nil, "extends %s climbs above the root of the file system blueprints are read from", quote(rel))
		return "", false
	}
	return name, true
}
