package scoring

import (
	"errors"
	"fmt"
	"sync"
)

// A part of a FeatureWriter's rows, for a range read on another core
// (ReadRanges): its rows are held, each with both the customer and the
// site cell, until Merge writes them with the columns of the whole's
// header. The header is decided by the first row written, as Write
// decides it, so that the output is the same whichever core scored a
// visit.
type partRows struct {
	text []byte
	rows []partRow
	ids  []string    // the visits of the rows with a customer or site, for the error of one the header has no column for
	memo *numberMemo // the part's writer's, kept with the buffers for the next part, which the text of numbers may serve as well
}

// A partRow is one held row: text[start:who] is its visit and purpose,
// text[who:site] its customer cell, text[site:rest] its site cell and
// text[rest:end] the features that follow. A row without customer and
// site holds no cells for them (who = site = rest), so that the rows of
// a part without any are one text, which Merge writes at once. It holds
// no pointer, so that the collector need not scan a part's rows.
type partRow struct {
	start, who, site, rest, end int
	id                          int // the row's visit in ids; -1 for a row without customer and site, which no header refuses
	has                         [len(whoColumns)]bool
}

// spareParts are the buffers of parts already merged, for the next
// Part: a range's rows are about 1.5 MB, which allocated anew for each
// range (and grown from nothing) cost more than writing them.
type spareParts struct {
	mu   sync.Mutex
	free []*partRows
}

// spareKept bounds the buffers kept: ReadRanges holds at most
// Workers+2 parts at once.
const spareKept = 8

func (s *spareParts) get() *partRows {
	if s == nil { // a writer not made by its New function
		return &partRows{}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if n := len(s.free); n > 0 {
		p := s.free[n-1]
		s.free = s.free[:n-1]
		return p
	}
	return &partRows{}
}

func (s *spareParts) put(p *partRows) {
	if s == nil {
		return
	}
	p.text, p.rows, p.ids = p.text[:0], p.rows[:0], p.ids[:0]
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.free) < spareKept {
		s.free = append(s.free, p)
	}
}

// Part returns a writer of a part of fw's rows: Write holds them, and
// fw.Merge(part) writes them after fw's own rows as fw.Write would have
// written them. A part takes fw's Verbatim and missing column. Part may
// be called on several goroutines at once.
func (fw *FeatureWriter) Part() *FeatureWriter {
	p := fw.spare.get()
	if p.memo == nil {
		p.memo = new(numberMemo)
	}
	return &FeatureWriter{Verbatim: fw.Verbatim, missing: fw.missing, part: p, spare: fw.spare, memo: p.memo}
}

// writePart holds the row of v in fw's part.
func (fw *FeatureWriter) writePart(v *Visit, f *Features) error {
	p := fw.part
	r := partRow{start: len(p.text), id: -1}
	b := appendText(p.text, fw.Verbatim, v.ID)
	b = append(b, ',')
	b = appendText(b, fw.Verbatim, v.Purpose)
	r.who, r.site = len(b), len(b)
	if v.Customer != "" || v.Site != "" { // the who columns, which most files have not, at one test
		for i, c := range whoColumns {
			r.has[i] = *whoOf(v, c) != ""
		}
		r.id = len(p.ids)
		p.ids = append(p.ids, v.ID)
		for i, c := range whoColumns {
			if i == 1 {
				r.site = len(b)
			}
			b = append(b, ',')
			b = appendText(b, fw.Verbatim, *whoOf(v, c))
		}
	}
	r.rest = len(b)
	b = fw.appendFeatures(b, v, f)
	r.end = len(b)
	p.text = b
	p.rows = append(p.rows, r)
	return nil
}

// Merge writes the rows held by part, made by fw.Part, after fw's own:
// each with the customer and site columns of fw's header, which the
// first row decides. A row with a customer or site the header has no
// column for is left out, as Write leaves it out, and Merge returns its
// error (ErrNoWhoColumn) after writing the others; an error writing is
// returned as it happens. The part is empty afterwards, its buffers
// kept for fw's next Part.
func (fw *FeatureWriter) Merge(part *FeatureWriter) error {
	switch {
	case fw == nil || fw.w == nil:
		return errNilWriter
	case part == nil || part.part == nil:
		return errors.New("scoring: FeatureWriter.Merge of a writer not made by Part")
	}
	p := part.part
	var rowErr error
	if fw.cols.written && len(p.ids) == 0 && fw.cols.has == [len(whoColumns)]bool{} {
		// No row has a customer or site, nor the header a column for
		// them, as in most files: the rows are written as they stand,
		// in one text, which the loop below would find row by row; it
		// is left none.
		if _, err := fw.w.Write(p.text); err != nil {
			return err
		}
		p.rows = p.rows[:0]
	}
	// text[run:runEnd] are the rows before r to be written as they
	// stand, not yet written: rows without customer and site when the
	// header has neither column. Rows are held one after another, so
	// they are one text.
	run, runEnd := 0, 0
	for _, r := range p.rows {
		if !fw.cols.written {
			fw.cols.has = r.has
			fw.w.WriteString(fw.cols.header(fw.header()))
		}
		var refused error
		if r.id >= 0 { // only a row with a customer or site can lack a column
			refused = fw.cols.check(p.ids[r.id], r.has)
		}
		if refused == nil && r.who == r.rest && fw.cols.has == [len(whoColumns)]bool{} {
			runEnd = r.end
			continue
		}
		if _, err := fw.w.Write(p.text[run:runEnd]); err != nil {
			return err
		}
		run, runEnd = r.end, r.end
		if refused != nil {
			if rowErr == nil {
				rowErr = refused
			}
			continue
		}
		if err := fw.writeWho(p.text, r); err != nil {
			return err
		}
	}
	if _, err := fw.w.Write(p.text[run:runEnd]); err != nil {
		return err
	}
	part.part, part.memo = &partRows{}, nil // the memo goes with the buffers, to the next Part
	fw.spare.put(p)
	return rowErr
}

// writeWho writes held row r with the customer and site columns of
// fw's header: its own cells, or empty ones for a row without.
func (fw *FeatureWriter) writeWho(text []byte, r partRow) error {
	fw.w.Write(text[r.start:r.who])
	cells := [len(whoColumns)][]byte{text[r.who:r.site], text[r.site:r.rest]}
	for i, want := range fw.cols.has {
		switch {
		case !want:
		case r.who == r.rest: // a row without customer and site holds no cells
			fw.w.WriteByte(',')
		default:
			fw.w.Write(cells[i])
		}
	}
	_, err := fw.w.Write(text[r.rest:r.end])
	return err
}

// check returns the error of a row of visit id, whose customer and site
// are given as has says, when the header has no column for one.
func (h *whoHeader) check(id string, has [len(whoColumns)]bool) error {
	for i, c := range whoColumns {
		if !h.has[i] && has[i] {
			return fmt.Errorf("scoring: visit %s has a %s, but the first visit written had none: %w", id, csvColumns[c], ErrNoWhoColumn)
		}
	}
	return nil
}
