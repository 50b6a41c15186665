package blueprint

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// MaxSize is the largest document this package reads. A blueprint is
// written by people; anything larger is a mistake or an attack, and
// refusing it keeps memory bounded. Readers stop at MaxSize+1 bytes:
// they never read a larger input whole.
const MaxSize = 8 << 20

// ErrNotRegular is the error underneath a refusal to read a file that
// is not a regular file, such as a directory, a FIFO or a device, which
// could block or never end.
var ErrNotRegular = errors.New("not a regular file")

// ReadSource reads a document from r, such as standard input, stopping
// as soon as it is larger than MaxSize: then the error is a Problems
// with RuleTooLarge at filename's first line. Give the result to Parse,
// Lint or Format.
func ReadSource(filename string, r io.Reader) ([]byte, error) {
	src, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(src) > MaxSize {
		return nil, Problems{tooLarge(filename)}
	}
	return src, nil
}

func tooLarge(filename string) *Problem {
	return &Problem{Pos: Pos{File: filename, Line: 1, Col: 1}, Severity: Error, Rule: RuleTooLarge,
		Message: fmt.Sprintf("document is larger than %d MiB; a blueprint this large is refused", MaxSize>>20)}
}

// readFile reads a document from the operating system's files as
// readFS does from a file system.
func readFile(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := regular(path, info); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadSource(path, f)
}

// readFS reads the document name from fsys. It looks before it opens:
// a name that is not a regular file is refused without being opened,
// since opening a FIFO blocks. Errors of the file system are the
// *fs.PathError it returns.
func readFS(fsys fs.FS, name string) ([]byte, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if err := regular(name, info); err != nil {
		return nil, err
	}
	if info.Size() > MaxSize {
		return nil, Problems{tooLarge(name)}
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadSource(name, f)
}

func regular(name string, info fs.FileInfo) error {
	if info.Mode().IsRegular() {
		return nil
	}
	what := notRegular("not a regular file")
	if info.IsDir() {
		what = "a directory"
	}
	return &fs.PathError{Op: "read", Path: name, Err: what}
}

// notRegular says what a file is instead of a regular file; it is
// ErrNotRegular to errors.Is.
type notRegular string

func (e notRegular) Error() string        { return "is " + string(e) + ", not a blueprint" }
func (e notRegular) Is(target error) bool { return target == ErrNotRegular }
