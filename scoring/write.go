package scoring

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
)

// FeaturesHeader returns the header of the CSV that FeatureWriter
// writes: the visit, its purpose, the features of the feature table with
// the peak's and the end's touchpoints, and the remembered rating.
func FeaturesHeader() string { return featuresHeader }

var featuresHeader = func() string {
	h := "visit,purpose"
	for _, ft := range columnFeatures {
		h += "," + ft.name
		if ft.touchpoint != "" {
			h += "," + ft.touchpoint
		}
	}
	return h + ",remembered"
}()

// A FeatureWriter writes one CSV row of features per visit.
type FeatureWriter struct {
	// Verbatim writes text cells as they are, for programs; by default a
	// cell a spreadsheet would run as a formula is neutralised (see
	// AppendCSVText).
	Verbatim bool
	w        *bufio.Writer
	buf      []byte
	cols     whoHeader
	missing  bool        // a missing column last (NewFeatureWriterMissing)
	part     *partRows   // the rows held by a part (Part)
	spare    *spareParts // buffers of merged parts, shared by the whole and its parts
	// memo holds the text of numbers written before; made with the
	// first row, and taken with a part's buffers.
	memo *numberMemo
}

// NewFeatureWriter returns a writer of features. It writes the header
// with the first row (or on Flush): with customer and site columns
// after purpose when the first visit has them (see whoHeader).
// A nil w gives a writer whose every call fails.
func NewFeatureWriter(w io.Writer) *FeatureWriter {
	fw := &FeatureWriter{spare: &spareParts{}}
	if w != nil {
		fw.w = bufio.NewWriterSize(w, 1<<16)
	}
	return fw
}

// header is the header line's columns without customer and site.
func (fw *FeatureWriter) header() string {
	if fw.missing {
		return featuresHeader + ",missing"
	}
	return featuresHeader
}

// Write writes the row of visit v with features f.
func (fw *FeatureWriter) Write(v *Visit, f *Features) error {
	switch {
	case fw == nil || (fw.w == nil && fw.part == nil):
		return errNilWriter
	case v == nil || f == nil:
		return errNilVisit
	case fw.part != nil:
		return fw.writePart(v, f)
	}
	b, err := fw.cols.start(fw.buf[:0], v, fw.header())
	if err != nil {
		return err
	}
	b = appendText(b, fw.Verbatim, v.ID)
	b = append(b, ',')
	b = appendText(b, fw.Verbatim, v.Purpose)
	b = fw.cols.appendWho(b, fw.Verbatim, v)
	b = fw.appendFeatures(b, v, f)
	fw.buf = b
	_, err = fw.w.Write(b)
	return err
}

// appendFeatures appends the cells after purpose and the who columns,
// and the end of the row: the features of columnFeatures in its order,
// each as the table says (integer, of ratings or not, with a
// touchpoint), and the remembered rating. It writes them cell by cell
// rather than by the table's functions, whose calls cost more than the
// cells; TestFeatureCellsAsTable holds it to the table.
func (fw *FeatureWriter) appendFeatures(b []byte, v *Visit, f *Features) []byte {
	if fw.memo == nil {
		fw.memo = new(numberMemo)
	}
	m := fw.memo
	b = appendInt(append(b, ','), int64(f.Moments))
	b = appendCell(b, f.Duration)
	b = m.pair(b, f.First, f.Peak)
	b = fw.appendTouchpoint(b, v, f.PeakMoment)
	b = m.triple(b, f.Best, f.Worst, f.End)
	b = fw.appendTouchpoint(b, v, f.EndMoment)
	b = m.cell(b, f.Mean)
	b = appendCell(b, f.TimeMean)
	b = m.cell(b, f.Trend)
	b = m.cell(b, f.PeakEnd)
	b = m.cell(b, v.Remembered)
	if fw.missing {
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(v.Missing), 10)
	}
	return append(b, '\n')
}

// appendCell appends a cell of x, a feature not of ratings, whose text
// seldom comes again.
func appendCell(b []byte, x float64) []byte {
	if d, ok := oneDigit(x); ok {
		return append(b, ',', d)
	}
	return appendNumber(append(b, ','), x)
}

// pair and triple append the cells of their numbers as cell does, in
// one call and one append when each is one digit, as the ratings of
// moments (first to end) mostly are: a call costs more than such a cell.
func (m *numberMemo) pair(b []byte, x, y float64) []byte {
	dx, okx := oneDigit(x)
	dy, oky := oneDigit(y)
	if okx && oky {
		return append(b, ',', dx, ',', dy)
	}
	return m.cell(m.cell(b, x), y)
}

func (m *numberMemo) triple(b []byte, x, y, z float64) []byte {
	dx, okx := oneDigit(x)
	dy, oky := oneDigit(y)
	dz, okz := oneDigit(z)
	if okx && oky && okz {
		return append(b, ',', dx, ',', dy, ',', dz)
	}
	return m.cell(m.pair(b, x, y), z)
}

// appendTouchpoint appends the cell of the touchpoint of v's moment i.
func (fw *FeatureWriter) appendTouchpoint(b []byte, v *Visit, i int) []byte {
	return appendText(append(b, ','), fw.Verbatim, touchpointAt(v, i))
}

// A numberMemo holds the text AppendNumber gives numbers written
// before, by their bits, one number in each of its entries. Features
// of whole ratings take few values (a visit's mean, trend and peak-end
// among a few hundred in a whole file), as do remembered ratings of a
// few places, whose text is found again for the cost of a hash and a
// copy rather than worked out once more; others take one look in the
// table. Features of durations, which seldom come again, are written
// without it (feature.ofRatings).
type numberMemo [1 << memoBits]memoEntry

// memoBits sizes the memo: 2048 entries of 32 bytes (64 KB) hold the
// values a file's features of ratings and remembered ratings repeat
// most; twice as many find a few more of the remembered ones.
const memoBits = 11

// A memoEntry is a number's bits and its text; n = 0 marks an entry
// that holds none (no text is empty but NA's, which is not held).
type memoEntry struct {
	bits uint64
	text [23]byte
	n    uint8
}

// cell appends a cell of x, a feature of ratings or a remembered
// rating (see feature.ofRatings): a comma, then x as AppendNumber
// writes it, its text found in m when it came before. A number of one
// digit, which most of them are, it writes as it stands; the others in
// this one call too, as a call costs about what a look in m does.
func (m *numberMemo) cell(b []byte, x float64) []byte {
	if d, ok := oneDigit(x); ok {
		return append(b, ',', d)
	}
	bits := math.Float64bits(x)
	e := &m[bits*0x9e3779b97f4a7c15>>(64-memoBits)] // Fibonacci hashing: the top bits of the product
	if cap(b)-len(b) < 1+len(e.text) {
		b = slices.Grow(b, 1+len(e.text))
	}
	b = append(b, ',')
	// Copies of the whole text array, of constant size, need no call;
	// the bytes past a text's end are left past b's end.
	n := len(b)
	if e.bits == bits && e.n != 0 {
		*(*[len(e.text)]byte)(b[n : n+len(e.text)]) = e.text
		return b[:n+int(e.n)]
	}
	// AppendNumber's text, past its check for one digit, made above;
	// when it fits an entry, b's array is the one grown above.
	b = appendNumber(b, x)
	if len(b)-n <= len(e.text) {
		e.bits, e.n = bits, uint8(len(b)-n)
		e.text = *(*[len(e.text)]byte)(b[n : n+len(e.text)])
	}
	return b
}

// Flush writes any buffered rows; a part's rows stay held for Merge.
func (fw *FeatureWriter) Flush() error {
	if fw != nil && fw.part != nil {
		return nil
	}
	if fw == nil || fw.w == nil {
		return errNilWriter
	}
	fw.w.Write(fw.cols.flush(fw.header()))
	return fw.w.Flush()
}

var (
	errNilWriter = errors.New("scoring: a writer without an io.Writer (nil, or not made by its New function)")
	errNilVisit  = errors.New("scoring: a nil visit or features to write")
)

func touchpointAt(v *Visit, i int) string {
	if i < 0 || i >= len(v.Moments) {
		return ""
	}
	return v.Moments[i].Touchpoint
}

// VisitsHeader is the header of the tidy CSV that VisitWriter writes.
const VisitsHeader = "visit,purpose,touchpoint,t,duration,rating,remembered,recommend"

// A VisitWriter writes visits in one of the formats Read reads.
type VisitWriter struct {
	// Verbatim writes CSV text cells as they are (see FeatureWriter).
	// Read takes the default form back to the same text, and the
	// verbatim form too but for a text of single quotes before a
	// formula character ("'=x" is read as "=x").
	Verbatim bool
	w        *bufio.Writer
	format   Format
	buf      []byte
	cols     whoHeader
}

// NewVisitWriter returns a writer of visits in format f. For CSV it
// writes the header with the first visit (or on Flush), with customer
// and site columns after purpose when the first visit has them (see
// whoHeader). A nil w gives a writer whose every call fails, and a
// format other than CSV and JSONL one whose Write fails.
func NewVisitWriter(w io.Writer, f Format) *VisitWriter {
	vw := &VisitWriter{format: f}
	if w != nil {
		vw.w = bufio.NewWriterSize(w, 1<<16)
	}
	return vw
}

// Write writes one visit: a row per moment in CSV (visit-level values
// on every row), one line in JSON Lines.
func (vw *VisitWriter) Write(v *Visit) error {
	switch {
	case vw == nil || vw.w == nil:
		return errNilWriter
	case v == nil:
		return errNilVisit
	case vw.format != CSV && vw.format != JSONL:
		return fmt.Errorf("scoring: VisitWriter of unknown format %v", vw.format)
	}
	if vw.format == JSONL {
		return vw.writeJSON(v)
	}
	b, err := vw.cols.start(vw.buf[:0], v, VisitsHeader)
	if err != nil {
		return err
	}
	for _, m := range v.Moments {
		b = appendText(b, vw.Verbatim, v.ID)
		b = append(b, ',')
		b = appendText(b, vw.Verbatim, v.Purpose)
		b = vw.cols.appendWho(b, vw.Verbatim, v)
		b = append(b, ',')
		b = appendText(b, vw.Verbatim, m.Touchpoint)
		for _, x := range []float64{m.T, m.Duration, m.Rating, v.Remembered, v.Recommend} {
			b = append(b, ',')
			b = AppendNumber(b, x)
		}
		b = append(b, '\n')
	}
	vw.buf = b
	_, err = vw.w.Write(b)
	return err
}

func (vw *VisitWriter) writeJSON(v *Visit) error {
	type moment struct {
		Touchpoint string   `json:"touchpoint,omitempty"`
		T          *float64 `json:"t,omitempty"`
		Duration   *float64 `json:"duration,omitempty"`
		Rating     float64  `json:"rating"`
	}
	out := struct {
		Visit      string   `json:"visit"`
		Purpose    string   `json:"purpose,omitempty"`
		Remembered *float64 `json:"remembered,omitempty"`
		Recommend  *float64 `json:"recommend,omitempty"`
		Customer   string   `json:"customer,omitempty"`
		Site       string   `json:"site,omitempty"`
		Moments    []moment `json:"moments"`
	}{Visit: v.ID, Purpose: v.Purpose, Remembered: ptr(v.Remembered), Recommend: ptr(v.Recommend),
		Customer: v.Customer, Site: v.Site}
	for _, m := range v.Moments {
		out.Moments = append(out.Moments, moment{m.Touchpoint, ptr(m.T), ptr(m.Duration), m.Rating})
	}
	b, err := json.Marshal(out)
	if err != nil {
		return err
	}
	vw.w.Write(b)
	return vw.w.WriteByte('\n')
}

func ptr(x float64) *float64 {
	if IsNA(x) {
		return nil
	}
	return &x
}

// Flush writes any buffered output.
func (vw *VisitWriter) Flush() error {
	if vw == nil || vw.w == nil {
		return errNilWriter
	}
	if vw.format == CSV {
		vw.w.Write(vw.cols.flush(VisitsHeader))
	}
	return vw.w.Flush()
}
