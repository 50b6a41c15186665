package imports

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The Beam pipeline is a module of its own, beam/, so that the library
// and the command never download Beam: no package of the root module,
// nor its tests, links Beam, the pipeline or its Parquet reader.
func TestRootModuleLinksNoBeam(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on the PATH")
	}
	list := exec.Command(goCmd, "list", "-deps", "-test", "./...")
	list.Dir = filepath.Join("..", "..")
	out, err := list.Output()
	if err != nil {
		t.Fatalf("go list -deps -test ./...: %v", err)
	}
	deps := strings.Fields(string(out))
	for _, dep := range deps {
		for _, banned := range []string{"github.com/apache/beam/", "github.com/peakend/peakend/beam", "github.com/parquet-go/"} {
			if strings.HasPrefix(dep, banned) {
				t.Errorf("the root module links %s", dep)
			}
		}
	}
	if len(deps) < 100 {
		t.Fatalf("go list gave only %d packages: is it listing the module?", len(deps))
	}
}
