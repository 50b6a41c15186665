package scoring

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"sync"
	"sync/atomic"
)

// A replay reads the input again from its start, so that the id set can
// confirm a fingerprint against the exact id (see idSet). An input that
// can seek (a file, a bytes.Reader) is read again in place; any other,
// such as standard input, is copied as it is read: its first MiB in
// memory, the rest into a temporary file in Options.TempDir, removed
// when reading ends.
type replay struct {
	opt     Options
	src     io.ReaderAt
	base    int64 // the input's offset when Read began
	spill   *spill
	read    atomic.Int64 // bytes the parser has read so far
	scanned int64        // bytes read again to confirm ids
}

// ConfirmBudget bounds the work of confirming visit ids: the input is
// read again at most ConfirmBudget bytes plus four times the input read
// so far. Only a visit that reappears, or a rare false candidate of the
// id set, costs a reading; an input with many reappearing visits is not
// grouped by visit and ends with ErrConfirmBudget.
const ConfirmBudget = 64 << 20

// newReplay prepares to read r again and returns the reader the parser
// must read instead of r.
func newReplay(r io.Reader, opt Options) (*replay, io.Reader, error) {
	rp := &replay{opt: opt}
	if ra, ok := r.(io.ReaderAt); ok {
		if s, ok := r.(io.Seeker); ok {
			if base, err := s.Seek(0, io.SeekCurrent); err == nil {
				rp.src, rp.base = ra, base
				return rp, &countingReader{r, &rp.read}, nil
			}
		}
	}
	rp.spill = &spill{dir: opt.TempDir}
	rp.src = rp.spill
	return rp, &countingReader{io.TeeReader(r, rp.spill), &rp.read}, nil
}

// close removes the copy of the input, if any.
func (rp *replay) close() {
	if rp.spill != nil {
		rp.spill.close()
	}
}

// spillInMemory is how much of a stream a spill keeps in memory.
const spillInMemory = 1 << 20

// A spill is a copy of a stream, written by the parser's goroutine and
// read at the same time by the assembler's.
type spill struct {
	dir string
	mu  sync.Mutex
	mem []byte
	f   *os.File
}

func (s *spill) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f == nil && len(s.mem)+len(p) <= spillInMemory {
		s.mem = append(s.mem, p...)
		return len(p), nil
	}
	if s.f == nil {
		f, err := os.CreateTemp(s.dir, "peakend-visits-*")
		if err != nil {
			return 0, fmt.Errorf("a copy of the input to check visit ids: %w", err)
		}
		s.f = f
		if _, err := f.Write(s.mem); err != nil {
			return 0, fmt.Errorf("a copy of the input to check visit ids: %w", err)
		}
		s.mem = nil
	}
	n, err := s.f.Write(p)
	if err != nil {
		err = fmt.Errorf("a copy of the input to check visit ids: %w", err)
	}
	return n, err
}

func (s *spill) ReadAt(p []byte, off int64) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f != nil {
		return s.f.ReadAt(p, off)
	}
	if off >= int64(len(s.mem)) {
		return 0, io.EOF
	}
	n := copy(p, s.mem[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

func (s *spill) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f != nil {
		s.f.Close()
		os.Remove(s.f.Name())
	}
}

// errInputChanged is returned when reading again does not reach a line
// that was read before.
var errInputChanged = errors.New("the input changed while it was read")

// scan parses the input again from its start and calls each with every
// row that parses, up to the row at line before, or until each returns
// false. A budget of bytes, when positive, bounds the reading: past it
// scan returns ErrConfirmBudget.
func (rp *replay) scan(before int, budget int64, each func(*row) bool) error {
	br := &budgetReader{r: io.NewSectionReader(rp.src, rp.base, math.MaxInt64-rp.base), left: math.MaxInt64}
	if budget > 0 {
		br.left = budget
	}
	done := false
	p := &parser{opt: rp.opt, intern: map[string]string{}, batch: &rowBatch{}}
	p.each = func(r *row) bool {
		if r.line >= before || (r.bad == nil && !each(r)) {
			done = true
			return false
		}
		return true
	}
	err := p.parse(br)
	if budget > 0 {
		rp.scanned += budget - br.left
	}
	switch {
	case done:
		return nil
	case errors.Is(err, ErrConfirmBudget):
		return ErrConfirmBudget
	case err != nil:
		return fmt.Errorf("%w: %v", errInputChanged, err)
	}
	return errInputChanged // the input ended before the line
}

// firstLine returns the first line of a visit with the given id before
// line before, or 0 when there is none.
func (rp *replay) firstLine(id []byte, before int) (int, error) {
	budget := ConfirmBudget + 4*rp.read.Load() - rp.scanned
	if budget <= 0 {
		return 0, ErrConfirmBudget
	}
	first := 0
	err := rp.scan(before, budget, func(r *row) bool {
		if string(r.visit) == string(id) {
			first = r.line
			return false
		}
		return true
	})
	return first, err
}

// A budgetReader reads at most left bytes and then fails with
// ErrConfirmBudget, not io.EOF, so that no row is cut short.
type budgetReader struct {
	r    io.Reader
	left int64
}

func (b *budgetReader) Read(p []byte) (int, error) {
	if b.left <= 0 {
		return 0, ErrConfirmBudget
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	return n, err
}

// A countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}
