package scoring

import (
	"errors"
	"fmt"
)

// The kinds of bad input a ParseError wraps, in the style of
// encoding/csv: test them with errors.Is. The error's own text says what
// was found, such as "7 is outside the scale 1..5".
var (
	ErrHeader        = errors.New("bad CSV header")
	ErrFieldCount    = errors.New("wrong number of fields")
	ErrQuote         = errors.New(`extraneous or missing " in quoted field`)
	ErrBareQuote     = errors.New(`bare " in unquoted field; quote the whole field and double the quote`)
	ErrJSON          = errors.New("not a JSON visit")
	ErrMissing       = errors.New("a required value is missing")
	ErrText          = errors.New("text is not valid UTF-8 without control characters")
	ErrNotNumber     = errors.New("not a decimal number")
	ErrNotFinite     = errors.New("not a finite number")
	ErrOutOfScale    = errors.New("rating outside the scale")
	ErrOutOfRange    = errors.New("number outside its range")
	ErrTime          = errors.New("not a time")
	ErrMixedTimes    = errors.New("a visit mixes kinds of time")
	ErrConflict      = errors.New("a visit's rows disagree")
	ErrVisitTooLarge = errors.New("visit too large")
	// ErrVisitRejected is a good row of a visit that has a bad row: the
	// visit is read whole or not at all.
	ErrVisitRejected = errors.New("another row of the visit is bad")
	ErrEncoding      = errors.New("unsupported text encoding")
	ErrScale         = errors.New("unusable scale")
	ErrLineTooLong   = fmt.Errorf("line longer than %d MiB", MaxLine>>20)
	// ErrReappears is a visit whose rows are not together, or a JSON
	// line whose visit id an earlier line had; Options.Unsorted accepts
	// them.
	ErrReappears = errors.New("visit reappears")
	// ErrConfirmBudget ends a read where so many visits reappear that
	// confirming each would read the input again and again (see
	// ConfirmBudget).
	ErrConfirmBudget = errors.New("too many visits reappear to confirm each one; the input is not grouped by visit: set Options.Unsorted")
)

// A detail is an error of one kind with a text of its own.
type detail struct {
	kind error
	text string
}

func (d *detail) Error() string { return d.text }
func (d *detail) Unwrap() error { return d.kind }

// errorf returns an error of the given kind that reads as the format.
func errorf(kind error, format string, args ...any) error {
	return &detail{kind, fmt.Sprintf(format, args...)}
}
