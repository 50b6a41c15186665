package scoring_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/peakend/peakend/scoring"
)

// Rows of one visit in two files, read apart and joined: the moments
// are put in time order, and a bad row goes to Reject as Read sends it.
func ExampleJoin() {
	files := map[string]string{
		"queue.csv":   "visit,touchpoint,t,rating\nv1,wait,0,2\nv2,wait,5,x\n",
		"counter.csv": "visit,touchpoint,t,rating,remembered\nv1,counter,300,5,4\n",
	}
	reject := func(e *scoring.ParseError) { os.Stdout.Write(scoring.AppendReject(nil, e, nil, false)) }
	byVisit := map[string][]scoring.Row{}
	for _, name := range []string{"counter.csv", "queue.csv"} {
		opt := scoring.Options{Name: name, Reject: reject}
		for r, err := range scoring.ReadRows(strings.NewReader(files[name]), opt) {
			if err != nil {
				fmt.Println(err)
				return
			}
			byVisit[r.Visit] = append(byVisit[r.Visit], r)
		}
	}
	for _, id := range []string{"v1", "v2"} {
		v, err := scoring.Join(byVisit[id], scoring.Options{Reject: reject})
		if err != nil {
			fmt.Println(id, err)
			continue
		}
		f := scoring.Compute(&v, scoring.DefaultScale)
		fmt.Println(v.ID, "first", f.First, "end", f.End, "remembered", v.Remembered)
	}
	// Output:
	// v1 first 2 end 5 remembered 4
	// queue.csv,3,11,v2,"rating: ""x"" is not a number","v2,wait,5,x"
	// v2 another row of the visit is bad
}
