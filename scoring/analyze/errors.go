package analyze

import (
	"errors"
	"fmt"
)

// The errors of a fit, each wrapped by an error that says more, for
// errors.Is.
var (
	// ErrFeatures: NewFitter was given no features, an unknown one, or
	// one twice.
	ErrFeatures = errors.New("bad features to fit on")
	// ErrTooFewVisits: a fit needs more usable visits (with a remembered
	// rating and every feature) than it has terms.
	ErrTooFewVisits = errors.New("too few visits to fit")
	// ErrCollinear: the features are collinear, or one is constant, so
	// that no fit is unique.
	ErrCollinear = errors.New("collinear features")
)

// kindError is an error of one of the kinds above whose message says it
// all: Error is the message, Unwrap the kind.
type kindError struct {
	kind error
	msg  string
}

func (e *kindError) Error() string { return e.msg }
func (e *kindError) Unwrap() error { return e.kind }

func errorOf(kind error, format string, args ...any) error {
	return &kindError{kind, fmt.Sprintf(format, args...)}
}
