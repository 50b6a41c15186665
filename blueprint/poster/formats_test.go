package poster

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/peakend/peakend/blueprint/poster/internal/paint"
	_ "github.com/peakend/peakend/blueprint/poster/pdf" // the tests render PDF
	_ "github.com/peakend/peakend/blueprint/poster/png" // and PNG
)

// A format whose package the program does not import is refused before
// any work, naming the package to import.
func TestUnlinkedFormatNamesItsPackage(t *testing.T) {
	b := load(t, examples["complaint"])
	for _, f := range []Format{PDF, PNG} {
		saved := paint.Lookup(f.String())
		paint.Register(f.String(), nil)
		var buf bytes.Buffer
		err := Render(context.Background(), &buf, b, Options{Format: f})
		paint.Register(f.String(), saved)
		if !errors.Is(err, ErrUnknownFormat) || !bytes.Contains([]byte(err.Error()), []byte(`"github.com/peakend/peakend/blueprint/poster/`+f.String()+`"`)) {
			t.Errorf("%v without its package: %v, want ErrUnknownFormat naming the package", f, err)
		}
		if buf.Len() != 0 {
			t.Errorf("%v without its package wrote %d bytes", f, buf.Len())
		}
	}
}
