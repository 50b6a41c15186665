//go:build unix

package scoring_test

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/metrics"
	"syscall"
	"testing"

	"github.com/peakend/peakend/scoring"
)

const bigVisits = 5_000_000

// writeUUIDVisits writes a CSV of n one-moment visits whose ids are
// random version-4 UUIDs, or UUID-shaped and increasing.
func writeUUIDVisits(b *testing.B, name string, n int, random bool) {
	f, err := os.Create(name)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString("visit,purpose,touchpoint,t,duration,rating\n")
	rng := rand.New(rand.NewPCG(5, 5))
	for i := range n {
		if random {
			hi, lo := rng.Uint64(), rng.Uint64()
			fmt.Fprintf(w, "%08x-%04x-4%03x-%04x-%012x", hi>>32, hi>>16&0xffff, hi&0xfff, lo>>48&0x3fff|0x8000, lo&0xffffffffffff)
		} else {
			fmt.Fprintf(w, "00000000-0000-4000-8000-%012d", i)
		}
		fmt.Fprintf(w, ",p,a,0,60,%d\n", 1+i%5)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkScore5MVisits scores 5 M one-moment visits from a file, as
// "peakend score" does, with ids in increasing order and with random
// UUIDs (which need the id set's table). It reports the peak memory the
// Go runtime held (sampled every 2¹⁶ visits) and the process's maximum
// resident size; run it alone for the latter to mean this benchmark:
//
//	go test ./scoring -run '^$' -bench 'Score5MVisits/random' -benchtime 3x
//
// SCORING_BENCH_DIR names a directory to keep the generated files in.
func BenchmarkScore5MVisits(b *testing.B) {
	dir := os.Getenv("SCORING_BENCH_DIR") // to keep the files between runs
	if dir == "" {
		dir = b.TempDir()
	}
	for _, random := range []bool{false, true} {
		name := map[bool]string{false: "sequential", true: "random-uuid"}[random]
		b.Run(name, func(b *testing.B) {
			file := filepath.Join(dir, name+".csv")
			if _, err := os.Stat(file); err != nil {
				writeUUIDVisits(b, file, bigVisits, random)
			}
			peak := uint64(0)
			sample := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
			for b.Loop() {
				f, err := os.Open(file)
				if err != nil {
					b.Fatal(err)
				}
				out := scoring.NewFeatureWriter(discard{})
				n := 0
				for v, err := range scoring.Read(f, scoring.Options{ReuseMoments: true}) {
					if err != nil {
						b.Fatal(err)
					}
					feat := scoring.Compute(&v, scoring.DefaultScale)
					out.Write(&v, &feat)
					if n++; n&0xffff == 0 {
						metrics.Read(sample)
						peak = max(peak, sample[0].Value.Uint64()-sample[1].Value.Uint64())
					}
				}
				out.Flush()
				f.Close()
				if n != bigVisits {
					b.Fatalf("%d visits", n)
				}
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
			var ru syscall.Rusage
			if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
				b.ReportMetric(float64(ru.Maxrss)/1024, "maxrss-MB")
			}
		})
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
