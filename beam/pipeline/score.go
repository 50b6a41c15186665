package pipeline

import (
	"bytes"
	"fmt"
	"hash/fnv"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/peakend/peakend/scoring"
)

func init() {
	register.DoFn3x1[scoring.Visit, func(*int) bool, func(int, string), error](&scoreFn{})
	register.DoFn3x1[[]byte, func(*int) bool, func(string), error](&featuresHeaderFn{})
	register.Function1x1[scoring.Visit, int](whoOf)
	register.Function2x1[int, int, int](either)
	register.Iter1[int]()
	register.Emitter2[int, string]()
}

// The customer and site columns of the features, as bits: every shard's
// header has a column when any visit has one, so that all shards have
// the same columns (the single machine takes them from its first visit;
// on input where all visits or none have them the two agree).
const (
	hasCustomer = 1 << iota
	hasSite
)

func whoOf(v scoring.Visit) int {
	bits := 0
	if v.Customer != "" {
		bits |= hasCustomer
	}
	if v.Site != "" {
		bits |= hasSite
	}
	return bits
}

func either(a, b int) int { return a | b }

// whoColumns reads the side input of the columns' bits.
func whoColumns(who func(*int) bool) int {
	bits, b := 0, 0
	for who(&b) {
		bits |= b
	}
	return bits
}

// Score scores each visit by scoring.ComputeWith and returns the rows of
// the features CSV, keyed by the shard they go to (a hash of the visit
// id), and the CSV's header: the text of scoring.FeatureWriter, as
// peakend score writes it.
func Score(s beam.Scope, cfg Config, shards int, visits beam.PCollection) (rows, header beam.PCollection) {
	s = s.Scope("peakend.Score")
	who := beam.Combine(s, either, beam.ParDo(s, whoOf, visits))
	rows = beam.ParDo(s, &scoreFn{Config: cfg, Shards: shards}, visits, beam.SideInput{Input: who})
	header = beam.ParDo(s, &featuresHeaderFn{Config: cfg}, beam.Impulse(s), beam.SideInput{Input: who})
	return rows, header
}

// newFeatureWriter returns the writer of features peakend score makes
// for these options, with the columns given.
func (c *Config) newFeatureWriter(buf *bytes.Buffer, bits int) *scoring.FeatureWriter {
	newWriter := scoring.NewFeatureWriter
	if c.Missing == scoring.SkipMissing {
		newWriter = scoring.NewFeatureWriterMissing
	}
	fw := newWriter(buf)
	fw.Verbatim = c.Verbatim
	fw.FixColumns(bits&hasCustomer != 0, bits&hasSite != 0)
	return fw
}

type scoreFn struct {
	Config Config
	Shards int
	fw     *scoring.FeatureWriter
	buf    bytes.Buffer
	header bool // the header, written with the first row, is still in buf
}

func (fn *scoreFn) ProcessElement(v scoring.Visit, who func(*int) bool, emit func(int, string)) error {
	if fn.fw == nil {
		fn.fw, fn.header = fn.Config.newFeatureWriter(&fn.buf, whoColumns(who)), true
	}
	f := scoring.ComputeWith(&v, fn.Config.Scale, fn.Config.Features)
	if err := fn.fw.Write(&v, &f); err != nil {
		return fmt.Errorf("visit %q: %w", v.ID, err)
	}
	if err := fn.fw.Flush(); err != nil {
		return err
	}
	text := fn.buf.Bytes()
	if fn.header {
		_, text, _ = bytes.Cut(text, []byte("\n"))
		fn.header = false
	}
	emit(shardOf(v.ID, fn.Shards), string(text))
	fn.buf.Reset()
	return nil
}

type featuresHeaderFn struct {
	Config Config
}

func (fn *featuresHeaderFn) ProcessElement(_ []byte, who func(*int) bool, emit func(string)) error {
	var buf bytes.Buffer
	if err := fn.Config.newFeatureWriter(&buf, whoColumns(who)).Flush(); err != nil {
		return err
	}
	emit(buf.String())
	return nil
}

// shardOf is the shard of a text: a hash of it, so that the same input
// gives the same shards on any runner.
func shardOf(key string, shards int) int {
	h := fnv.New32a()
	h.Write([]byte(key))
	return int(h.Sum32() % uint32(max(shards, 1)))
}

// ReadVisits reads the visits of the files matching input: their rows
// read (ReadRows) and joined (JoinVisits), and the rows rejected on the
// way, as lines of a rejects file.
func ReadVisits(s beam.Scope, cfg Config, input string) (visits, rejects beam.PCollection) {
	rows, readRejects := ReadRows(s, cfg, input)
	visits, joinRejects := JoinVisits(s, cfg, rows)
	return visits, beam.Flatten(s, readRejects, joinRejects)
}

// ScoreFiles builds peakend score as a pipeline: the visits of the files
// matching input, scored, to output-features-SSSSS-of-NNNNN.csv in
// shards shards, and the rejected rows to output-rejects-….csv.
func ScoreFiles(s beam.Scope, cfg Config, input, output string, shards int) {
	visits, rejects := ReadVisits(s, cfg, input)
	rows, header := Score(s, cfg, shards, visits)
	WriteShards(s, output+"-features", shards, header, rows)
	WriteRejects(s, output, rejects)
}
