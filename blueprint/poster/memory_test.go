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

// A long-running service renders the service-hall poster a thousand
// times; its memory may grow by at most 64 MB. go-graphviz's WASM memory
// never shrinks and grows with what it writes, so the poster has it
// write only the plain format. (The race detector inflates memory; this
// test is built without it, and .ci/run runs it on its own.)
func TestThousandRendersStayBounded(t *testing.T) {
	b := load(t, examples["hall"])
	for i := 0; i < 20; i++ { // warm up: first layouts, caches
		if err := Render(context.Background(), io.Discard, b, Options{}); err != nil {
			t.Fatal(err)
		}
	}
	runtime.GC()
	rawBefore := rssKB(t)
	debug.FreeOSMemory() // measure what is kept, not garbage the runtime has yet to return
	before := rssKB(t)
	for i := 0; i < 1000; i++ {
		if err := Render(context.Background(), io.Discard, b, Options{}); err != nil {
			t.Fatal(err)
		}
	}
	runtime.GC()
	raw := rssKB(t) - rawBefore
	debug.FreeOSMemory()
	grown := rssKB(t) - before
	t.Logf("RSS grew by %d KB over 1000 renders (%d KB before the runtime returned freed heap to the system)", grown, raw)
	if grown > 64<<10 {
		t.Errorf("RSS grew by %d MB over 1000 renders, want at most 64 MB", grown>>10)
	}
}
