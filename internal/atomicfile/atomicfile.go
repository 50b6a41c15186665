// Package atomicfile writes a file so that readers see either the old
// content or the whole new content, never a part: writes go to a
// temporary file beside the target, which Commit renames onto it. A
// failed or abandoned write leaves the target as it was and removes the
// temporary file.
//
// A target that exists keeps its permission bits. One that does not is
// created with 0666 less the umask, as os.Create would. A symbolic link
// is followed, so that the file it names is replaced, not the link. A
// target that exists but is not a regular file (a device such as
// /dev/null, a FIFO) cannot be renamed onto; it is written directly, and
// Commit only closes it.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
)

// A File is a write in progress. Write may be called from one goroutine;
// Commit and Abort may race with each other and with Write (a signal
// handler may Abort while the command writes): the first of Commit and
// Abort decides, the other does nothing.
type File struct {
	target string // the file replaced on Commit, symbolic links resolved
	f      *os.File
	direct bool // f is the target itself, which is not a regular file

	mu       sync.Mutex
	finished bool
	err      error // the first write error; Commit then fails with it

	// A sync starts in the background at every syncEvery bytes written,
	// while writing goes on, so that the disk takes a large file as it
	// comes and Commit's sync waits for its last part only.
	unsynced int64
	syncing  atomic.Bool
	synced   sync.WaitGroup
	syncs    atomic.Int32 // background syncs done, for tests
}

// syncEvery is the bytes written between background syncs; a test
// lowers it.
var syncEvery int64 = 16 << 20

// ErrReadOnly is returned by Create for a target whose owner may not
// write it. Renaming onto it would succeed, as the directory decides who
// may rename, so the refusal is explicit.
var ErrReadOnly = errors.New("file is read-only")

// Create starts writing name. It fails, leaving name untouched, when the
// target is read-only (an error wrapping ErrReadOnly and
// fs.ErrPermission) or the directory does not admit a new file.
func Create(name string) (*File, error) {
	target, info, err := resolve(name)
	if err != nil {
		return nil, err
	}
	if info != nil && !info.Mode().IsRegular() {
		f, err := os.OpenFile(target, os.O_WRONLY|os.O_TRUNC, 0)
		if err != nil {
			return nil, err
		}
		return &File{target: target, f: f, direct: true}, nil
	}
	if info != nil {
		if err := checkWritable(name, target, info); err != nil {
			return nil, err
		}
	}
	f, err := createTemp(target)
	if err != nil {
		return nil, err
	}
	if info != nil {
		if err := f.Chmod(info.Mode().Perm()); err != nil {
			removeTemp(f)
			return nil, err
		}
	}
	return &File{target: target, f: f}, nil
}

// resolve follows symbolic links in name; info is nil when the target
// does not exist yet.
func resolve(name string) (target string, info fs.FileInfo, err error) {
	info, err = os.Stat(name)
	if errors.Is(err, fs.ErrNotExist) {
		return name, nil, nil
	}
	if err != nil {
		return "", nil, err
	}
	if info.IsDir() {
		return "", nil, &fs.PathError{Op: "create", Path: name, Err: errors.New("is a directory")}
	}
	target, err = filepath.EvalSymlinks(name)
	if err != nil {
		return "", nil, err
	}
	return target, info, nil
}

// checkWritable refuses a target that writing in place could not
// change: its owner's write bit is off (root included, who could write
// it anyway), or the system refuses to open it for writing.
func checkWritable(name, target string, info fs.FileInfo) error {
	if info.Mode().Perm()&0o200 == 0 {
		return &fs.PathError{Op: "create", Path: name, Err: readOnly{}}
	}
	f, err := os.OpenFile(target, os.O_WRONLY, 0) // no O_TRUNC: only asks
	if err != nil {
		return err
	}
	return f.Close()
}

// readOnly is ErrReadOnly that also matches fs.ErrPermission.
type readOnly struct{}

func (readOnly) Error() string { return ErrReadOnly.Error() }
func (readOnly) Is(target error) bool {
	return target == ErrReadOnly || target == fs.ErrPermission
}

// createTemp makes a new file beside target, named after it and hidden,
// with 0666 so that the umask applies as it would to the target (which
// os.CreateTemp's 0600 would not).
func createTemp(target string) (*os.File, error) {
	dir, base := filepath.Split(target)
	for range 100 {
		name := filepath.Join(dir, "."+base+"."+strconv.FormatUint(rand.Uint64(), 36)+".tmp")
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, fmt.Errorf("create %s: no free temporary name beside it", target)
}

func removeTemp(f *os.File) {
	f.Close()
	os.Remove(f.Name())
}

// Name returns the file that Commit replaces (symbolic links resolved).
func (f *File) Name() string { return f.target }

// TempName returns the temporary file being written (the target itself
// when it is not a regular file).
func (f *File) TempName() string { return f.f.Name() }

// Write writes to the temporary file. The first error is kept: Commit
// then fails with it rather than install a file with a hole.
func (f *File) Write(p []byte) (int, error) {
	n, err := f.f.Write(p)
	if err != nil {
		f.fail(err)
	}
	if f.unsynced += int64(n); f.unsynced >= syncEvery && !f.direct && f.syncing.CompareAndSwap(false, true) {
		f.unsynced = 0
		f.synced.Add(1)
		go f.syncAside()
	}
	return n, err
}

// syncAside syncs the temporary file while writing goes on; its error
// (a full disk) fails Commit as a write error does.
func (f *File) syncAside() {
	defer f.synced.Done()
	defer f.syncing.Store(false)
	if err := f.f.Sync(); err != nil {
		f.fail(err)
	}
	f.syncs.Add(1)
}

// fail keeps err when it is the first.
func (f *File) fail(err error) {
	f.mu.Lock()
	if f.err == nil {
		f.err = err
	}
	f.mu.Unlock()
}

// Commit makes the written content the target's: it syncs and closes
// the temporary file and renames it onto the target. On any error the
// target is untouched and the temporary file removed. After Abort it
// returns an error and does nothing.
func (f *File) Commit() error {
	f.synced.Wait() // its error decides too; it takes mu to say so
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.finished {
		return fmt.Errorf("commit %s: already finished", f.target)
	}
	f.finished = true
	if f.direct {
		return errors.Join(f.err, f.f.Close())
	}
	err := f.err
	if err == nil {
		err = f.f.Sync() // a delayed write error (a full disk) shows here or in Close
	}
	if cerr := f.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.f.Name(), f.target)
	}
	if err != nil {
		os.Remove(f.f.Name())
	}
	return err
}

// Abort discards the write: the temporary file is closed and removed and
// the target left as it was. After Commit it does nothing.
func (f *File) Abort() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.finished {
		return
	}
	f.finished = true
	if f.direct {
		f.f.Close()
		return
	}
	removeTemp(f.f)
}
