package xlsx_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/peakend/peakend/scoring"
	"github.com/peakend/peakend/scoring/xlsx"
)

// FuzzReadSheet reads any sheet XML and shared strings in a workbook:
// no panic, no hang, and every error a ParseError that names the file.
func FuzzReadSheet(f *testing.F) {
	f.Add(sheetData(row(1, "visit", "t", "rating"), row(2, "v1", "d:45413.5", "3"), row(3, "v1", "d:45413.6", "=1+1=2")), "x")
	f.Add(sheetData(row(1, "s:0", "rating"), row(5, "v", "#N/A"))+`<mergeCells><mergeCell ref="A1:B1"/></mergeCells>`, "访问")
	f.Add(`<sheetData><row r="2"><c r="B2" t="s"><v>7</v></c></row><row r="1"></row></sheetData>`, "")
	f.Add(`<sheetData><row><c><f>A1</f></c><c t="e"><v>#DIV/0!</v></c><c t="b"><v>1</v></c></row></sheetData>`, "")
	f.Fuzz(func(t *testing.T, sheet, shared string) {
		data := workbook(t, [][2]string{{"S", sheet}}, []string{shared, "visit", "rating"}, 164, 22)
		check(t, data)
	})
}

// FuzzRead reads any bytes as a workbook.
func FuzzRead(f *testing.F) {
	f.Add(workbook(f, [][2]string{{"S", sheetData(row(1, "visit", "rating"), row(2, "v1", "3"))}}, nil))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) { check(t, data) })
}

func check(t *testing.T, data []byte) {
	for _, err := range xlsx.Read(bytes.NewReader(data), int64(len(data)), "", scoring.Options{Name: "f.xlsx", Reject: func(*scoring.ParseError) {}}) {
		var pe *scoring.ParseError
		if err != nil && (!errors.As(err, &pe) || pe.File != "f.xlsx") {
			t.Fatalf("error %v is not a ParseError of f.xlsx", err)
		}
	}
}
