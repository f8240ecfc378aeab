package hubspot

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

const testToken = "pat-na1-11111111-2222-3333-4444-555555555555"

// fakeClock is a manual Clock: time moves only on Advance.
type fakeClock struct {
	mu      sync.Mutex
	now     time.Time
	waiters []fakeWaiter
}

type fakeWaiter struct {
	at time.Time
	ch chan time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 12, 4, 15, 30, 0, 0, time.UTC)}
}

func (f *fakeClock) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

func (f *fakeClock) After(d time.Duration) <-chan time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()

	ch := make(chan time.Time, 1)
	if d <= 0 {
		ch <- f.now
		return ch
	}
	f.waiters = append(f.waiters, fakeWaiter{at: f.now.Add(d), ch: ch})
	return ch
}

// Advance moves the clock and fires every timer that is due.
func (f *fakeClock) Advance(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()

	f.now = f.now.Add(d)
	pending := f.waiters[:0]
	for _, w := range f.waiters {
		if w.at.After(f.now) {
			pending = append(pending, w)
			continue
		}
		w.ch <- f.now
	}
	f.waiters = pending
}

// Waiters returns the number of pending timers.
func (f *fakeClock) Waiters() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.waiters)
}

// fastPacer returns a pacer whose budgets no unit test reaches.
func fastPacer() *Pacer {
	return NewPacer(PacerConfig{TenSecondlyBudget: 1_000_000, SearchPerSecond: 1_000_000})
}

// setup starts handler on a loopback test server and returns a client for
// it that uses pacer (fastPacer when nil).
func setup(t *testing.T, handler http.Handler, pacer *Pacer) *Client {
	t.Helper()
	server := httptest.NewServer(handler)
	t.Cleanup(server.Close)

	if pacer == nil {
		pacer = fastPacer()
	}
	client, err := New(Config{BaseURL: server.URL, Token: testToken, Pacer: pacer})
	require.NoError(t, err)
	return client
}

// recordedRequest is what a test handler saw.
type recordedRequest struct {
	Method string
	Path   string
	Auth   string
	Body   map[string]any
}

// recorder records every request and responds to each with the status,
// headers and body returned by respond.
type recorder struct {
	mu       sync.Mutex
	requests []recordedRequest
	respond  func(r recordedRequest, call int) (status int, header http.Header, body string)
}

func (rec *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	data, _ := io.ReadAll(r.Body)
	seen := recordedRequest{Method: r.Method, Path: r.URL.Path, Auth: r.Header.Get("Authorization")}
	if len(data) > 0 {
		_ = json.Unmarshal(data, &seen.Body)
	}

	rec.mu.Lock()
	rec.requests = append(rec.requests, seen)
	call := len(rec.requests)
	rec.mu.Unlock()

	status, header, body := rec.respond(seen, call)
	for key, values := range header {
		w.Header()[key] = values
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

func (rec *recorder) Requests() []recordedRequest {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]recordedRequest(nil), rec.requests...)
}

// fixed returns a recorder that responds to every request the same way.
func fixed(status int, header http.Header, body string) *recorder {
	return &recorder{respond: func(recordedRequest, int) (int, http.Header, string) {
		return status, header, body
	}}
}

// inputs returns the "inputs" array of a recorded JSON body.
func inputs(t *testing.T, r recordedRequest) []map[string]any {
	t.Helper()
	raw, ok := r.Body["inputs"].([]any)
	require.True(t, ok, "request body has no inputs array")

	out := make([]map[string]any, len(raw))
	for i, v := range raw {
		out[i], ok = v.(map[string]any)
		require.True(t, ok, "input %d is not an object", i)
	}
	return out
}
