package pipeline

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // Config.TimeZone names a zone on workers without a zone database

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/scoring"
)

func init() {
	register.DoFn4x1[string, func(*scoring.Row) bool, func(scoring.Visit), func(string), error](&joinFn{})
	register.Iter1[scoring.Row]()
	register.Emitter1[scoring.Visit]()
}

// JoinVisits groups the rows by visit id, wherever they were read, and
// joins each visit's rows into a scoring.Visit by scoring.Join: the
// single machine's checks and messages, the visit whole or not at all.
// Its bad rows go to rejects.
func JoinVisits(s beam.Scope, cfg Config, rows beam.PCollection) (visits, rejects beam.PCollection) {
	s = s.Scope("peakend.JoinVisits")
	return beam.ParDo2(s, &joinFn{Config: cfg}, beam.GroupByKey(s, rows))
}

type joinFn struct {
	Config Config
	opt    scoring.Options
	words  func(string) string
	rows   []scoring.Row
}

func (fn *joinFn) Setup() error {
	opt, err := fn.Config.options("")
	fn.opt, fn.words = opt, fn.Config.words()
	return err
}

func (fn *joinFn) ProcessElement(id string, rows func(*scoring.Row) bool, emit func(scoring.Visit), reject func(string)) error {
	opt := fn.opt
	opt.Reject = func(e *scoring.ParseError) {
		reject(string(scoring.AppendReject(nil, e, fn.words, fn.Config.Verbatim)))
	}
	// A visit holds at most MaxMoments moments: the rows past one more
	// than that are rejected as they come, not held.
	if opt.MaxMoments <= 0 {
		opt.MaxMoments = scoring.DefaultMaxMoments
	}
	limit := opt.MaxMoments + 1
	fn.rows = fn.rows[:0]
	var r scoring.Row
	for rows(&r) {
		if len(fn.rows) < limit {
			fn.rows = append(fn.rows, r)
			continue
		}
		opt.Reject(&scoring.ParseError{File: r.File, Line: r.Line, Visit: r.Visit, Record: r.Record,
			Err: fmt.Errorf("%w: more than %d moments (Options.MaxMoments)", scoring.ErrVisitTooLarge, opt.MaxMoments)})
	}
	v, err := scoring.Join(fn.rows, opt)
	clear(fn.rows)
	switch {
	case errors.Is(err, scoring.ErrVisitRejected):
		return nil
	case err != nil:
		return fmt.Errorf("visit %q: %w", id, err)
	}
	emit(v)
	return nil
}

// Check refuses a Config no data can be read with: a blueprint that
// does not validate, a time zone not known, a scale that rates nothing.
// Run it before the pipeline is built, so that no data is read.
func (c *Config) Check() error {
	if err := c.Scale.Validate(); err != nil {
		return err
	}
	_, err := c.options("")
	return err
}

// options returns the reading options of c; the blueprint's names of
// purposes, touchpoints and columns come with them.
func (c *Config) options(name string) (scoring.Options, error) {
	opt := scoring.Options{Name: name, Scale: c.Scale, Encoding: c.Encoding, Separator: c.Separator,
		Missing: c.Missing, MaxMoments: c.MaxMoments}
	if c.TimeZone != "" {
		loc, err := time.LoadLocation(c.TimeZone)
		if err != nil {
			return opt, err
		}
		opt.Location = loc
	}
	b, err := c.Load()
	if err != nil || b == nil {
		return opt, err
	}
	opt.Names, opt.Columns = mot.NewNames(b), mot.Columns(b)
	return opt, nil
}

// words returns the replacer of the library's words in rejected rows'
// reasons by the command's (Config.Words), or nil.
func (c *Config) words() func(string) string {
	if len(c.Words) == 0 {
		return nil
	}
	olds := make([]string, 0, len(c.Words))
	for old := range c.Words {
		olds = append(olds, old)
	}
	// The longest first, so that a phrase wins over a word in it.
	slices.SortFunc(olds, func(a, b string) int { return cmp.Or(len(b)-len(a), strings.Compare(a, b)) })
	var pairs []string
	for _, old := range olds {
		pairs = append(pairs, old, c.Words[old])
	}
	return strings.NewReplacer(pairs...).Replace
}
