package atomicfile

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"syscall"
	"testing"
)

// entries lists the names in dir, to see that no temporary file is left.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, de := range des {
		names = append(names, de.Name())
	}
	return names
}

func write(t *testing.T, f *File, s string) {
	t.Helper()
	if _, err := f.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
}

func TestCommitReplacesAndKeepsPermissions(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "out.csv")
	if err := os.WriteFile(name, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	f, err := Create(name)
	if err != nil {
		t.Fatal(err)
	}
	write(t, f, "new content")
	if got, _ := os.ReadFile(name); string(got) != "old" {
		t.Fatalf("before Commit the target reads %q, want the old content", got)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(name)
	info, _ := os.Stat(name)
	if string(got) != "new content" || info.Mode().Perm() != 0o640 {
		t.Fatalf("after Commit: %q, mode %v; want the new content, mode 0640", got, info.Mode().Perm())
	}
	if names := entries(t, dir); len(names) != 1 {
		t.Fatalf("directory holds %v, want only out.csv", names)
	}
}

func TestAbortLeavesTargetAndNoTemporary(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "out.csv")
	os.WriteFile(name, []byte("old"), 0o644)
	f, err := Create(name)
	if err != nil {
		t.Fatal(err)
	}
	write(t, f, "half of a")
	f.Abort()
	if got, _ := os.ReadFile(name); string(got) != "old" {
		t.Fatalf("after Abort the target reads %q, want %q", got, "old")
	}
	if names := entries(t, dir); len(names) != 1 {
		t.Fatalf("directory holds %v, want only out.csv", names)
	}
	if err := f.Commit(); err == nil {
		t.Fatal("Commit after Abort succeeded")
	}
	if got, _ := os.ReadFile(name); string(got) != "old" {
		t.Fatalf("Commit after Abort changed the target to %q", got)
	}
}

func TestReadOnlyTargetIsRefused(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "hall.yaml")
	os.WriteFile(name, []byte("old"), 0o444)
	_, err := Create(name)
	if !errors.Is(err, ErrReadOnly) || !errors.Is(err, fs.ErrPermission) {
		t.Fatalf("Create of a read-only file: %v; want ErrReadOnly and fs.ErrPermission", err)
	}
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe.Path != name {
		t.Fatalf("error %v does not name %s as a *fs.PathError", err, name)
	}
	if names := entries(t, dir); len(names) != 1 {
		t.Fatalf("directory holds %v, want only hall.yaml", names)
	}
}

func TestSymlinkIsFollowed(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.csv")
	link := filepath.Join(dir, "link.csv")
	os.WriteFile(real, []byte("old"), 0o644)
	if err := os.Symlink("real.csv", link); err != nil {
		t.Skip(err)
	}
	f, err := Create(link)
	if err != nil {
		t.Fatal(err)
	}
	write(t, f, "new")
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Lstat(link); info.Mode()&fs.ModeSymlink == 0 {
		t.Fatal("the link was replaced by a file")
	}
	if got, _ := os.ReadFile(real); string(got) != "new" {
		t.Fatalf("the linked file reads %q, want %q", got, "new")
	}
}

func TestDirectoryAndMissingDirectoryFail(t *testing.T) {
	dir := t.TempDir()
	if _, err := Create(dir); err == nil {
		t.Error("Create of a directory succeeded")
	}
	if _, err := Create(filepath.Join(dir, "no", "such.csv")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Create in a missing directory: %v, want fs.ErrNotExist", err)
	}
}

func TestDeviceIsWrittenDirectly(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full")
	}
	f, err := Create(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	write(t, f, "gone")
	if err := f.Commit(); err != nil {
		t.Fatalf("Commit to %s: %v", os.DevNull, err)
	}
	if info, _ := os.Stat(os.DevNull); info.Mode().IsRegular() {
		t.Fatalf("%s was replaced by a regular file", os.DevNull)
	}

	f, err = Create("/dev/full")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte("x")); !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("Write to /dev/full: %v, want ENOSPC", err)
	}
	if err := f.Commit(); !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("Commit after a failed write: %v, want ENOSPC", err)
	}
}

// A failed write makes Commit fail and leaves the target alone, even if
// later writes succeed.
func TestWriteErrorFailsCommit(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "out.csv")
	os.WriteFile(name, []byte("old"), 0o644)
	f, err := Create(name)
	if err != nil {
		t.Fatal(err)
	}
	f.f.Close() // the next write fails, as on a full disk
	if _, err := f.Write([]byte("lost")); err == nil {
		t.Fatal("write to a closed file succeeded")
	}
	if err := f.Commit(); err == nil {
		t.Fatal("Commit after a failed write succeeded")
	}
	if got, _ := os.ReadFile(name); string(got) != "old" {
		t.Fatalf("target reads %q, want %q", got, "old")
	}
	if names := entries(t, dir); len(names) != 1 {
		t.Fatalf("directory holds %v, want only out.csv", names)
	}
}

// Commit and Abort racing (a signal during the final rename): the target
// holds either the old or the whole new content, and no temporary file
// is left.
func TestCommitAbortRace(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "out.csv")
	for range 50 {
		os.WriteFile(name, []byte("old"), 0o644)
		f, err := Create(name)
		if err != nil {
			t.Fatal(err)
		}
		write(t, f, "new")
		var wg sync.WaitGroup
		wg.Add(2)
		go func() { defer wg.Done(); f.Commit() }()
		go func() { defer wg.Done(); f.Abort() }()
		wg.Wait()
		if got, _ := os.ReadFile(name); string(got) != "old" && string(got) != "new" {
			t.Fatalf("target reads %q", got)
		}
		if names := entries(t, dir); len(names) != 1 {
			t.Fatalf("directory holds %v, want only out.csv", names)
		}
	}
}

// A large file is synced in the background as it is written, and
// Commit installs the whole of it.
func TestLargeFileSyncsAside(t *testing.T) {
	defer func(n int64) { syncEvery = n }(syncEvery)
	syncEvery = 1 << 10
	name := filepath.Join(t.TempDir(), "out.csv")
	f, err := Create(name)
	if err != nil {
		t.Fatal(err)
	}
	want := bytes.Repeat([]byte("0123456789abcdef"), 4<<10) // 64 KiB
	for chunk := range slices.Chunk(want, 1000) {
		if _, err := f.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(name); !bytes.Equal(got, want) {
		t.Fatalf("the target holds %d bytes, not the %d written", len(got), len(want))
	}
	if f.syncs.Load() == 0 {
		t.Error("no sync ran while the file was written")
	}
}
