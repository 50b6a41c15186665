// Command gensamples writes the service hall's sample visit files, the
// same visits in the forms a store manager's files have them:
//
//	visits.csv           ids and seconds, UTF-8: the reference
//	visits.xlsx          a workbook: Chinese headers and names, Excel dates
//	visits-gb18030.csv   CSV as Excel on Chinese Windows saves it: GB18030, CRLF, 2024/5/1 9:02:05
//	visits.tsv           tab-separated, as pasted from a sheet: times of day 09:02:05
//
// Every form scores to the same bytes (peakend score --blueprint
// hall.yaml); the tests of cmd/peakend check it, and TestUpToDate that
// the committed files are what this writes. Run it with go generate in
// examples/servicehall.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/examples/servicehall"
	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/scoring"
)

func main() {
	dir := flag.String("dir", ".", "folder of hall.yaml, where visits.csv and visits.xlsx go")
	testdata := flag.String("testdata", "../../testdata/zh", "folder of the GB18030 and TSV files")
	flag.Parse()
	files, err := samples(filepath.Join(*dir, "hall.yaml"))
	if err == nil {
		for name, data := range files {
			folder := *testdata
			if name == "visits.csv" || name == "visits.xlsx" {
				folder = *dir
			}
			if err = os.WriteFile(filepath.Join(folder, name), data, 0o644); err != nil {
				break
			}
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gensamples:", err)
		os.Exit(1)
	}
}

// sampleVisits is the number of visits in the samples.
const sampleVisits = 40

// start is when the first visit starts; each starts a few minutes after
// the one before, all on one day.
var start = time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)

// visits are simulated visits with times and durations in whole
// seconds, as clocks record them, so that every form of time gives the
// same differences exactly.
func visits() []scoring.Visit {
	sim := servicehall.Simulation(scoring.MemoryModel{Weights: map[string]float64{"peak_end": 1}, Noise: 0.3}, 14)
	var vs []scoring.Visit
	for v := range sim.Visits(sampleVisits) {
		t := 0.0
		for i := range v.Moments {
			m := &v.Moments[i]
			m.T, m.Duration = t, math.Max(1, math.Round(m.Duration))
			t += m.Duration
		}
		vs = append(vs, v)
	}
	return vs
}

// samples returns the sample files by name.
func samples(blueprintPath string) (map[string][]byte, error) {
	b, _, err := mot.Load(blueprintPath)
	if err != nil {
		return nil, err
	}
	vs := visits()
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(text(b, vs, ",", "\r\n", "2006/1/2 15:04:05"))
	if err != nil {
		return nil, err
	}
	book, err := workbook(b, vs)
	if err != nil {
		return nil, err
	}
	return map[string][]byte{
		"visits.csv":         reference(vs),
		"visits.xlsx":        book,
		"visits-gb18030.csv": gb,
		"visits.tsv":         text(b, vs, "\t", "\n", "15:04:05"),
	}, nil
}

func reference(vs []scoring.Visit) []byte {
	var buf bytes.Buffer
	w := scoring.NewVisitWriter(&buf, scoring.CSV)
	for i := range vs {
		w.Write(&vs[i])
	}
	w.Flush()
	return buf.Bytes()
}

var chineseHeader = []string{"访问", "目的", "触点", "时间", "时长", "评分", "回忆评分"}

// clock is when a moment of visit i starts.
func clock(i int, m scoring.Moment) time.Time {
	return start.Add(time.Duration(i)*7*time.Minute + time.Duration(m.T)*time.Second)
}

// text writes the visits with Chinese headers and names, and times in
// the layout.
func text(b *blueprint.Blueprint, vs []scoring.Visit, sep, eol, layout string) []byte {
	var buf bytes.Buffer
	buf.WriteString(strings.Join(chineseHeader, sep) + eol)
	for i, v := range vs {
		for _, m := range v.Moments {
			cells := []string{v.ID, journeyName(b, v.Purpose), touchpointName(b, m.Touchpoint), clock(i, m).Format(layout),
				number(m.Duration), number(m.Rating), number(v.Remembered)}
			buf.WriteString(strings.Join(cells, sep) + eol)
		}
	}
	return buf.Bytes()
}

func number(x float64) string { return string(scoring.AppendNumber(nil, x)) }

func journeyName(b *blueprint.Blueprint, id string) string {
	for _, j := range b.Journeys {
		if j.ID == id {
			return b.Text(j.Name, "zh")
		}
	}
	return id
}

func touchpointName(b *blueprint.Blueprint, id string) string {
	for _, t := range b.Touchpoints {
		if t.ID == id {
			return b.Text(t.Name, "zh")
		}
	}
	return id
}

// workbook writes the visits on a sheet 来访记录, and notes on a second
// sheet, with times as Excel dates.
func workbook(b *blueprint.Blueprint, vs []scoring.Visit) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "来访记录"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	if _, err := f.NewSheet("说明"); err != nil {
		return nil, err
	}
	if err := f.SetCellValue("说明", "A1", "时间为开始时刻，时长以秒计。"); err != nil {
		return nil, err
	}
	format := "yyyy/m/d h:mm:ss"
	dates, err := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
	if err != nil {
		return nil, err
	}
	header := make([]any, len(chineseHeader))
	for i, h := range chineseHeader {
		header[i] = h
	}
	if err := f.SetSheetRow(sheet, "A1", &header); err != nil {
		return nil, err
	}
	row := 2
	for i, v := range vs {
		for _, m := range v.Moments {
			cells := []any{v.ID, journeyName(b, v.Purpose), touchpointName(b, m.Touchpoint), serial(clock(i, m)), m.Duration, m.Rating, v.Remembered}
			cell := "A" + strconv.Itoa(row)
			if err := f.SetSheetRow(sheet, cell, &cells); err != nil {
				return nil, err
			}
			if err := f.SetCellStyle(sheet, "D"+strconv.Itoa(row), "D"+strconv.Itoa(row), dates); err != nil {
				return nil, err
			}
			row++
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// serial is a time as an Excel serial date: days since 1899-12-30.
func serial(t time.Time) float64 {
	return float64(t.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC))) / float64(24*time.Hour)
}
