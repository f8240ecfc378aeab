package sps_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/sps"
)

func TestErrorMapping(t *testing.T) {
	tests := []struct {
		name          string
		status        int
		header        map[string]string
		body          string
		wantCode      string
		wantMessage   string
		wantRetryable bool
		wantAfter     time.Duration
		wantNotFound  bool
		wantAuth      bool
	}{
		{name: "400 invalid request", status: 400, body: `{"error":"invalid_request","message":"bad filter"}`,
			wantCode: "invalid_request", wantMessage: "bad filter"},
		{name: "403 forbidden", status: 403, body: `{"error":"forbidden","message":"no access"}`,
			wantCode: "forbidden", wantMessage: "no access", wantAuth: true},
		{name: "404 not found", status: 404, body: `{"error":"not_found","message":"Customer 5 not found."}`,
			wantCode: "not_found", wantMessage: "Customer 5 not found.", wantNotFound: true},
		{name: "422 idempotency mismatch", status: 422,
			body:     `{"error":"idempotency_mismatch","message":"key reused"}`,
			wantCode: "idempotency_mismatch", wantMessage: "key reused"},
		{name: "409 other 4xx", status: 409, body: `{"error":"conflict","message":"busy"}`,
			wantCode: "conflict", wantMessage: "busy"},
		{name: "429 with Retry-After seconds", status: 429, header: map[string]string{"Retry-After": "7"},
			body: `{"error":"rate_limited","message":"slow down"}`, wantCode: "rate_limited", wantMessage: "slow down",
			wantRetryable: true, wantAfter: 7 * time.Second},
		{name: "429 with Retry-After date", status: 429,
			header:   map[string]string{"Retry-After": "Fri, 04 Dec 2026 12:00:30 GMT"},
			body:     `{"error":"rate_limited","message":"slow down"}`,
			wantCode: "rate_limited", wantMessage: "slow down",
			wantRetryable: true, wantAfter: 30 * time.Second},
		{name: "429 without hint", status: 429, body: `{"error":"rate_limited"}`, wantCode: "rate_limited",
			wantRetryable: true},
		{name: "408 request timeout", status: 408, body: `{"error":"timeout","message":"too slow"}`,
			wantCode: "timeout", wantMessage: "too slow", wantRetryable: true},
		{name: "500 internal error", status: 500, body: `{"error":"internal_error","message":"oops"}`,
			wantCode: "internal_error", wantMessage: "oops", wantRetryable: true},
		{name: "503 with Retry-After", status: 503, header: map[string]string{"Retry-After": "2"},
			body: `{"error":"service_unavailable","message":"maintenance"}`, wantCode: "service_unavailable",
			wantMessage: "maintenance", wantRetryable: true, wantAfter: 2 * time.Second},
		{name: "502 HTML body", status: 502, body: `<html>Bad Gateway</html>`,
			wantMessage: "<html>Bad Gateway</html>", wantRetryable: true},
		{name: "500 empty body", status: 500, body: ``, wantMessage: "Internal Server Error", wantRetryable: true},
		{name: "302 redirect is not followed", status: 302, header: map[string]string{"Location": "/elsewhere"},
			wantCode: sps.CodeRedirect, wantMessage: "redirected the request to /elsewhere"},
		{name: "200 with invalid JSON", status: 200, body: `{"data":[`, wantCode: sps.CodeInvalidResponse,
			wantMessage: "decode page"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := setup(t)
			sps.SetClock(h.client, func() time.Time { return simStart })
			h.setIntercept(func(w http.ResponseWriter, r *http.Request, _ string) bool {
				if r.URL.Path != "/v2/Customers" {
					return false
				}
				writeRaw(w, tc.status, tc.header, tc.body)
				return true
			})

			_, err := h.client.QueryCustomers(context.Background(), sps.CustomerFilter{}, 1, 10)

			var e *sps.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tc.status, e.Status)
			assert.Equal(t, tc.wantCode, e.Code)
			assert.Contains(t, e.Message, tc.wantMessage)
			assert.Equal(t, tc.wantRetryable, e.Retryable)
			assert.Equal(t, tc.wantAfter, e.RetryAfter)
			assert.Equal(t, "POST /v2/Customers", e.Endpoint)
			assert.Equal(t, tc.wantNotFound, errors.Is(err, sps.ErrNotFound))
			assert.Equal(t, tc.wantAuth, errors.Is(err, sps.ErrAuth))
			assert.Len(t, h.requests(), 2, "login and one call, never a repeat")
		})
	}
}

func TestTransportTimeoutIsRetryable(t *testing.T) {
	h := setup(t, func(cfg *sps.Config) { cfg.HTTPClient = &http.Client{Timeout: 100 * time.Millisecond} })
	stop := make(chan struct{})
	t.Cleanup(func() { close(stop) })
	h.setIntercept(func(_ http.ResponseWriter, r *http.Request, _ string) bool {
		if r.URL.Path == "/v1/token/loginv1" {
			return false
		}
		select { // hold the response until the client gives up
		case <-r.Context().Done():
		case <-stop:
		}
		return true
	})

	_, err := h.client.QueryCustomers(context.Background(), sps.CustomerFilter{}, 1, 10)

	var e *sps.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 0, e.Status)
	assert.True(t, e.Retryable)
	var netErr net.Error
	require.ErrorAs(t, err, &netErr)
	assert.True(t, netErr.Timeout())
	assert.NotContains(t, err.Error(), h.srv.URL, "the URL is left out of transport errors")
}

func TestConnectionRefusedIsRetryable(t *testing.T) {
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	client, err := sps.New(sps.Config{BaseURL: closed.URL, Username: "u", Password: "p", AuthorizedNumber: "a"})
	require.NoError(t, err)

	_, err = client.GetQuote(context.Background(), 1)

	var e *sps.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "POST /v1/token/loginv1", e.Endpoint)
	assert.Equal(t, 0, e.Status)
	assert.True(t, e.Retryable)
	assert.Regexp(t, `^sps POST /v1/token/loginv1: request failed: \S`, err.Error())
}

func TestCanceledContextIsFinal(t *testing.T) {
	h := setup(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()

	_, err := h.client.QueryProducts(ctx, sps.ProductFilter{}, 1, 10)

	var e *sps.Error
	require.ErrorAs(t, err, &e)
	assert.False(t, e.Retryable)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestResponseBodyIsCapped(t *testing.T) {
	h := setup(t)
	h.setIntercept(func(w http.ResponseWriter, r *http.Request, _ string) bool {
		if r.URL.Path != "/v2/Products" {
			return false
		}
		w.WriteHeader(http.StatusOK)
		chunk := strings.Repeat(" ", 1<<20)
		for range 33 { // 33 MiB, above the 32 MiB cap
			if _, err := w.Write([]byte(chunk)); err != nil {
				return true
			}
		}
		return true
	})

	_, err := h.client.QueryProducts(context.Background(), sps.ProductFilter{}, 1, 10)

	var e *sps.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, sps.CodeResponseTooLarge, e.Code)
	assert.False(t, e.Retryable)
}

func TestErrorString(t *testing.T) {
	tests := []struct {
		name string
		err  *sps.Error
		want string
	}{
		{"status, code and message", &sps.Error{Endpoint: "GET /v2/Quotes/{id}", Status: 404, Code: "not_found",
			Message: "Quote 3 not found."}, "sps GET /v2/Quotes/{id}: HTTP 404 not_found: Quote 3 not found."},
		{"status only", &sps.Error{Endpoint: "POST /v2/Quotes", Status: 500},
			"sps POST /v2/Quotes: HTTP 500"},
		{"client-side rejection", &sps.Error{Endpoint: "POST /v2/Quotes", Code: sps.CodeInvalidArgument,
			Message: "pageSize 0 is outside 1 to 200"},
			"sps POST /v2/Quotes: invalid_argument: pageSize 0 is outside 1 to 200"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.err.Error())
		})
	}
}
