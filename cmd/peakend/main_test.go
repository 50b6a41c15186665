package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"peakend": func() { os.Exit(runProcess(os.Args[1:])) },
	})
}

// TestScripts runs the command's behaviour as written in
// testdata/script/*.txtar. The examples and shared fixtures are copied
// into each script's work directory under examples/ and testdata/.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(e *testscript.Env) error {
			for _, dir := range []string{"examples", "testdata"} {
				if err := os.CopyFS(e.WorkDir+"/"+dir, os.DirFS("../../"+dir)); err != nil {
					return err
				}
			}
			return nil
		},
	})
}
