package poster

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/goccy/go-graphviz"
)

// graphvizLock serialises every use of go-graphviz: its one WASM
// instance is shared by the whole process and is not safe for
// concurrent use. A channel rather than a mutex, so that a caller
// waiting for it can give up when its context ends.
var graphvizLock = make(chan struct{}, 1)

// engine is the one Graphviz context, kept for the life of the process
// and used under graphvizLock: a context made and freed per render
// leaves memory behind in the WASM heap, which never shrinks.
var engine *graphviz.Graphviz

// layout is what Graphviz decided: the size of the drawing and where
// each node and edge goes, in points, y growing downwards.
type layout struct {
	w, h  float64
	nodes map[string]placed
	edges []route
}

type placed struct{ x, y, w, h float64 } // centre and size

type route struct {
	from, to  string
	points    [][2]float64 // a cubic B-spline: start, then control points in threes
	invisible bool         // holds the grid; not drawn
	journey   bool         // the emphasised journey's path
}

// runLayout lays out src with go-graphviz. go-graphviz does not stop a
// layout once started, so the layout runs on its own goroutine and a
// cancelled context returns at once, leaving it to finish and free the
// lock; the node limit keeps such a layout short.
func runLayout(ctx context.Context, src []byte) (*layout, error) {
	select {
	case graphvizLock <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	type result struct {
		out []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() { <-graphvizLock }()
		out, err := graphvizPlain(src)
		done <- result{out, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			return nil, r.err
		}
		return parsePlain(r.out)
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// graphvizPlain renders src in Graphviz's plain format, the smallest
// output with positions: go-graphviz's memory grows with the size of
// what it writes (measured: about 26 KB a render for a 60-node graph in
// plain, three times that in SVG), and never shrinks.
func graphvizPlain(src []byte) ([]byte, error) {
	ctx := context.Background() // go-graphviz ignores cancellation
	if engine == nil {
		gv, err := graphviz.New(ctx)
		if err != nil {
			return nil, fmt.Errorf("graphviz: %w", err)
		}
		engine = gv
	}
	gv := engine
	g, err := graphviz.ParseBytes(src)
	if err != nil {
		return nil, fmt.Errorf("graphviz: %w", err)
	}
	defer g.Close()
	var buf bytes.Buffer
	if err := gv.Render(ctx, g, graphviz.Format("plain"), &buf); err != nil {
		return nil, fmt.Errorf("graphviz: %w", err)
	}
	return buf.Bytes(), nil
}

// parsePlain reads Graphviz's plain output: "graph scale w h", "node
// name x y w h …" and "edge tail head n x1 y1 … xn yn …", in inches with
// y growing upwards.
func parsePlain(out []byte) (*layout, error) {
	l := &layout{nodes: map[string]placed{}}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	var height float64
	for sc.Scan() {
		f := plainFields(sc.Text())
		if len(f) == 0 {
			continue
		}
		num := func(i int) float64 {
			if i >= len(f) {
				return 0
			}
			x, _ := strconv.ParseFloat(f[i], 64)
			return x
		}
		switch f[0] {
		case "graph":
			l.w, height = num(2)*72, num(3)*72
			l.h = height
		case "node":
			l.nodes[f[1]] = placed{x: num(2) * 72, y: height - num(3)*72, w: num(4) * 72, h: num(5) * 72}
		case "edge":
			n, _ := strconv.Atoi(f[3])
			r := route{from: f[1], to: f[2]}
			for i := 0; i < n; i++ {
				r.points = append(r.points, [2]float64{num(4+2*i) * 72, height - num(5+2*i)*72})
			}
			// then the style and the colour (edges here have no labels)
			if k := 4 + 2*n; k+1 < len(f) {
				r.invisible = f[k] == "invis" || f[k] == "dashed"
				r.journey = strings.Trim(f[k+1], `"`) == journeyColor
			}
			l.edges = append(l.edges, r)
		}
	}
	if l.w == 0 {
		return nil, fmt.Errorf("graphviz: no layout in its output")
	}
	return l, sc.Err()
}

// plainFields splits a line of plain output, keeping quoted strings
// (labels) as one field.
func plainFields(s string) []string {
	var out []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		if s[0] == '"' {
			end := 1
			for end < len(s) && s[end] != '"' {
				if s[end] == '\\' {
					end++
				}
				end++
			}
			out = append(out, s[:min(end+1, len(s))])
			s = s[min(end+1, len(s)):]
			continue
		}
		i := strings.IndexByte(s, ' ')
		if i < 0 {
			i = len(s)
		}
		out = append(out, s[:i])
		s = s[i:]
	}
	return out
}
