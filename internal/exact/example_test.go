package exact_test

import (
	"fmt"

	"github.com/peakend/peakend/internal/exact"
)

// Float addition loses the 1 between the large numbers, and which
// numbers it loses depends on the order; an exact sum does not.
func Example() {
	xs := []float64{1e100, 1, -1e100, 0.5}
	float := 0.0
	s := exact.NewSums(1)
	for _, x := range xs {
		float += x
		s.Add(0, x)
	}
	fmt.Println(float, s.Float64(0))
	// Output: 0.5 1.5
}

// Sums kept apart, as by the workers of a pipeline, merge into the sum
// of all.
func ExampleSums_Merge() {
	a, b := exact.NewSums(2), exact.NewSums(2)
	a.Add(0, 0.1)
	a.AddProduct(1, 0.1, 0.1) // 0.1·0.1 exactly, not rounded
	b.Add(0, 0.2)
	b.Add(1, 0.3)
	a.Merge(b)
	fmt.Println(a.Float64(0), a.Float64(1))
	// Output: 0.30000000000000004 0.31
}
