package sps

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/sps"
)

// Credentials the test simulators accept.
const (
	testUsername         = "sync-bot"
	testPassword         = "pw-7d1e4c-secret"
	testAuthorizedNumber = "auth-5521-9034"
)

// simStart is the test clock's start.
var simStart = time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)

// testClock is a settable clock for Options.Clock.
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

// harness is a simulator behind httptest.
type harness struct {
	sim   *Simulator
	clock *testClock
	url   string
}

func setup(t *testing.T) *harness {
	t.Helper()
	clock := &testClock{now: simStart}
	sim := New(Options{
		Username:         testUsername,
		Password:         testPassword,
		AuthorizedNumber: testAuthorizedNumber,
		Clock:            clock.Now,
	})
	return &harness{sim: sim, clock: clock, url: newTestServer(t, sim)}
}

// response is a raw HTTP exchange with the simulator.
type response struct {
	status int
	header http.Header
	body   []byte
}

// errorBody decodes the SPS error body.
func (r response) errorBody(t *testing.T) errorBody {
	t.Helper()
	var body errorBody
	require.NoError(t, json.Unmarshal(r.body, &body), "body: %s", r.body)
	return body
}

// do sends a request with an optional bearer token and a raw body.
func (h *harness) do(t *testing.T, method, path, token, body string) response {
	t.Helper()
	var reader io.Reader
	if body != "" {
		reader = bytes.NewBufferString(body)
	}
	req, err := http.NewRequest(method, h.url+path, reader)
	require.NoError(t, err)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return response{status: resp.StatusCode, header: resp.Header, body: data}
}

// login logs in with the test credentials and returns the token.
func (h *harness) login(t *testing.T) string {
	t.Helper()
	resp := h.do(t, http.MethodPost, "/v1/token/loginv1", "", validLogin())
	require.Equal(t, http.StatusOK, resp.status, "login: %s", resp.body)
	var body loginResponse
	require.NoError(t, json.Unmarshal(resp.body, &body))
	require.NotEmpty(t, body.Token)
	return body.Token
}

func loginBody(username, password, authorizedNumber string) string {
	data, _ := json.Marshal(loginRequest{
		Username:         username,
		Password:         password,
		AuthorizedNumber: authorizedNumber,
	})
	return string(data)
}

// validLogin returns a login body with the test credentials.
func validLogin() string {
	return loginBody(testUsername, testPassword, testAuthorizedNumber)
}

// page is a decoded query response.
type page[T any] struct {
	Data       []T `json:"data"`
	TotalCount int `json:"totalCount"`
	PageNumber int `json:"pageNumber"`
	PageSize   int `json:"pageSize"`
}

// query posts body to path with a fresh token and decodes a 200 page.
func query[T any](t *testing.T, h *harness, path, body string) page[T] {
	t.Helper()
	resp := h.do(t, http.MethodPost, path, h.login(t), body)
	require.Equal(t, http.StatusOK, resp.status, "query %s %s: %s", path, body, resp.body)
	var out page[T]
	require.NoError(t, json.Unmarshal(resp.body, &out))
	return out
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

func quoteIDs(records []sps.Quote) []int64 {
	ids := make([]int64, 0, len(records))
	for _, q := range records {
		ids = append(ids, q.ID)
	}
	return ids
}

// quoteAt returns a quote modified at the given time. An empty modified
// leaves modifiedDate as "".
func quoteAt(t *testing.T, id int64, modified string) sps.Quote {
	t.Helper()
	q := sps.Quote{ID: id, TransactionNumber: fmt.Sprintf("Q-%d", id), ModifiedDate: sps.EmptyTime()}
	if modified != "" {
		parsed, err := sps.ParseTime(modified)
		require.NoError(t, err)
		q.ModifiedDate = parsed
	}
	return q
}

// newTestServer serves sim with httptest and returns its URL.
func newTestServer(t *testing.T, sim *Simulator) string {
	t.Helper()
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	return srv.URL
}
