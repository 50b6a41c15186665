package pipeline

import (
	"context"
	"fmt"
	"io/fs"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local" // local paths
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
)

// WriteFiles writes each KV<name, content> of files, as Moments,
// Leverage, Fit and Compare return them, to the file prefix+name, on
// any file system Beam knows (a local path, gs://…). Each is written to
// a temporary name and renamed when whole, every write and the close
// checked, so that a file that is there is complete; a failure fails
// the pipeline.
func WriteFiles(s beam.Scope, prefix string, files beam.PCollection) {
	beam.ParDo0(s.Scope("write"), &writeFileFn{Prefix: prefix}, files)
}

type writeFileFn struct{ Prefix string }

func (f *writeFileFn) ProcessElement(ctx context.Context, name string, content []byte) error {
	if !fs.ValidPath(name) {
		return fmt.Errorf("peakend pipeline: refusing to write %q outside the prefix", name)
	}
	dst := f.Prefix + name
	fsys, err := filesystem.New(ctx, dst)
	if err != nil {
		return err
	}
	defer fsys.Close()
	tmp := dst + ".tmp"
	if err := writeWhole(ctx, fsys, tmp, content); err != nil {
		return fmt.Errorf("peakend pipeline: writing %s: %w", dst, err)
	}
	if err := filesystem.Rename(ctx, fsys, tmp, dst); err != nil {
		return fmt.Errorf("peakend pipeline: writing %s: %w", dst, err)
	}
	return nil
}

func writeWhole(ctx context.Context, fs filesystem.Interface, name string, content []byte) error {
	w, err := fs.OpenWrite(ctx, name)
	if err != nil {
		return err
	}
	if _, err := w.Write(content); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

func init() {
	register.DoFn3x1[context.Context, string, []byte, error](&writeFileFn{})
}
