package xlsx_test

import (
	"fmt"
	"os"

	"github.com/peakend/peakend/scoring"
	"github.com/peakend/peakend/scoring/xlsx"
)

// Read the visits of the service hall's sample workbook: Chinese
// headers and names, times as Excel dates.
func ExampleRead() {
	f, err := os.Open("../../examples/servicehall/visits.xlsx")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	info, _ := f.Stat()
	sheets, _ := xlsx.Sheets(f, info.Size())
	fmt.Println(sheets)
	n := 0
	for v, err := range xlsx.Read(f, info.Size(), "来访记录", scoring.Options{Name: "visits.xlsx"}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		if n == 0 {
			fmt.Println(v.ID, v.Purpose, v.Moments[0].Touchpoint, "row", v.Line)
		}
		n++
	}
	fmt.Println(n, "visits")
	_, err = xlsx.Sheets(f, 100) // not the whole file
	fmt.Println(err != nil)
	// Output:
	// [来访记录 说明]
	// v01 柜台业务 寻找营业厅 row 2
	// 40 visits
	// true
}
