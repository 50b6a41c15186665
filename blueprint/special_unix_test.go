//go:build unix

package blueprint_test

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/peakend/peakend/blueprint"
)

// TestExtendsSpecialFiles refuses, without blocking, a base that is a
// FIFO, a device (/dev/zero, through a link) or a directory, and
// ParseFile does the same.
func TestExtendsSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o600); err != nil {
		t.Skipf("no FIFO on this system: %v", err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o700); err != nil {
		t.Fatal(err)
	}
	for _, base := range []string{"fifo", "zero", "sub"} {
		doc := filepath.Join(dir, base+".yaml")
		if err := os.WriteFile(doc, []byte("peakend: 1\nextends: "+base+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		_, _, err := blueprint.Load(os.DirFS(dir), base+".yaml")
		if !errors.Is(err, blueprint.ErrNotRegular) {
			t.Errorf("extends %s: want ErrNotRegular, got %v", base, err)
		}
		if _, err := blueprint.ParseFile(filepath.Join(dir, base)); !errors.Is(err, blueprint.ErrNotRegular) {
			t.Errorf("ParseFile(%s): want ErrNotRegular, got %v", base, err)
		}
	}
}
