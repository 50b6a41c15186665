package mot

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/peakend/peakend/blueprint"
)

// LoadFS reads the blueprint name from fsys as blueprint.Load does,
// overlays (extends) merged and the document validated, then checks its
// method (Check). It returns the blueprint and its warnings; err, when
// not nil, is a blueprint.Problems holding every error, and the
// blueprint is nil.
func LoadFS(fsys fs.FS, name string) (b *blueprint.Blueprint, warnings blueprint.Problems, err error) {
	b, warnings, err = blueprint.Load(fsys, name)
	if err != nil {
		return nil, warnings, err
	}
	problems := Check(b)
	warnings = append(warnings, problems.Warnings()...)
	warnings.Sort()
	if err := problems.Err(); err != nil {
		return nil, warnings, err
	}
	return b, warnings, nil
}

// Load reads the blueprint at path from the operating system's files,
// as LoadFS does: it returns the blueprint and its warnings, and err,
// when not nil, is a blueprint.Problems holding every error, sorted,
// and the blueprint is nil. A file that cannot be read is a problem
// whose error wraps the *fs.PathError, so that errors.Is(err,
// fs.ErrNotExist) tells a missing file.
//
// The file system is the current directory when path lies below it,
// else path's own directory, opened as an os.Root so that neither
// extends nor a symbolic link leaves it; positions name files as path
// does.
func Load(path string) (b *blueprint.Blueprint, warnings blueprint.Problems, err error) {
	root, name, prefix := rootOf(path)
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, nil, blueprint.Problems{{Pos: blueprint.Pos{File: path}, Severity: blueprint.Error, Rule: blueprint.RuleRead, Message: err.Error(), Err: err}}
	}
	defer r.Close()
	b, warnings, err = LoadFS(r.FS(), name)
	var errs blueprint.Problems
	if err != nil && !errors.As(err, &errs) {
		errs = blueprint.Problems{{Pos: blueprint.Pos{File: path}, Severity: blueprint.Error, Rule: blueprint.RuleRead, Message: err.Error(), Err: err}}
	}
	for _, p := range append(errs, warnings...) {
		if p.Pos.File != "" && prefix != "" {
			p.Pos.File = filepath.Join(prefix, filepath.FromSlash(p.Pos.File))
		}
	}
	warnings.Sort()
	if len(errs) > 0 {
		errs.Sort()
		return nil, warnings, errs
	}
	return b, warnings, nil
}

// rootOf splits path into the directory to open as the file system, the
// slash-separated name inside it, and the prefix that gives back paths
// as the caller wrote them.
func rootOf(path string) (root, name, prefix string) {
	clean := filepath.Clean(path)
	if !filepath.IsAbs(clean) && clean != ".." && !strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return ".", filepath.ToSlash(clean), ""
	}
	dir := filepath.Dir(clean)
	return dir, filepath.Base(clean), dir
}
