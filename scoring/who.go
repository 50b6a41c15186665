package scoring

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
)

// Who and where: the optional per-visit columns customer and site, which
// say which visits share a customer or a site, so that an analysis can
// treat the visits of one customer (or one site) as repeated measures.
// Like purpose, each is constant within a visit.

// colWho is the first of the who columns; row.who is indexed from it.
const colWho = colCustomer

// whoColumns are the who columns, in the order of row.who.
var whoColumns = [...]int{colCustomer, colSite}

// whoBits are the bits of row.has of the who columns: a row without
// them, as most files' rows are, costs the who checks one test.
const whoBits = 1<<colCustomer | 1<<colSite

// whoOf returns the visit's field of who column c.
func whoOf(v *Visit, c int) *string {
	if c == colCustomer {
		return &v.Customer
	}
	return &v.Site
}

// csvWho sets the who fields of rw from a CSV record whose text was
// checked: the bytes are kept (see keep); csvRow cleared them.
func (p *parser) csvWho(sc *csvScanner, l *csvLayout, rw *row) {
	if l[colCustomer] < 0 && l[colSite] < 0 {
		return
	}
	p.csvWhoCells(sc, l, rw)
}

func (p *parser) csvWhoCells(sc *csvScanner, l *csvLayout, rw *row) {
	for _, c := range whoColumns {
		if cell := sc.cell(l[c]); len(cell) > 0 {
			rw.who[c-colWho] = p.keep(unneutralise(cell))
			rw.has |= 1 << c
		}
	}
}

// jsonWho sets the who fields of a JSON line's rows.
func jsonWho(jf *jsonFields, base *row, fail func(string, error) *ParseError) *ParseError {
	for _, c := range whoColumns {
		text := jf.customer
		if c == colSite {
			text = jf.site
		}
		if len(text) == 0 {
			continue
		}
		if err := checkText(text); err != nil {
			return fail(csvColumns[c], err)
		}
		base.who[c-colWho] = bytes.Clone(text) // the line's bytes are recycled
		base.has |= 1 << c
	}
	return nil
}

// whoConflict returns the problem of a row whose customer or site
// differs from its visit's, or nil.
func (a *assembler) whoConflict(r *row, conflict func(c int, old, now string) *ParseError) *ParseError {
	if r.has&whoBits == 0 {
		return nil
	}
	return a.whoConflictOf(r, conflict)
}

func (a *assembler) whoConflictOf(r *row, conflict func(c int, old, now string) *ParseError) *ParseError {
	for _, c := range whoColumns {
		if r.has&(1<<c) == 0 {
			continue
		}
		if old := *whoOf(a.cur, c); old != "" && old != string(r.who[c-colWho]) {
			return conflict(c, strconv.Quote(old), strconv.Quote(string(r.who[c-colWho])))
		}
	}
	return nil
}

// takeWho sets the visit's customer and site from the first row that
// gives them. Sites repeat on many visits and share one string each.
func (a *assembler) takeWho(r *row) {
	if r.has&whoBits != 0 {
		a.takeWhoCells(r)
	}
}

func (a *assembler) takeWhoCells(r *row) {
	for _, c := range whoColumns {
		if field := whoOf(a.cur, c); r.has&(1<<c) != 0 && *field == "" {
			if c == colSite {
				*field = a.purpose(r.who[c-colWho])
			} else {
				*field = string(r.who[c-colWho])
			}
			a.fieldAt[c] = r.line
		}
	}
}

// ErrNoWhoColumn is a visit with a customer or site written after a
// first visit without one: the CSV's header, written with the first
// row, has no column for it.
var ErrNoWhoColumn = errors.New("a customer or site the output has no column for")

// A whoHeader writes a CSV header with the first row, and decides then
// whether the output has customer and site columns (after purpose): it
// has each when the first visit has it. Output without them is what it
// was before visits had customers and sites.
type whoHeader struct {
	written bool
	fixed   bool // has was given before the first row (FixColumns)
	has     [len(whoColumns)]bool
}

// start returns b with the header appended if it is not yet written,
// or an error when v has a customer or site the header left out.
func (h *whoHeader) start(b []byte, v *Visit, header string) ([]byte, error) {
	var has [len(whoColumns)]bool
	for i, c := range whoColumns {
		has[i] = *whoOf(v, c) != ""
	}
	if !h.written && !h.fixed {
		h.has = has
	}
	if err := h.check(v.ID, has); err != nil {
		return b, err
	}
	if !h.written {
		b = append(b, h.header(header)...)
	}
	return b, nil
}

// header returns the header line, marking it written.
func (h *whoHeader) header(base string) string {
	h.written = true
	visit, rest, _ := strings.Cut(base, ",purpose")
	line := visit + ",purpose"
	for i, c := range whoColumns {
		if h.has[i] {
			line += "," + csvColumns[c]
		}
	}
	return line + rest + "\n"
}

// flush returns the header if no row has written it.
func (h *whoHeader) flush(base string) []byte {
	if h.written {
		return nil
	}
	return []byte(h.header(base))
}

// appendWho appends the cells of the who columns the header has.
func (h *whoHeader) appendWho(b []byte, verbatim bool, v *Visit) []byte {
	for i, c := range whoColumns {
		if h.has[i] {
			b = append(b, ',')
			b = appendText(b, verbatim, *whoOf(v, c))
		}
	}
	return b
}
