package sps

import (
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/sps"
)

func TestFailNextCyclesDefaultStatuses(t *testing.T) {
	h := setup(t)
	token := h.login(t)
	h.sim.SetFaults(Faults{FailNext: 4})

	var statuses []int
	for range 5 {
		statuses = append(statuses, h.do(t, http.MethodPost, "/v2/Products", token, `{}`).status)
	}

	assert.Equal(t, []int{500, 502, 503, 500, 200}, statuses)
	assert.Equal(t, 0, h.sim.Faults().FailNext)
	assert.Equal(t, 5, h.sim.Calls()["POST /v2/Products"])
}

func TestInjectedFaultBodies(t *testing.T) {
	tests := []struct {
		status   int
		wantCode string
	}{
		{429, "rate_limited"},
		{500, "internal_error"},
		{502, "bad_gateway"},
		{503, "service_unavailable"},
		{504, "gateway_timeout"},
		{401, "unauthorized"},
		{403, "forbidden"},
		{404, "not_found"},
		{400, "invalid_request"},
	}
	for _, tc := range tests {
		t.Run(strconv.Itoa(tc.status), func(t *testing.T) {
			h := setup(t)
			h.sim.SetFaults(Faults{FailNext: 1, ErrorStatuses: []int{tc.status}})

			resp := h.do(t, http.MethodPost, "/v2/Customers", "", `{}`)

			require.Equal(t, tc.status, resp.status)
			assert.Equal(t, tc.wantCode, resp.errorBody(t).Error)
		})
	}
}

func TestInjected429HasRetryAfter(t *testing.T) {
	h := setup(t)
	h.sim.SetFaults(Faults{FailNext: 1, ErrorStatuses: []int{429}})

	resp := h.do(t, http.MethodPost, "/v2/Customers", "", `{}`)

	require.Equal(t, http.StatusTooManyRequests, resp.status)
	assert.Equal(t, "1", resp.header.Get("Retry-After"))
}

func TestFaultsFailLoginWithoutIssuingToken(t *testing.T) {
	h := setup(t)
	h.sim.SetFaults(Faults{FailNext: 1, ErrorStatuses: []int{503}})

	resp := h.do(t, http.MethodPost, "/v1/token/loginv1", "", validLogin())

	assert.Equal(t, http.StatusServiceUnavailable, resp.status)
	h.sim.mu.Lock()
	defer h.sim.mu.Unlock()
	assert.Empty(t, h.sim.tokens)
}

func TestErrorRateIsRepeatableWithSeed(t *testing.T) {
	run := func() []int {
		h := setup(t)
		token := h.login(t)
		h.sim.SetFaults(Faults{ErrorRate: 0.5, Seed: 42})
		var statuses []int
		for range 20 {
			statuses = append(statuses, h.do(t, http.MethodPost, "/v2/Products", token, `{}`).status)
		}
		return statuses
	}

	first, second := run(), run()

	assert.Equal(t, first, second)
	assert.Contains(t, first, http.StatusOK)
	assert.NotEqual(t, 20, countOf(first, http.StatusOK))
}

func countOf(values []int, want int) int {
	n := 0
	for _, v := range values {
		if v == want {
			n++
		}
	}
	return n
}

func TestFaultsNeverTouchAdmin(t *testing.T) {
	h := setup(t)
	h.sim.SetFaults(Faults{ErrorRate: 1})

	resp := h.do(t, http.MethodPost, "/_admin/customers", "", `[{"id":1}]`)

	assert.Equal(t, http.StatusOK, resp.status)
	assert.Len(t, h.sim.Customers(), 1)
}

func TestSetFaultsNormalizes(t *testing.T) {
	h := setup(t)

	h.sim.SetFaults(Faults{LatencyMs: -5, ErrorRate: 3, ErrorStatuses: []int{200, 503}, FailNext: -1})

	got := h.sim.Faults()
	assert.Equal(t, 0, got.LatencyMs)
	assert.Equal(t, 1.0, got.ErrorRate)
	assert.Equal(t, []int{503}, got.ErrorStatuses)
	assert.Equal(t, 0, got.FailNext)
}

func TestFaultsDefaultStatuses(t *testing.T) {
	h := setup(t)

	assert.Equal(t, []int{500, 502, 503}, h.sim.Faults().ErrorStatuses)
}

func TestInjectedFaultChangesNoState(t *testing.T) {
	h := setup(t)
	h.sim.SetFaults(Faults{FailNext: 1})

	resp := h.do(t, http.MethodPost, "/v2/Customers", "", `{"customer":{"name":"X"}}`)

	assert.Equal(t, http.StatusInternalServerError, resp.status)
	assert.Equal(t, []sps.Customer{}, h.sim.Customers())
}
