package hubspot

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTenSecondlyLimit(t *testing.T) {
	h := setup(t, func(o *Options) { o.TenSecondlyMax = 3 })
	for i := range 3 {
		resp := h.do("GET", "/crm/v3/objects/contacts", nil)
		require.Equal(t, http.StatusOK, resp.status, "call %d", i)
		assert.Equal(t, "3", resp.header.Get("X-HubSpot-RateLimit-Max"))
		assert.Equal(t, []string{"2", "1", "0"}[i], resp.header.Get("X-HubSpot-RateLimit-Remaining"))
	}

	limited := h.do("GET", "/crm/v3/objects/contacts", nil)
	require.Equal(t, http.StatusTooManyRequests, limited.status)
	body := limited.object(t)
	assert.Equal(t, "error", body["status"])
	assert.Equal(t, "You have reached your ten_secondly_rolling limit.", body["message"])
	assert.Equal(t, "RATE_LIMIT", body["errorType"])
	assert.Equal(t, "TEN_SECONDLY_ROLLING", body["policyName"])
	assert.Contains(t, body["groupName"], "ten-secondly")
	assert.NotEmpty(t, body["correlationId"])
	assert.Empty(t, limited.header.Get("Retry-After"))

	write := h.do("POST", "/crm/v3/objects/contacts", map[string]any{"properties": props{}})
	assert.Equal(t, http.StatusTooManyRequests, write.status)
	assert.Empty(t, h.sim.Objects("contacts"), "a limited write is not applied")

	h.clock.Advance(9999 * time.Millisecond)
	assert.Equal(t, http.StatusTooManyRequests, h.do("GET", "/crm/v3/objects/contacts", nil).status,
		"the window rolls over ten seconds")
	h.clock.Advance(time.Millisecond)
	assert.Equal(t, http.StatusOK, h.do("GET", "/crm/v3/objects/contacts", nil).status)
}

func TestRejectedCallsConsumeNoBudget(t *testing.T) {
	h := setup(t, func(o *Options) { o.TenSecondlyMax = 2 })
	h.do("GET", "/crm/v3/objects/contacts", nil)
	h.clock.Advance(5 * time.Second)
	h.do("GET", "/crm/v3/objects/contacts", nil)
	for range 5 {
		require.Equal(t, http.StatusTooManyRequests, h.do("GET", "/crm/v3/objects/contacts", nil).status)
	}
	h.clock.Advance(5 * time.Second)
	resp := h.do("GET", "/crm/v3/objects/contacts", nil)
	assert.Equal(t, http.StatusOK, resp.status, "the first call left the window; 429s took no slots")
	assert.Equal(t, "0", resp.header.Get("X-HubSpot-RateLimit-Remaining"))
}

func TestDailyLimit(t *testing.T) {
	h := setup(t, func(o *Options) { o.DailyMax = 2 })
	first := h.do("GET", "/crm/v3/objects/contacts", nil)
	assert.Equal(t, "2", first.header.Get("X-HubSpot-RateLimit-Daily"))
	assert.Equal(t, "1", first.header.Get("X-HubSpot-RateLimit-Daily-Remaining"))
	assert.Equal(t, "10000", first.header.Get("X-HubSpot-RateLimit-Interval-Milliseconds"))
	h.search("contacts", map[string]any{})

	limited := h.do("GET", "/crm/v3/objects/contacts", nil)
	require.Equal(t, http.StatusTooManyRequests, limited.status, "search counts against the day")
	body := limited.object(t)
	assert.Equal(t, "You have reached your daily limit.", body["message"])
	assert.Equal(t, "DAILY", body["policyName"])
	assert.Equal(t, "RATE_LIMIT", body["errorType"])
	searchLimited, _ := h.search("contacts", map[string]any{})
	assert.Equal(t, http.StatusTooManyRequests, searchLimited.status)

	h.clock.Advance(14 * time.Hour)
	assert.Equal(t, http.StatusOK, h.do("GET", "/crm/v3/objects/contacts", nil).status,
		"the budget resets at midnight UTC")
}

func TestSearchSecondlyLimit(t *testing.T) {
	h := setup(t, func(o *Options) { o.SearchPerSecond = 2; o.TenSecondlyMax = 1 })
	for i := range 2 {
		resp, _ := h.search("contacts", map[string]any{})
		require.Equal(t, http.StatusOK, resp.status, "search %d", i)
	}
	limited, _ := h.search("contacts", map[string]any{})
	require.Equal(t, http.StatusTooManyRequests, limited.status)
	body := limited.object(t)
	assert.Equal(t, "You have reached your secondly limit.", body["message"])
	assert.Equal(t, "SECONDLY", body["policyName"])
	assert.Equal(t, "RATE_LIMIT", body["errorType"])
	assert.Empty(t, limited.header.Get("X-HubSpot-RateLimit-Remaining"))

	assert.Equal(t, http.StatusOK, h.do("GET", "/crm/v3/objects/contacts", nil).status,
		"search does not use the ten-second budget")

	h.clock.Advance(time.Second)
	again, _ := h.search("contacts", map[string]any{})
	assert.Equal(t, http.StatusOK, again.status)
}

func TestRateLimiterDefaults(t *testing.T) {
	l := newRateLimiter(Options{})
	assert.Equal(t, 190, l.tenSecondlyMax)
	assert.Equal(t, 625000, l.dailyMax)
	assert.Equal(t, 5, l.searchPerSecond)
}
