package sps

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/sps"
)

func TestQueryPagesToTheEnd(t *testing.T) {
	h := setup(t)
	require.NoError(t, h.sim.LoadCustomers(customers(450, func(int) string { return "Dana Ortiz" })))

	var seen []int64
	sizes := []int{}
	for number := 1; number <= 4; number++ {
		got := query[sps.Customer](t, h, "/v2/Customers",
			fmt.Sprintf(`{"filters":{},"pageNumber":%d,"pageSize":200}`, number))
		assert.Equal(t, 450, got.TotalCount)
		assert.Equal(t, number, got.PageNumber)
		assert.Equal(t, 200, got.PageSize)
		sizes = append(sizes, len(got.Data))
		seen = append(seen, customerIDs(got.Data)...)
	}

	assert.Equal(t, []int{200, 200, 50, 0}, sizes)
	require.Len(t, seen, 450)
	for i, id := range seen {
		require.Equal(t, int64(i+1), id, "position %d", i)
	}
}

func TestQueryOrdersByIDWhateverTheLoadOrder(t *testing.T) {
	h := setup(t)
	require.NoError(t, h.sim.LoadCustomers([]sps.Customer{{ID: 30}, {ID: 10}}))
	require.NoError(t, h.sim.LoadCustomers([]sps.Customer{{ID: 20}, {ID: 5}}))

	got := query[sps.Customer](t, h, "/v2/Customers", `{}`)

	assert.Equal(t, []int64{5, 10, 20, 30}, customerIDs(got.Data))
}

func TestQueryPageSize(t *testing.T) {
	tests := []struct {
		name         string
		body         string
		wantPageSize int
		wantRecords  int
	}{
		{"larger size is capped at 200", `{"pageNumber":1,"pageSize":500}`, 200, 200},
		{"missing size means 200", `{"pageNumber":1}`, 200, 200},
		{"missing page number means 1", `{"pageSize":7}`, 7, 7},
		{"null paging means the defaults", `{"pageNumber":null,"pageSize":null}`, 200, 200},
		{"huge page number is past the end", `{"pageNumber":9223372036854775807,"pageSize":200}`, 200, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := setup(t)
			require.NoError(t, h.sim.LoadCustomers(customers(250, func(int) string { return "" })))

			got := query[sps.Customer](t, h, "/v2/Customers", tc.body)

			assert.Equal(t, tc.wantPageSize, got.PageSize)
			assert.Len(t, got.Data, tc.wantRecords)
			assert.Equal(t, 250, got.TotalCount)
		})
	}
}

func TestCustomerFilters(t *testing.T) {
	reps := map[int]string{1: "Dana Ortiz", 2: "dana ortiz", 3: "Lee Park", 4: "", 5: "Dana Ortiz "}
	tests := []struct {
		name    string
		filters string
		want    []int64
	}{
		{"no filters", `{}`, []int64{1, 2, 3, 4, 5, 6}},
		{"rep matches ignoring case", `{"salesRepName":"DANA ORTIZ"}`, []int64{1, 2}},
		{"rep matches exactly, not by prefix", `{"salesRepName":"Dana"}`, nil},
		{"empty rep means no filter", `{"salesRepName":""}`, []int64{1, 2, 3, 4, 5, 6}},
		{"null rep means no filter", `{"salesRepName":null}`, []int64{1, 2, 3, 4, 5, 6}},
		{"status matches ignoring case", `{"status":"inactive"}`, []int64{6}},
		{"status and rep combine", `{"status":"Active","salesRepName":"Lee Park"}`, []int64{3}},
		{"rep filter never finds an empty rep", `{"salesRepName":" "}`, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := setup(t)
			records := customers(6, func(i int) string { return reps[i] })
			records[5].Status = "Inactive"
			require.NoError(t, h.sim.LoadCustomers(records))

			got := query[sps.Customer](t, h, "/v2/Customers", `{"filters":`+tc.filters+`}`)

			assert.Equal(t, tc.want, nilIfEmpty(customerIDs(got.Data)))
			assert.Equal(t, len(tc.want), got.TotalCount)
		})
	}
}

func nilIfEmpty(ids []int64) []int64 {
	if len(ids) == 0 {
		return nil
	}
	return ids
}

func TestQuoteModifiedSince(t *testing.T) {
	tests := []struct {
		name  string
		since string
		want  []int64
	}{
		{"no filter returns every quote", ``, []int64{1, 2, 3, 4, 5}},
		{"the boundary is included", `2026-12-03T11:00:00Z`, []int64{2, 3, 4}},
		{"one second later excludes the boundary", `2026-12-03T11:00:01Z`, []int64{3, 4}},
		{"offsets are compared as instants", `2026-12-03T06:00:00-05:00`, []int64{2, 3, 4}},
		{"fractional seconds are accepted", `2026-12-03T10:59:59.999Z`, []int64{2, 3, 4}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := setup(t)
			require.NoError(t, h.sim.LoadQuotes([]sps.Quote{
				quoteAt(t, 1, "2026-12-03T10:59:59Z"),
				quoteAt(t, 2, "2026-12-03T11:00:00Z"),
				quoteAt(t, 3, "2026-12-03T12:00:00"), // no zone: read as UTC
				quoteAt(t, 4, "2026-12-04"),
				quoteAt(t, 5, ""), // modifiedDate "" never matches a set filter
			}))
			filters := `{}`
			if tc.since != "" {
				filters = `{"modifiedSince":"` + tc.since + `"}`
			}

			got := query[sps.Quote](t, h, "/v2/Quotes", `{"filters":`+filters+`}`)

			assert.Equal(t, tc.want, quoteIDs(got.Data))
			assert.Equal(t, len(tc.want), got.TotalCount)
		})
	}
}

func TestProductStatusFilter(t *testing.T) {
	h := setup(t)
	require.NoError(t, h.sim.LoadProducts([]sps.Product{
		{ID: 1, SKU: "MRB-1", Status: "Active"},
		{ID: 2, SKU: "MRB-2", Status: "Discontinued"},
		{ID: 3, SKU: "MRB-3", Status: "active"},
	}))

	got := query[sps.Product](t, h, "/v2/Products",
		`{"filters":{"status":"ACTIVE"},"pageNumber":1,"pageSize":50}`)

	require.Len(t, got.Data, 2)
	assert.Equal(t, "MRB-1", got.Data[0].SKU)
	assert.Equal(t, "MRB-3", got.Data[1].SKU)
	assert.Equal(t, 2, got.TotalCount)
}

func TestQueryBodyErrors(t *testing.T) {
	tests := []struct {
		name       string
		path       string
		body       string
		wantStatus int
		wantCode   string
		wantText   string
	}{
		{"malformed JSON", "/v2/Customers", `{"filters":`, 400, "invalid_json", "not valid"},
		{"empty body", "/v2/Customers", ``, 400, "invalid_json", "empty"},
		{"array body", "/v2/Customers", `[1]`, 400, "invalid_request", "Invalid value"},
		{"trailing data", "/v2/Customers", `{} {}`, 400, "invalid_json", "unexpected data"},
		{"unknown field", "/v2/Customers", `{"pagesize":10}`, 400, "invalid_request", `"pagesize"`},
		{"unknown filter", "/v2/Customers", `{"filters":{"rep":"x"}}`, 400, "invalid_request", `"rep"`},
		{"filter of another endpoint", "/v2/Quotes", `{"filters":{"status":"Quoted"}}`, 400, "invalid_request",
			`"status"`},
		{"filter not a string", "/v2/Customers", `{"filters":{"status":1}}`, 400, "invalid_request",
			"filters.status must be a string"},
		{"filters not an object", "/v2/Products", `{"filters":"Active"}`, 400, "invalid_request", "JSON object"},
		{"page number zero", "/v2/Customers", `{"pageNumber":0}`, 400, "invalid_request", "pageNumber"},
		{"page size negative", "/v2/Customers", `{"pageSize":-5}`, 400, "invalid_request", "pageSize"},
		{"page size not a number", "/v2/Customers", `{"pageSize":"200"}`, 400, "invalid_request", "pageSize"},
		{"page size fractional", "/v2/Customers", `{"pageSize":1.5}`, 400, "invalid_request", "pageSize"},
		{"modifiedSince not RFC 3339", "/v2/Quotes", `{"filters":{"modifiedSince":"12/03/2026"}}`, 400,
			"invalid_request", "RFC 3339"},
		{"create and query mixed", "/v2/Customers", `{"customer":{},"pageNumber":1}`, 400, "invalid_request",
			"not both"},
		{"create form on products", "/v2/Products", `{"product":{}}`, 400, "invalid_request", `"product"`},
		{"body over 1 MiB", "/v2/Customers", `{"filters":{"status":"` + strings.Repeat("x", 1<<20) + `"}}`,
			413, "request_too_large", "exceeds"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := setup(t)

			resp := h.do(t, http.MethodPost, tc.path, h.login(t), tc.body)

			require.Equal(t, tc.wantStatus, resp.status, "body: %s", resp.body)
			body := resp.errorBody(t)
			assert.Equal(t, tc.wantCode, body.Error)
			assert.Contains(t, body.Message, tc.wantText)
		})
	}
}

func TestCreateFormsNeedIdempotencyKey(t *testing.T) {
	tests := []struct {
		name, path, body string
	}{
		{"customer", "/v2/Customers", `{"customer":{"name":"Granite Works LLC"}}`},
		{"quote", "/v2/Quotes", `{"quote":{"customerID":7,"lines":[]}}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := setup(t)

			resp := h.do(t, http.MethodPost, tc.path, h.login(t), tc.body)

			require.Equal(t, http.StatusBadRequest, resp.status)
			assert.Equal(t, "idempotency_key_required", resp.errorBody(t).Error)
			assert.Empty(t, h.sim.Customers())
			assert.Empty(t, h.sim.Quotes())
		})
	}
}

func TestGetRecord(t *testing.T) {
	tests := []struct {
		name       string
		path       string
		wantStatus int
		wantCode   string
	}{
		{"customer found", "/v2/Customers/7", 200, ""},
		{"quote found", "/v2/Quotes/9", 200, ""},
		{"customer not found", "/v2/Customers/8", 404, "not_found"},
		{"quote not found", "/v2/Quotes/7", 404, "not_found"},
		{"id not a number", "/v2/Customers/abc", 400, "invalid_request"},
		{"id zero", "/v2/Quotes/0", 400, "invalid_request"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := setup(t)
			require.NoError(t, h.sim.LoadCustomers([]sps.Customer{{ID: 7, Name: "Marble Masters"}}))
			require.NoError(t, h.sim.LoadQuotes([]sps.Quote{{ID: 9, TransactionNumber: "Q-9"}}))

			resp := h.do(t, http.MethodGet, tc.path, h.login(t), "")

			require.Equal(t, tc.wantStatus, resp.status, "body: %s", resp.body)
			if tc.wantCode != "" {
				assert.Equal(t, tc.wantCode, resp.errorBody(t).Error)
			}
		})
	}
}

func TestUnknownRoutes(t *testing.T) {
	tests := []struct {
		name, method, path string
		wantStatus         int
		wantCode           string
	}{
		{"unknown path", http.MethodPost, "/v2/Invoices", 404, "not_found"},
		{"listing quotes with GET is only proposed", http.MethodGet, "/v2/Quotes", 405, "method_not_allowed"},
		{"PATCH a customer is only proposed", http.MethodPatch, "/v2/Customers/1", 405, "method_not_allowed"},
		{"unknown admin path", http.MethodGet, "/_admin/nothing", 404, "not_found"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := setup(t)

			resp := h.do(t, tc.method, tc.path, h.login(t), "")

			require.Equal(t, tc.wantStatus, resp.status)
			assert.Equal(t, tc.wantCode, resp.errorBody(t).Error)
		})
	}
}

func TestPageLatencyDelaysQueries(t *testing.T) {
	const latency = 30 * time.Millisecond
	sim := New(Options{PageLatency: latency})
	h := &harness{sim: sim, url: newTestServer(t, sim)}
	token := h.login(t)

	start := time.Now()
	resp := h.do(t, http.MethodPost, "/v2/Products", token, `{}`)

	assert.Equal(t, http.StatusOK, resp.status)
	assert.GreaterOrEqual(t, time.Since(start), latency)
}
