package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// The committed sample files are what gensamples writes: run go generate
// in examples/servicehall after changing it or the simulation.
func TestUpToDate(t *testing.T) {
	files, err := samples("../../hall.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		path := filepath.Join("../../../../testdata/zh", name)
		if name == "visits.csv" || name == "visits.xlsx" {
			path = filepath.Join("../..", name)
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not what gensamples writes; run go generate in examples/servicehall", path)
		}
	}
}
