package service

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

func post(t *testing.T, url string, body []byte) (*http.Response, string) {
	t.Helper()
	resp, err := http.Post(url, "application/yaml", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	buf.ReadFrom(resp.Body)
	return resp, buf.String()
}

func TestConcurrentRequests(t *testing.T) {
	hall, err := os.ReadFile("../servicehall/hall.yaml")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(Handler{})
	defer srv.Close()
	var wg sync.WaitGroup
	for i := 0; i < 12; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			lang := []string{"zh", "en"}[i%2]
			resp, body := post(t, srv.URL+"?lang="+lang, hall)
			if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/svg+xml" || !strings.Contains(body, "<svg") {
				t.Errorf("request %d: %s %q", i, resp.Status, body[:min(len(body), 200)])
			}
		}(i)
	}
	wg.Wait()
}

func TestBadRequests(t *testing.T) {
	srv := httptest.NewServer(Handler{MaxBytes: 1000, Timeout: time.Second})
	defer srv.Close()
	resp, body := post(t, srv.URL, []byte("peakend: 1\nstages: [{id: s}]\ntouchpoints: [{id: a, stage: nope, lane: customer}]\n"))
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `blueprint.yaml:3:30: unknown stage "nope"`) {
		t.Errorf("a bad blueprint: %s %q", resp.Status, body)
	}
	resp, _ = post(t, srv.URL, bytes.Repeat([]byte("#"), 2000))
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a large body: %s", resp.Status)
	}
	r, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET: %s", r.Status)
	}
}

// A request whose time runs out gets 503 promptly.
func TestTimeout(t *testing.T) {
	hall, _ := os.ReadFile("../servicehall/hall.yaml")
	srv := httptest.NewServer(Handler{Timeout: time.Nanosecond})
	defer srv.Close()
	start := time.Now()
	resp, _ := post(t, srv.URL, hall)
	if resp.StatusCode != http.StatusServiceUnavailable || time.Since(start) > 2*time.Second {
		t.Errorf("timeout: %s after %v", resp.Status, time.Since(start))
	}
}

// A hostile blueprint — three touchpoints on 3 000 stages, which once
// kept the layout engine for a minute and every later request waiting —
// is answered within its time, and the next request gets its poster.
func TestHostileRequestDoesNotStopTheService(t *testing.T) {
	var doc strings.Builder
	doc.WriteString("peakend: 1\nstages:\n")
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(&doc, "  - {id: s%d}\n", i)
	}
	doc.WriteString("touchpoints:\n")
	for i := 0; i < 3; i++ {
		fmt.Fprintf(&doc, "  - {id: t%d, stage: s%d, lane: customer}\n", i, i*1000)
	}
	srv := httptest.NewServer(Handler{Timeout: 2 * time.Second})
	defer srv.Close()
	resp, body := post(t, srv.URL, []byte(doc.String()))
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusServiceUnavailable && resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("hostile: %s %.200s", resp.Status, body)
	}
	hall, _ := os.ReadFile("../servicehall/hall.yaml")
	start := time.Now()
	if resp, body := post(t, srv.URL, hall); resp.StatusCode != http.StatusOK {
		t.Errorf("the request after: %s after %v: %.200s", resp.Status, time.Since(start), body)
	}
}
