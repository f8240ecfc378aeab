package sps

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAdminLoad(t *testing.T) {
	tests := []struct {
		name       string
		path       string
		body       string
		wantStatus int
		wantLoaded int
		wantCode   string
	}{
		{"customers", "/_admin/customers", `[{"id":1},{"id":2,"creditLimit":""}]`, 200, 2, ""},
		{"quotes", "/_admin/quotes", `[{"id":1,"stage":null}]`, 200, 1, ""},
		{"products", "/_admin/products", `[{"id":5,"priceWholesale":"12.50"}]`, 200, 1, ""},
		{"empty array", "/_admin/products", `[]`, 200, 0, ""},
		{"invalid id", "/_admin/customers", `[{"id":0}]`, 400, 0, "invalid_request"},
		{"invalid decimal", "/_admin/products", `[{"id":5,"priceWholesale":"N/A"}]`, 400, 0, "invalid_json"},
		{"object instead of array", "/_admin/quotes", `{"id":1}`, 400, 0, "invalid_request"},
		{"malformed JSON", "/_admin/quotes", `[{"id":`, 400, 0, "invalid_json"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := setup(t)

			resp := h.do(t, http.MethodPost, tc.path, "", tc.body)

			require.Equal(t, tc.wantStatus, resp.status, "body: %s", resp.body)
			if tc.wantCode != "" {
				assert.Equal(t, tc.wantCode, resp.errorBody(t).Error)
				return
			}
			var body loadedResponse
			require.NoError(t, json.Unmarshal(resp.body, &body))
			assert.Equal(t, tc.wantLoaded, body.Loaded)
		})
	}
}

func TestAdminCalls(t *testing.T) {
	h := setup(t)
	token := h.login(t)
	h.do(t, http.MethodPost, "/v2/Customers", token, `{}`)
	h.do(t, http.MethodPost, "/v2/Customers", "", `{}`)
	h.do(t, http.MethodGet, "/v2/Quotes/12", token, "")
	h.do(t, http.MethodGet, "/v2/Nothing", token, "")

	resp := h.do(t, http.MethodGet, "/_admin/calls", "", "")

	require.Equal(t, http.StatusOK, resp.status)
	var calls map[string]int
	require.NoError(t, json.Unmarshal(resp.body, &calls))
	assert.Equal(t, map[string]int{
		"POST /v1/token/loginv1": 1,
		"POST /v2/Customers":     2,
		"GET /v2/Quotes/{id}":    1,
	}, calls)
}

func TestAdminFaults(t *testing.T) {
	tests := []struct {
		name       string
		body       string
		wantStatus int
	}{
		{"valid settings", `{"latencyMs":5,"errorRate":0.25,"errorStatuses":[429],"failNext":2,"seed":7}`, 200},
		{"latency too high", `{"latencyMs":60001}`, 400},
		{"error rate above one", `{"errorRate":1.5}`, 400},
		{"status not an error", `{"errorStatuses":[200]}`, 400},
		{"negative failNext", `{"failNext":-1}`, 400},
		{"unknown field", `{"failnext":1,"bogus":true}`, 400},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := setup(t)

			put := h.do(t, http.MethodPut, "/_admin/faults", "", tc.body)
			get := h.do(t, http.MethodGet, "/_admin/faults", "", "")

			require.Equal(t, tc.wantStatus, put.status, "body: %s", put.body)
			var got Faults
			require.NoError(t, json.Unmarshal(get.body, &got))
			if tc.wantStatus != http.StatusOK {
				assert.Equal(t, Faults{ErrorStatuses: []int{500, 502, 503}}, got)
				return
			}
			want := Faults{LatencyMs: 5, ErrorRate: 0.25, ErrorStatuses: []int{429}, FailNext: 2, Seed: 7}
			assert.Equal(t, want, got)
		})
	}
}

func TestAdminExpireTokens(t *testing.T) {
	h := setup(t)
	token := h.login(t)
	h.login(t)

	resp := h.do(t, http.MethodPost, "/_admin/expire-tokens", "", "")

	require.Equal(t, http.StatusOK, resp.status)
	assert.JSONEq(t, `{"expired":2}`, string(resp.body))
	after := h.do(t, http.MethodPost, "/v2/Customers", token, `{}`)
	assert.Equal(t, "token_expired", after.errorBody(t).Error)
}

func TestAdminStateMatchesSave(t *testing.T) {
	h := setup(t)
	loadFixtures(t, h)
	var saved bytes.Buffer
	require.NoError(t, h.sim.Save(&saved))

	resp := h.do(t, http.MethodGet, "/_admin/state", "", "")

	require.Equal(t, http.StatusOK, resp.status)
	assert.Equal(t, "application/json", resp.header.Get("Content-Type"))
	assert.JSONEq(t, saved.String(), string(resp.body))
}

func TestAdminDeleteProduct(t *testing.T) {
	tests := []struct {
		name       string
		path       string
		wantStatus int
		wantIDs    []int64
	}{
		{"existing product", "/_admin/products/88", http.StatusNoContent, []int64{89}},
		{"unknown product", "/_admin/products/90", http.StatusNotFound, []int64{88, 89}},
		{"id not a number", "/_admin/products/abc", http.StatusBadRequest, []int64{88, 89}},
		{"id zero", "/_admin/products/0", http.StatusBadRequest, []int64{88, 89}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := setup(t)
			loadFixtures(t, h)

			resp := h.do(t, http.MethodDelete, tc.path, "", "")

			assert.Equal(t, tc.wantStatus, resp.status, "body: %s", resp.body)
			var ids []int64
			for _, p := range h.sim.Products() {
				ids = append(ids, p.ID)
			}
			assert.Equal(t, tc.wantIDs, ids, "products left")
		})
	}
}

func TestDeletedProductLeavesQueries(t *testing.T) {
	h := setup(t)
	loadFixtures(t, h)

	require.NoError(t, h.sim.DeleteProduct(88))

	body := dataOf(t, h.do(t, http.MethodPost, "/v2/Products", h.login(t), `{}`))
	assert.NotContains(t, body, `"id":88`)
	assert.Contains(t, body, `"id":89`)
	assert.ErrorIs(t, h.sim.DeleteProduct(88), ErrNotFound, "second delete")
}
