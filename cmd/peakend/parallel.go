package main

import (
	"bytes"
	"io"
	"os"
	"sync"
	"sync/atomic"

	"github.com/peakend/peakend/scoring"
)

// rangeBytes is the size of the ranges a file is read in on every core;
// 0 means scoring.DefaultRangeBytes. A test makes it small, so that
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
func eachVisitMerged[T scoring.Accumulator](c *command, e *env, vf *visitFlags, paths []string, acc T, newPart func() T) (code int, ok bool) {
	m, ok := any(acc).(scoring.Merger[T])
	if !ok || m.Merge(newPart()) != nil { // an empty part merges into anything that can merge
		return eachVisit(c, e, vf, paths, acc)
	}
	ranged := func(f *os.File, size int64, opt scoring.Options) error {
		return scoring.ReadRanges(f, size, opt, scoring.Parallel{RangeBytes: rangeBytes},
			func() scoring.Accumulator { return newPart() },
			func(part scoring.Accumulator) error {
				partsMerged.Add(1)
				return m.Merge(part.(T))
			})
	}
	return eachVisitRanged(c, e, vf, paths, acc, ranged)
}

// featureRows writes score's rows: the whole to the command's output, a
// part of a range into a buffer that Merge writes out in order.
type featureRows struct {
	rows *scoring.FeatureWriter
	out  io.Writer     // the whole's output
	buf  *bytes.Buffer // a part's rows, after the header its writer wrote
	new  func() *featureRows
}

func newFeatureRows(out io.Writer, verbatim bool) *featureRows {
	fr := &featureRows{rows: scoring.NewFeatureWriter(out), out: out}
	fr.rows.Verbatim = verbatim
	fr.new = func() *featureRows {
		part := &featureRows{buf: rowBuffers.Get().(*bytes.Buffer)}
		part.rows = scoring.NewFeatureWriter(part.buf)
		part.rows.Verbatim = verbatim
		return part
	}
	return fr
}

// Add writes the row of v; a write error is kept for Flush.
func (fr *featureRows) Add(v *scoring.Visit, f *scoring.Features) { fr.rows.Write(v, f) }

// Merge writes part's rows after those written so far.
func (fr *featureRows) Merge(part *featureRows) error {
	if err := part.rows.Flush(); err != nil {
		return err
	}
	if err := fr.rows.Flush(); err != nil {
		return err
	}
	rows := part.buf.Bytes()[len(scoring.FeaturesHeader())+1:] // each writer begins with the header
	_, err := fr.out.Write(rows)
	part.buf.Reset()
	rowBuffers.Put(part.buf)
	part.buf, part.rows = nil, nil // the buffer is the pool's now
	return err
}

// rowBuffers are the buffers of parts merged, for the next parts: a
// range's rows take about 1.5 MB, which would otherwise be garbage.
var rowBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

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
