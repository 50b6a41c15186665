package scoring

// Parsing a CSV row in place: csvRow fills the row that takes it (the
// batch's next row, or the parser's one row when each takes rows one at
// a time) rather than a row on the stack that send copies. A row is
// over 200 bytes with a dozen pointers; copying it into the batch and
// clearing it afterwards, with the collector told of every pointer,
// cost more than assembling it.
//
// Rows are parsed a batch at a time even where one goroutine both
// parses and assembles them (ReadRanges, eachBatch): a row parsed and
// then assembled, scored and written at once ran through more code than
// the processor's instruction cache holds, and missed it 14 times as
// often (20 M misses against 1.5 M on 60 k visits) as parsing a batch,
// then assembling it.

// slot returns the row the next row is parsed into. It may hold an
// earlier row of the batch's (takeBatch does not clear them): csvRow
// sets every field.
func (p *parser) slot() *row {
	if p.each != nil {
		return &p.one
	}
	b := p.batch
	n := len(b.rows)
	if n < cap(b.rows) {
		b.rows = b.rows[:n+1]
	} else {
		b.rows = append(b.rows, row{})
	}
	return &b.rows[n]
}

// passSlot passes on the row slot returned, once the batch is full or
// each takes it (csvRows asks full inline, as most rows only join the
// batch); it returns false once reading must stop.
func (p *parser) passSlot() bool {
	if p.each != nil {
		ok := p.each(&p.one)
		p.stopped = !ok
		return ok
	}
	return p.flush()
}

// dropSlot gives back the row slot returned, for a row that was bad.
func (p *parser) dropSlot() {
	if p.each != nil {
		return
	}
	b := p.batch
	n := len(b.rows) - 1
	b.rows[n] = row{}
	b.rows = b.rows[:n]
}

// rangeBatchRows is the rows of a batch under eachBatch: enough that
// the instruction cache is filled once for many rows, few enough that
// the batch's rows (about 250 bytes each) stay in the data cache.
const rangeBatchRows = 256

// full reports that the batch is to be passed on before another row.
func (p *parser) full() bool {
	b := p.batch
	if p.eachBatch == nil {
		return len(b.rows) >= batchRows || len(b.arena) >= batchBytes
	}
	n := len(b.rows)
	return n >= rangeBatchRows || len(b.arena) >= batchBytes ||
		n > 0 && p.flushAt > 0 && b.rows[n-1].line >= p.flushAt
}

// takeBatch passes the batch to eachBatch and empties it for the next
// rows; it returns false once reading must stop. Its rows are not
// cleared, as csvRow writes every field of a row: the bytes they hold
// are the range's (its reader's buffer and arena, reused), and read
// clears them once the range is read.
func (p *parser) takeBatch() bool {
	ok := p.eachBatch(p.batch)
	p.batch.rows, p.batch.arena = p.batch.rows[:0], p.batch.arena[:0]
	p.stopped, p.lent = !ok, false
	return ok
}
