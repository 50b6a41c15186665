package analyze

import (
	"errors"
	"fmt"
)

// ErrFeatures, wrapped by an error that says more, for errors.Is (the
// other errors of a fit are in identify.go).
var (
	// ErrFeatures: NewFitter was given no features, an unknown one, or
	// one twice.
	ErrFeatures = errors.New("bad features to fit on")
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
