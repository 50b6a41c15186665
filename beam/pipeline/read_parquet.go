package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	"github.com/peakend/peakend/scoring"
)

// Parquet is read with github.com/parquet-go/parquet-go, pure Go and
// kept up (Beam's Go parquetio reads into a Go struct of fixed columns
// through the older xitongsys library, and a visit's columns are the
// file's own, optional and in any order). A Parquet file's flat columns
// are the CSV columns, by the same names, and each of its rows is turned
// into a CSV record read by scoring.ReadRows, so that every value meets
// the checks and messages a CSV cell meets. Positions are rows: line N
// of a Parquet file is its row N (from 1), and a column is not given.
// A TIMESTAMP column becomes RFC 3339 text.

// ErrParquet is a Parquet file that cannot be read as rows.
var ErrParquet = errors.New("not a Parquet file of flat columns")

// readParquet returns the rows of a Parquet file.
func readParquet(ctx context.Context, file fileio.ReadableFile, opt scoring.Options) iter.Seq2[scoring.Row, error] {
	return func(yield func(scoring.Row, error) bool) {
		f, size, done, err := openAt(ctx, file)
		if err != nil {
			yield(scoring.Row{}, err)
			return
		}
		defer done()
		pf, cols, err := openParquet(f, size)
		if err != nil {
			yield(scoring.Row{}, &scoring.ParseError{File: opt.Name, Err: err})
			return
		}
		pr, pw := io.Pipe()
		go func() { pw.CloseWithError(writeCSV(pw, pf, cols)) }()
		defer pr.Close() // a reader that stops early ends the writer
		reject := opt.Reject
		if reject != nil {
			opt.Reject = func(e *scoring.ParseError) { reject(rowOfParquet(e)) }
		}
		for r, err := range scoring.ReadRows(pr, opt) {
			var pe *scoring.ParseError
			if errors.As(err, &pe) {
				rowOfParquet(pe)
				if errors.Is(pe.Err, ErrParquet) {
					pe.Line = 0
				}
			}
			r.Line--
			if e := r.Bad(); e != nil {
				rowOfParquet(e)
			}
			if !yield(r, err) {
				return
			}
		}
	}
}

// rowOfParquet turns the position of a problem in the CSV text into the
// row of the Parquet file.
func rowOfParquet(e *scoring.ParseError) *scoring.ParseError {
	e.Line, e.Column = max(0, e.Line-1), 0
	return e
}

// openAt opens the file for reading at any offset: a local file in
// place, any other copied to a temporary file first.
func openAt(ctx context.Context, file fileio.ReadableFile) (io.ReaderAt, int64, func(), error) {
	name := file.Metadata.Path
	if !strings.Contains(name, "://") {
		f, err := os.Open(name)
		if err != nil {
			return nil, 0, nil, err
		}
		info, err := f.Stat()
		if err != nil {
			f.Close()
			return nil, 0, nil, err
		}
		return f, info.Size(), func() { f.Close() }, nil
	}
	rc, err := file.Open(ctx)
	if err != nil {
		return nil, 0, nil, err
	}
	defer rc.Close()
	tmp, err := os.CreateTemp("", "peakend-parquet-*")
	if err != nil {
		return nil, 0, nil, err
	}
	done := func() { tmp.Close(); os.Remove(tmp.Name()) }
	size, err := io.Copy(tmp, rc)
	if err != nil {
		done()
		return nil, 0, nil, fmt.Errorf("%s: %w", name, err)
	}
	return tmp, size, done, nil
}

// A parquetColumn is one flat column: its name, and whether it holds
// timestamps, in which unit.
type parquetColumn struct {
	name string
	unit time.Duration // of a TIMESTAMP column; 0 for any other
}

// openParquet opens a Parquet file and returns its flat columns; the
// library's panics on a corrupt file become an error.
func openParquet(r io.ReaderAt, size int64) (pf *parquet.File, cols []parquetColumn, err error) {
	defer func() {
		if p := recover(); p != nil {
			pf, cols, err = nil, nil, fmt.Errorf("%w: %v", ErrParquet, p)
		}
	}()
	pf, err = parquet.OpenFile(r, size)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrParquet, err)
	}
	for _, c := range pf.Root().Columns() {
		if !c.Leaf() || c.Repeated() {
			return nil, nil, fmt.Errorf("%w: column %s is nested or repeated", ErrParquet, c.Name())
		}
		cols = append(cols, parquetColumn{name: c.Name(), unit: timestampUnit(c.Type().LogicalType())})
	}
	return pf, cols, nil
}

func timestampUnit(lt *format.LogicalType) time.Duration {
	if lt == nil {
		return 0
	}
	ts, ok := lt.Value.(*format.TimestampType)
	if !ok {
		return 0
	}
	switch ts.Unit.Value.(type) {
	case *format.MilliSeconds:
		return time.Millisecond
	case *format.MicroSeconds:
		return time.Microsecond
	}
	return time.Nanosecond
}

// writeCSV writes the rows of pf as CSV with a header of its columns'
// names; a panic of the library on a corrupt page becomes an error.
func writeCSV(w io.Writer, pf *parquet.File, cols []parquetColumn) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: %v", ErrParquet, p)
		}
	}()
	var line []byte
	for i, c := range cols {
		if i > 0 {
			line = append(line, ',')
		}
		line = scoring.AppendCSVTextVerbatim(line, c.name)
	}
	if _, err := w.Write(append(line, '\n')); err != nil {
		return err
	}
	reader := parquet.NewReader(pf)
	defer reader.Close()
	rows := make([]parquet.Row, 256)
	cells := make([][]byte, len(cols))
	for {
		n, err := reader.ReadRows(rows)
		for _, row := range rows[:n] {
			line = appendRecord(line[:0], row, cols, cells)
			if _, err := w.Write(line); err != nil {
				return err
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%w: %v", ErrParquet, err)
		}
	}
}

// appendRecord appends one Parquet row as a CSV record.
func appendRecord(b []byte, row parquet.Row, cols []parquetColumn, cells [][]byte) []byte {
	for i := range cells {
		cells[i] = cells[i][:0]
	}
	for _, v := range row {
		i := v.Column()
		if i < 0 || i >= len(cols) || v.IsNull() {
			continue
		}
		cells[i] = appendValue(cells[i], v, cols[i])
	}
	for i, cell := range cells {
		if i > 0 {
			b = append(b, ',')
		}
		b = scoring.AppendCSVTextVerbatim(b, string(cell))
	}
	return append(b, '\n')
}

// appendValue appends a value as the text a CSV cell would hold.
func appendValue(b []byte, v parquet.Value, c parquetColumn) []byte {
	switch v.Kind() {
	case parquet.Int64:
		switch n := v.Int64(); c.unit {
		case time.Millisecond:
			return time.UnixMilli(n).UTC().AppendFormat(b, time.RFC3339Nano)
		case time.Microsecond:
			return time.UnixMicro(n).UTC().AppendFormat(b, time.RFC3339Nano)
		case time.Nanosecond:
			return time.Unix(0, n).UTC().AppendFormat(b, time.RFC3339Nano)
		}
		return strconv.AppendInt(b, v.Int64(), 10)
	case parquet.Int32:
		return strconv.AppendInt(b, int64(v.Int32()), 10)
	case parquet.Float:
		return strconv.AppendFloat(b, float64(v.Float()), 'g', -1, 32)
	case parquet.Double:
		return strconv.AppendFloat(b, v.Double(), 'g', -1, 64)
	case parquet.ByteArray, parquet.FixedLenByteArray:
		return append(b, v.ByteArray()...)
	}
	return append(b, v.String()...)
}
