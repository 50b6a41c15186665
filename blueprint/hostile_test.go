package blueprint_test

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/peakend/peakend/blueprint"
)

// The hostile cases too big to keep as fixtures are generated here;
// each budget is asserted in what it counts (files, bytes), never in
// seconds.

// countingFS counts the files a load opens and the bytes it reads.
type countingFS struct {
	fs.FS
	opens map[string]int
	bytes int
}

func newCountingFS(fsys fs.FS) *countingFS { return &countingFS{FS: fsys, opens: map[string]int{}} }

// Stat looks without opening, as os.DirFS does.
func (c *countingFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(c.FS, name) }

func (c *countingFS) Open(name string) (fs.File, error) {
	f, err := c.FS.Open(name)
	if err != nil {
		return nil, err
	}
	c.opens[name]++
	return &countingFile{File: f, fs: c}, nil
}

type countingFile struct {
	fs.File
	fs *countingFS
}

func (f *countingFile) Read(p []byte) (int, error) {
	n, err := f.File.Read(p)
	f.fs.bytes += n
	return n, err
}

// diamond is a file system of shared bases levels deep: each level's
// two files extend both files of the level below, so that the top
// reaches the bottom by 2^levels paths.
func diamond(levels int) fstest.MapFS {
	fsys := fstest.MapFS{}
	file := func(name, src string) { fsys[name] = &fstest.MapFile{Data: []byte(src)} }
	file(fmt.Sprintf("l%d-a.yaml", levels), "peakend: 1\nstages: [{id: s}]\ntouchpoints: [{id: t, stage: s, lane: customer}]\njourneys: [{id: j, steps: [t], peaks: [t]}]\nmoments: {t: {}}\n")
	file(fmt.Sprintf("l%d-b.yaml", levels), "peakend: 1\n")
	for l := levels - 1; l >= 0; l-- {
		for _, side := range []string{"a", "b"} {
			file(fmt.Sprintf("l%d-%s.yaml", l, side), fmt.Sprintf("peakend: 1\nextends: [l%d-a.yaml, l%d-b.yaml]\n", l+1, l+1))
		}
	}
	file("doc.yaml", "peakend: 1\nextends: [l0-a.yaml, l0-b.yaml]\n")
	return fsys
}

// TestDiamondReadsEachFileOnce loads a diamond 18 levels deep (2^18
// paths to its bottom): each of its 39 files is opened once.
func TestDiamondReadsEachFileOnce(t *testing.T) {
	fsys := newCountingFS(diamond(18))
	b, _, err := blueprint.Load(fsys, "doc.yaml")
	if err != nil || b == nil {
		t.Fatalf("diamond: %v", err)
	}
	if len(fsys.opens) != 39 {
		t.Errorf("opened %d files, want the 39 of the diamond", len(fsys.opens))
	}
	for name, n := range fsys.opens {
		if n != 1 {
			t.Errorf("%s opened %d times, want once", name, n)
		}
	}
}

// chain is a file system of n files, each extending the next.
func chain(n int) fstest.MapFS {
	fsys := fstest.MapFS{"doc.yaml": {Data: []byte("peakend: 1\nextends: f1.yaml\n")}}
	for i := 1; i < n; i++ {
		fsys[fmt.Sprintf("f%d.yaml", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("peakend: 1\nextends: f%d.yaml\n", i+1))}
	}
	fsys[fmt.Sprintf("f%d.yaml", n)] = &fstest.MapFile{Data: []byte("peakend: 1\n")}
	return fsys
}

// TestExtendsBudget refuses a chain of more than MaxLoadFiles files,
// having opened no more than that, and a chain whose files together
// pass MaxLoadBytes, having read no more than that and one file.
func TestExtendsBudget(t *testing.T) {
	for _, p := range generatedProblems(t) {
		if p.Rule != blueprint.RuleExtendsLimit {
			t.Errorf("want only %s problems, got %v", blueprint.RuleExtendsLimit, p)
		}
	}
	fsys := newCountingFS(chain(blueprint.MaxLoadFiles + 10))
	if _, _, err := blueprint.Load(fsys, "doc.yaml"); err == nil {
		t.Fatal("a chain of too many files was loaded")
	}
	if len(fsys.opens) > blueprint.MaxLoadFiles {
		t.Errorf("opened %d files, want at most %d", len(fsys.opens), blueprint.MaxLoadFiles)
	}
	big := newCountingFS(bigChain())
	if _, _, err := blueprint.Load(big, "doc.yaml"); err == nil {
		t.Fatal("a chain of too many bytes was loaded")
	}
	if limit := blueprint.MaxLoadBytes + blueprint.MaxSize; big.bytes > limit {
		t.Errorf("read %d bytes, want at most %d", big.bytes, limit)
	}
}

// bigChain is a chain of files of 6 MiB each (comments), three of which
// pass MaxLoadBytes.
func bigChain() fstest.MapFS {
	fsys := chain(4)
	padding := "\n" + strings.Repeat("# "+strings.Repeat("x", 98)+"\n", 6<<20/100)
	for name, f := range fsys {
		f.Data = append(f.Data, padding...)
		fsys[name] = f
	}
	return fsys
}

// generatedProblems are the problems of the generated hostile cases,
// for TestEveryRuleHasAFixture.
func generatedProblems(t testing.TB) blueprint.Problems {
	var all blueprint.Problems
	for _, fsys := range []fs.FS{chain(blueprint.MaxLoadFiles + 10), bigChain()} {
		_, problems := loadAll(fsys, "doc.yaml")
		all = append(all, problems...)
	}
	return all
}

// TestTooLargeIsNotRead refuses, by its size, a file larger than
// MaxSize without opening it, and a reader that never ends after
// MaxSize+1 bytes.
func TestTooLargeIsNotRead(t *testing.T) {
	fsys := newCountingFS(fstest.MapFS{
		"doc.yaml": {Data: []byte("peakend: 1\nextends: big.yaml\n")},
		"big.yaml": {Data: make([]byte, blueprint.MaxSize+1)},
	})
	_, _, err := blueprint.Load(fsys, "doc.yaml")
	var problems blueprint.Problems
	if !errors.As(err, &problems) || problems[0].Rule != blueprint.RuleTooLarge || problems[0].Pos.File != "big.yaml" {
		t.Errorf("want too-large at big.yaml, got %v", err)
	}
	if fsys.opens["big.yaml"] != 0 {
		t.Error("the large file was opened")
	}
	endless := &endlessReader{}
	if _, err := blueprint.ReadSource("<stdin>", endless); !errors.As(err, &problems) || problems[0].Rule != blueprint.RuleTooLarge {
		t.Errorf("endless input: want too-large, got %v", err)
	}
	if endless.read > blueprint.MaxSize+1 {
		t.Errorf("read %d bytes of an endless input, want at most %d", endless.read, blueprint.MaxSize+1)
	}
}

type endlessReader struct{ read int }

func (r *endlessReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = '#'
	}
	r.read += len(p)
	return len(p), nil
}

var _ io.Reader = (*endlessReader)(nil)

// unknownRefs is a document of 80 KB where every reference is unknown
// and every id near in length to it: today's full edit-distance matrix
// for each pair took 28 s and 12.7 GB.
func unknownRefs() []byte {
	var b strings.Builder
	b.WriteString("peakend: 1\nstages: [{id: s}]\ntouchpoints:\n")
	for i := range 1000 {
		fmt.Fprintf(&b, "  - {id: touchpoint-number-%04d, stage: s, lane: backstage}\n", i)
	}
	b.WriteString("journeys:\n  - id: j\n    steps: [")
	for i := range 1000 {
		fmt.Fprintf(&b, "unknown-step-%04d, ", i)
	}
	b.WriteString("x]\n")
	return []byte(b.String())
}

// TestSuggestionsAreBounded lints the document of unknown references
// within 64 MB of allocation, every reference reported.
func TestSuggestionsAreBounded(t *testing.T) {
	src := unknownRefs()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, problems := blueprint.Lint("refs.yaml", src)
	runtime.ReadMemStats(&after)
	unknown := 0
	for _, p := range problems {
		if p.Rule == blueprint.RuleUnknownRef {
			unknown++
		}
	}
	if unknown != 1001 {
		t.Errorf("%d unknown references reported, want 1001", unknown)
	}
	if grown := after.TotalAlloc - before.TotalAlloc; grown > 64<<20 {
		t.Errorf("linting %d KB allocated %d MB, want under 64 MB", len(src)>>10, grown>>20)
	}
}

// BenchmarkLintUnknownRefs measures the document of unknown references
// (bytes allocated a lint: go test -bench LintUnknownRefs -benchmem).
func BenchmarkLintUnknownRefs(b *testing.B) {
	src := unknownRefs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		blueprint.Lint("refs.yaml", src)
	}
}
