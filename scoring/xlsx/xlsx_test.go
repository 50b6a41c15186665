package xlsx_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/peakend/peakend/scoring"
	"github.com/peakend/peakend/scoring/xlsx"
)

// workbook returns an .xlsx file with the given sheets (name and the
// XML of its sheetData and after), shared strings and cell styles (by
// number format id), written by hand so that each case has exactly the
// cells it needs.
func workbook(t testing.TB, sheets [][2]string, shared []string, formats ...int) []byte {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	add := func(name, text string) {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(text))
	}
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	add("_rels/.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	var list, rels strings.Builder
	for i, s := range sheets {
		fmt.Fprintf(&list, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, s[0], i+1, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
		add(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), `<?xml version="1.0"?><worksheet `+ns+`>`+s[1]+`</worksheet>`)
	}
	add("xl/workbook.xml", `<?xml version="1.0"?><workbook `+ns+`><sheets>`+list.String()+`</sheets></workbook>`)
	add("xl/_rels/workbook.xml.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+rels.String()+`</Relationships>`)
	var sst strings.Builder
	for _, s := range shared {
		fmt.Fprintf(&sst, "<si><t>%s</t></si>", s)
	}
	add("xl/sharedStrings.xml", `<?xml version="1.0"?><sst `+ns+`>`+sst.String()+`</sst>`)
	var xfs strings.Builder
	for _, f := range append([]int{0}, formats...) {
		fmt.Fprintf(&xfs, `<xf numFmtId="%d"/>`, f)
	}
	add("xl/styles.xml", `<?xml version="1.0"?><styleSheet `+ns+`><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/m/d h:mm"/></numFmts><cellXfs>`+xfs.String()+`</cellXfs></styleSheet>`)
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// row writes a row of cells: a string starting with = is a formula, with
// its cached value after a second =; "s:N" a shared string; "d:X" a
// number in date style 1; others numbers, or inline strings when they
// are not numbers.
func row(n int, cells ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<row r="%d">`, n)
	for i, c := range cells {
		ref := fmt.Sprintf("%c%d", 'A'+i, n)
		switch {
		case c == "":
		case strings.HasPrefix(c, "="):
			f, v, _ := strings.Cut(c[1:], "=")
			if v == "" {
				fmt.Fprintf(&b, `<c r="%s"><f>%s</f></c>`, ref, f)
			} else {
				fmt.Fprintf(&b, `<c r="%s"><f>%s</f><v>%s</v></c>`, ref, f, v)
			}
		case strings.HasPrefix(c, "s:"):
			fmt.Fprintf(&b, `<c r="%s" t="s"><v>%s</v></c>`, ref, c[2:])
		case strings.HasPrefix(c, "d:"):
			fmt.Fprintf(&b, `<c r="%s" s="1"><v>%s</v></c>`, ref, c[2:])
		case strings.Trim(c, "0123456789.") == "":
			fmt.Fprintf(&b, `<c r="%s"><v>%s</v></c>`, ref, c)
		default:
			fmt.Fprintf(&b, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, c)
		}
	}
	return b.String() + "</row>"
}

func sheetData(rows ...string) string { return "<sheetData>" + strings.Join(rows, "") + "</sheetData>" }

func read(t *testing.T, data []byte, sheet string, opt scoring.Options) ([]scoring.Visit, error) {
	t.Helper()
	opt.Name = "v.xlsx"
	var visits []scoring.Visit
	for v, err := range xlsx.Read(bytes.NewReader(data), int64(len(data)), sheet, opt) {
		if err != nil {
			return visits, err
		}
		visits = append(visits, v)
	}
	return visits, nil
}

func sameNumber(a, b float64) bool { return a == b || a != a && b != b }

// A sheet gives the visits of the same rows as CSV: shared and inline
// strings, numbers, the cached value of a formula, Excel dates as dates,
// with empty rows and a gap in the rows between.
func TestReadLikeCSV(t *testing.T) {
	// 45413.376388... is 2024-05-01 09:02; one minute is 1/1440.
	data := workbook(t, [][2]string{{"访问记录", sheetData(
		row(1, "s:0", "s:1", "s:2", "s:3", "s:4"),
		row(2, "v1", "s:5", "s:6", "d:45413.37638888889", "2"),
		row(3, "v1", "s:5", "s:7", "d:45413.38055555556", "=1+3=4"),
		row(5, "", "", "", "", ""),
		row(7, "v2", "咨询", "s:6", "d:45413.5", "#N/A"),
		row(8, "v2", "咨询", "s:7", "d:45413.50069444444", "5"),
	)}}, []string{"访问", "目的", "触点", "时间", "评分", "柜台业务", "等候叫号", "柜台"}, 164)
	csv := "visit,purpose,touchpoint,t,rating\n" +
		"v1,柜台业务,等候叫号,2024-05-01 09:02,2\n" +
		"v1,柜台业务,柜台,2024-05-01 09:08,4\n" +
		"v2,咨询,等候叫号,2024-05-01 12:00,N/A\n" +
		"v2,咨询,柜台,2024-05-01 12:01,5\n"
	for _, missing := range []scoring.MissingRatings{scoring.SkipMissing} {
		opt := scoring.Options{Missing: missing}
		want, err := scoring.ReadAll(strings.NewReader(csv), opt)
		if err != nil {
			t.Fatal(err)
		}
		got, err := read(t, data, "", opt)
		if err != nil {
			t.Fatal(err)
		}
		for i := range want {
			want[i].Line = []int{2, 7}[i] // rows of the sheet
		}
		if diff := cmp.Diff(want, got, cmp.Comparer(sameNumber)); diff != "" {
			t.Errorf("visits (-csv +xlsx):\n%s", diff)
		}
	}
	if names, err := xlsx.Sheets(bytes.NewReader(data), int64(len(data))); err != nil || !slicesEqual(names, []string{"访问记录"}) {
		t.Errorf("Sheets: %v, %v", names, err)
	}
}

func slicesEqual(a, b []string) bool { return strings.Join(a, "\x00") == strings.Join(b, "\x00") }

func TestReadChoosesSheet(t *testing.T) {
	data := workbook(t, [][2]string{
		{"Notes", sheetData(row(1, "nothing here"))},
		{"Visits", sheetData(row(1, "visit", "rating"), row(2, "v1", "3"))},
	}, nil)
	if vs, err := read(t, data, "Visits", scoring.Options{}); err != nil || len(vs) != 1 || vs[0].ID != "v1" {
		t.Errorf("Visits: %v, %v", vs, err)
	}
	if vs, err := read(t, data, "visits", scoring.Options{}); err != nil || len(vs) != 1 {
		t.Errorf("visits, in another case: %v, %v", vs, err)
	}
	_, err := read(t, data, "", scoring.Options{})
	if !errors.Is(err, scoring.ErrHeader) || !strings.HasPrefix(err.Error(), "v.xlsx:Notes!1:1: the header has no visit column") {
		t.Errorf("first sheet: %v", err)
	}
	_, err = read(t, data, "Sheet1", scoring.Options{})
	if !errors.Is(err, xlsx.ErrNoSheet) || err.Error() != `v.xlsx: no such sheet "Sheet1"; the workbook's sheets are "Notes", "Visits"` {
		t.Errorf("no such sheet: %v", err)
	}
}

// Every bad cell is named as Sheet!Cell, and rejected rows too.
func TestReadBadWorkbooks(t *testing.T) {
	header := row(1, "visit", "touchpoint", "t", "rating")
	for _, c := range []struct {
		name  string
		sheet string
		kind  error
		want  string
	}{
		{"merged", sheetData(header, row(2, "v1", "a", "0", "3")) + `<mergeCells count="1"><mergeCell ref="A2:A3"/></mergeCells>`, xlsx.ErrMerged, "v.xlsx:S!A2:A3: merged cells"},
		{"formula without value", sheetData(header, row(2, "v1", "a", "0", "=B1*2")), xlsx.ErrFormula, "v.xlsx:S!D2: a formula without a cached value"},
		{"not a number", sheetData(header, row(2, "v1", "a", "0", "3"), row(3, "v2", "a", "0", "good")), scoring.ErrNotNumber, `v.xlsx:S!D3: visit v2: rating: "good" is not a number`},
		{"mixed times", sheetData(header, row(2, "v1", "a", "0", "3"), row(3, "v1", "b", "d:45413.5", "4")), scoring.ErrMixedTimes, "v.xlsx:S!3:3: visit v1: t: this visit mixes seconds and dates with a time"},
		{"bad shared string", sheetData(header, row(2, "v1", "s:9", "0", "3")), xlsx.ErrCell, "v.xlsx:S!B2: a cell that cannot be read: shared string"},
		{"not xml", "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row", xlsx.ErrWorkbook, "v.xlsx:S!1:1: not a readable .xlsx workbook"},
		{"bad reference", sheetData(`<row r="1"><c r="1A"><v>1</v></c></row>`), xlsx.ErrCell, "v.xlsx:S!1:1: a cell that cannot be read"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := read(t, workbook(t, [][2]string{{"S", c.sheet}}, nil, 164), "", scoring.Options{})
			if !errors.Is(err, c.kind) || !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("got %v\nwant %s… (%v)", err, c.want, c.kind)
			}
		})
	}
	if _, err := read(t, []byte("PK not a zip"), "", scoring.Options{}); !errors.Is(err, xlsx.ErrWorkbook) {
		t.Errorf("not a zip: %v", err)
	}
	// Rows passed to Reject name their cells; the visit goes whole.
	data := workbook(t, [][2]string{{"My visits", sheetData(header, row(2, "v1", "a", "0", "3"), row(4, "v1", "b", "60", "9"), row(5, "v2", "a", "0", "4"))}}, nil)
	var rejected []string
	vs, err := read(t, data, "", scoring.Options{Reject: func(e *scoring.ParseError) { rejected = append(rejected, e.Error()) }})
	if err != nil || len(vs) != 1 || vs[0].ID != "v2" {
		t.Fatalf("%v, %v", vs, err)
	}
	want := []string{
		"v.xlsx:'My visits'!2:2: visit v1: rejected with its visit, whose row at line 4 is bad",
		"v.xlsx:'My visits'!D4: visit v1: rating: 9 is outside the scale 1..5",
	}
	if diff := cmp.Diff(want, rejected); diff != "" {
		t.Errorf("rejected (-want +got):\n%s", diff)
	}
}

// Rows after blank and missing rows, and after a cell of two lines, are
// named by their own numbers.
func TestReadNamesRowsAfterGaps(t *testing.T) {
	data := workbook(t, [][2]string{{"S", sheetData(
		row(1, "visit", "note", "rating"),
		row(3, "v1", "a", "3"),
		`<row r="4"><c r="A4" t="inlineStr"><is><t>v1</t></is></c><c r="B4" t="inlineStr"><is><t>two
lines</t></is></c><c r="C4"><v>4</v></c></row>`,
		row(9, "v2", "", "x"),
	)}}, nil)
	_, err := read(t, data, "", scoring.Options{})
	if err == nil || !strings.HasPrefix(err.Error(), `v.xlsx:S!C9: visit v2: rating: "x" is not a number`) {
		t.Errorf("got %v", err)
	}
	var rejected []*scoring.ParseError
	vs, err := read(t, data, "", scoring.Options{Reject: func(e *scoring.ParseError) { rejected = append(rejected, e) }})
	if err != nil || len(rejected) != 1 || rejected[0].Cell != "S!C9" || rejected[0].Line != 9 {
		t.Errorf("rejected %v, %v", rejected, err)
	}
	if len(vs) != 1 || vs[0].Line != 3 || len(vs[0].Moments) != 2 {
		t.Errorf("visits %+v", vs)
	}
}
