// Command xlsxgen writes the same simulated visit rows as a CSV file and
// as an .xlsx workbook (streamed, so that a sheet of a million rows
// takes little memory to write), for bench/xlsx.sh.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/xuri/excelize/v2"

	"github.com/peakend/peakend/examples/servicehall"
	"github.com/peakend/peakend/scoring"
)

func main() {
	rows := flag.Int("rows", 1000000, "data rows to write (the header aside); at most 1 048 575")
	dir := flag.String("o", ".", "folder for visits.csv and visits.xlsx")
	flag.Parse()
	if err := write(*dir, *rows); err != nil {
		fmt.Fprintln(os.Stderr, "xlsxgen:", err)
		os.Exit(1)
	}
}

var header = []string{"visit", "purpose", "touchpoint", "t", "duration", "rating", "remembered"}

func write(dir string, rows int) error {
	if rows < 1 || rows >= 1<<20 {
		return fmt.Errorf("-rows %d: a sheet holds 1 to 1 048 575 rows below its header", rows)
	}
	csvFile, err := os.Create(filepath.Join(dir, "visits.csv"))
	if err != nil {
		return err
	}
	defer csvFile.Close()
	csv := bufio.NewWriter(csvFile)
	book := excelize.NewFile()
	defer book.Close()
	sw, err := book.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	cells := make([]any, len(header))
	for i, h := range header {
		cells[i] = h
	}
	if err := sw.SetRow("A1", cells); err != nil {
		return err
	}
	fmt.Fprintln(csv, "visit,purpose,touchpoint,t,duration,rating,remembered")
	n := 0
	sim := servicehall.Simulation(scoring.MemoryModel{Weights: map[string]float64{"peak_end": 1}, Noise: 0.3}, 1)
	for v := range sim.Visits(rows) { // a visit has at least one row
		for _, m := range v.Moments {
			if n == rows {
				break
			}
			n++
			cells = []any{v.ID, v.Purpose, m.Touchpoint, m.T, m.Duration, m.Rating, v.Remembered}
			cell, _ := excelize.CoordinatesToCellName(1, n+1)
			if err := sw.SetRow(cell, cells); err != nil {
				return err
			}
			b := scoring.AppendCSVText(nil, v.ID)
			for _, s := range []string{v.Purpose, m.Touchpoint} {
				b = append(b, ',')
				b = scoring.AppendCSVText(b, s)
			}
			for _, x := range []float64{m.T, m.Duration, m.Rating, v.Remembered} {
				b = append(b, ',')
				b = scoring.AppendNumber(b, x)
			}
			csv.Write(append(b, '\n'))
		}
		if n == rows {
			break
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if err := book.SaveAs(filepath.Join(dir, "visits.xlsx")); err != nil {
		return err
	}
	if err := csv.Flush(); err != nil {
		return err
	}
	return csvFile.Close()
}
