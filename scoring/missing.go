package scoring

import (
	"bytes"
	"fmt"
	"io"
	"strings"
)

// MissingRatings says what Read does with a moment whose rating is
// missing: an empty cell, or N/A, NA, -, 无 or #N/A (any case, spaces
// around).
type MissingRatings int

const (
	// RejectVisit refuses the whole visit: each of its rows is a bad
	// row (see Options.Reject), the missing rating's with ErrMissing and
	// the others with ErrVisitRejected, and the visit is not read.
	RejectVisit MissingRatings = iota
	// SkipMissing reads the visit without the moment, and counts it in
	// Visit.Missing. A visit with no rating left is refused as under
	// RejectVisit.
	SkipMissing
)

// String returns the policy's name, as ParseMissingRatings reads it.
func (m MissingRatings) String() string {
	switch m {
	case RejectVisit:
		return "reject-visit"
	case SkipMissing:
		return "skip"
	}
	return fmt.Sprintf("MissingRatings(%d)", int(m))
}

// ParseMissingRatings returns the policy named "reject-visit" or "skip".
func ParseMissingRatings(s string) (MissingRatings, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "reject-visit", "reject":
		return RejectVisit, nil
	case "skip":
		return SkipMissing, nil
	}
	return 0, fmt.Errorf("unknown way with missing ratings %q; say reject-visit or skip", s)
}

// missingRating reports whether a rating cell says "no rating".
func missingRating(b []byte) bool {
	if len(b) > 0 && '0' <= b[0] && b[0] <= '9' {
		return false // a number, as nearly every rating is: no missing form starts with a digit
	}
	return missingForm(b)
}

func missingForm(b []byte) bool {
	b = bytes.Trim(b, " \t")
	switch len(b) {
	case 0:
		return true
	case 1:
		return b[0] == '-'
	case 2:
		return (b[0]|0x20) == 'n' && (b[1]|0x20) == 'a'
	case 3:
		return string(b) == "无" || (b[0]|0x20) == 'n' && b[1] == '/' && (b[2]|0x20) == 'a'
	case 4: // #N/A, a spreadsheet's error value for "not available"
		return b[0] == '#' && (b[1]|0x20) == 'n' && b[2] == '/' && (b[3]|0x20) == 'a'
	}
	return false
}

// checkText checks the options of how text input is read.
func (opt *Options) checkText() error {
	switch {
	case opt.Encoding < DetectEncoding || opt.Encoding > GB18030:
		return fmt.Errorf("scoring: Read with unknown %v", opt.Encoding)
	case opt.Separator != 0 && opt.Separator != ',' && opt.Separator != '\t' && opt.Separator != ';':
		return fmt.Errorf("scoring: Read with separator %q; separators are comma, tab and semicolon", opt.Separator)
	case opt.Missing != RejectVisit && opt.Missing != SkipMissing:
		return fmt.Errorf("scoring: Read with unknown %v", opt.Missing)
	}
	return nil
}

// NewFeatureWriterMissing returns a FeatureWriter whose rows end with one
// more column, missing: the moments of the visit read without a rating
// (Visit.Missing), so that a visit scored on fewer moments than it had
// says so. NewFeatureWriter writes no such column.
func NewFeatureWriterMissing(w io.Writer) *FeatureWriter {
	fw := NewFeatureWriter(w)
	fw.missing = true
	return fw
}
