//go:build !race

package poster

import (
	"context"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
)

// rssKB reads the resident set size of this process (Linux).
func rssKB(t *testing.T) int {
	t.Helper()
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status: the memory check needs Linux")
	}
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return kb
		}
	}
	t.Fatal("no VmRSS")
	return 0
}

// heapKB is the live heap after a collection.
func heapKB() int {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int(ms.HeapAlloc >> 10)
}

// A long-running service renders the service-hall poster 2000 times, in
// SVG and PDF: the live heap after them stays within 8 MB of the heap
// after the first 100 (what is kept once: fonts, their outlines, faces),
// and the process's memory within 64 MB. (The race detector inflates
// memory; this test is built without it, and .ci/run runs it on its own.)
func TestThousandRendersStayBounded(t *testing.T) {
	b := load(t, examples["hall"])
	render := func(n int) {
		for i := 0; i < n; i++ {
			f := []Format{SVG, PDF}[i%2]
			if err := Render(context.Background(), io.Discard, b, Options{Format: f, Lang: []string{"zh", "en"}[i/2%2]}); err != nil {
				t.Fatal(err)
			}
		}
	}
	render(100)
	heap := heapKB()
	debug.FreeOSMemory()
	rss := rssKB(t)
	render(1900)
	grownHeap := heapKB() - heap
	debug.FreeOSMemory()
	grownRSS := rssKB(t) - rss
	t.Logf("from render 100 to 2000: live heap %+d KB, RSS %+d KB", grownHeap, grownRSS)
	if grownHeap > 8<<10 {
		t.Errorf("the live heap grew by %d KB from render 100 to 2000, want at most 8 MB", grownHeap)
	}
	if grownRSS > 64<<10 {
		t.Errorf("RSS grew by %d MB from render 100 to 2000, want at most 64 MB", grownRSS>>10)
	}
}
