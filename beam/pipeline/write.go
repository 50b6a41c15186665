package pipeline

import (
	"bufio"
	"context"
	"fmt"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/peakend/peakend/scoring"
)

func init() {
	register.DoFn4x1[context.Context, int, func(*string) bool, func(*string) bool, error](&writeShardFn{})
	register.DoFn2x0[[]byte, func(int, string)](&shardsFn{})
	register.Function1x2[string, int, string](keyReject)
	register.Iter1[string]()
}

// writeStreamed writes a file through Beam's file systems: to a temporary
// name, renamed to name once every write and the close succeeded.
func writeStreamed(ctx context.Context, name string, write func(*bufio.Writer)) error {
	fsys, err := filesystem.New(ctx, name)
	if err != nil {
		return err
	}
	defer fsys.Close()
	tmp := name + ".tmp"
	w, err := fsys.OpenWrite(ctx, tmp)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	write(bw)
	if err := bw.Flush(); err != nil {
		w.Close()
		return fmt.Errorf("%s: %w", tmp, err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("%s: %w", tmp, err)
	}
	return filesystem.Rename(ctx, fsys, tmp, name)
}

// ShardName is the name of shard i of n of an output: PREFIX-00000-of-00004.csv.
func ShardName(prefix string, i, n int) string {
	return fmt.Sprintf("%s-%05d-of-%05d.csv", prefix, i, n)
}

// WriteShards writes the texts, keyed by shard, to n files named by
// ShardName, each starting with the header (the one element of header):
// every shard is written, an empty one with its header alone, so that a
// missing file is never taken for an empty output. A shard is written
// under a temporary name and renamed when whole.
func WriteShards(s beam.Scope, prefix string, n int, header, texts beam.PCollection) {
	s = s.Scope("peakend.WriteShards")
	all := beam.Flatten(s, texts, beam.ParDo(s, &shardsFn{N: n}, beam.Impulse(s)))
	beam.ParDo0(s, &writeShardFn{Prefix: prefix, N: n}, beam.GroupByKey(s, all), beam.SideInput{Input: header})
}

// WriteRejects writes the rejected rows, lines of a rejects file, to
// output-rejects-00000-of-00001.csv under scoring.RejectsHeader: one
// shard, as few rows are rejected from data that is mostly good.
func WriteRejects(s beam.Scope, output string, rejects beam.PCollection) {
	s = s.Scope("peakend.WriteRejects")
	header := beam.Create(s, scoring.RejectsHeader+"\n")
	WriteShards(s, output+"-rejects", 1, header, beam.ParDo(s, keyReject, rejects))
}

// keyReject keys a rejected row by its shard, the one.
func keyReject(line string) (int, string) { return 0, line }

// shardsFn gives each shard an empty text, so that each is written.
type shardsFn struct {
	N int
}

func (fn *shardsFn) ProcessElement(_ []byte, emit func(int, string)) {
	for i := range fn.N {
		emit(i, "")
	}
}

type writeShardFn struct {
	Prefix string
	N      int
}

func (fn *writeShardFn) ProcessElement(ctx context.Context, shard int, texts, header func(*string) bool) error {
	return writeStreamed(ctx, ShardName(fn.Prefix, shard, fn.N), func(w *bufio.Writer) {
		var text string
		for header(&text) {
			w.WriteString(text)
		}
		for texts(&text) {
			w.WriteString(text)
		}
	})
}
