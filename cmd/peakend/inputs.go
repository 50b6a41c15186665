package main

import (
	"os"
	"strings"

	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/scoring"
	"github.com/peakend/peakend/scoring/xlsx"
)

// isWorkbook reports whether path is read as an .xlsx workbook: by its
// extension, or by --format xlsx.
func (vf *visitFlags) isWorkbook(path string) bool {
	if vf.format != "" {
		return strings.EqualFold(vf.format, "xlsx")
	}
	return strings.HasSuffix(strings.ToLower(path), ".xlsx")
}

// options are the scoring options of one input.
func (src *visitSource) options(name string, format scoring.Format) (scoring.Options, error) {
	// No command keeps visits past its loop body, so their
	// moments' memory can be reused.
	opt := scoring.Options{Name: name, Format: format, Scale: src.scale, Unsorted: src.flags.unsorted, ReuseMoments: true}
	if err := src.flags.text.apply(src.env, &opt); err != nil {
		return opt, err
	}
	if src.rejects != nil {
		opt.Reject = src.reject
	}
	if b := src.flags.loaded; b != nil {
		if src.names == nil {
			src.names, src.columns = mot.NewNames(b), mot.Columns(b)
		}
		opt.Names = src.names     // purposes and touchpoints by their names too
		opt.Columns = src.columns // and the columns by the names the blueprint declares
	}
	return opt, nil
}

// readWorkbook yields the visits of the --sheet of a workbook, as
// readFile does those of a text file.
func (src *visitSource) readWorkbook(path string, yield func(scoring.Visit, error) bool) bool {
	if path == "-" {
		yield(scoring.Visit{}, usageError{"a workbook is read from a file, not standard input"})
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		yield(scoring.Visit{}, err)
		return false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		yield(scoring.Visit{}, err)
		return false
	}
	opt, err := src.options(path, scoring.CSV)
	if err != nil {
		yield(scoring.Visit{}, err)
		return false
	}
	for v, err := range xlsx.Read(f, info.Size(), src.flags.text.sheet, opt) {
		if !yield(v, err) || err != nil {
			return false
		}
	}
	return true
}
