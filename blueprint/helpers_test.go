package blueprint_test

import (
	"os"
	"path/filepath"
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

// documents lists every example and shared fixture blueprint.
func documents(t testing.TB) []string {
	t.Helper()
	var paths []string
	for _, pattern := range []string{"../examples/*/*.yaml", "../testdata/blueprints/*.yaml"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	if len(paths) < 3 {
		t.Fatalf("found only %v", paths)
	}
	return paths
}
