package sps

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/webhooksig"
)

const testWebhookSecret = "whsec-test-51f0"

// receivedWebhook is one delivery the test receiver got.
type receivedWebhook struct {
	body      []byte
	signature string
	timestamp string
}

// webhookReceiver is a loopback server that records deliveries and
// responds with status.
type webhookReceiver struct {
	mu       sync.Mutex
	received []receivedWebhook
	status   int
	url      string
}

func newWebhookReceiver(t *testing.T, status int) *webhookReceiver {
	t.Helper()
	rec := &webhookReceiver{status: status}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rec.mu.Lock()
		rec.received = append(rec.received, receivedWebhook{body: body,
			signature: r.Header.Get(webhooksig.HeaderSPSSignature),
			timestamp: r.Header.Get(webhooksig.HeaderSPSTimestamp)})
		rec.mu.Unlock()
		w.WriteHeader(rec.status)
	}))
	t.Cleanup(srv.Close)
	rec.url = srv.URL + "/sps/webhooks"
	return rec
}

func (r *webhookReceiver) deliveries() []receivedWebhook {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]receivedWebhook(nil), r.received...)
}

// decodeEvent decodes a delivered body.
func decodeEvent(t *testing.T, body []byte) map[string]any {
	t.Helper()
	var event map[string]any
	require.NoError(t, json.Unmarshal(body, &event))
	return event
}

func TestStatusChangeDeliversSignedDuplicates(t *testing.T) {
	h := setup(t)
	rec := newWebhookReceiver(t, http.StatusNoContent)
	h.sim.SetWebhook(rec.url, testWebhookSecret)
	require.NoError(t, h.sim.LoadQuotes([]sps.Quote{{ID: 5001, TransactionStatus: "Quoted"}}))

	resp := h.do(t, http.MethodPost, "/_admin/quotes/5001/status", "",
		`{"status":"Accepted","deliveries":2,"occurredAt":"2026-12-04T11:59:00Z"}`)

	require.Equal(t, http.StatusOK, resp.status, "body: %s", resp.body)
	var out statusChangeResponse
	require.NoError(t, json.Unmarshal(resp.body, &out))
	assert.Equal(t, []Delivery{{Status: 204}, {Status: 204}}, out.Deliveries)
	got := rec.deliveries()
	require.Len(t, got, 2)
	assert.Equal(t, got[0].body, got[1].body)
	event := decodeEvent(t, got[0].body)
	assert.Equal(t, "quote.status_changed", event["event"])
	assert.Equal(t, "5001", event["quoteId"])
	assert.Equal(t, "Accepted", event["status"])
	assert.Equal(t, "2026-12-04T11:59:00Z", event["occurredAt"])
	assert.NotEmpty(t, event["eventId"])
	assert.NoError(t, webhooksig.VerifySPS(testWebhookSecret, got[0].body, got[0].signature, got[0].timestamp,
		simStart))
	assert.Equal(t, webhooksig.SPSTimestamp(simStart), got[0].timestamp)
	quote := h.sim.Quotes()[0]
	assert.Equal(t, "Accepted", quote.TransactionStatus)
	require.NotNil(t, quote.Stage)
	assert.Equal(t, "won", *quote.Stage)
	assert.Equal(t, simStart, quote.ModifiedDate.Time())
}

func TestStatusChangeSetsStage(t *testing.T) {
	tests := []struct {
		status    string
		wantStage any
	}{
		{"Accepted", "won"},
		{"Converted", "won"},
		{"Declined", "lost"},
		{"expired", "lost"},
		{"Quoted", nil},
	}
	for _, tc := range tests {
		t.Run(tc.status, func(t *testing.T) {
			h := setup(t)
			require.NoError(t, h.sim.LoadQuotes([]sps.Quote{{ID: 5001}}))

			resp := h.do(t, http.MethodPost, "/_admin/quotes/5001/status", "",
				`{"status":"`+tc.status+`","deliver":false}`)

			require.Equal(t, http.StatusOK, resp.status)
			var out struct {
				Quote map[string]any `json:"quote"`
			}
			require.NoError(t, json.Unmarshal(resp.body, &out))
			assert.Equal(t, tc.wantStage, out.Quote["stage"])
			assert.Equal(t, tc.status, out.Quote["transactionStatus"])
		})
	}
}

func TestStatusChangeWithoutDeliveryThenReplay(t *testing.T) {
	h := setup(t)
	rec := newWebhookReceiver(t, http.StatusOK)
	h.sim.SetWebhook(rec.url, testWebhookSecret)
	require.NoError(t, h.sim.LoadQuotes([]sps.Quote{{ID: 5001}}))

	quiet := h.do(t, http.MethodPost, "/_admin/quotes/5001/status", "",
		`{"status":"Declined","deliver":false,"occurredAt":"2026-12-04T11:00:00Z"}`)
	deliveredBefore := len(rec.deliveries())
	replay := h.do(t, http.MethodPost, "/_admin/webhooks/replay", "",
		`{"quoteId":5001,"status":"Quoted","occurredAt":"2026-12-01T09:00:00Z","eventId":"evt-old"}`)

	require.Equal(t, http.StatusOK, quiet.status)
	assert.Equal(t, 0, deliveredBefore)
	require.Equal(t, http.StatusOK, replay.status, "body: %s", replay.body)
	got := rec.deliveries()
	require.Len(t, got, 1)
	event := decodeEvent(t, got[0].body)
	assert.Equal(t, "Quoted", event["status"])
	assert.Equal(t, "evt-old", event["eventId"])
	assert.Equal(t, "2026-12-01T09:00:00Z", event["occurredAt"])
	assert.Equal(t, "Declined", h.sim.Quotes()[0].TransactionStatus)
}

func TestDeliveriesReportReceiverStatus(t *testing.T) {
	h := setup(t)
	rec := newWebhookReceiver(t, http.StatusUnauthorized)
	h.sim.SetWebhook(rec.url, "wrong-secret")
	event := h.sim.NewQuoteStatusEvent(5001, "Accepted", simStart)

	got := h.sim.DeliverQuoteStatus(context.Background(), event, 3)

	assert.Equal(t, []Delivery{{Status: 401}, {Status: 401}, {Status: 401}}, got)
}

func TestDeliveryFailures(t *testing.T) {
	tests := []struct {
		name, url, wantError string
	}{
		{"no URL", "", "no webhook URL is set"},
		{"another host", "http://192.0.2.10/sps/webhooks", "is not on loopback"},
		{"not a URL", "ftp://127.0.0.1/x", "is not an absolute http(s) URL"},
		{"nothing listening", "http://127.0.0.1:1/sps/webhooks", "connect"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sim := New(Options{WebhookURL: tc.url, WebhookSecret: testWebhookSecret})
			event := sim.NewQuoteStatusEvent(5001, "Accepted", simStart)

			got := sim.DeliverQuoteStatus(context.Background(), event, 1)

			require.Len(t, got, 1)
			assert.Zero(t, got[0].Status)
			assert.Contains(t, got[0].Error, tc.wantError)
		})
	}
}

func TestAdminStatusChangeRejects(t *testing.T) {
	tests := []struct {
		name, path, body string
		wantStatus       int
	}{
		{"unknown quote", "/_admin/quotes/9/status", `{"status":"Accepted"}`, http.StatusNotFound},
		{"empty status", "/_admin/quotes/5001/status", `{"status":""}`, http.StatusBadRequest},
		{"too many deliveries", "/_admin/quotes/5001/status", `{"status":"Accepted","deliveries":21}`,
			http.StatusBadRequest},
		{"unknown field", "/_admin/quotes/5001/status", `{"status":"Accepted","stage":"won"}`, http.StatusBadRequest},
		{"replay without time", "/_admin/webhooks/replay", `{"quoteId":5001,"status":"Accepted"}`,
			http.StatusBadRequest},
		{"replay without quote", "/_admin/webhooks/replay", `{"status":"Accepted","occurredAt":"2026-12-01T09:00:00Z"}`,
			http.StatusBadRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := setup(t)
			require.NoError(t, h.sim.LoadQuotes([]sps.Quote{{ID: 5001, TransactionStatus: "Quoted"}}))

			resp := h.do(t, http.MethodPost, tc.path, "", tc.body)

			assert.Equal(t, tc.wantStatus, resp.status, "body: %s", resp.body)
			assert.Equal(t, "Quoted", h.sim.Quotes()[0].TransactionStatus)
		})
	}
}
