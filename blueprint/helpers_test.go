package blueprint_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readExample(t testing.TB, name string) []byte {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "examples", filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// documents lists every YAML file under examples/ (overlays included,
// at any depth) and every shared fixture blueprint.
func documents(t testing.TB) []string {
	t.Helper()
	var paths []string
	err := filepath.WalkDir("../examples", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".yaml") || strings.HasSuffix(path, ".yml")) {
			paths = append(paths, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	shared, err := filepath.Glob("../testdata/blueprints/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	paths = append(paths, shared...)
	if len(paths) < 4 {
		t.Fatalf("found only %v", paths)
	}
	return paths
}
