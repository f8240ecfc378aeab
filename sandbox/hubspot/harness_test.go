package hubspot

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

const testToken = "pat-test-token"

// testStart is the fake clock's start: a Tuesday, mid-morning UTC.
var testStart = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)

// fakeClock is an injected clock that moves only when a test advances it.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// harness is a simulator behind an httptest server.
type harness struct {
	t     *testing.T
	sim   *Simulator
	srv   *httptest.Server
	clock *fakeClock
}

// setup starts a simulator with a frozen fake clock. Rate limits are
// raised so that only the tests about them meet them; opts may lower them.
func setup(t *testing.T, opts ...func(*Options)) *harness {
	t.Helper()
	clock := &fakeClock{now: testStart}
	o := Options{
		Token: testToken, Clock: clock.Now,
		TenSecondlyMax: 1_000_000, DailyMax: 10_000_000, SearchPerSecond: 1_000_000,
	}
	for _, opt := range opts {
		opt(&o)
	}
	sim := New(o)
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	return &harness{t: t, sim: sim, srv: srv, clock: clock}
}

// response is a finished HTTP exchange.
type response struct {
	status int
	header http.Header
	body   []byte
}

// object decodes the body as a JSON object.
func (r response) object(t *testing.T) map[string]any {
	t.Helper()
	var out map[string]any
	require.NoError(t, json.Unmarshal(r.body, &out), "body: %s", r.body)
	return out
}

// decode decodes the body into v.
func (r response) decode(t *testing.T, v any) {
	t.Helper()
	require.NoError(t, json.Unmarshal(r.body, v), "body: %s", r.body)
}

// do sends an authenticated request; a string body is sent as is, any
// other body is JSON-encoded.
func (h *harness) do(method, path string, body any) response {
	h.t.Helper()
	return h.send(method, path, body, "Bearer "+testToken)
}

func (h *harness) send(method, path string, body any, authorization string) response {
	h.t.Helper()
	var reader io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		reader = strings.NewReader(b)
	default:
		encoded, err := json.Marshal(b)
		require.NoError(h.t, err)
		reader = bytes.NewReader(encoded)
	}
	req, err := http.NewRequest(method, h.srv.URL+path, reader)
	require.NoError(h.t, err)
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	if reader != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := h.srv.Client().Do(req)
	require.NoError(h.t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(h.t, err)
	return response{status: resp.StatusCode, header: resp.Header, body: data}
}

// props is shorthand for a property map in request bodies.
type props = map[string]any

// create makes one record through the single-create endpoint and returns
// its id; the create must succeed.
func (h *harness) create(objectType string, properties props) string {
	h.t.Helper()
	resp := h.do("POST", "/crm/v3/objects/"+objectType, map[string]any{"properties": properties})
	require.Equal(h.t, http.StatusCreated, resp.status, "create %s: %s", objectType, resp.body)
	var obj struct {
		ID string `json:"id"`
	}
	resp.decode(h.t, &obj)
	return obj.ID
}

// get reads one record with the named properties.
func (h *harness) get(objectType, id string, properties ...string) response {
	h.t.Helper()
	path := "/crm/v3/objects/" + objectType + "/" + id
	if len(properties) > 0 {
		path += "?properties=" + strings.Join(properties, ",")
	}
	return h.do("GET", path, nil)
}

// getProps reads one record and returns its property values; the read
// must succeed.
func (h *harness) getProps(objectType, id string, properties ...string) map[string]any {
	h.t.Helper()
	resp := h.get(objectType, id, properties...)
	require.Equal(h.t, http.StatusOK, resp.status, "get %s %s: %s", objectType, id, resp.body)
	return resp.object(h.t)["properties"].(map[string]any)
}

// inputs wraps property maps as batch create inputs.
func inputs(list ...props) map[string]any {
	in := make([]map[string]any, len(list))
	for i, p := range list {
		in[i] = map[string]any{"properties": p}
	}
	return map[string]any{"inputs": in}
}

// deal returns valid deal properties with the given name.
func deal(name string) props {
	return props{"dealname": name, "pipeline": "default", "dealstage": "closedwon"}
}

// firstError returns the first entry of a batch response's errors array.
func firstError(t *testing.T, body map[string]any) map[string]any {
	t.Helper()
	errs, ok := body["errors"].([]any)
	require.True(t, ok, "errors missing: %v", body)
	require.NotEmpty(t, errs)
	return errs[0].(map[string]any)
}
