package scoring

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// A row is one moment's row, parsed. Its byte slices point into the
// arena of its batch, or where they lie in the reader's buffer when the
// row lends them (see lendsRow); valid until the batch is handed back.
type row struct {
	line       int
	visit      []byte
	purpose    []byte
	who        [2][]byte // customer and site, indexed by colCustomer−colWho
	remembered float64
	recommend  float64
	moment     Moment
	timeKind   int      // untimed, seconds, clockTime, localTime or timeOfDay
	missing    bool     // the moment has no rating (Options.Missing is SkipMissing)
	detected   Encoding // not a row: the input was taken for this encoding at line
	opens      bool     // the row opens a visit whatever came before: a JSON line's first moment
	span       int      // the moments of the JSON line a row opens
	has        uint     // bits 1<<colPurpose, colRemembered, colRecommend, colCustomer, colSite: the visit-level fields the row carries
	record     []byte
	bad        *ParseError // a row that could not be parsed; it is rejected whole
	fatal      error       // an error that ends reading
}

// A rowBatch carries rows from the parser to the assembler, with one
// arena for their bytes, both reused once the assembler is done.
type rowBatch struct {
	rows  []row
	arena []byte
}

// batchRows is the rows of a batch: enough that handing batches between
// the goroutines costs little (512 rows a batch made 10 k context
// switches on 10 M rows), few enough that the batches in flight stay
// near 5 MB.
const batchRows = 2048

// batchBytes bounds a batch's arena, so that the batches in flight read
// little ahead of the assembler when rows are long.
const batchBytes = 256 << 10

func (b *rowBatch) reset() {
	clear(b.rows)
	b.rows, b.arena = b.rows[:0], b.arena[:0]
}

// keep copies p into the arena and returns the copy.
func (b *rowBatch) keep(p []byte) []byte { return keepIn(&b.arena, p) }

// keepText is keep of a string.
func (b *rowBatch) keepText(s string) []byte { return keepIn(&b.arena, s) }

func keepIn[T string | []byte](arena *[]byte, p T) []byte {
	start := len(*arena)
	*arena = append(*arena, p...)
	return (*arena)[start:len(*arena):len(*arena)]
}

// A parser splits and parses rows on Read's reading goroutine.
type parser struct {
	opt     Options
	batches chan<- *rowBatch
	free    <-chan *rowBatch
	done    <-chan struct{}
	batch   *rowBatch
	stopped bool
	intern  map[string]string
	recent  [64]string // a cache in front of intern
	names   nameCache  // the ids Options.Names gave
	// each, when set, receives the rows instead of the batches: the
	// input read again by a replay. It returns false to stop.
	each func(*row) bool
	// eachBatch, when set, receives the batches on the parser's
	// goroutine instead of another's (see slot.go).
	eachBatch func(*rowBatch) bool
	flushAt   int // under eachBatch: a row from this line on is taken at once; 0: none is
	// lends is set while a row is parsed whose bytes may stay where they
	// lie (see lendsRow); lent, when the batch holds such a row in the
	// reader's buffer.
	lends, lent bool
	one         row // the row each takes, parsed in place (see slot.go)
	// json is a JSON line's fields, reused.
	json jsonFields
}

func (p *parser) run(r io.Reader) {
	p.batch = p.newBatch()
	err := p.parse(r)
	if err != nil && !p.stopped {
		p.send(row{fatal: err})
	}
	if !p.stopped && len(p.batch.rows) > 0 {
		p.flush()
	}
}

// parse parses the rows of r and sends them on.
func (p *parser) parse(r io.Reader) error {
	r, err := decodeInput(r)
	if err != nil {
		return &ParseError{File: p.opt.Name, Line: 1, Err: err}
	}
	if p.opt.Format == JSONL {
		return p.readJSONL(r)
	}
	return p.readCSV(r)
}

func (p *parser) newBatch() *rowBatch {
	select {
	case b := <-p.free:
		return b
	default:
		return &rowBatch{rows: make([]row, 0, batchRows), arena: make([]byte, 0, 64<<10)}
	}
}

// send queues a row; it returns false once reading must stop.
func (p *parser) send(r row) bool {
	p.batch.rows = append(p.batch.rows, r)
	if p.each != nil { // the row is passed from the batch, so that r stays on the stack
		ok := p.each(&p.batch.rows[0])
		p.batch.reset()
		p.stopped = !ok
		return ok
	}
	if !p.full() && r.fatal == nil {
		return true
	}
	return p.flush() && r.fatal == nil
}

func (p *parser) flush() bool {
	if p.eachBatch != nil {
		return p.takeBatch()
	}
	select {
	case p.batches <- p.batch:
		p.batch = p.newBatch()
		return true
	case <-p.done:
		p.stopped = true
		return false
	}
}

// keep returns the bytes of a row for the assembler: where they lie
// when the row lends them, else copied into the batch's arena.
func (p *parser) keep(b []byte) []byte {
	if p.lends {
		return b
	}
	return p.batch.keep(b)
}

// lendsRow reports whether the row of the scanner's record may keep its
// bytes where they lie rather than copy them into the batch's arena:
// when each takes the row before the scanner reads on, and under
// eachBatch when the record is a plain line in the reader's buffer,
// which csvRows hands the batch on before the scanner moves. Batches
// that cross goroutines copy.
func (p *parser) lendsRow(sc *csvScanner) bool {
	return p.each != nil || p.eachBatch != nil && sc.inPlace
}

// lendsPlain is lendsRow of a plain line, which always lies in the
// reader's buffer: the same for every one, so that csvRows asks once.
func (p *parser) lendsPlain() bool {
	return p.each != nil || p.eachBatch != nil
}

// reject queues a row that could not be parsed.
func (p *parser) reject(e *ParseError, record []byte) bool {
	e.Record = string(record)
	return p.send(row{line: e.Line, bad: e})
}

// internBytes returns b as a string, sharing one copy per distinct
// value: touchpoints and purposes repeat on millions of rows. A small
// direct-mapped cache answers most rows before the map is asked; its
// answer for a short text, as most are, is inline in recentText.
func (p *parser) internBytes(b []byte) string {
	slot := 0
	if len(b) > 0 {
		slot = endsHash(b) & (len(p.recent) - 1)
		if s := p.recent[slot]; sameText(s, b) {
			return s
		}
	}
	if v, ok := p.intern[string(b)]; ok {
		p.recent[slot] = v
		return v
	}
	s := string(b)
	if len(p.intern) < 1<<16 {
		p.intern[s] = s
	}
	return s
}

// recentText is internBytes' answer for a text of at most eight bytes
// the cache holds, without a call; false leaves the others to it.
func (p *parser) recentText(b []byte) (string, bool) {
	if len(b) == 0 || len(b) > 8 {
		return "", false
	}
	s := p.recent[endsHash(b)&(len(p.recent)-1)]
	return s, sameShort(s, b)
}

// sameShort reports whether s holds the bytes of b, a text of at most 8
// bytes: compared inline, as the caches in front of the maps do.
func sameShort(s string, b []byte) bool {
	if len(s) != len(b) {
		return false
	}
	for i := range b {
		if s[i] != b[i] {
			return false
		}
	}
	return true
}

// endsHash is the hash of a text by its length and its ends, the index
// of the small caches of texts; text is not empty.
func endsHash[T string | []byte](text T) int {
	return len(text)*31 + int(text[0])*7 + int(text[len(text)-1])
}

// sameText reports whether s holds the bytes of b. Short texts, as
// touchpoints are, are compared inline rather than by a call.
func sameText(s string, b []byte) bool {
	if len(s) != len(b) {
		return false
	}
	if len(b) > 8 {
		return s == string(b)
	}
	for i := range b {
		if s[i] != b[i] {
			return false
		}
	}
	return true
}

// CSV

var csvColumns = []string{"visit", "rating", "touchpoint", "t", "duration", "purpose", "remembered", "recommend", "customer", "site", "seq"}

// Column indices into csvColumns, and the bits of row.has.
const (
	colVisit = iota
	colRating
	colTouchpoint
	colT
	colDuration
	colPurpose
	colRemembered
	colRecommend
	colCustomer // who and where: see who.go
	colSite
	colSeq // a moment's own number, for its order (order.go)
	numColumns
)

// csvLayout maps each known column to its index in a record, -1 when
// the header has no such column.
type csvLayout [numColumns]int

func (p *parser) readCSV(r io.Reader) error {
	sc := newCSVScanner(r, p.opt.Encoding, p.opt.Separator)
	err := sc.next()
	if err == io.EOF {
		return &ParseError{File: p.opt.Name, Line: 1, Err: errorf(ErrHeader, "empty input; a CSV header with at least visit and rating is required")}
	}
	if err == nil {
		err = sc.lineErr
	}
	if err != nil {
		return &ParseError{File: p.opt.Name, Line: sc.startLine, Column: decodeColumn(err), Err: err}
	}
	if !p.noteDetected(sc) {
		return nil
	}
	layout, err := p.csvHeader(sc)
	if err != nil {
		return err
	}
	return p.csvRows(sc, &layout, sc.count())
}

// csvRows parses the records after the header, of width fields, and
// sends them on; a byte range of a file is read by it too (see ranges.go).
func (p *parser) csvRows(sc *csvScanner, layout *csvLayout, width int) error {
	plainLends := p.lendsPlain()
	for !p.stopped {
		var bad *ParseError
		lends := plainLends
		if sc.nextPlain() {
			// A plain line decodes nothing, so that noteDetected has
			// nothing to say, and has no line error: only its width and
			// size are asked, as nearly every row is neither wrong.
			if sc.cut != width || len(sc.buf)+1 > p.opt.MaxVisitBytes {
				bad, _ = p.recordProblem(sc, nil, width)
			}
		} else {
			if p.lent && !p.flush() { // the rows that lie in the reader's buffer, before the general way moves it
				return nil
			}
			err := sc.nextGeneral()
			if err == io.EOF || !p.noteDetected(sc) {
				return nil
			}
			if bad, err = p.recordProblem(sc, err, width); err != nil {
				return err
			}
			lends = p.lendsRow(sc)
		}
		if bad == nil {
			rw := p.slot()
			p.lends = lends
			if bad = p.csvRow(sc, layout, rw); bad == nil {
				p.lent = p.lent || lends && p.eachBatch != nil
				if (p.each != nil || p.full()) && !p.passSlot() {
					return nil
				}
				continue
			}
			p.dropSlot()
		}
		if i := layout[colVisit]; bad.Visit == "" && i < sc.count() {
			bad.Visit = string(sc.field(i))
		}
		if !p.reject(bad, sc.buf) {
			return nil
		}
	}
	return nil
}

// recordProblem returns what is wrong with the scanner's record as a
// whole, read with err (not io.EOF): a bad row, or an error that ends
// reading; both nil for a record of width fields to parse.
func (p *parser) recordProblem(sc *csvScanner, err error, width int) (*ParseError, error) {
	switch {
	case sc.lineErr != nil && (err == nil || err == ErrQuote || err == ErrBareQuote):
		return &ParseError{Line: sc.startLine, Column: decodeColumn(sc.lineErr), Err: sc.lineErr}, nil
	case err == ErrQuote || err == ErrBareQuote:
		return &ParseError{Line: sc.startLine, Column: sc.column(sc.count() - 1), Err: err}, nil
	case err != nil:
		return nil, &ParseError{File: p.opt.Name, Line: sc.line + 1, Err: err}
	case sc.count() != width:
		return &ParseError{Line: sc.startLine, Err: errorf(ErrFieldCount, "%d fields, but the header has %d", sc.count(), width)}, nil
	case len(sc.buf)+1 > p.opt.MaxVisitBytes: // a row too large for any visit opens none
		return &ParseError{Line: sc.startLine, Err: errorf(ErrVisitTooLarge, "more than %d bytes (Options.MaxVisitBytes)", p.opt.MaxVisitBytes)}, nil
	}
	return nil, nil
}

func (p *parser) csvHeader(sc *csvScanner) (csvLayout, error) {
	var l csvLayout
	for i := range l {
		l[i] = -1
	}
	for i := range sc.count() {
		c := columnOf(string(sc.field(i)), p.opt.Columns)
		if c < 0 {
			continue
		}
		if l[c] >= 0 {
			return l, &ParseError{File: p.opt.Name, Line: sc.startLine, Column: sc.column(i), Index: i + 1, Field: csvColumns[c], Err: errorf(ErrHeader, "column appears twice in the header")}
		}
		l[c] = i
	}
	for _, required := range []int{colVisit, colRating} {
		if l[required] < 0 {
			hint := ""
			if !utf8.Valid(sc.buf) {
				hint = "; the header is not UTF-8 (is the file GB18030?)"
			}
			return l, &ParseError{File: p.opt.Name, Line: 1, Err: errorf(ErrHeader, "the header has no %s column; it needs visit and rating, or 访问 and 评分 (and may have %s)%s",
				csvColumns[required], strings.Join(csvColumns[2:], ", "), hint)}
		}
	}
	return l, nil
}

// noteDetected passes on that the scanner took the input for GB18030,
// once; it returns false once reading must stop. A replay reads the
// input again and says nothing.
func (p *parser) noteDetected(sc *csvScanner) bool {
	if sc.dec.detected == 0 { // every line but one: kept small enough to inline
		return true
	}
	return p.sendDetected(sc)
}

func (p *parser) sendDetected(sc *csvScanner) bool {
	line := sc.dec.detected
	if p.each != nil {
		return true
	}
	sc.dec.detected = 0
	return p.send(row{line: line, detected: sc.dec.enc})
}

// decodeColumn is the character column of a DecodeError, else 0.
func decodeColumn(err error) int {
	var de *DecodeError
	if errors.As(err, &de) {
		return de.Column
	}
	return 0
}

// csvRow parses the scanner's record into rw, its bytes kept (see
// keep).
func (p *parser) csvRow(sc *csvScanner, l *csvLayout, rw *row) *ParseError {
	// Every field is set, as slot's row may hold an earlier one: field
	// by field, the pointers once each, not by clearing the whole row
	// first, which cost a loop of stores a row.
	rw.line, rw.timeKind, rw.has, rw.missing = sc.startLine, untimed, 0, false
	rw.remembered, rw.recommend = NA, NA
	rw.detected, rw.opens, rw.span, rw.bad, rw.fatal = DetectEncoding, false, 0, nil, nil
	visit := sc.field(l[colVisit])
	fail := func(c int, err error) *ParseError {
		return &ParseError{Line: sc.startLine, Column: sc.column(l[c]), Index: l[c] + 1, Visit: string(visit), Field: csvColumns[c], Err: err}
	}
	if len(visit) == 0 || visit[0]-'!' > '~'-'!' || visit[0] == '\'' { // an id that starts with printable ASCII other than a space or a quote, as nearly every one does, is as it is and not blank
		if visit = unneutralise(visit); blankID(visit) {
			return fail(colVisit, errorf(ErrMissing, "empty visit id"))
		}
	}
	if !sc.plain {
		for _, c := range [...]int{colVisit, colTouchpoint, colPurpose, colCustomer, colSite} {
			if i := l[c]; i >= 0 {
				if err := checkText(sc.field(i)); err != nil {
					return fail(c, err)
				}
			}
		}
	}
	var rating float64
	var err error
	if cell := sc.field(l[colRating]); missingRating(cell) { // a missing rating is an error of kind ErrMissing, or under SkipMissing marks rw missing
		rating, err = p.noRating(cell, rw)
	} else if rating, err = parseNumber(cell); err == nil { // not a call to a function that calls it: every row asks
		err = checkRating(p.opt.Scale, rating)
	}
	if err != nil {
		return fail(colRating, err)
	}
	m := &rw.moment // parsed in place, not copied in
	m.Rating, m.T, m.Duration, m.Seq, m.HasSeq = rating, NA, NA, 0, false
	m.Touchpoint = ""
	if i := l[colTouchpoint]; i >= 0 {
		if p.opt.Names == nil {
			text := unneutralise(sc.field(i))
			var cached bool
			if m.Touchpoint, cached = p.recentText(text); !cached {
				m.Touchpoint = p.internBytes(text)
			}
		} else {
			text := unneutralise(sc.field(i))
			var known bool
			if m.Touchpoint, known = p.namedRecently(text); !known {
				if m.Touchpoint, err = p.namedTouchpoint(text); err != nil {
					return fail(colTouchpoint, err)
				}
			}
		}
	}
	if cell := sc.cell(l[colT]); len(cell) > 0 {
		if m.T, rw.timeKind, err = parseTime(cell, p.opt.Location); err != nil {
			return fail(colT, err)
		}
	}
	if cell := sc.cell(l[colDuration]); len(cell) > 0 {
		if m.Duration, err = parseNumber(cell); err == nil {
			err = checkDuration(m.Duration)
		}
		if err != nil {
			return fail(colDuration, err)
		}
	}
	if cell := sc.cell(l[colSeq]); len(cell) > 0 {
		if m.Seq, err = parseSeq(cell); err != nil {
			return fail(colSeq, err)
		}
		m.HasSeq = true
	}
	var purpose []byte
	if cell := sc.cell(l[colPurpose]); len(cell) > 0 {
		rw.has |= 1 << colPurpose
		purpose = unneutralise(cell)
		if p.opt.Names != nil {
			if id, ok := p.lastPurposeNamed(purpose); ok {
				purpose = id // the last row's, as most rows' are
			} else if purpose, err = p.purposeBytes(purpose); err != nil {
				return fail(colPurpose, err)
			}
		}
	}
	if cell := sc.cell(l[colRemembered]); len(cell) > 0 {
		x, err := parseNumber(cell)
		if err == nil {
			err = checkRating(p.opt.Scale, x)
		}
		if err != nil {
			return fail(colRemembered, err)
		}
		rw.remembered = x
		rw.has |= 1 << colRemembered
	}
	if cell := sc.cell(l[colRecommend]); len(cell) > 0 {
		x, err := parseNumber(cell)
		if err == nil {
			err = checkRecommend(x)
		}
		if err != nil {
			return fail(colRecommend, err)
		}
		rw.recommend = x
		rw.has |= 1 << colRecommend
	}
	// Keep the bytes the assembler reads only once the row is good.
	rw.visit, rw.record, rw.purpose, rw.who[0], rw.who[1] = p.keep(visit), p.keep(sc.buf), nil, nil, nil
	if rw.has&(1<<colPurpose) != 0 {
		rw.purpose = p.keep(purpose)
	}
	p.csvWho(sc, l, rw)
	return nil
}

// noRating is csvRow's answer for a rating cell that says "no rating".
func (p *parser) noRating(cell []byte, rw *row) (float64, error) {
	if p.opt.Missing == SkipMissing {
		rw.missing = true
		return NA, nil
	}
	what := fmt.Sprintf("%q", bytes.TrimSpace(cell))
	if len(bytes.TrimSpace(cell)) == 0 {
		what = "an empty cell"
	}
	return 0, errorf(ErrMissing, "no rating (%s); the visit is rejected whole, or set Options.Missing to skip the moment", what)
}

// JSON Lines

type jsonVisit struct {
	Visit      *string      `json:"visit"`
	Purpose    string       `json:"purpose"`
	Remembered *float64     `json:"remembered"`
	Recommend  *float64     `json:"recommend"`
	Customer   string       `json:"customer"`
	Site       string       `json:"site"`
	Moments    []jsonMoment `json:"moments"`
}

type jsonMoment struct {
	Touchpoint string          `json:"touchpoint"`
	T          json.RawMessage `json:"t"`
	Duration   *float64        `json:"duration"`
	Rating     *float64        `json:"rating"`
	Seq        json.RawMessage `json:"seq"`
}

func (p *parser) readJSONL(r io.Reader) error {
	return p.jsonRows(newCSVScanner(r, p.opt.Encoding, ',')) // its line reader: buffered, limited to MaxLine
}

// jsonRows parses the lines of sc, one visit each, and sends them on.
func (p *parser) jsonRows(sc *csvScanner) error {
	sc.unasked = true
	for !p.stopped {
		sc.buf, sc.lineErr = sc.buf[:0], nil
		if _, err := sc.readLine(); err == io.EOF {
			return nil
		} else if err != nil {
			return &ParseError{File: p.opt.Name, Line: sc.line + 1, Err: err}
		}
		if !p.noteDetected(sc) {
			return nil
		}
		if sc.lineErr != nil {
			if !p.reject(&ParseError{Line: sc.line, Column: decodeColumn(sc.lineErr), Err: sc.lineErr}, sc.buf) {
				return nil
			}
			continue
		}
		if bad := p.jsonLine(bytes.TrimSpace(sc.buf), sc.line); bad != nil && !p.reject(bad, sc.buf) {
			return nil
		}
	}
	return nil
}

// jsonLine parses one visit into one row per moment, all of one line:
// the assembler takes or rejects the line whole.
func (p *parser) jsonLine(text []byte, line int) *ParseError {
	if len(text) == 0 {
		return nil // blank lines separate nothing
	}
	if text[0] != '{' {
		return &ParseError{Line: line, Err: errorf(ErrJSON, "not a JSON object; each line holds one visit as {\"visit\": ..., \"moments\": [...]}")}
	}
	if len(text)+1 > p.opt.MaxVisitBytes { // checked before decoding, which takes several times the line
		return &ParseError{Line: line, Err: errorf(ErrVisitTooLarge, "more than %d bytes (Options.MaxVisitBytes)", p.opt.MaxVisitBytes)}
	}
	if !utf8.Valid(text) {
		return &ParseError{Line: line, Err: checkText(text)}
	}
	jf := &p.json
	if !scanJSONVisit(text, jf) {
		if err := decodeJSONVisit(text, jf); err != nil {
			return &ParseError{Line: line, Err: errorf(ErrJSON, "bad JSON: %v", err)}
		}
	}
	if !jf.hasVisit || len(bytes.TrimSpace(jf.visit)) == 0 {
		return &ParseError{Line: line, Field: "visit", Err: errorf(ErrMissing, "missing or empty visit id")}
	}
	if err := checkText(jf.visit); err != nil {
		return &ParseError{Line: line, Visit: string(jf.visit), Field: "visit", Err: err}
	}
	fail := func(field string, err error) *ParseError {
		return &ParseError{Line: line, Visit: string(jf.visit), Field: field, Err: err}
	}
	if len(jf.moments) == 0 {
		return fail("moments", errorf(ErrMissing, "the visit has no moments"))
	}
	if err := checkText(jf.purpose); err != nil {
		return fail("purpose", err)
	}
	purpose, err := p.purposeID(p.internBytes(jf.purpose))
	if err != nil {
		return fail("purpose", err)
	}
	base := row{line: line, remembered: NA, recommend: NA}
	if bad := jsonWho(jf, &base, fail); bad != nil {
		return bad
	}
	if len(jf.purpose) > 0 {
		base.has |= 1 << colPurpose
	}
	if jf.hasRemem {
		if err := checkRating(p.opt.Scale, jf.remembered); err != nil {
			return fail("remembered", err)
		}
		base.remembered = jf.remembered
		base.has |= 1 << colRemembered
	}
	if jf.hasRecom {
		if err := checkRecommend(jf.recommend); err != nil {
			return fail("recommend", err)
		}
		base.recommend = jf.recommend
		base.has |= 1 << colRecommend
	}
	if len(jf.moments) > p.opt.MaxMoments {
		return fail("moments", errorf(ErrVisitTooLarge, "more than %d moments (Options.MaxMoments)", p.opt.MaxMoments))
	}
	// The rows are made in the batch, where they are sent from: a row
	// is over 200 bytes, and a line that fails takes its rows back.
	start := len(p.batch.rows)
	failAt := func(name string, i int, err error) *ParseError {
		p.batch.rows = p.batch.rows[:start]
		return fail(fmt.Sprintf("moments[%d].%s", i, name), err)
	}
	for i := range jf.moments {
		jm := &jf.moments[i]
		rating, missing := NA, !jm.hasRating
		switch {
		case missing && p.opt.Missing != SkipMissing:
			return failAt("rating", i, errorf(ErrMissing, "missing; the visit is rejected whole, or set Options.Missing to skip the moment"))
		case !missing:
			if err := checkRating(p.opt.Scale, jm.rating); err != nil {
				return failAt("rating", i, err)
			}
			rating = jm.rating
		}
		if err := checkText(jm.touchpoint); err != nil {
			return failAt("touchpoint", i, err)
		}
		touchpoint, err := p.touchpointID(p.internBytes(jm.touchpoint))
		if err != nil {
			return failAt("touchpoint", i, err)
		}
		p.batch.rows = append(p.batch.rows, base)
		rw := &p.batch.rows[len(p.batch.rows)-1]
		rw.missing = missing
		rw.moment = Moment{Touchpoint: touchpoint, Rating: rating, T: NA, Duration: NA}
		rw.timeKind = untimed
		if len(jm.t) > 0 && string(jm.t) != "null" {
			if rw.moment.T, rw.timeKind, err = parseTime(timeText(jm.t), p.opt.Location); err != nil {
				return failAt("t", i, err)
			}
		}
		if jm.hasDuration {
			if err := checkDuration(jm.duration); err != nil {
				return failAt("duration", i, err)
			}
			rw.moment.Duration = jm.duration
		}
		if jm.seq != nil {
			if rw.moment.Seq, err = parseSeq(jm.seq); err != nil {
				return failAt("seq", i, err)
			}
			rw.moment.HasSeq = true
		}
		rw.opens = i == 0
		if rw.opens {
			rw.span = len(jf.moments)
		}
		if i > 0 {
			rw.has = 0 // the visit-level fields count once
			if first := p.batch.rows[start].timeKind; rw.timeKind != first {
				return failAt("t", i, mixedTimes(first, rw.timeKind))
			}
		}
	}
	// The rows' bytes are kept in the batch's arena, as a CSV row's are.
	b := p.batch
	record, visit, purposeBytes := b.keep(text), b.keep(jf.visit), b.keepText(purpose)
	rows := b.rows[start:]
	for i := range rows {
		rows[i].visit, rows[i].purpose, rows[i].record = visit, purposeBytes, record
	}
	p.sendMade(start)
	return nil
}

// sendMade passes on the rows the batch holds from start, made there:
// one at a time when each takes them, else with the batch once it is
// full.
func (p *parser) sendMade(start int) {
	if p.each != nil {
		for i := start; i < len(p.batch.rows) && !p.stopped; i++ {
			p.stopped = !p.each(&p.batch.rows[i])
		}
		p.batch.reset()
		return
	}
	if p.full() {
		p.flush() // which notes when reading must stop
	}
}
