package pipeline

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"reflect"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/peakend/peakend/scoring"
)

// Files are read with fileio, not textio: each file is read whole by
// one DoFn with scoring.ReadRows, which numbers its lines, reads its
// header once and applies it to its rows, and reports a bad row with
// its file and line as the peakend command does; textio hands over
// lines without their file, number or header. A file is not split
// across workers, so the unit of parallel reading is the file: an
// operator's exports come as many files, and a huge one is best cut
// into several.

func init() {
	beam.RegisterCoder(reflect.TypeOf(scoring.Row{}), encodeRow, decodeRow)
	register.DoFn4x1[context.Context, fileio.ReadableFile, func(string, scoring.Row), func(string), error](&readFileFn{})
	register.Emitter2[string, scoring.Row]()
	register.Emitter1[string]()
}

func encodeRow(r scoring.Row) ([]byte, error) { return r.MarshalBinary() }

func decodeRow(b []byte) (scoring.Row, error) {
	var r scoring.Row
	err := r.UnmarshalBinary(b)
	return r, err
}

// ReadRows reads the rows of the files matching glob, keyed by visit
// id, and the rejected rows as lines of a rejects file
// (scoring.AppendReject): bad rows whose visit is not known, and files
// that cannot be read as rows at all (not CSV, JSON Lines or Parquet, a
// header without a required column), at their first line. Bad rows
// whose visit is known are rows too, so that joining rejects their visit
// whole (JoinVisits).
func ReadRows(s beam.Scope, cfg Config, glob string) (rows, rejects beam.PCollection) {
	s = s.Scope("peakend.ReadRows")
	files := fileio.ReadMatches(s, fileio.MatchFiles(s, glob))
	return beam.ParDo2(s, &readFileFn{Config: cfg}, files)
}

// readFileFn reads one file into its rows.
type readFileFn struct {
	Config Config
}

func (fn *readFileFn) ProcessElement(ctx context.Context, file fileio.ReadableFile, emit func(string, scoring.Row), reject func(string)) error {
	name := file.Metadata.Path
	opt, err := fn.Config.options(name)
	if err != nil {
		return err
	}
	words := fn.Config.words()
	opt.Reject = func(e *scoring.ParseError) {
		reject(string(scoring.AppendReject(nil, e, words, fn.Config.Verbatim)))
	}
	rows := func(yield func(scoring.Row, error) bool) {}
	kind, r, closeFile, err := fn.open(ctx, file)
	if err != nil {
		return err
	}
	defer closeFile()
	switch kind {
	case parquetFile:
		rows = readParquet(ctx, file, opt)
	case unknownFile:
		opt.Reject(&scoring.ParseError{File: name, Line: 1, Err: errNotRows})
		return nil
	default:
		opt.Format = scoring.CSV
		if kind == jsonFile {
			opt.Format = scoring.JSONL
		}
		rows = scoring.ReadRows(r, opt)
	}
	for row, err := range rows {
		var pe *scoring.ParseError
		switch {
		case errors.As(err, &pe):
			opt.Reject(pe) // the file ends here, as Read ends; the other files go on
		case err != nil:
			return err
		default:
			emit(row.Visit, row)
		}
	}
	return nil
}

// errNotRows is a file that is neither CSV nor JSON Lines nor Parquet.
var errNotRows = errors.New("not CSV, JSON Lines or Parquet: name it .csv, .tsv, .jsonl or .parquet, or give it a CSV header")

// The kinds of file the pipeline reads.
type fileKind int

const (
	unknownFile fileKind = iota
	csvFile
	jsonFile
	parquetFile
)

// open opens a file and tells its kind: by its extension (after .gz,
// which fileio decompresses), else by its first bytes.
func (fn *readFileFn) open(ctx context.Context, file fileio.ReadableFile) (fileKind, io.Reader, func(), error) {
	rc, err := file.Open(ctx)
	if err != nil {
		return 0, nil, nil, fmt.Errorf("%s: %w", file.Metadata.Path, err)
	}
	br := bufio.NewReaderSize(rc, 64<<10)
	closeFile := func() { rc.Close() }
	switch ext := path.Ext(strings.TrimSuffix(strings.ToLower(file.Metadata.Path), ".gz")); ext {
	case ".csv", ".tsv", ".txt":
		return csvFile, br, closeFile, nil
	case ".jsonl", ".ndjson":
		return jsonFile, br, closeFile, nil
	case ".parquet":
		return parquetFile, nil, closeFile, nil
	}
	head, err := br.Peek(4 << 10)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		closeFile()
		return 0, nil, nil, fmt.Errorf("%s: %w", file.Metadata.Path, err)
	}
	return kindOf(head), br, closeFile, nil
}

// kindOf tells a file's kind by its first bytes: Parquet's magic, a JSON
// object, or a first line of text with a comma, tab or semicolon.
func kindOf(head []byte) fileKind {
	trimmed := bytes.TrimLeft(head, " \t\r\n\ufeff")
	switch {
	case bytes.HasPrefix(head, []byte("PAR1")):
		return parquetFile
	case bytes.HasPrefix(trimmed, []byte("{")):
		return jsonFile
	}
	line, _, _ := bytes.Cut(head, []byte("\n"))
	if bytes.ContainsAny(line, ",\t;") && !bytes.ContainsRune(line, 0) {
		return csvFile
	}
	return unknownFile
}
