package square

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/apicalls"
	sim "github.com/stonecity/sync/sandbox/square"
)

func searchMain(c *Client) error {
	_, err := c.SearchCompletedOrders(context.Background(), OrdersQuery{
		LocationIDs: []string{mainLocation}, Since: windowStart, Until: windowStart.Add(time.Hour),
	})
	return err
}

func TestInjectedFailuresMapToTypedErrors(t *testing.T) {
	tests := []struct {
		status        int
		wantCategory  string
		wantCode      string
		wantRetryable bool
	}{
		{429, "RATE_LIMIT_ERROR", "RATE_LIMITED", true},
		{500, "API_ERROR", "INTERNAL_SERVER_ERROR", true},
		{502, "API_ERROR", "BAD_GATEWAY", true},
		{503, "API_ERROR", "SERVICE_UNAVAILABLE", true},
		{408, "API_ERROR", "REQUEST_TIMEOUT", true},
		{404, "INVALID_REQUEST_ERROR", "NOT_FOUND", false},
		{403, "AUTHENTICATION_ERROR", "FORBIDDEN", false},
		{400, "INVALID_REQUEST_ERROR", "BAD_REQUEST", false},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprint(tc.status), func(t *testing.T) {
			h := setup(t)
			h.sim.SetFaults(sim.Faults{FailNext: 1, ErrorStatuses: []int{tc.status}})

			err := searchMain(h.client)

			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tc.status, e.Status)
			assert.Equal(t, tc.wantCategory, e.Category)
			assert.Equal(t, tc.wantCode, e.Code)
			assert.Equal(t, tc.wantRetryable, e.Retryable)
			assert.Equal(t, "POST /v2/orders/search", e.Endpoint)
			assert.Equal(t, 1, h.sim.Calls()["POST /v2/orders/search"], "one attempt only")
		})
	}
}

func TestRetryableStatusSkipsSDKSleep(t *testing.T) {
	h := setup(t)
	h.sim.SetFaults(sim.Faults{FailNext: 1, ErrorStatuses: []int{429}})

	start := time.Now()
	err := searchMain(h.client)
	elapsed := time.Since(start)

	require.Error(t, err)
	// The SDK's retrier sleeps at least 500 ms after a retryable status.
	assert.Less(t, elapsed, 450*time.Millisecond)
}

func TestSimulatorValidationErrorIsFinal(t *testing.T) {
	h := setup(t)

	_, err := h.client.SearchCompletedOrders(context.Background(), OrdersQuery{
		LocationIDs: []string{"LUNKNOWN"}, Since: windowStart, Until: windowStart.Add(time.Hour),
	})

	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 400, e.Status)
	assert.Equal(t, "INVALID_VALUE", e.Code)
	assert.Equal(t, "location_ids[0]", e.Field)
	assert.Contains(t, e.Detail, "LUNKNOWN")
	assert.False(t, e.Retryable)
}

func TestRateLimitIsRecorded(t *testing.T) {
	h := setup(t)
	h.sim.SetFaults(sim.Faults{FailNext: 1, ErrorStatuses: []int{429}})
	recorder := apicalls.NewRecorder()
	ctx := apicalls.WithRecorder(context.Background(), recorder)

	_, err := h.client.ListLocations(ctx)
	require.Error(t, err)
	_, err = h.client.ListLocations(ctx)
	require.NoError(t, err)

	assert.Equal(t, []apicalls.Count{{Service: apicalls.Square, Endpoint: "GET /v2/locations", Calls: 2, RateLimited: 1}},
		recorder.Counts())
}

// rawServer returns a client whose server sends status, header and body
// for every request, with $AUTH replaced by the Authorization header.
func rawServer(t *testing.T, status int, header http.Header, body string) *Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for key, values := range header {
			w.Header()[key] = values
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(strings.ReplaceAll(body, "$AUTH", r.Header.Get("Authorization"))))
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{BaseURL: srv.URL, Token: testToken})
	require.NoError(t, err)
	return c
}

func TestRetryAfterHeader(t *testing.T) {
	c := rawServer(t, 429, http.Header{"Retry-After": {"7"}},
		`{"errors":[{"category":"RATE_LIMIT_ERROR","code":"RATE_LIMITED"}]}`)

	_, err := c.ListLocations(context.Background())

	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 7*time.Second, e.RetryAfter)
	assert.True(t, e.Retryable)
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name, value string
		want        time.Duration
	}{
		{"absent", "", 0},
		{"seconds", "30", 30 * time.Second},
		{"negative seconds", "-4", 0},
		{"HTTP date", "Sun, 01 Jun 2025 12:01:30 GMT", 90 * time.Second},
		{"date in the past", "Sun, 01 Jun 2025 11:00:00 GMT", 0},
		{"garbage", "soon", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, parseRetryAfter(tc.value, now))
		})
	}
}

func TestNonEnvelopeErrorBody(t *testing.T) {
	c := rawServer(t, 502, nil, `<html>bad gateway</html>`)

	_, err := c.ListLocations(context.Background())

	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 502, e.Status)
	assert.Empty(t, e.Code)
	assert.Contains(t, e.Detail, "bad gateway")
	assert.True(t, e.Retryable)
}

func TestErrorsInSuccessBody(t *testing.T) {
	tests := []struct {
		name          string
		body          string
		wantCode      string
		wantRetryable bool
	}{
		{"invalid request", `{"errors":[{"category":"INVALID_REQUEST_ERROR","code":"BAD_REQUEST","detail":"no"}]}`,
			"BAD_REQUEST", false},
		{"api error", `{"errors":[{"category":"API_ERROR","code":"INTERNAL_SERVER_ERROR"}]}`,
			"INTERNAL_SERVER_ERROR", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := rawServer(t, 200, nil, tc.body)

			_, err := c.ListLocations(context.Background())

			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, 200, e.Status)
			assert.Equal(t, tc.wantCode, e.Code)
			assert.Equal(t, tc.wantRetryable, e.Retryable)
		})
	}
}

func TestBulkRetrieveOtherPerIDErrorFails(t *testing.T) {
	c := rawServer(t, 200, nil, `{"responses":{"C1":{"errors":[
		{"category":"INVALID_REQUEST_ERROR","code":"INVALID_VALUE","detail":"bad id"}]}}}`)

	_, _, err := c.BulkRetrieveCustomers(context.Background(), []string{"C1"})

	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "INVALID_VALUE", e.Code)
	assert.Contains(t, e.Detail, "customer C1")
}

func TestTokenNeverInErrors(t *testing.T) {
	echo := `{"errors":[{"category":"AUTHENTICATION_ERROR","code":"UNAUTHORIZED","detail":"got $AUTH","field":"$AUTH"}]}`
	tests := []struct {
		name   string
		client func(t *testing.T) *Client
	}{
		{"simulator rejects token", func(t *testing.T) *Client {
			srv := httptest.NewServer(sim.New(sim.Options{Token: "another-token"}))
			t.Cleanup(srv.Close)
			c, err := New(Config{BaseURL: srv.URL, Token: testToken})
			require.NoError(t, err)
			return c
		}},
		{"server echoes header in 401", func(t *testing.T) *Client { return rawServer(t, 401, nil, echo) }},
		{"server echoes header in 503", func(t *testing.T) *Client { return rawServer(t, 503, nil, echo) }},
		{"server echoes header in 200", func(t *testing.T) *Client { return rawServer(t, 200, nil, echo) }},
		{"no server", func(t *testing.T) *Client {
			srv := httptest.NewServer(http.NotFoundHandler())
			srv.Close()
			c, err := New(Config{BaseURL: srv.URL, Token: testToken})
			require.NoError(t, err)
			return c
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.client(t).ListLocations(context.Background())

			require.Error(t, err)
			assert.NotContains(t, err.Error(), testToken)
			assert.NotContains(t, fmt.Sprintf("%+v", err), testToken)
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.NotContains(t, e.Detail, testToken)
			assert.NotContains(t, e.Field, testToken)
		})
	}
}

func TestTransportTimeoutIsRetryable(t *testing.T) {
	h := setup(t)
	h.sim.SetFaults(sim.Faults{LatencyMs: 2000})
	c, err := New(Config{BaseURL: h.srv.URL, Token: testToken, HTTPClient: &http.Client{Timeout: 50 * time.Millisecond}})
	require.NoError(t, err)

	_, err = c.ListLocations(context.Background())

	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 0, e.Status)
	assert.True(t, e.Retryable)
	assert.Equal(t, "GET /v2/locations", e.Endpoint)
	assert.NotNil(t, errors.Unwrap(e))
}

func TestCanceledContextIsNotRetryable(t *testing.T) {
	started := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-r.Context().Done()
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{BaseURL: srv.URL, Token: testToken})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-started
		cancel()
	}()

	_, err = c.ListLocations(ctx)

	require.Error(t, err)
	assert.True(t, errors.Is(err, context.Canceled))
	var e *Error
	if errors.As(err, &e) {
		assert.False(t, e.Retryable)
	}
}
