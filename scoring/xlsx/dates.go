package xlsx

import (
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// readStyles finds which cell styles show a number as a date or time.
func (wb *workbook) readStyles() error {
	rc, err := wb.part("xl/styles.xml")
	if rc == nil || err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	formats := map[int]string{}
	inXfs := false
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%w: styles: %v", ErrWorkbook, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "numFmt":
				id, _ := strconv.Atoi(attr(t, "numFmtId"))
				formats[id] = attr(t, "formatCode")
			case "cellXfs":
				inXfs = true
			case "xf":
				if inXfs {
					id, _ := strconv.Atoi(attr(t, "numFmtId"))
					code, custom := formats[id]
					wb.dates = append(wb.dates, custom && dateCode(code) || !custom && builtinDate(id))
				}
			}
		case xml.EndElement:
			if t.Name.Local == "cellXfs" {
				inXfs = false
			}
		}
	}
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// builtinDate reports whether a built-in number format shows a date or
// time: 14–22 and 45–47 everywhere, 27–36 and 50–58 in East Asian
// locales, where Excel on Chinese Windows stores 年月日 formats.
func builtinDate(id int) bool {
	return id >= 14 && id <= 22 || id >= 27 && id <= 36 || id >= 45 && id <= 47 || id >= 50 && id <= 58
}

// dateCode reports whether a format code shows a date or time: it has
// y, m, d, h or s outside quotes, escapes and brackets other than
// elapsed time ([h]), and is not General.
func dateCode(code string) bool {
	if strings.EqualFold(code, "general") {
		return false
	}
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			for i++; i < len(code) && code[i] != '"'; i++ {
			}
		case '\\', '_', '*':
			i++
		case '[':
			end := strings.IndexByte(code[i:], ']')
			if end < 0 {
				return false
			}
			inner := strings.ToLower(code[i+1 : i+end])
			if strings.Trim(inner, "hms") == "" && inner != "" {
				return true // elapsed time
			}
			i += end
		case 'y', 'Y', 'm', 'M', 'd', 'D', 'h', 'H', 's', 'S':
			return true
		case ';':
			return false // only the first section says
		}
	}
	return false
}

// dateText turns an Excel serial date into the text of a date and time
// Read takes in Options.Location (2024-05-01 09:02:00), or a time of
// day for a serial below 1 (09:02:00). Excel's days count from
// 1899-12-30 (its 1900 leap day aside) or, in 1904 workbooks, 1904-01-01.
func dateText(serial float64, date1904 bool) (string, bool) {
	if math.IsNaN(serial) || serial < 0 || serial > 2958465 { // 9999-12-31
		return "", false
	}
	ms := math.Round(serial * 86400e3)
	days, rest := math.Floor(ms/86400e3), math.Mod(ms, 86400e3)
	clock := time.UnixMilli(int64(rest)).UTC()
	layout := "15:04:05"
	if clock.Nanosecond() != 0 {
		layout = "15:04:05.000"
	}
	if days == 0 && !date1904 {
		return clock.Format(layout), true
	}
	epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	if date1904 {
		epoch = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return epoch.AddDate(0, 0, int(days)).Format("2006-01-02") + " " + clock.Format(layout), true
}
