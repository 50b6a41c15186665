package scoring

import (
	"strconv"
	"testing"
)

func TestIDSet(t *testing.T) {
	var s idSet
	for i := 1; i <= 100000; i++ {
		if first := s.seen(hashID([]byte("v"+strconv.Itoa(i))), i+1); first != 0 {
			t.Fatalf("visit %d reported as seen at line %d", i, first)
		}
	}
	for _, i := range []int{1, 777, 100000} {
		if first := s.seen(hashID([]byte("v"+strconv.Itoa(i))), 999999); first != i+1 {
			t.Errorf("visit %d: first line %d, want %d", i, first, i+1)
		}
	}
	if first := s.seen(hashID([]byte("late")), 1<<30); first != 0 {
		t.Fatal("a new id reported as seen")
	}
	if first := s.seen(hashID([]byte("late")), 1<<30+5); first != maxLine {
		t.Errorf("a line past 2²⁴: got %d, want maxLine", first)
	}
}
