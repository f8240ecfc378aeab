package square

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFailNextCyclesStatuses(t *testing.T) {
	sim := newFixtureSim(t, newTestClock(fixtureNow))
	srv := newServer(t, sim)
	sim.SetFaults(Faults{FailNext: 4})

	var statuses []int
	for range 5 {
		statuses = append(statuses, call(t, srv.URL, http.MethodGet, "/v2/locations", nil).status)
	}

	assert.Equal(t, []int{500, 503, 429, 500, 200}, statuses)
	assert.Equal(t, 0, sim.Faults().FailNext)
	assert.Equal(t, 5, sim.Calls()["GET /v2/locations"])
}

func TestInjectedErrorBodies(t *testing.T) {
	tests := []struct {
		status       int
		wantCategory square.ErrorCategory
		wantCode     square.ErrorCode
	}{
		{429, square.ErrorCategoryRateLimitError, square.ErrorCodeRateLimited},
		{500, square.ErrorCategoryAPIError, square.ErrorCodeInternalServerError},
		{502, square.ErrorCategoryAPIError, square.ErrorCodeBadGateway},
		{503, square.ErrorCategoryAPIError, square.ErrorCodeServiceUnavailable},
		{504, square.ErrorCategoryAPIError, square.ErrorCodeGatewayTimeout},
		{408, square.ErrorCategoryAPIError, square.ErrorCodeRequestTimeout},
		{401, square.ErrorCategoryAuthenticationError, square.ErrorCodeUnauthorized},
		{403, square.ErrorCategoryAuthenticationError, square.ErrorCodeForbidden},
		{404, square.ErrorCategoryInvalidRequestError, square.ErrorCodeNotFound},
		{409, square.ErrorCategoryInvalidRequestError, square.ErrorCodeConflict},
		{400, square.ErrorCategoryInvalidRequestError, square.ErrorCodeBadRequest},
	}
	for _, tc := range tests {
		t.Run(http.StatusText(tc.status), func(t *testing.T) {
			sim := newFixtureSim(t, newTestClock(fixtureNow))
			srv := newServer(t, sim)
			sim.SetFaults(Faults{FailNext: 1, ErrorStatuses: []int{tc.status}})

			resp := call(t, srv.URL, http.MethodPost, "/v2/orders/search", `{"location_ids":["L8STONE01MAIN"]}`)

			require.Equal(t, tc.status, resp.status)
			e := resp.firstError(t)
			assert.Equal(t, tc.wantCategory, e.Category)
			assert.Equal(t, tc.wantCode, e.Code)
		})
	}
}

func TestFaultPrecedesAuthentication(t *testing.T) {
	sim := newFixtureSim(t, newTestClock(fixtureNow))
	srv := newServer(t, sim)
	sim.SetFaults(Faults{FailNext: 1, ErrorStatuses: []int{503}})

	resp := callWith(t, srv.URL, http.MethodGet, "/v2/locations", nil, map[string]string{"Authorization": "Bearer wrong"})

	assert.Equal(t, http.StatusServiceUnavailable, resp.status)
}

func TestErrorRateIsSeeded(t *testing.T) {
	run := func(seed int64) []int {
		sim := newFixtureSim(t, newTestClock(fixtureNow))
		srv := newServer(t, sim)
		sim.SetFaults(Faults{ErrorRate: 0.5, Seed: seed})
		var statuses []int
		for range 20 {
			statuses = append(statuses, call(t, srv.URL, http.MethodGet, "/v2/locations", nil).status)
		}
		return statuses
	}

	first, second, other := run(7), run(7), run(8)

	assert.Equal(t, first, second)
	assert.NotEqual(t, first, other)
	assert.Contains(t, first, http.StatusOK)
	assert.Less(t, countOK(first), len(first))
}

func countOK(statuses []int) int {
	n := 0
	for _, s := range statuses {
		if s == http.StatusOK {
			n++
		}
	}
	return n
}

func TestLatencyDelaysResponses(t *testing.T) {
	sim := newFixtureSim(t, newTestClock(fixtureNow))
	srv := newServer(t, sim)
	sim.SetFaults(Faults{LatencyMs: 60})

	start := time.Now()
	resp := call(t, srv.URL, http.MethodGet, "/v2/locations", nil)
	elapsed := time.Since(start)

	assert.Equal(t, http.StatusOK, resp.status)
	assert.GreaterOrEqual(t, elapsed, 60*time.Millisecond)
}

func TestSetFaultsNormalizes(t *testing.T) {
	sim := New(Options{})

	sim.SetFaults(Faults{LatencyMs: -5, ErrorRate: 3, ErrorStatuses: []int{200, 302, 418}, FailNext: -1})
	got := sim.Faults()

	assert.Equal(t, 0, got.LatencyMs)
	assert.InDelta(t, 1.0, got.ErrorRate, 0)
	assert.Equal(t, []int{418}, got.ErrorStatuses)
	assert.Equal(t, 0, got.FailNext)
}

func TestDefaultFaults(t *testing.T) {
	got := New(Options{}).Faults()

	assert.Equal(t, []int{500, 503, 429}, got.ErrorStatuses)
	assert.Zero(t, got.FailNext)
	assert.Zero(t, got.ErrorRate)
}

func TestAdminFaults(t *testing.T) {
	sim := New(Options{})
	srv := newServer(t, sim)
	tests := []struct {
		name       string
		body       string
		wantStatus int
	}{
		{"valid", `{"failNext":2,"errorStatuses":[429],"seed":3}`, http.StatusOK},
		{"rate above one", `{"errorRate":1.5}`, http.StatusBadRequest},
		{"status not an error", `{"errorStatuses":[204]}`, http.StatusBadRequest},
		{"negative latency", `{"latencyMs":-1}`, http.StatusBadRequest},
		{"negative failNext", `{"failNext":-1}`, http.StatusBadRequest},
		{"unknown field", `{"failLater":2}`, http.StatusBadRequest},
		{"malformed", `{`, http.StatusBadRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sim.SetFaults(Faults{})

			resp := call(t, srv.URL, http.MethodPut, "/_admin/faults", tc.body)

			require.Equal(t, tc.wantStatus, resp.status, "body: %s", resp.body)
			if tc.wantStatus != http.StatusOK {
				assert.Zero(t, sim.Faults().FailNext)
				return
			}
			var got Faults
			resp.decode(t, &got)
			assert.Equal(t, Faults{FailNext: 2, ErrorStatuses: []int{429}, Seed: 3}, got)
			read := call(t, srv.URL, http.MethodGet, "/_admin/faults", nil)
			var again Faults
			require.NoError(t, json.Unmarshal(read.body, &again))
			assert.Equal(t, got, again)
		})
	}
}
