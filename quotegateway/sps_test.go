package quotegateway

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/webhooksig"
	"github.com/stonecity/sync/workflows"
)

const acceptedEvent = `{"event":"quote.status_changed","quoteId":5001,"status":"Accepted",` +
	`"occurredAt":"2026-12-04T18:29:30Z"}`

func TestSPSWebhookSignalsChange(t *testing.T) {
	h := newHarness(t, nil)

	rec := h.serve(spsRequest(acceptedEvent, testSPSSecret, testNow))

	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.Len(t, h.starter.signals, 1)
	got := h.starter.signals[0]
	assert.Equal(t, "5001", got.QuoteID)
	assert.Equal(t, "Accepted", got.Status)
	assert.Equal(t, time.Date(2026, 12, 4, 18, 29, 30, 0, time.UTC), got.OccurredAt)
	assert.Len(t, got.EventID, 32)
}

func TestSPSWebhookEventIDStable(t *testing.T) {
	h := newHarness(t, nil)
	declined := `{"event":"quote.status_changed","quoteId":"5001","status":"Declined","occurredAt":"2026-12-04T18:20:00Z"}`

	h.serve(spsRequest(acceptedEvent, testSPSSecret, testNow))
	h.serve(spsRequest(acceptedEvent, testSPSSecret, testNow.Add(time.Minute)))
	h.serve(spsRequest(declined, testSPSSecret, testNow))

	require.Len(t, h.starter.signals, 3)
	assert.Equal(t, h.starter.signals[0].EventID, h.starter.signals[1].EventID, "a repeated delivery keeps its id")
	assert.NotEqual(t, h.starter.signals[0].EventID, h.starter.signals[2].EventID)
	assert.Equal(t, "5001", h.starter.signals[2].QuoteID, "a string quote id reads like a number")
}

func TestSPSWebhookUsesDeliveredEventID(t *testing.T) {
	h := newHarness(t, nil)
	withID := `{"event":"quote.status_changed","eventId":"evt-7","quoteId":"5001","status":"Accepted",` +
		`"occurredAt":"2026-12-04T18:29:30Z"}`

	rec := h.serve(spsRequest(withID, testSPSSecret, testNow))

	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.Len(t, h.starter.signals, 1)
	assert.Equal(t, "sps-evt-7", h.starter.signals[0].EventID)
}

func TestSPSWebhookIgnoresUnknownEvent(t *testing.T) {
	h := newHarness(t, nil)

	rec := h.serve(spsRequest(`{"event":"customer.updated","customerId":7}`, testSPSSecret, testNow))

	assert.Equal(t, http.StatusAccepted, rec.Code)
	assert.JSONEq(t, `{"status":"ignored","event":"customer.updated"}`, rec.Body.String())
	assert.Empty(t, h.starter.signals)
}

func TestSPSWebhookRejected(t *testing.T) {
	tests := []struct {
		name       string
		config     func(*Config)
		request    func() *http.Request
		wantStatus int
		wantText   string
	}{
		{name: "wrong secret", request: func() *http.Request {
			return spsRequest(acceptedEvent, "guessed", testNow)
		}, wantStatus: http.StatusUnauthorized, wantText: "signature mismatch"},
		{name: "missing signature", request: func() *http.Request {
			req := spsRequest(acceptedEvent, testSPSSecret, testNow)
			req.Header.Del(webhooksig.HeaderSPSSignature)
			return req
		}, wantStatus: http.StatusUnauthorized, wantText: "missing"},
		{name: "stale", request: func() *http.Request {
			return spsRequest(acceptedEvent, testSPSSecret, testNow.Add(-10*time.Minute))
		}, wantStatus: http.StatusUnauthorized, wantText: "stale"},
		{name: "not configured", config: func(c *Config) { c.SPSWebhookSecret = "" }, request: func() *http.Request {
			return spsRequest(acceptedEvent, "", testNow)
		}, wantStatus: http.StatusServiceUnavailable, wantText: "SPS_WEBHOOK_SECRET"},
		{name: "method not allowed", request: func() *http.Request {
			return httptest.NewRequest(http.MethodGet, PathSPSWebhooks, nil)
		}, wantStatus: http.StatusMethodNotAllowed},
		{name: "malformed json", request: func() *http.Request {
			return spsRequest(`{"event":`, testSPSSecret, testNow)
		}, wantStatus: http.StatusBadRequest, wantText: "malformed JSON"},
		{name: "no event", request: func() *http.Request {
			return spsRequest(`{"quoteId":1}`, testSPSSecret, testNow)
		}, wantStatus: http.StatusBadRequest, wantText: "no event"},
		{name: "quote id missing", request: func() *http.Request {
			return spsRequest(`{"event":"quote.status_changed","status":"Accepted","occurredAt":"2026-12-04T18:00:00Z"}`,
				testSPSSecret, testNow)
		}, wantStatus: http.StatusBadRequest, wantText: "quoteId"},
		{name: "status missing", request: func() *http.Request {
			return spsRequest(`{"event":"quote.status_changed","quoteId":1,"occurredAt":"2026-12-04T18:00:00Z"}`,
				testSPSSecret, testNow)
		}, wantStatus: http.StatusBadRequest, wantText: "has no status"},
		{name: "quote id longer than an SPS id", request: func() *http.Request {
			return spsRequest(`{"event":"quote.status_changed","quoteId":"`+strings.Repeat("9", 2000)+
				`","status":"Accepted","occurredAt":"2026-12-04T18:00:00Z"}`, testSPSSecret, testNow)
		}, wantStatus: http.StatusBadRequest, wantText: "quoteId"},
		{name: "quote id beyond int64", request: func() *http.Request {
			return spsRequest(`{"event":"quote.status_changed","quoteId":99999999999999999999,`+
				`"status":"Accepted","occurredAt":"2026-12-04T18:00:00Z"}`, testSPSSecret, testNow)
		}, wantStatus: http.StatusBadRequest, wantText: "quoteId"},
		{name: "quote id zero", request: func() *http.Request {
			return spsRequest(`{"event":"quote.status_changed","quoteId":0,"status":"Accepted",`+
				`"occurredAt":"2026-12-04T18:00:00Z"}`, testSPSSecret, testNow)
		}, wantStatus: http.StatusBadRequest, wantText: "quoteId"},
		{name: "occurred at malformed", request: func() *http.Request {
			return spsRequest(`{"event":"quote.status_changed","quoteId":1,"status":"Accepted","occurredAt":"yesterday"}`,
				testSPSSecret, testNow)
		}, wantStatus: http.StatusBadRequest, wantText: "occurredAt"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, tc.config)

			rec := h.serve(tc.request())

			assert.Equal(t, tc.wantStatus, rec.Code, rec.Body.String())
			var got errorBody
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got))
			assert.Contains(t, got.Message, tc.wantText)
			assert.Empty(t, h.starter.signals)
		})
	}
}

// A quote id with leading zeros names the same SPS quote, so it signals
// the same workflow and matches the deal's sps_quote_id.
func TestSPSWebhookCanonicalQuoteID(t *testing.T) {
	h := newHarness(t, nil)
	padded := `{"event":"quote.status_changed","quoteId":"005001","status":"Accepted",` +
		`"occurredAt":"2026-12-04T18:29:30Z"}`

	rec := h.serve(spsRequest(padded, testSPSSecret, testNow))

	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.Len(t, h.starter.signals, 1)
	assert.Equal(t, "5001", h.starter.signals[0].QuoteID)
}

func TestSPSWebhookSignalFailureAnswers503(t *testing.T) {
	h := newHarness(t, nil)
	h.starter.signal = func(context.Context, workflows.QuoteStatusChange) error {
		return errors.New("frontend unavailable")
	}

	rec := h.serve(spsRequest(acceptedEvent, testSPSSecret, testNow))

	assert.Equal(t, http.StatusServiceUnavailable, rec.Code)
}

func TestHealth(t *testing.T) {
	tests := []struct {
		name       string
		method     string
		healthErr  error
		wantStatus int
	}{
		{name: "temporal reachable", method: http.MethodGet, wantStatus: http.StatusOK},
		{name: "head", method: http.MethodHead, wantStatus: http.StatusOK},
		{name: "temporal down", method: http.MethodGet, healthErr: errors.New("dial 127.0.0.1:7233: refused"),
			wantStatus: http.StatusServiceUnavailable},
		{name: "post not allowed", method: http.MethodPost, wantStatus: http.StatusMethodNotAllowed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, nil)
			h.starter.healthErr = tc.healthErr

			rec := h.serve(httptest.NewRequest(tc.method, PathHealth, nil))

			assert.Equal(t, tc.wantStatus, rec.Code)
			assert.NotContains(t, rec.Body.String(), "127.0.0.1")
			assert.NotContains(t, rec.Body.String(), testClientSecret)
		})
	}
}

func TestUnknownPathAnswers404(t *testing.T) {
	h := newHarness(t, nil)

	rec := h.serve(httptest.NewRequest(http.MethodGet, "/admin", nil))

	assert.Equal(t, http.StatusNotFound, rec.Code)
}
