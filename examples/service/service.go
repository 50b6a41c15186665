// Package service is a minimal net/http handler that takes a posted
// blueprint and returns its poster: the pattern for a Go service that
// renders blueprints on request.
//
// It limits the size of a request, passes a per-request timeout down to
// the renderer as a context, and may be called from many requests at
// once: poster.Render is safe for concurrent use, refuses a blueprint
// past its limits before any work, and a render cut short leaves
// nothing behind.
package service

import (
	"context"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/blueprint/poster"
)

// Handler renders posted blueprints.
type Handler struct {
	MaxBytes int64         // the largest blueprint accepted; 0 means 1 MiB
	Timeout  time.Duration // per request; 0 means 10 s
}

// ServeHTTP answers POST with the SVG poster of the blueprint in the
// body (YAML). ?lang= and ?journey= pass through to the poster.
// Problems with the document come back as 422 with one
// file:line:col: message a line.
func (h Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "POST a blueprint", http.StatusMethodNotAllowed)
		return
	}
	limit := h.MaxBytes
	if limit <= 0 {
		limit = 1 << 20
	}
	src, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		http.Error(w, "the blueprint is too large or could not be read", http.StatusRequestEntityTooLarge)
		return
	}
	b, err := blueprint.Parse("blueprint.yaml", src)
	if err != nil {
		http.Error(w, err.Error(), http.StatusUnprocessableEntity)
		return
	}
	timeout := h.Timeout
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	ctx, cancel := context.WithTimeout(r.Context(), timeout)
	defer cancel()
	opt := poster.Options{Lang: r.URL.Query().Get("lang"), Journey: r.URL.Query().Get("journey")}
	var out bytesBuffer
	if err := poster.Render(ctx, &out, b, opt); err != nil {
		switch {
		case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
			http.Error(w, "rendering took too long", http.StatusServiceUnavailable)
		case errors.Is(err, poster.ErrTooLarge):
			http.Error(w, err.Error(), http.StatusRequestEntityTooLarge)
		default:
			http.Error(w, err.Error(), http.StatusUnprocessableEntity)
		}
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; font-src data:")
	w.Write(out.b)
}

// bytesBuffer collects the poster, so that an error sends no half poster.
type bytesBuffer struct{ b []byte }

func (w *bytesBuffer) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	return len(p), nil
}
