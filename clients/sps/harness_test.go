package sps_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/sps"
	spssim "github.com/stonecity/sync/sandbox/sps"
)

// Credentials of the test tenant. They are distinctive so that a leak is
// easy to spot in any string.
const (
	testUsername         = "sync-bot"
	testPassword         = "pw-Q7x!9<secret>&\"z"
	testAuthorizedNumber = "AN-4471-0092-7731"
)

var simStart = time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)

// testClock is a settable clock.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// seenRequest is one request the test server received.
type seenRequest struct {
	method, path, authorization, body string
	idempotencyKey                    string
}

// harness is the SPS simulator behind httptest with a client pointed at
// it. intercept, when set, may respond to a request in place of the
// simulator.
type harness struct {
	sim    *spssim.Simulator
	clock  *testClock
	srv    *httptest.Server
	client *sps.Client

	mu        sync.Mutex
	seen      []seenRequest
	intercept func(w http.ResponseWriter, r *http.Request, body string) bool
}

// setup starts a simulator with the test credentials and a client for
// it. edit, if given, changes the client Config before New.
func setup(t *testing.T, edit ...func(*sps.Config)) *harness {
	t.Helper()
	h := &harness{clock: &testClock{now: simStart}}
	h.sim = spssim.New(spssim.Options{
		Username:         testUsername,
		Password:         testPassword,
		AuthorizedNumber: testAuthorizedNumber,
		Clock:            h.clock.Now,
	})
	h.srv = httptest.NewServer(http.HandlerFunc(h.serve))
	t.Cleanup(h.srv.Close)

	cfg := sps.Config{
		BaseURL:          h.srv.URL,
		Username:         testUsername,
		Password:         testPassword,
		AuthorizedNumber: testAuthorizedNumber,
	}
	for _, e := range edit {
		e(&cfg)
	}
	client, err := sps.New(cfg)
	require.NoError(t, err)
	h.client = client
	return h
}

func (h *harness) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))

	h.mu.Lock()
	h.seen = append(h.seen, seenRequest{r.Method, r.URL.Path, r.Header.Get("Authorization"), string(body),
		r.Header.Get(sps.HeaderIdempotencyKey)})
	intercept := h.intercept
	h.mu.Unlock()

	if intercept != nil && intercept(w, r, string(body)) {
		return
	}
	h.sim.ServeHTTP(w, r)
}

func (h *harness) setIntercept(f func(w http.ResponseWriter, r *http.Request, body string) bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.intercept = f
}

func (h *harness) requests() []seenRequest {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]seenRequest(nil), h.seen...)
}

// tokens returns the distinct bearer tokens the server received.
func (h *harness) tokens() []string {
	var out []string
	for _, req := range h.requests() {
		token, ok := strings.CutPrefix(req.authorization, "Bearer ")
		if ok && !containsString(out, token) {
			out = append(out, token)
		}
	}
	return out
}

func containsString(values []string, want string) bool {
	for _, v := range values {
		if v == want {
			return true
		}
	}
	return false
}

// writeRaw responds with a status, headers and a raw body.
func writeRaw(w http.ResponseWriter, status int, header map[string]string, body string) {
	for k, v := range header {
		w.Header().Set(k, v)
	}
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// customers returns n Active customers with ids 1..n, where rep(i) gives the
// sales rep of customer i.
func customers(n int, rep func(i int) string) []sps.Customer {
	out := make([]sps.Customer, 0, n)
	for i := 1; i <= n; i++ {
		out = append(out, sps.Customer{
			ID:           int64(i),
			Code:         fmt.Sprintf("C%05d", i),
			Name:         fmt.Sprintf("Customer %d", i),
			Status:       "Active",
			SalesRepName: rep(i),
		})
	}
	return out
}

func customerIDs(records []sps.Customer) []int64 {
	ids := make([]int64, 0, len(records))
	for _, c := range records {
		ids = append(ids, c.ID)
	}
	return ids
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	data, err := json.Marshal(v)
	require.NoError(t, err)
	return string(data)
}
