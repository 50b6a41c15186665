package scoring

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strconv"
)

// An assembler builds visits from parsed rows on the caller's goroutine
// and yields them, or hands bad rows to Options.Reject.
type assembler struct {
	opt     Options
	yield   func(Visit, error) bool
	stopped bool

	cur        *Visit
	own        Visit                 // cur's storage, unless visits are held for Unsorted
	spare      []Moment              // the moments of the visit delivered last, to reuse under ReuseMoments
	curTimed   int                   // the time kind of cur's moments; 0 before the first
	curBytes   int                   // bytes of cur's rows so far
	curID      []byte                // cur's id, to compare rows with: a row's bytes last only while it is taken
	curPurpose []byte                // cur's purpose, when it has one, to compare rows with: the bytes of one of recent
	recent     [4]recentText         // the purposes visits were last given (see recentPurpose)
	nextRecent int                   // the one recentPurpose replaces next
	filled     uint                  // the bits of row.has of the visit-level fields cur has: filledOf(cur)
	keepRows   bool                  // rows are kept to be rejected with their visit (see rowsOf)
	csv        bool                  // the input is CSV: every row's bytes count toward MaxVisitBytes
	short      bool                  // takeRows' short path may take rows: not when it would have to keep them for a held visit
	continuing *Visit                // the visit takeRows' short path may add rows to, or nil (see settle)
	unfilled   uint                  // the bits of row.has that send a row to the full check (see settle)
	room       int                   // the moments the short path may make cur have (see settle)
	slowRows   int                   // rows that took the slow path, for tests
	fieldAt    [numColumns]int       // line where cur's visit-level fields were first given
	seen       *idSet                // the visit ids seen
	replay     *replay               // reads the input again to confirm an id
	held       map[string]*Visit     // Unsorted: visits by id
	heldList   []*Visit              // Unsorted: in order of first appearance
	heldState  map[*Visit]heldState  // Unsorted: the state of each held visit when it was left
	purposes   map[string]string     // one string per distinct purpose
	lastLen    int                   // moments of the last visit: the next one's likely size
	badLine    int                   // the line last rejected: its other rows go with it
	curRows    visitRows             // under Reject: cur's rows so far, to reject them with it
	heldRows   map[*Visit]*visitRows // under Reject and Unsorted: the rows of each held visit
	// disordered is set when a byte range's assembler, which has no
	// replay, meets an id out of order: it stops, and the range is read
	// again in sequence (see ranges.go).
	disordered bool
	// where names a line in messages: "line 12" unless set (Join's
	// rows come from several files; see rows.go).
	where func(line int) string
}

func newAssembler(opt Options, rp *replay, yield func(Visit, error) bool) *assembler {
	a := &assembler{opt: opt, yield: yield, purposes: map[string]string{}, seen: newIDSet(), replay: rp,
		keepRows: opt.Reject != nil && opt.Format == CSV, csv: opt.Format == CSV}
	if opt.Unsorted {
		a.held, a.heldState = map[string]*Visit{}, map[*Visit]heldState{}
	}
	a.short = !(a.keepRows && opt.Unsorted) // the rows of a held visit are in heldRows
	return a
}

// takeRows takes rows in order while their lines are at most last; it
// returns how many it took, and false when reading must stop.
//
// Most rows only add a moment to the current visit: continueRows takes
// those, and leaves every other row to take, as it leaves to check what
// it cannot tell.
func (a *assembler) takeRows(rows []row, last int) (int, bool) {
	for i := 0; i < len(rows); i++ {
		j := a.continueRows(rows, i, last)
		if a.keepRows {
			for k := i; k < j; k++ {
				a.curRows.add(rows[k].line, rows[k].record)
			}
		}
		if i = j; i == len(rows) || rows[i].line > last {
			return i, true
		}
		if !a.take(&rows[i]) {
			return i + 1, false
		}
	}
	return len(rows), true
}

// continueRows adds the moments of the rows from rows[i] on to the
// current visit while each is one that check would pass with nothing to
// fill, and returns the index of the first row it left. It asks that in
// a few comparisons (continuing, unfilled and room are settled for it),
// and calls nothing (but runtime.memequal for the bytes of an id past
// its last 8), so that what it holds stays in registers.
func (a *assembler) continueRows(rows []row, i, last int) int {
	v := a.continuing
	if v == nil {
		return i
	}
	for ; i < len(rows); i++ {
		r := &rows[i]
		if r.line > last || r.line == a.badLine {
			break
		}
		if !sameBytes(a.curID, r.visit) {
			break
		}
		if r.fatal != nil || r.bad != nil || r.detected != DetectEncoding {
			break
		}
		if r.opens || r.missing || r.span > 1 || r.timeKind != a.curTimed || r.has&a.unfilled != 0 {
			break
		}
		if r.has&(1<<colPurpose) != 0 && !sameBytes(a.curPurpose, r.purpose) {
			break
		}
		if r.has&(1<<colRemembered) != 0 && v.Remembered != r.remembered {
			break
		}
		bytes := 0
		if a.csv {
			bytes = len(r.record) + 1
		}
		n := len(v.Moments)
		if n >= a.room || a.curBytes+bytes > a.opt.MaxVisitBytes {
			break
		}
		a.curBytes += bytes
		v.Moments = v.Moments[:n+1] // within room, so within the capacity
		setMoment(&v.Moments[n], &r.moment)
	}
	return i
}

// take takes one row through the full check, or as a row that is not a
// moment; it returns false when reading must stop. It then settles what
// the short path of takeRows may take next.
func (a *assembler) take(r *row) bool {
	a.slowRows++
	ok := false
	if a.unusual(r) {
		ok = a.takeOther(r)
	} else {
		ok = a.takeRow(r)
	}
	a.settle()
	return ok
}

// unusual reports whether reading has stopped or r is not a moment to
// add: an error, an encoding detected, a bad row or one of a bad line.
func (a *assembler) unusual(r *row) bool {
	return a.stopped || r.fatal != nil || r.detected != DetectEncoding || r.bad != nil || r.line == a.badLine
}

// settle decides, once per row that takes the slow path, what rows the
// short path of takeRows may add to the current visit until the next such
// row: the short path changes only the visit's moments, its bytes and
// its kept rows, none of which this depends on but the moments'
// capacity, which it keeps within. A row of the current visit goes the
// short path when check would pass it with nothing to fill:
//   - continuing is the current visit, or nil when no row may continue
//     it so: reading stopped, no visit yet, a visit already rejected
//     (curRows.bad), or rows that would have to be kept for a held
//     visit (short);
//   - unfilled holds the bits of row.has of the fields the short path
//     cannot take: every field but a purpose and a remembered rating
//     the visit has (which it compares), so that a row with one goes
//     to fill or conflicts;
//   - room is the moments the visit may have after the row: within
//     Options.MaxMoments and its slice's capacity, so that the short
//     path checks both limits in one comparison and never grows it.
func (a *assembler) settle() {
	const compared = 1<<colPurpose | 1<<colRemembered // the fields the short path compares
	v := a.cur
	a.continuing = nil
	if v == nil || a.stopped || !a.short || a.curRows.bad != 0 {
		return
	}
	a.continuing = v
	a.unfilled = ^(a.filled & compared)
	a.room = min(cap(v.Moments), a.opt.MaxMoments)
}

// takeRow takes a row that the short path of takeRows left: it checks
// the row, and adds it to its visit.
func (a *assembler) takeRow(r *row) bool {
	perr := a.check(r)
	if a.stopped {
		return false
	}
	if perr != nil {
		return a.refuse(r, perr)
	}
	v := a.cur
	a.curTimed = r.timeKind
	a.curBytes += a.bytesOf(r)
	if r.missing {
		v.Missing++
	} else {
		appendMoment(v, &r.moment)
	}
	if a.keepRows {
		a.rowsOf(v).add(r.line, r.record)
	}
	return true
}

// takeOther handles a row that is not a moment: a stop, an encoding
// detected, a bad row.
func (a *assembler) takeOther(r *row) bool {
	switch {
	case a.stopped:
		return false
	case r.fatal != nil:
		a.stopped = true
		a.yield(Visit{}, r.fatal)
		return false
	case r.detected != DetectEncoding:
		if a.opt.Detected != nil {
			a.opt.Detected(Detection{File: a.opt.Name, Line: r.line, Encoding: r.detected})
		}
		return true
	case r.bad != nil:
		return a.badRow(r.bad)
	}
	return true // r.line == a.badLine: a JSON line whose first moment was rejected
}

// refuse reports a row that conflicts with its visit; it returns false
// when reading must stop.
func (a *assembler) refuse(r *row, perr *ParseError) bool {
	perr.Record = string(r.record)
	a.badLine = r.line
	return a.badRow(perr)
}

// bad reports a bad row; it returns false when reading must stop.
func (a *assembler) bad(e *ParseError) bool {
	e.File = a.opt.Name
	if a.opt.Reject != nil {
		a.opt.Reject(e)
		return true
	}
	a.stopped = true
	a.yield(Visit{}, e)
	return false
}

// emit passes a finished visit on, unless it is held for Options.Unsorted.
func (a *assembler) emit(v *Visit) bool {
	if a.held != nil {
		return true
	}
	return a.deliver(v)
}

func (a *assembler) deliver(v *Visit) bool {
	if !a.whole(v) {
		return !a.stopped
	}
	a.lastLen = len(v.Moments)
	if !a.yield(*v, nil) {
		a.stopped = true
		return false
	}
	if a.opt.ReuseMoments {
		a.spare = v.Moments[:0]
	}
	return true
}

func (a *assembler) finish() {
	if a.stopped {
		return
	}
	if a.cur != nil && !a.emit(a.cur) {
		return
	}
	for _, v := range a.heldList {
		if !a.deliver(v) {
			return
		}
	}
}

// newMoments returns an empty slice for a new visit's moments: the
// last delivered visit's under ReuseMoments (held visits of Unsorted
// excepted), one allocation an assembler and not a pool's one a visit;
// else one the size of the last visit's.
func (a *assembler) newMoments() []Moment {
	if a.opt.ReuseMoments && a.held == nil && cap(a.spare) > 0 {
		m := a.spare
		a.spare = nil
		return m
	}
	return make([]Moment, 0, max(8, a.lastLen))
}

// enterRowsVisit makes the visit of a row that is not the current
// one's current: a held one, or a new one. It returns a problem for an
// id that reappears, and stops reading when the id cannot be confirmed.
func (a *assembler) enterRowsVisit(r *row) *ParseError {
	if a.held != nil {
		if v, found := a.held[string(r.visit)]; found {
			a.leave()
			a.enter(v)
			st := a.heldState[v]
			a.curTimed, a.curBytes, a.fieldAt = st.timeKind, st.bytes, st.fieldAt
			return nil
		}
	}
	return a.open(r.visit, r.line)
}

// sameBytes reports whether x and y hold the same bytes, as
// bytes.Equal does, but inline: ids and purposes are mostly short, and
// those of up to 8 bytes cost here less than half what a call of
// runtime.memequal costs (about 10 instructions against 25).
func sameBytes(x, y []byte) bool {
	n := len(x)
	switch {
	case n != len(y):
		return false
	case n >= 8: // the last word first: ids in sequence differ in their last bytes
		return binary.LittleEndian.Uint64(x[n-8:n]) == binary.LittleEndian.Uint64(y[n-8:n]) && (n == 8 || string(x[:n-8]) == string(y[:n-8]))
	}
	for i := range n {
		if x[i] != y[i] {
			return false
		}
	}
	return true
}

// enter makes v the current visit. Its id and purpose are copied to
// compare rows with, since a row's bytes last only while it is taken.
func (a *assembler) enter(v *Visit) {
	a.cur = v
	a.curID = append(a.curID[:0], v.ID...)
	a.curPurpose = nil
	if v.Purpose != "" {
		a.curPurpose = a.recentPurpose([]byte(v.Purpose)).bytes
	}
	a.filled = filledOf(v)
}

// A recentText is a purpose with its bytes, for a visit's rows to be
// compared with.
type recentText struct {
	text  string
	bytes []byte
}

// recentPurpose returns the purpose of these bytes as one of the last
// few visits were given: most visits have one of a few purposes, which
// it finds without the purposes' map and gives with bytes that need no
// copy. A purpose not among them replaces the oldest, whose bytes
// belonged to no visit but the one asking now, whose curPurpose they
// become.
func (a *assembler) recentPurpose(b []byte) *recentText {
	for i := range a.recent {
		if e := &a.recent[i]; e.text != "" && sameBytes(e.bytes, b) {
			return e
		}
	}
	e := &a.recent[a.nextRecent]
	a.nextRecent = (a.nextRecent + 1) % len(a.recent)
	e.text = a.purpose(b)
	e.bytes = append(e.bytes[:0], e.text...)
	return e
}

// open makes the visit with this id, which starts at line, the current
// one, after passing on the one before. It returns a problem for an id
// that reappears, and stops reading when the id cannot be confirmed.
func (a *assembler) open(id []byte, line int) *ParseError {
	if a.held == nil {
		// A row that reappears leaves the visit being read open, so
		// that one bad row does not split it.
		first, err := a.firstSeen(id, line)
		if a.disordered {
			a.stopped = true
			return nil
		}
		if err != nil {
			a.stopped = true
			a.yield(Visit{}, &ParseError{File: a.opt.Name, Line: line, Visit: string(id), Field: "visit", Err: err})
			return nil
		}
		if first != 0 {
			return &ParseError{Line: line, Visit: string(id), Field: "visit", Err: a.reappears(first)}
		}
	}
	if a.cur != nil && !a.emit(a.cur) {
		return nil
	}
	v := &a.own // the visit is yielded by value, so its storage serves the next
	if a.held != nil {
		a.leave()
		v = new(Visit)
	}
	// *v = Visit{ID: string(id), Remembered: NA, Recommend: NA, Line: line, Moments: a.newMoments()}, field by
	// field: the literal is built on the stack and moved under the write barrier by a call
	// (TestOpenSetsEveryField holds this to every field of Visit).
	v.ID, v.Purpose, v.Customer, v.Site = string(id), "", "", ""
	v.Moments = a.newMoments()
	v.Remembered, v.Recommend, v.Line, v.Missing = NA, NA, line, 0
	a.cur, a.curID, a.curPurpose, a.filled = v, append(a.curID[:0], id...), nil, 0 // as enter(v) makes them
	a.curTimed, a.curBytes = 0, 0
	a.fieldAt = [numColumns]int{}
	a.curRows.reset()
	if a.held != nil {
		a.held[a.cur.ID] = a.cur
		a.heldList = append(a.heldList, a.cur)
	}
	return nil
}

// check makes the visit of a row the current one, when the row is of
// another, and returns the problem of a row that conflicts with it,
// which then is not added; else it fills the visit-level fields the
// visit lacks from the row. It stops reading when the id of a new visit
// cannot be confirmed.
func (a *assembler) check(r *row) *ParseError {
	if a.cur == nil || r.opens || !sameBytes(a.curID, r.visit) {
		if perr := a.enterRowsVisit(r); perr != nil || a.stopped {
			return perr
		}
	}
	v := a.cur
	if rows := a.rowsOf(v); rows != nil && rows.bad != 0 {
		return &ParseError{Line: r.line, Visit: v.ID, Err: a.rejectedWith(rows.bad)}
	}
	if r.has&a.filled != 0 { // a field can only conflict with one the visit has
		if perr := a.conflicts(r); perr != nil {
			return perr
		}
	}
	if len(v.Moments)+max(1, r.span) > a.opt.MaxMoments || a.curBytes+a.bytesOf(r) > a.opt.MaxVisitBytes && a.bytesOf(r) > 0 {
		return a.tooLarge(r, len(v.Moments))
	}
	if a.curTimed != 0 && a.curTimed != r.timeKind {
		return &ParseError{Line: r.line, Visit: v.ID, Field: "t", Err: mixedTimes(a.curTimed, r.timeKind)}
	}
	if r.has&^a.filled != 0 {
		a.fill(r)
	}
	return nil
}

// conflicts returns the problem of a row whose visit-level field
// differs from its visit's, or nil.
func (a *assembler) conflicts(r *row) *ParseError {
	v := a.cur
	switch has := r.has; {
	case has&(1<<colPurpose) != 0 && v.Purpose != "" && v.Purpose != string(r.purpose):
		return a.conflict(r, colPurpose, strconv.Quote(v.Purpose), strconv.Quote(string(r.purpose)))
	case has&(1<<colRemembered) != 0 && !IsNA(v.Remembered) && v.Remembered != r.remembered:
		return a.conflict(r, colRemembered, formatNumber(v.Remembered), formatNumber(r.remembered))
	case has&(1<<colRecommend) != 0 && !IsNA(v.Recommend) && v.Recommend != r.recommend:
		return a.conflict(r, colRecommend, formatNumber(v.Recommend), formatNumber(r.recommend))
	case has&whoBits != 0:
		return a.whoConflict(r, func(c int, old, now string) *ParseError { return a.conflict(r, c, old, now) })
	}
	return nil
}

// appendMoment appends *m to v's moments. It copies the moment once,
// where append would copy it to the stack first, not knowing that it
// is not in the slice.
func appendMoment(v *Visit, m *Moment) {
	ms := v.Moments
	if len(ms) == cap(ms) {
		ms = slices.Grow(ms, 1)
	}
	ms = ms[:len(ms)+1]
	ms[len(ms)-1] = *m
	v.Moments = ms
}

// setMoment sets *to to *m field by field: a copy of the whole would
// call the runtime to move it under the collector's write barrier, and a
// call makes its caller keep what it holds on the stack, where the
// barrier of the one pointer stored alone does not.
func setMoment(to, m *Moment) {
	to.Touchpoint = m.Touchpoint
	to.T, to.Duration, to.Rating = m.T, m.Duration, m.Rating
	to.Seq, to.HasSeq = m.Seq, m.HasSeq
}

// conflict is the problem of a row whose field of column c, now, differs
// from its visit's, old.
func (a *assembler) conflict(r *row, c int, old, now string) *ParseError {
	return &ParseError{Line: r.line, Visit: a.cur.ID, Field: csvColumns[c],
		Err: errorf(ErrConflict, "%s here, but %s at %s", now, old, a.at(a.fieldAt[c]))}
}

// fill sets the visit-level fields the visit lacks from the row.
func (a *assembler) fill(r *row) {
	v := a.cur
	if r.has&(1<<colPurpose) != 0 && v.Purpose == "" {
		e := a.recentPurpose(r.purpose)
		v.Purpose, a.curPurpose = e.text, e.bytes
		a.fieldAt[colPurpose] = r.line
	}
	if r.has&(1<<colRemembered) != 0 && IsNA(v.Remembered) {
		v.Remembered = r.remembered
		a.fieldAt[colRemembered] = r.line
	}
	if r.has&(1<<colRecommend) != 0 && IsNA(v.Recommend) {
		v.Recommend = r.recommend
		a.fieldAt[colRecommend] = r.line
	}
	a.takeWho(r)
	a.filled = filledOf(v)
}

// filledOf returns the bits of row.has of the visit-level fields v has:
// a row with no others has nothing to fill.
func filledOf(v *Visit) uint {
	var has uint
	if v.Purpose != "" {
		has |= 1 << colPurpose
	}
	if !IsNA(v.Remembered) {
		has |= 1 << colRemembered
	}
	if !IsNA(v.Recommend) {
		has |= 1 << colRecommend
	}
	if v.Customer != "" {
		has |= 1 << colCustomer
	}
	if v.Site != "" {
		has |= 1 << colSite
	}
	return has
}

// leave keeps the state of the current visit, held for Options.Unsorted,
// for when its next row comes: rows of the same visit, most rows, need
// not keep it.
func (a *assembler) leave() {
	if a.cur != nil {
		a.heldState[a.cur] = heldState{a.curTimed, a.curBytes, a.fieldAt}
	}
}

// heldState is the state of a visit held for Options.Unsorted: its
// lines in messages too, so that a conflict names the line it is with.
type heldState struct {
	timeKind, bytes int
	fieldAt         [numColumns]int
}

// bytesOf returns the bytes of a row that count toward
// Options.MaxVisitBytes: every CSV row's, and a JSON line's once.
func (a *assembler) bytesOf(r *row) int {
	if r.opens || a.csv {
		return len(r.record) + 1
	}
	return 0
}

// tooLarge refuses a row that would make its visit larger than
// Options.MaxMoments or MaxVisitBytes allow.
// A row too large for any visit is refused by the parser, so that it
// opens none and a replay skips it too.
func (a *assembler) tooLarge(r *row, moments int) *ParseError {
	err := errorf(ErrVisitTooLarge, "more than %d bytes (Options.MaxVisitBytes)", a.opt.MaxVisitBytes)
	if moments+max(1, r.span) > a.opt.MaxMoments {
		err = errorf(ErrVisitTooLarge, "more than %d moments (Options.MaxMoments)", a.opt.MaxMoments)
	}
	return &ParseError{Line: r.line, Visit: string(r.visit), Err: err}
}

// purpose returns one shared string per distinct purpose.
func (a *assembler) purpose(b []byte) string {
	if s, ok := a.purposes[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(a.purposes) < 1<<12 {
		a.purposes[s] = s
	}
	return s
}

func (a *assembler) reappears(first int) error {
	if a.opt.Format == JSONL {
		return fmt.Errorf("%w (first seen at line %d); a visit is one line, or set Options.Unsorted to join its lines", ErrReappears, first)
	}
	return fmt.Errorf("%w after other visits (first seen at line %d); group a visit's rows together, or set Options.Unsorted", ErrReappears, first)
}

// firstSeen returns the line where the visit with this id began, or 0
// when the id is new; a new id is remembered.
func (a *assembler) firstSeen(id []byte, line int) (int, error) {
	s := a.seen
	if s.inOrder(id) {
		return 0, nil
	}
	if a.replay == nil {
		a.disordered = true
		return 0, nil
	}
	if s.table == nil {
		if err := a.hashSoFar(line); err != nil {
			return 0, err
		}
	}
	if first := s.known(id); first != 0 {
		return first, nil
	}
	if !s.add(id) {
		return 0, nil
	}
	// The fingerprint was there: confirm against the exact ids.
	first, err := a.replay.firstLine(id, line)
	if err != nil {
		return 0, err
	}
	if first == 0 {
		s.keep(id, line)
	} else {
		s.keep(id, first)
	}
	return first, nil
}

// hashSoFar puts the ids of the visits before line into the id set's
// table, at the first id out of order: they were in increasing order,
// so each is new and kept exactly when its fingerprint collides.
func (a *assembler) hashSoFar(line int) error {
	var last []byte
	return a.replay.scan(line, 0, func(r *row) bool {
		if last != nil && string(r.visit) == string(last) {
			return true
		}
		last = append(last[:0], r.visit...)
		if a.seen.add(r.visit) {
			a.seen.keep(r.visit, r.line)
		}
		return true
	})
}
