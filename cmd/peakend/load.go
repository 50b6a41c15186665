package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/mot"
)

// Every command loads its blueprints one way: blueprint.Load (through
// mot.LoadFS when the method is checked too) on the directory of
// --root, the current directory by default, opened as an os.Root, so
// that neither extends nor a symbolic link reads a file outside it.

// registerRoot adds --root to a command that reads blueprints.
func (e *env) registerRoot(fs *flag.FlagSet) {
	fs.StringVar(&e.root, "root", ".", "read blueprints, and the files their extends name, only inside `DIR`")
}

// A loader is how a command checks a blueprint once it is read.
type loader func(fsys fs.FS, name string) (*blueprint.Blueprint, blueprint.Problems, error)

// withMethod loads the document and checks the method of its moments
// (mot.Check), as every command but render does.
var withMethod loader = mot.LoadFS

// documentOnly loads and validates the document: what render needs,
// without the method checks and the statistics they link.
var documentOnly loader = blueprint.Load

// loadBlueprint loads the blueprint at path, inside the root; warnings
// are not errors here (lint shows them). Every file it read, extends
// included, becomes an input that no output may replace.
func (e *env) loadBlueprint(path string, load loader) (*blueprint.Blueprint, error) {
	b, problems := e.loadAll(path, load)
	if err := problems.Err(); err != nil {
		return nil, err
	}
	return b, nil
}

// loadAll loads path as loadBlueprint does and returns every problem,
// errors and warnings, sorted, with positions naming files as the
// command line does; the blueprint is nil when there is an error.
func (e *env) loadAll(path string, load loader) (*blueprint.Blueprint, blueprint.Problems) {
	name, err := nameInRoot(e.root, path)
	if err != nil {
		return nil, readProblem(path, err)
	}
	root, err := os.OpenRoot(e.root)
	if err != nil {
		return nil, readProblem(path, err)
	}
	defer root.Close()
	fsys := &recordingFS{root: root}
	b, warnings, err := load(fsys, name)
	var all blueprint.Problems
	if err != nil && !errors.As(err, &all) {
		all = readProblem(path, err)
	}
	all = append(all, warnings...)
	for _, p := range all {
		if p.Pos.File != "" && p.Pos.File != path {
			p.Pos.File = filepath.Join(e.root, filepath.FromSlash(p.Pos.File))
		}
	}
	all.Sort()
	for _, read := range fsys.read {
		if err := e.reads(filepath.Join(e.root, filepath.FromSlash(read))); err != nil {
			return nil, append(all, readProblem(path, err)...)
		}
	}
	return b, all
}

func readProblem(path string, err error) blueprint.Problems {
	return blueprint.Problems{{Pos: blueprint.Pos{File: path}, Severity: blueprint.Error, Rule: blueprint.RuleRead, Message: err.Error(), Err: err}}
}

// nameInRoot is path (as the command line gives it, relative to the
// current directory) as a name inside the root directory.
func nameInRoot(root, path string) (string, error) {
	absRoot, err1 := filepath.Abs(root)
	absPath, err2 := filepath.Abs(path)
	if err := errors.Join(err1, err2); err != nil {
		return "", err
	}
	rel, err := filepath.Rel(absRoot, absPath)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		where := "the current directory"
		if root != "." {
			where = "--root " + root
		}
		return "", usageError{fmt.Sprintf("outside %s, where blueprints are read; name a directory that holds it with --root DIR", where)}
	}
	return filepath.ToSlash(rel), nil
}

// recordingFS is an os.Root's file system that notes the files opened,
// so that the files an overlay's extends read are known.
type recordingFS struct {
	root *os.Root
	read []string
}

func (r *recordingFS) Open(name string) (fs.File, error) {
	f, err := r.root.FS().Open(name)
	if err == nil {
		r.read = append(r.read, name)
	}
	return f, err
}

func (r *recordingFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(r.root.FS(), name) }
