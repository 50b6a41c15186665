package xlsx

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// The kinds of bad workbook, to test with errors.Is; the error's text
// says what was found and where.
var (
	ErrWorkbook = errors.New("not a readable .xlsx workbook")
	ErrNoSheet  = errors.New("no such sheet")
	ErrMerged   = errors.New("merged cells")
	ErrFormula  = errors.New("a formula without a cached value")
	ErrCell     = errors.New("a cell that cannot be read")
)

// Limits on the parts of a workbook held in memory, checked as they are
// read, so that a hostile file cannot take the memory: the shared
// strings (all of them), the text of one cell and the cells of one row.
const (
	MaxSharedStrings = 64 << 20 // bytes of shared-string text
	MaxCellText      = 1 << 20
	MaxColumns       = 16384   // Excel's last column, XFD
	MaxRows          = 1 << 20 // Excel's last row
)

// A workbook is the parts of an .xlsx file a sheet is read with.
type workbook struct {
	zip      *zip.Reader
	sheets   []sheetRef
	strings  []string
	dates    []bool // by cell style: the style shows a date or time
	date1904 bool
}

type sheetRef struct{ name, part string }

func openWorkbook(r io.ReaderAt, size int64) (*workbook, error) {
	z, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrWorkbook, err)
	}
	wb := &workbook{zip: z}
	main, err := wb.mainPart()
	if err != nil {
		return nil, err
	}
	if err := wb.readSheets(main); err != nil {
		return nil, err
	}
	if err := wb.readStrings(); err != nil {
		return nil, err
	}
	if err := wb.readStyles(); err != nil {
		return nil, err
	}
	return wb, nil
}

// part opens a part of the zip; nil, nil when it is not there.
func (wb *workbook) part(name string) (io.ReadCloser, error) {
	name = strings.TrimPrefix(name, "/")
	for _, f := range wb.zip.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				return nil, fmt.Errorf("%w: %s: %v", ErrWorkbook, name, err)
			}
			return rc, nil
		}
	}
	return nil, nil
}

// relationships returns the targets of a part's relationships by id,
// resolved against the part's folder.
func (wb *workbook) relationships(of string) (map[string]string, error) {
	dir, file := path.Split(of)
	rc, err := wb.part(path.Join(dir, "_rels", file+".rels"))
	if rc == nil || err != nil {
		return nil, err
	}
	defer rc.Close()
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.NewDecoder(rc).Decode(&rels); err != nil {
		return nil, fmt.Errorf("%w: the relationships of %s: %v", ErrWorkbook, of, err)
	}
	m := map[string]string{}
	for _, r := range rels.Rel {
		t := r.Target
		if !strings.HasPrefix(t, "/") {
			t = path.Join(dir, t)
		}
		m[r.ID] = strings.TrimPrefix(t, "/")
		if strings.HasSuffix(r.Type, "/officeDocument") {
			m["officeDocument"] = m[r.ID]
		}
	}
	return m, nil
}

// mainPart is the workbook part, xl/workbook.xml unless the package's
// relationships say otherwise.
func (wb *workbook) mainPart() (string, error) {
	rels, err := wb.relationships("")
	if err != nil {
		return "", err
	}
	if p, ok := rels["officeDocument"]; ok {
		return p, nil
	}
	return "xl/workbook.xml", nil
}

func (wb *workbook) readSheets(main string) error {
	rc, err := wb.part(main)
	if err != nil {
		return err
	}
	if rc == nil {
		return fmt.Errorf("%w: it has no %s; is it an .xlsx file (not .xls or .xlsb)?", ErrWorkbook, main)
	}
	defer rc.Close()
	var doc struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name string     `xml:"name,attr"`
			Attr []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.NewDecoder(rc).Decode(&doc); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrWorkbook, main, err)
	}
	wb.date1904 = doc.Pr.Date1904 == "1" || doc.Pr.Date1904 == "true"
	rels, err := wb.relationships(main)
	if err != nil {
		return err
	}
	for _, s := range doc.Sheets {
		for _, a := range s.Attr {
			if a.Name.Local == "id" && rels[a.Value] != "" {
				wb.sheets = append(wb.sheets, sheetRef{s.Name, rels[a.Value]})
			}
		}
	}
	if len(wb.sheets) == 0 {
		return fmt.Errorf("%w: the workbook has no sheet", ErrWorkbook)
	}
	return nil
}

// sheet returns the sheet of that name, the first for "".
func (wb *workbook) sheet(name string) (sheetRef, error) {
	if name == "" {
		return wb.sheets[0], nil
	}
	names := make([]string, len(wb.sheets))
	for i, s := range wb.sheets {
		if s.name == name {
			return s, nil
		}
		names[i] = strconv.Quote(s.name)
	}
	for _, s := range wb.sheets { // as Excel matches sheet names: in any case
		if strings.EqualFold(s.name, name) {
			return s, nil
		}
	}
	return sheetRef{}, fmt.Errorf("%w %q; the workbook's sheets are %s", ErrNoSheet, name, strings.Join(names, ", "))
}

// readStrings reads the shared strings, the text of each <si> (its <t>,
// or the <t> of its runs, without phonetic guides).
func (wb *workbook) readStrings() error {
	rc, err := wb.part("xl/sharedStrings.xml")
	if rc == nil || err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	var text strings.Builder
	total, inT, inPhonetic := 0, false, false
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%w: shared strings: %v", ErrWorkbook, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				text.Reset()
			case "t":
				inT = true
			case "rPh":
				inPhonetic = true
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				wb.strings = append(wb.strings, text.String())
			case "t":
				inT = false
			case "rPh":
				inPhonetic = false
			}
		case xml.CharData:
			if inT && !inPhonetic {
				total += len(t)
				if total > MaxSharedStrings {
					return fmt.Errorf("%w: more than %d MiB of shared strings", ErrWorkbook, MaxSharedStrings>>20)
				}
				text.Write(t)
			}
		}
	}
}
