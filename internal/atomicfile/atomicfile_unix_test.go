//go:build unix

package atomicfile

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestNewFileGetsUmaskPermissions(t *testing.T) {
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	name := filepath.Join(t.TempDir(), "new.csv")
	f, err := Create(name)
	if err != nil {
		t.Fatal(err)
	}
	write(t, f, "x")
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(name)
	if info.Mode().Perm() != 0o640 {
		t.Fatalf("mode %v, want 0640 (0666 less umask 027)", info.Mode().Perm())
	}
}
