package imports

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// allowed lists, for each program, the packages outside the standard
// library and this module that it may link. A change that makes one of
// them link more fails here: add the package only if the program needs
// it, and update bench/README.md's table.
var allowed = map[string][]string{
	// The blueprint reader: YAML, and Unicode's composed form for the
	// similar-id rule.
	"load": {
		"gopkg.in/yaml.v3",
		"golang.org/x/text/transform",
		"golang.org/x/text/unicode/norm",
	},
	// The load program's, and what the embedded fonts are parsed and
	// subset with (tdewolff/font and what it imports), and East Asian
	// widths for the measure. Never tdewolff/canvas.
	"svg": {
		"gopkg.in/yaml.v3",
		"golang.org/x/text/transform",
		"golang.org/x/text/unicode/norm",
		"golang.org/x/text/width",
		"github.com/tdewolff/font",
		"github.com/tdewolff/parse/v2",
		"github.com/tdewolff/parse/v2/strconv",
		"github.com/andybalholm/brotli",
		"github.com/andybalholm/brotli/matchfinder",
		"github.com/golang/freetype/raster",
		"github.com/golang/freetype/truetype",
		"golang.org/x/image/font",
		"golang.org/x/image/font/sfnt",
		"golang.org/x/image/math/fixed",
		"golang.org/x/text/encoding",
		"golang.org/x/text/encoding/charmap",
		"golang.org/x/text/encoding/internal",
		"golang.org/x/text/encoding/internal/identifier",
		"golang.org/x/text/encoding/unicode",
		"golang.org/x/text/internal/utf8internal",
		"golang.org/x/text/runes",
	},
	// Scoring stands alone.
	// Scoring reads GB18030 text, as Excel saves CSV on Chinese Windows,
	// with x/text's decoder.
	"score": {
		"golang.org/x/text/encoding",
		"golang.org/x/text/encoding/internal",
		"golang.org/x/text/encoding/internal/identifier",
		"golang.org/x/text/encoding/simplifiedchinese",
		"golang.org/x/text/transform",
	},
}

// Each program links only its allowed packages: rendering SVG does not
// pull in the PDF and PNG painters, and loading or scoring no
// statistics.
func TestProgramsLinkOnlyWhatTheyUse(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on the PATH")
	}
	for program, ok := range allowed {
		t.Run(program, func(t *testing.T) {
			deps := nonStandard(t, goCmd, "./"+program)
			for _, dep := range deps {
				if !slices.Contains(ok, dep) {
					t.Errorf("the %s program links %s, which is not in its allowed list", program, dep)
				}
			}
			t.Logf("%d packages outside the standard library and this module", len(deps))
		})
	}
}

// The PDF program does link the canvas: the test above would pass
// vacuously if the programs stopped importing what they name.
func TestPDFProgramLinksCanvas(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on the PATH")
	}
	if deps := nonStandard(t, goCmd, "./pdf"); !slices.Contains(deps, "github.com/tdewolff/canvas") {
		t.Errorf("the pdf program does not link tdewolff/canvas: %v", deps)
	}
	if deps := nonStandard(t, goCmd, "./svg"); !slices.Contains(deps, "github.com/tdewolff/font") {
		t.Errorf("the svg program does not link tdewolff/font (does it still render?): %v", deps)
	}
}

// nonStandard lists the packages pkg links from outside the standard
// library and this module.
func nonStandard(t *testing.T, goCmd, pkg string) []string {
	t.Helper()
	out, err := exec.Command(goCmd, "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", pkg).Output()
	if err != nil {
		t.Fatalf("go list -deps %s: %v", pkg, err)
	}
	var deps []string
	for _, dep := range strings.Fields(string(out)) {
		if !strings.HasPrefix(dep, "github.com/peakend/peakend/") {
			deps = append(deps, dep)
		}
	}
	return deps
}
