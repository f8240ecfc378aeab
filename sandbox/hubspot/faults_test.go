package hubspot

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFailNextRejectsBeforeApplying(t *testing.T) {
	h := setup(t)
	h.sim.SetFaults(Faults{FailNext: 2})
	for i := range 2 {
		resp := h.do("POST", "/crm/v3/objects/contacts",
			map[string]any{"properties": props{"email": "x@example.com"}})
		require.Equal(t, http.StatusInternalServerError, resp.status, "call %d", i)
		body := resp.object(t)
		assert.Equal(t, "error", body["status"])
		assert.Equal(t, "internal error", body["message"])
		assert.Equal(t, "INTERNAL_ERROR", body["category"])
		assert.NotEmpty(t, body["correlationId"])
	}
	assert.Empty(t, h.sim.Objects("contacts"), "failed calls change nothing")
	assert.Zero(t, h.sim.Faults().FailNext)

	resp := h.do("POST", "/crm/v3/objects/contacts",
		map[string]any{"properties": props{"email": "x@example.com"}})
	assert.Equal(t, http.StatusCreated, resp.status)
	assert.Equal(t, 3, h.sim.Calls()["POST /crm/v3/objects/contacts"], "injected failures are counted")
}

func TestInjectedStatusBodies(t *testing.T) {
	cases := []struct {
		status     int
		category   string
		policyName string
		retryAfter string
	}{
		{500, "INTERNAL_ERROR", "", ""},
		{502, "INTERNAL_ERROR", "", ""},
		{503, "INTERNAL_ERROR", "", ""},
		{423, "LOCKED", "", ""},
		{429, "", "TEN_SECONDLY_ROLLING", ""},
		{477, "MIGRATION_IN_PROGRESS", "", "1"},
	}
	for _, tc := range cases {
		t.Run(http.StatusText(tc.status), func(t *testing.T) {
			h := setup(t)
			h.sim.SetFaults(Faults{FailNext: 1, ErrorStatuses: []int{tc.status}})
			resp := h.do("GET", "/crm/v3/objects/deals", nil)
			require.Equal(t, tc.status, resp.status)
			body := resp.object(t)
			assert.Equal(t, tc.category, stringOr(body["category"]))
			assert.Equal(t, tc.policyName, stringOr(body["policyName"]))
			assert.Equal(t, tc.retryAfter, resp.header.Get("Retry-After"))
		})
	}
}

func stringOr(v any) string {
	s, _ := v.(string)
	return s
}

// statusSequence sends n list calls and returns the statuses received.
func statusSequence(h *harness, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = h.do("GET", "/crm/v3/objects/contacts", nil).status
	}
	return out
}

func TestErrorRateIsReproducible(t *testing.T) {
	faults := Faults{ErrorRate: 0.5, Seed: 42}
	first := setup(t)
	first.sim.SetFaults(faults)
	second := setup(t)
	second.sim.SetFaults(faults)

	a := statusSequence(first, 40)
	b := statusSequence(second, 40)
	assert.Equal(t, a, b, "the same seed gives the same failures")

	failures := map[int]int{}
	for _, status := range a {
		if status != http.StatusOK {
			failures[status]++
		}
	}
	assert.NotEmpty(t, failures)
	for status := range failures {
		assert.Contains(t, defaultErrorStatuses, status)
	}
	assert.Less(t, sum(failures), len(a), "some calls succeed")

	first.sim.SetFaults(faults)
	assert.Equal(t, a, statusSequence(first, 40), "SetFaults reseeds")
}

func sum(counts map[int]int) int {
	total := 0
	for _, n := range counts {
		total += n
	}
	return total
}

func TestErrorRateBounds(t *testing.T) {
	cases := []struct {
		name string
		rate float64
		want int
	}{
		{"never", 0, http.StatusOK},
		{"always", 1, http.StatusServiceUnavailable},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := setup(t)
			h.sim.SetFaults(Faults{ErrorRate: tc.rate, ErrorStatuses: []int{503}})
			for _, status := range statusSequence(h, 10) {
				assert.Equal(t, tc.want, status)
			}
		})
	}
}

func TestLatencyDelaysCalls(t *testing.T) {
	h := setup(t)
	h.sim.SetFaults(Faults{LatencyMs: 40})
	start := time.Now()
	resp := h.do("GET", "/crm/v3/objects/contacts", nil)
	assert.Equal(t, http.StatusOK, resp.status)
	assert.GreaterOrEqual(t, time.Since(start), 40*time.Millisecond)
}

func TestSetFaultsNormalises(t *testing.T) {
	h := setup(t)
	h.sim.SetFaults(Faults{ErrorRate: 3, LatencyMs: -5, ErrorStatuses: []int{200, 503}})
	got := h.sim.Faults()
	assert.Equal(t, 1.0, got.ErrorRate)
	assert.Zero(t, got.LatencyMs)
	assert.Equal(t, []int{503}, got.ErrorStatuses)

	h.sim.SetFaults(Faults{})
	assert.Equal(t, []int{500, 502, 503, 429}, h.sim.Faults().ErrorStatuses)
}

func TestAdminFaults(t *testing.T) {
	h := setup(t)
	resp := h.send("PUT", "/_admin/faults",
		`{"failNext":1,"errorStatuses":[423],"searchLagMs":500,"seed":7}`, "")
	require.Equal(t, http.StatusOK, resp.status, "%s", resp.body)
	var got Faults
	resp.decode(t, &got)
	assert.Equal(t, 1, got.FailNext)
	assert.Equal(t, []int{423}, got.ErrorStatuses)
	assert.Equal(t, 500, got.SearchLagMs)
	assert.Equal(t, int64(7), got.Seed)

	assert.Equal(t, http.StatusLocked, h.do("GET", "/crm/v3/objects/contacts", nil).status)
	var after Faults
	h.send("GET", "/_admin/faults", nil, "").decode(t, &after)
	assert.Zero(t, after.FailNext)

	cases := []struct {
		name, body string
	}{
		{"rate above one", `{"errorRate":1.5}`},
		{"negative latency", `{"latencyMs":-1}`},
		{"success status", `{"errorStatuses":[200]}`},
		{"unknown field", `{"failnext":1,"bogus":true}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := h.send("PUT", "/_admin/faults", tc.body, "")
			assert.Equal(t, http.StatusBadRequest, resp.status)
		})
	}
}

func TestInjected429MatchesEndpointBucket(t *testing.T) {
	h := setup(t)
	h.sim.SetFaults(Faults{FailNext: 2, ErrorStatuses: []int{http.StatusTooManyRequests}})

	search, _ := h.search("contacts", map[string]any{})
	require.Equal(t, http.StatusTooManyRequests, search.status)
	body := search.object(t)
	assert.Equal(t, "SECONDLY", body["policyName"], "search has its own per-second limiter")
	assert.Equal(t, "You have reached your secondly limit.", body["message"])
	assert.Empty(t, search.header.Get("X-HubSpot-RateLimit-Remaining"))

	list := h.do("GET", "/crm/v3/objects/contacts", nil)
	require.Equal(t, http.StatusTooManyRequests, list.status)
	assert.Equal(t, "TEN_SECONDLY_ROLLING", list.object(t)["policyName"])
}

func TestRetryAfterSwitch(t *testing.T) {
	cases := []struct {
		name    string
		faults  Faults
		search  bool
		want    string
		wantErr int
	}{
		{"off by default", Faults{}, false, "", http.StatusTooManyRequests},
		{"ten secondly", Faults{RetryAfterSeconds: 10}, false, "10", http.StatusTooManyRequests},
		{"search secondly", Faults{RetryAfterSeconds: 1}, true, "1", http.StatusTooManyRequests},
		{"injected 429", Faults{RetryAfterSeconds: 3, FailNext: 1,
			ErrorStatuses: []int{http.StatusTooManyRequests}}, false, "3", http.StatusTooManyRequests},
		{"not on other errors", Faults{RetryAfterSeconds: 3, FailNext: 1,
			ErrorStatuses: []int{http.StatusServiceUnavailable}}, false, "", http.StatusServiceUnavailable},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := setup(t, func(o *Options) { o.TenSecondlyMax = 1; o.SearchPerSecond = 1 })
			h.sim.SetFaults(tc.faults)
			call := func() response {
				if tc.search {
					resp, _ := h.search("contacts", map[string]any{})
					return resp
				}
				return h.do("GET", "/crm/v3/objects/contacts", nil)
			}
			first := call()
			if tc.faults.FailNext == 0 {
				require.Equal(t, http.StatusOK, first.status, "%s", first.body)
				assert.Empty(t, first.header.Get("Retry-After"), "only errors carry Retry-After")
				first = call()
			}
			require.Equal(t, tc.wantErr, first.status, "%s", first.body)
			assert.Equal(t, tc.want, first.header.Get("Retry-After"))
		})
	}
}

func TestAdminFaultsRetryAfter(t *testing.T) {
	h := setup(t)
	resp := h.send("PUT", "/_admin/faults", `{"retryAfterSeconds":5}`, "")
	require.Equal(t, http.StatusOK, resp.status, "%s", resp.body)
	assert.Equal(t, 5, h.sim.Faults().RetryAfterSeconds)

	bad := h.send("PUT", "/_admin/faults", `{"retryAfterSeconds":-1}`, "")
	assert.Equal(t, http.StatusBadRequest, bad.status)
}
