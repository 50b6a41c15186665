package scoring

// Parsing a CSV row in place: csvRow fills the row that takes it (the
// batch's next row, or the parser's one row when each takes rows one at
// a time) rather than a row on the stack that send copies. A row is
// over 200 bytes with a dozen pointers; copying it into the batch and
// clearing it afterwards, with the collector told of every pointer,
// cost more than assembling it.

// slot returns the zeroed row the next row is parsed into.
func (p *parser) slot() *row {
	if p.each != nil {
		p.one = row{}
		return &p.one
	}
	b := p.batch
	n := len(b.rows)
	if n < cap(b.rows) {
		b.rows = b.rows[:n+1] // zero already: reset clears the rows it hands back, dropSlot the row it drops
	} else {
		b.rows = append(b.rows, row{})
	}
	return &b.rows[n]
}

// sendSlot sends the row slot returned, as send sends a row; it
// returns false once reading must stop.
func (p *parser) sendSlot() bool {
	if p.each != nil {
		ok := p.each(&p.one)
		p.stopped = !ok
		return ok
	}
	if len(p.batch.rows) < batchRows && len(p.batch.arena) < batchBytes {
		return true
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
