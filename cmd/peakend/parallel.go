package main

import (
	"cmp"
	"errors"
	"io"
	"os"
	"sync/atomic"

	"github.com/peakend/peakend/scoring"
)

// rangeBytes, when set, is the size of the ranges a file is read in on
// every core, whatever the command asks. A test makes it small, so that
// small files are read in many ranges.
var rangeBytes int64

// partsMerged counts the parts merged, for the test that holds that
// files are read in ranges.
var partsMerged atomic.Int64

// eachVisitMerged is eachVisit for an accumulator whose parts merge:
// each regular file is read on every core (scoring.ReadRanges), into a
// part per range from newPart, merged into acc in input order, so that
// the result is the same on any number of cores. Standard input and
// other streams are read as eachVisit reads them, and so is everything
// for an accumulator without a Merge(T) error method, or one that
// cannot merge an empty part (LeverageMeter until analyze.Fitter can
// merge): the wiring holds for any accumulator that gains Merge.
func eachVisitMerged[T scoring.Accumulator](c *command, e *env, vf *visitFlags, paths []string, acc T, newPart func() T, how reading) (code int, ok bool) {
	how.features = vf.withSteps(how.features) // before the ranges take it
	m, ok := any(acc).(scoring.Merger[T])
	if !ok || m.Merge(newPart()) != nil { // an empty part merges into anything that can merge
		return eachVisitHow(c, e, vf, paths, acc, how)
	}
	how.ranged = func(f *os.File, size int64, opt scoring.Options) error {
		return scoring.ReadRanges(f, size, opt, scoring.Parallel{RangeBytes: cmp.Or(rangeBytes, how.rangeBytes), Features: how.features},
			func() scoring.Accumulator { return newPart() },
			func(part scoring.Accumulator) error {
				partsMerged.Add(1)
				return m.Merge(part.(T))
			})
	}
	return eachVisitHow(c, e, vf, paths, acc, how)
}

// featureRows writes score's rows: the whole to the command's output, a
// part of a range held until Merge writes it in order
// (scoring.FeatureWriter.Part).
type featureRows struct {
	rows *scoring.FeatureWriter
	err  error // the first row that could not be written (a customer without a column), kept as Write keeps it
}

func newFeatureRows(out io.Writer, verbatim, missing bool) *featureRows {
	newWriter := scoring.NewFeatureWriter
	if missing {
		newWriter = scoring.NewFeatureWriterMissing
	}
	rows := newWriter(out)
	rows.Verbatim = verbatim
	return &featureRows{rows: rows}
}

// part returns an empty part of fr's rows.
func (fr *featureRows) part() *featureRows { return &featureRows{rows: fr.rows.Part()} }

// Add writes the row of v; a row's error is kept, and an I/O error is
// kept by the writer for Flush.
func (fr *featureRows) Add(v *scoring.Visit, f *scoring.Features) { fr.keep(fr.rows.Write(v, f)) }

// Merge writes part's rows after those written so far.
func (fr *featureRows) Merge(part *featureRows) error {
	if err := fr.rows.Merge(part.rows); !fr.keep(err) {
		return err
	}
	return nil
}

// keep keeps the first error of a row the header has no column for, as
// score reports it at the end, and says whether err was one (or nil).
func (fr *featureRows) keep(err error) bool {
	if err != nil && !errors.Is(err, scoring.ErrNoWhoColumn) {
		return false
	}
	if fr.err == nil {
		fr.err = err
	}
	return true
}

// Flush writes the rows still buffered.
func (fr *featureRows) Flush() error { return fr.rows.Flush() }

// counted counts the visits an accumulator takes, for the line saying
// what a command wrote.
type counted[T scoring.Merger[T]] struct {
	acc    T
	visits int
}

func (c *counted[T]) Add(v *scoring.Visit, f *scoring.Features) {
	if v != nil && f != nil {
		c.visits++
		c.acc.Add(v, f)
	}
}

func (c *counted[T]) Merge(other *counted[T]) error {
	if err := c.acc.Merge(other.acc); err != nil {
		return err
	}
	c.visits += other.visits
	return nil
}
