package scoring

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// Parallel says how ReadRanges splits its input.
type Parallel struct {
	// Workers is how many ranges are read at once; 0 means
	// runtime.GOMAXPROCS(0).
	Workers int
	// RangeBytes is the size of a range; 0 means DefaultRangeBytes. A
	// size above the default is lowered, to no less than the default,
	// where the input would make fewer than 8 ranges. The ranges
	// depend on it and on the input only, never on Workers, and
	// each range has an accumulator of its own merged in input order:
	// so every sum, and every output, is the same on one core or many.
	RangeBytes int64
	// Features defines the features each visit is scored with
	// (ComputeWith); the zero value is Compute's.
	Features FeatureOptions
}

// DefaultRangeBytes is the size of a range of ReadRanges: large enough
// that the seams cost nothing, small enough that 16 cores have ranges
// to share on a file of 100 MB.
const DefaultRangeBytes = 4 << 20

// minRanges is how many ranges an input is cut into at least, where
// ranges of DefaultRangeBytes allow: enough to keep 8 cores busy.
const minRanges = 8

// rangeSize is the size of the ranges of an input of size bytes when
// asked is: ranges larger than the default are asked for to make fewer
// parts, but not so few that an input is read in sequence, or shared by
// fewer than minRanges, when ranges of the default would not be.
func rangeSize(asked, size int64) int64 {
	if asked <= 0 {
		return DefaultRangeBytes
	}
	return min(asked, max(DefaultRangeBytes, size/minRanges))
}

// ReadRanges reads the visits of the input r, of size bytes, on every
// core: the input is cut into ranges at line boundaries, and each range
// is parsed, assembled into visits, scored (ComputeWith Parallel.Features) and added to an
// accumulator of its own, newPart's, on one goroutine, without handing
// rows to another. commit receives the parts in input order, on the
// caller's goroutine, as do Options.Reject and the error returned:
// what Read would yield, at the same place and with the same message.
// A part is committed before the error of its range is returned, so
// that it holds the visits before the bad row. A part that is a
// Resetter is reused once committed (see Resetter).
//
// A visit whose rows straddle two ranges is read by the range it starts
// in, which reads on past its end until the next visit opens (a range
// skips the rows its predecessor takes). At most Workers+2 ranges are
// held at once, so memory does not grow with the input.
//
// Ids are checked to appear once as Read checks them: within a range
// while they increase, and across ranges by comparing the last id of
// one with the first of the next. At the first id out of order the
// input is read from the start of the range before in sequence on the
// caller's goroutine, with Read's id set and its confirmation by
// reading again. Some inputs are read in sequence from the start: one
// under Options.Unsorted, a CSV input with a quote character after its
// header (a quoted field may hold a newline, so a line need not start a
// row), an input that is not UTF-8 (it is decoded as a whole), and one
// of a single range.
func ReadRanges(r io.ReaderAt, size int64, opt Options, par Parallel, newPart func() Accumulator, commit func(Accumulator) error) error {
	opt = opt.withDefaults()
	switch {
	case r == nil:
		return errors.New("scoring: ReadRanges of a nil io.ReaderAt")
	case newPart == nil || commit == nil:
		return errors.New("scoring: ReadRanges needs newPart and commit")
	}
	if err := opt.check(); err != nil {
		return err
	}
	if par.Workers <= 0 {
		par.Workers = runtime.GOMAXPROCS(0)
	}
	par.RangeBytes = rangeSize(par.RangeBytes, size)
	rr := &rangeReader{r: r, size: size, opt: opt, par: par, newPart: newPart, commit: commit, spares: make(chan Resetter, par.Workers+2)}
	if opt.Unsorted || !rr.plan() {
		return rr.inSequence()
	}
	return rr.run()
}

// A rangeReader holds the plan of one ReadRanges.
type rangeReader struct {
	r       io.ReaderAt
	size    int64
	opt     Options
	par     Parallel
	newPart func() Accumulator
	commit  func(Accumulator) error
	spares  chan Resetter // committed parts, for reuse; as many as ranges are held at once

	layout csvLayout
	width  int
	enc    Encoding // the ranges' encoding: UTF8, or GB18030 when Options say so
	sep    byte     // the field separator the header uses
	starts []int64  // where each range starts, at a line start; the last ends at size
	lines  []int    // lines before each range
	data   int64    // where the rows start: after the header and any byte order mark
}

// part returns a part for a range: a committed one, reset, when there
// is one, else newPart's.
func (rr *rangeReader) part() Accumulator {
	select {
	case spare := <-rr.spares:
		spare.Reset()
		return spare
	default:
		return rr.newPart()
	}
}

// commitPart commits part, and keeps it for reuse when it is a
// Resetter.
func (rr *rangeReader) commitPart(part Accumulator) error {
	if err := rr.commit(part); err != nil {
		return err
	}
	if spare, ok := part.(Resetter); ok {
		select {
		case rr.spares <- spare:
		default: // enough kept
		}
	}
	return nil
}

// sequencePart is how many visits a part of an input read in sequence
// takes: parts are committed as they fill, so that what a part holds
// (score's rows) does not grow with the input.
const sequencePart = 1 << 14

// inSequence reads the whole input as Read does, committing a part at
// every sequencePart visits.
func (rr *rangeReader) inSequence() error {
	part := rr.part()
	n := 0
	var f Features // outside the loop, so that Add's pointer does not allocate for each visit
	for v, err := range Read(io.NewSectionReader(rr.r, 0, rr.size), rr.opt) {
		if err != nil {
			if cerr := rr.commitPart(part); cerr != nil {
				return cerr
			}
			return err
		}
		if n++; n%sequencePart == 0 {
			if err := rr.commitPart(part); err != nil {
				return err
			}
			part = rr.part()
		}
		computeInto(&f, &v, rr.opt.Scale, rr.par.Features)
		part.Add(&v, &f)
	}
	return rr.commitPart(part)
}

// plan finds the header, the ranges and the lines before each; false
// means the input is read in sequence.
func (rr *rangeReader) plan() bool {
	if rr.size < 2*rr.par.RangeBytes {
		return false
	}
	head := make([]byte, 4)
	if _, err := rr.r.ReadAt(head, 0); err != nil {
		return false
	}
	if dr, err := decodeInput(bytes.NewReader(head)); err != nil {
		return false
	} else if _, utf8 := dr.(*bufio.Reader); !utf8 {
		return false // decoded as a whole
	}
	if !rr.header(head) {
		return false
	}
	for at := rr.data; at < rr.size; {
		rr.starts = append(rr.starts, at)
		next, ok := rr.lineAfter(at + rr.par.RangeBytes)
		if !ok {
			break
		}
		at = next
	}
	if len(rr.starts) < 2 {
		return false
	}
	return rr.countLines()
}

// header reads the CSV header as Read does; an input whose header Read
// refuses is read in sequence, to refuse it the same way.
func (rr *rangeReader) header(head []byte) bool {
	rr.enc, rr.sep = UTF8, ','
	if rr.opt.Encoding == GB18030 {
		rr.enc = GB18030
	}
	if rr.opt.Format == JSONL {
		if bytes.HasPrefix(head, []byte("\xef\xbb\xbf")) {
			rr.data = 3
		}
		return true
	}
	dr, _ := decodeInput(io.NewSectionReader(rr.r, 0, rr.size))
	sc := newCSVScanner(dr, rr.opt.Encoding, rr.opt.Separator)
	if sc.next() != nil || sc.lineErr != nil || sc.dec.detected != 0 {
		return false
	}
	p := &parser{opt: rr.opt}
	layout, err := p.csvHeader(sc)
	if err != nil {
		return false
	}
	rr.layout, rr.width, rr.sep = layout, sc.count(), sc.sep
	// The rows start after the header's lines (blank lines before it
	// included).
	at := int64(0)
	for range sc.line {
		next, ok := rr.lineAfter(at + 1)
		if !ok {
			return false
		}
		at = next
	}
	rr.data = at
	return true
}

// lineAfter returns the start of the first line that starts at or after
// at, false when none does.
func (rr *rangeReader) lineAfter(at int64) (int64, bool) {
	if at >= rr.size {
		return 0, false
	}
	buf := make([]byte, 64<<10)
	for pos := at - 1; pos < rr.size; pos += int64(len(buf)) {
		n, err := rr.r.ReadAt(buf, pos)
		if i := bytes.IndexByte(buf[:n], '\n'); i >= 0 {
			next := pos + int64(i) + 1
			return next, next < rr.size
		}
		if err != nil {
			return 0, false
		}
	}
	return 0, false
}

// countLines counts the lines of each range, on every worker, and
// refuses a CSV input with quotes among its rows.
func (rr *rangeReader) countLines() bool {
	counts := make([]int, len(rr.starts))
	var quoted, failed atomic.Bool
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(rr.par.Workers, len(rr.starts)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]byte, 256<<10)
			for k := int(next.Add(1) - 1); k < len(rr.starts) && !quoted.Load(); k = int(next.Add(1) - 1) {
				lo, hi := rr.starts[k], rr.end(k)
				for pos := lo; pos < hi; {
					n, err := rr.r.ReadAt(buf[:min(int64(len(buf)), hi-pos)], pos)
					if err != nil && pos+int64(n) < hi {
						failed.Store(true)
						return
					}
					chunk := buf[:n]
					if pos+int64(n) < hi { // whole lines only, so that no character is cut
						chunk = chunk[:bytes.LastIndexByte(chunk, '\n')+1]
					}
					if len(chunk) == 0 || rr.enc == UTF8 && !utf8.Valid(chunk) {
						failed.Store(true) // a line too long to check here, or text Read decodes otherwise
						return
					}
					counts[k] += bytes.Count(chunk, []byte{'\n'})
					if rr.opt.Format == CSV && bytes.IndexByte(chunk, '"') >= 0 {
						quoted.Store(true)
					}
					pos += int64(len(chunk))
				}
			}
		}()
	}
	wg.Wait()
	if quoted.Load() || failed.Load() {
		return false
	}
	rr.lines = make([]int, len(rr.starts))
	before := 0
	if rr.opt.Format == CSV {
		before = bytes.Count(rr.readSpan(0, rr.data), []byte{'\n'})
	}
	for k := range rr.starts {
		rr.lines[k] = before
		before += counts[k]
	}
	return true
}

func (rr *rangeReader) end(k int) int64 {
	if k+1 < len(rr.starts) {
		return rr.starts[k+1]
	}
	return rr.size
}

// readSpan returns the bytes lo..hi of the input, nil on an error.
func (rr *rangeReader) readSpan(lo, hi int64) []byte {
	b := make([]byte, hi-lo)
	if n, err := rr.r.ReadAt(b, lo); n < len(b) && err != nil {
		return nil
	}
	return b
}

// A rangeResult is what the reading of one range found.
type rangeResult struct {
	part       Accumulator
	rejects    []*ParseError
	err        error
	disordered bool   // an id out of order: the range is read again in sequence
	first      []byte // the first id of the range's own visits; nil when none
	last       []byte // the last id of its visits, in increasing order
	done       chan struct{}
}

// readRange reads range k on a worker, into a part of its own.
func (rr *rangeReader) readRange(k int, res *rangeResult, stop *atomic.Bool) {
	res.part = rr.part()
	f := new(Features) // one for every visit: Add keeps no pointer
	spec := rangeSpec{k: k, endLine: rr.endLine(k), stop: stop, add: func(v *Visit) bool {
		computeInto(f, v, rr.opt.Scale, rr.par.Features)
		res.part.Add(v, f)
		return true
	}}
	if rr.opt.Reject != nil {
		spec.reject = func(e *ParseError) { res.rejects = append(res.rejects, e) }
	}
	a := rr.read(&spec, res)
	if a.seen.started && a.seen.ordered {
		res.last = bytes.Clone(a.seen.last)
	}
}

// endLine is the last line of range k; 0 for the last range, which
// ends with the input.
func (rr *rangeReader) endLine(k int) int {
	if k+1 < len(rr.lines) {
		return rr.lines[k+1]
	}
	return 0
}

// fromRange reads the input in sequence from range k on, on the
// caller's goroutine, with Read's id set; last is the last id before
// range k. It commits a part at each range's end, so that the parts are
// those of any run.
func (rr *rangeReader) fromRange(k int, last []byte) error {
	rp := &replay{opt: rr.opt, src: rr.r}
	rp.read.Store(rr.starts[k])
	part := rr.part()
	cut := k + 1 // the range whose start commits the part
	var commitErr error
	f := new(Features)
	spec := rangeSpec{k: k, replay: rp, last: last, reject: rr.opt.Reject, add: func(v *Visit) bool {
		for ; cut < len(rr.lines) && v.Line > rr.lines[cut]; cut++ {
			if commitErr = rr.commitPart(part); commitErr != nil {
				return false
			}
			part = rr.part()
		}
		computeInto(f, v, rr.opt.Scale, rr.par.Features)
		part.Add(v, f)
		return true
	}}
	var res rangeResult
	rr.read(&spec, &res)
	if commitErr != nil {
		return commitErr
	}
	if err := rr.commitPart(part); err != nil {
		return err
	}
	return res.err
}

// A rangeSpec says how one range is read.
type rangeSpec struct {
	k       int
	endLine int          // rows after it are the next range's, but those that continue the last visit; 0: no end
	replay  *replay      // reads the input again to confirm ids; nil in a worker, which stops at an id out of order
	last    []byte       // the last id before the range, when it is read in sequence
	stop    *atomic.Bool // set when the reading is no longer wanted
	reject  func(*ParseError)
	add     func(*Visit) bool // takes a visit; false stops
}

// read parses, assembles and adds the visits of one range with the
// parser and assembler of Read, on one goroutine. The rows before the
// range's first good row of another visit than the one before it are
// skipped: the range before reads them.
func (rr *rangeReader) read(s *rangeSpec, res *rangeResult) *assembler {
	opt := rr.opt
	opt.Reject = s.reject
	visit := new(Visit) // every visit's copy: one allocation, not one a visit
	a := newAssembler(opt, s.replay, func(v Visit, err error) bool {
		if err != nil {
			res.err = err
			return false
		}
		*visit = v
		return s.add(visit)
	})
	if s.last != nil {
		a.seen.started, a.seen.last = true, bytes.Clone(s.last)
	}
	prev := rr.prevID(s.k)
	skipping := s.k > 0 // range 0 has no range before it
	batch := rangeBatches.Get().(*rowBatch)
	defer rangeBatches.Put(batch)
	p := &parser{opt: opt, intern: map[string]string{}, batch: batch}
	// take takes a row at the range's edges: its first rows, which may
	// be the range before's, and those past its end, which may be the
	// next's. The rows between go to the assembler as they are.
	take := func(r *row) bool {
		good := r.bad == nil && r.fatal == nil
		if skipping {
			if r.fatal != nil {
				return false // the range before meets it too
			}
			if !good || (prev != nil && bytes.Equal(r.visit, prev)) {
				return true
			}
			skipping = false
		}
		if s.endLine > 0 && r.line > s.endLine && good && r.line != a.badLine && (a.cur == nil || string(r.visit) != a.cur.ID) {
			return false // the next range's
		}
		if res.first == nil && good {
			res.first = bytes.Clone(r.visit)
		}
		return a.take(r)
	}
	inner := s.endLine // the last line of the rows between the edges
	if inner == 0 {
		inner = math.MaxInt
	}
	p.eachBatch = func(b *rowBatch) bool {
		if s.stop != nil && s.stop.Load() { // asked a batch at a time: a row more or less of a reading no longer wanted changes nothing
			return false
		}
		for rows := b.rows; len(rows) > 0; rows = rows[1:] {
			if !skipping && res.first != nil {
				n, ok := a.takeRows(rows, inner) // those up to the first past inner
				if rows = rows[n:]; !ok || len(rows) == 0 {
					return ok
				}
			}
			if !take(&rows[0]) {
				return false
			}
		}
		return true
	}
	if s.endLine > 0 {
		p.flushAt = s.endLine + 1 // past the end, each row may end the range
	}
	start := rr.starts[s.k]
	var in io.Reader = io.NewSectionReader(rr.r, start, rr.size-start)
	if s.replay != nil {
		in = &countingReader{in, &s.replay.read}
	}
	sc := newCSVScanner(in, rr.enc, rr.sep)
	sc.line = rr.lines[s.k]
	var err error
	if rr.opt.Format == JSONL {
		err = p.jsonRows(sc)
	} else {
		err = p.csvRows(sc, &rr.layout, rr.width)
	}
	if err != nil && !p.stopped {
		p.send(row{fatal: err})
	}
	if !p.stopped && len(p.batch.rows) > 0 {
		p.flush()
	}
	p.batch.reset()
	res.disordered = a.disordered
	if !a.stopped && (s.stop == nil || !s.stop.Load()) {
		a.finish()
	}
	return a
}

// rangeBatches are the batches of rows of the ranges being read.
var rangeBatches = sync.Pool{New: func() any {
	return &rowBatch{rows: make([]row, 0, rangeBatchRows), arena: make([]byte, 0, 32<<10)}
}}

// prevID returns the visit id of the last good row before range k, nil
// when there is none: a range's first rows with that id, and any bad
// rows before its first good row, are read by the range before.
func (rr *rangeReader) prevID(k int) []byte {
	var id []byte
	p := &parser{opt: rr.opt, intern: map[string]string{}, batch: &rowBatch{}}
	p.each = func(r *row) bool {
		if r.bad == nil && r.fatal == nil {
			id = bytes.Clone(r.visit)
		}
		return false
	}
	for end := rr.starts[k] - 1; end > rr.data && id == nil; { // end: the newline ending the line
		start := rr.lineStart(end)
		sc := newCSVScanner(io.NewSectionReader(rr.r, start, end-start), rr.enc, rr.sep)
		p.stopped = false
		if rr.opt.Format == JSONL {
			p.jsonRows(sc)
		} else {
			p.csvRows(sc, &rr.layout, rr.width)
		}
		end = start - 1
	}
	return id
}

// lineStart returns the start of the line that ends at the newline at
// end.
func (rr *rangeReader) lineStart(end int64) int64 {
	buf := make([]byte, 4<<10)
	for hi := end; hi > rr.data; {
		lo := max(rr.data, hi-int64(len(buf)))
		n, _ := rr.r.ReadAt(buf[:hi-lo], lo)
		if i := bytes.LastIndexByte(buf[:n], '\n'); i >= 0 {
			return lo + int64(i) + 1
		}
		hi = lo
	}
	return rr.data
}

// run reads the ranges on the workers and commits them in order. A
// range is committed once the next one is known to start with an id
// greater than every id before it.
func (rr *rangeReader) run() error {
	results := make([]*rangeResult, len(rr.starts))
	for k := range results {
		results[k] = &rangeResult{done: make(chan struct{})}
	}
	var stop atomic.Bool
	quit := make(chan struct{})
	tokens := make(chan struct{}, rr.par.Workers+2) // ranges held at once
	todo := make(chan int)
	var wg sync.WaitGroup
	for range rr.par.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range todo {
				if !stop.Load() {
					rr.readRange(k, results[k], &stop)
				}
				close(results[k].done)
			}
		}()
	}
	go func() {
		defer close(todo)
		for k := range results {
			select {
			case tokens <- struct{}{}:
			case <-quit:
				return
			}
			select {
			case todo <- k:
			case <-quit:
				return
			}
		}
	}()
	var once sync.Once
	halt := func() {
		once.Do(func() {
			stop.Store(true)
			close(quit)
			wg.Wait()
		})
	}
	defer halt()
	var last, lastBefore []byte // the last id so far, and before the pending range
	var pending *rangeResult
	pendingAt := 0
	for k, res := range results {
		<-res.done
		if res.first == nil && res.err == nil && len(res.rejects) == 0 {
			// The range before read all of this one: it has nothing,
			// and the pending range waits for the next first id.
			<-tokens
			continue
		}
		if pending != nil && res.first != nil && last != nil && bytes.Compare(res.first, last) <= 0 {
			// The pending range may have closed a visit that goes on
			// after this range's first id, so it is read again too.
			halt()
			return rr.fromRange(pendingAt, lastBefore)
		}
		if pending != nil {
			if err := rr.deliver(pending); err != nil {
				return err
			}
			<-tokens
		}
		if res.disordered {
			halt()
			return rr.fromRange(k, last)
		}
		lastBefore = last
		if res.last != nil {
			last = res.last
		}
		if res.err != nil {
			return rr.deliver(res)
		}
		pending, pendingAt = res, k
	}
	if pending == nil {
		return nil
	}
	return rr.deliver(pending)
}

// deliver hands a range's rejected rows to Options.Reject and its part
// to commit, and returns the range's error. It lets go of the part and
// the rows, so that memory holds only the ranges not yet committed.
func (rr *rangeReader) deliver(res *rangeResult) error {
	for _, e := range res.rejects {
		rr.opt.Reject(e)
	}
	part := res.part
	res.part, res.rejects = nil, nil
	if part != nil {
		if err := rr.commitPart(part); err != nil {
			return err
		}
	}
	return res.err
}
