package sps

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/sps"
)

// doCreate posts body to path with a fresh token and an Idempotency-Key.
func (h *harness) doCreate(t *testing.T, path, key, body string) response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, h.url+path, bytes.NewBufferString(body))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+h.login(t))
	req.Header.Set(headerIdempotencyKey, key)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return response{status: resp.StatusCode, header: resp.Header, body: data}
}

// loadCatalog loads customers 7 and 40 and three products: an active
// granite slab with a contractor price, an active tile without one, and
// a discontinued marble.
func loadCatalog(t *testing.T, h *harness) {
	t.Helper()
	require.NoError(t, h.sim.LoadCustomers([]sps.Customer{
		{ID: 7, Name: "Granite Works LLC", PrimarySalesRep: "Dana Ortiz"},
		{ID: 40, Name: "Tile Depot"},
	}))
	require.NoError(t, h.sim.LoadProducts([]sps.Product{
		{ID: 88, SKU: "GRN-BLK-3CM", Name: "Absolute Black 3cm", Status: "Active",
			PriceContractor: sps.MustDecimal("4200.10")},
		{ID: 90, SKU: "TIL-WHT-12", Name: "White tile 12in", Status: "active"},
		{ID: 89, SKU: "MRB-CAL-2CM", Name: "Calacatta 2cm", Status: "Discontinued",
			PriceContractor: sps.MustDecimal("900")},
	}))
	require.NoError(t, h.sim.LoadQuotes([]sps.Quote{{ID: 5001, TransactionNumber: "Q-10482"},
		{ID: 4999, TransactionNumber: "legacy-77"}}))
}

func TestCreateCustomerStoresNextID(t *testing.T) {
	h := setup(t)
	loadCatalog(t, h)

	resp := h.doCreate(t, "/v2/Customers", "k1",
		`{"customer":{"name":"Rivera Tile","email":"ops@rivera.example","creditLimit":"2500"}}`)

	require.Equal(t, http.StatusCreated, resp.status, "body: %s", resp.body)
	var body createdCustomer
	require.NoError(t, json.Unmarshal(resp.body, &body))
	assert.Equal(t, int64(41), body.Customer.ID)
	assert.Equal(t, "C41", body.Customer.Code)
	assert.Equal(t, "Rivera Tile", body.Customer.Name)
	assert.Equal(t, "Active", body.Customer.Status)
	assert.Equal(t, "2500", body.Customer.CreditLimit.String())
	assert.Equal(t, simStart, body.Customer.ModifiedDate.Time())
	got := h.do(t, http.MethodGet, "/v2/Customers/41", h.login(t), "")
	assert.Equal(t, http.StatusOK, got.status)
	assert.Len(t, h.sim.Customers(), 3)
}

func TestCreateCustomerRejectsInvalidBody(t *testing.T) {
	tests := []struct {
		name, body, wantMessage string
	}{
		{"missing name", `{"customer":{"email":"a@b.example"}}`, "customer.name is required"},
		{"blank name", `{"customer":{"name":"  "}}`, "customer.name is required"},
		{"id given", `{"customer":{"id":9,"name":"X"}}`, "assigned by SPS"},
		{"code given", `{"customer":{"code":"X1","name":"X"}}`, "assigned by SPS"},
		{"unknown field", `{"customer":{"name":"X","vip":true}}`, `unknown field "vip"`},
		{"null customer", `{"customer":null}`, "the body is null"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := setup(t)

			resp := h.doCreate(t, "/v2/Customers", "k1", tc.body)

			require.Equal(t, http.StatusBadRequest, resp.status)
			assert.Equal(t, "invalid_request", resp.errorBody(t).Error)
			assert.Contains(t, resp.errorBody(t).Message, tc.wantMessage)
			assert.Empty(t, h.sim.Customers())
		})
	}
}

func TestCreateQuotePricesAndStores(t *testing.T) {
	h := setup(t)
	loadCatalog(t, h)
	body := `{"quote":{"customerID":7,"jobName":"Lakeside kitchen","expiryDate":"2027-01-15",
		"externalReference":"hubspot-deal-12","lines":[
		{"sku":" grn-blk-3cm ","quantity":"2.5"},
		{"sku":"TIL-WHT-12","quantity":3,"unitPrice":"19.99","description":"Backsplash"}]}}`

	resp := h.doCreate(t, "/v2/Quotes", "q1", body)

	require.Equal(t, http.StatusCreated, resp.status, "body: %s", resp.body)
	var created createdQuote
	require.NoError(t, json.Unmarshal(resp.body, &created))
	q := created.Quote
	assert.Equal(t, int64(5002), q.ID)
	assert.Equal(t, "Q-10483", q.TransactionNumber)
	// 2.5 × 4200.10 = 10500.25, plus 3 × 19.99 = 59.97.
	assert.Equal(t, "10560.22", q.Total.String())
	assert.Equal(t, "Quoted", q.TransactionStatus)
	assert.Nil(t, q.Stage)
	assert.Equal(t, "Granite Works LLC", q.Customer)
	assert.Equal(t, "7", q.CustomerID.String())
	assert.Equal(t, "Dana Ortiz", q.PrimarySalesRep)
	assert.Equal(t, "2027-01-15", q.ExpiryDate.String())
	assert.Equal(t, "hubspot-deal-12", q.ExternalReference)
	assert.Equal(t, simStart, q.ModifiedDate.Time())
	require.Len(t, q.Lines, 2)
	assert.Equal(t, "GRN-BLK-3CM", q.Lines[0].SKU)
	assert.Equal(t, "88", q.Lines[0].ItemID.String())
	assert.Equal(t, "4200.10", q.Lines[0].UnitPrice.String())
	assert.Equal(t, "Absolute Black 3cm", q.Lines[0].Description)
	assert.Equal(t, "Backsplash", q.Lines[1].Description)
	assert.Equal(t, "19.99", q.Lines[1].UnitPrice.String())

	since := query[sps.Quote](t, h, "/v2/Quotes", `{"filters":{"modifiedSince":"2026-12-04T12:00:00Z"}}`)
	assert.Equal(t, []int64{5002}, quoteIDs(since.Data))
}

func TestCreateQuoteDefaultsExpiry(t *testing.T) {
	h := setup(t)
	loadCatalog(t, h)

	resp := h.doCreate(t, "/v2/Quotes", "q1", `{"quote":{"customerID":"40","lines":[{"sku":"GRN-BLK-3CM","quantity":1}]}}`)

	require.Equal(t, http.StatusCreated, resp.status, "body: %s", resp.body)
	var created createdQuote
	require.NoError(t, json.Unmarshal(resp.body, &created))
	assert.Equal(t, "2027-01-03T00:00:00Z", created.Quote.ExpiryDate.String())
	assert.Equal(t, "4200.10", created.Quote.Total.String())
	assert.Empty(t, created.Quote.PrimarySalesRep)
}

func TestCreateQuoteRejectsInvalidQuote(t *testing.T) {
	tests := []struct {
		name, body, wantMessage string
	}{
		{"unknown customer", `{"quote":{"customerID":999,"lines":[{"sku":"GRN-BLK-3CM","quantity":1}]}}`,
			"Customer 999 not found"},
		{"customer id not a number", `{"quote":{"customerID":"abc","lines":[]}}`, "Invalid quote"},
		{"missing customer id", `{"quote":{"lines":[{"sku":"GRN-BLK-3CM","quantity":1}]}}`,
			"quote.customerID \"\" is not a positive integer"},
		{"no lines", `{"quote":{"customerID":7,"lines":[]}}`, "at least one line"},
		{"unknown sku", `{"quote":{"customerID":7,"lines":[{"sku":"GRN-BLK-3CM","quantity":1},
			{"sku":"NOPE-1","quantity":1}]}}`, `lines[1]: SKU "NOPE-1" is not an active product`},
		{"discontinued product", `{"quote":{"customerID":7,"lines":[{"sku":"MRB-CAL-2CM","quantity":1}]}}`,
			`lines[0]: SKU "MRB-CAL-2CM" is not an active product`},
		{"zero quantity", `{"quote":{"customerID":7,"lines":[{"sku":"GRN-BLK-3CM","quantity":"0"}]}}`,
			`lines[0] (SKU GRN-BLK-3CM): quantity "0" is not a positive number`},
		{"negative price", `{"quote":{"customerID":7,"lines":[{"sku":"GRN-BLK-3CM","quantity":1,"unitPrice":-5}]}}`,
			"lines[0] (SKU GRN-BLK-3CM): no valid unit price"},
		{"no contractor price", `{"quote":{"customerID":7,"lines":[{"sku":"TIL-WHT-12","quantity":1}]}}`,
			"lines[0] (SKU TIL-WHT-12): no valid unit price; the product has no contractor price"},
		{"unknown field", `{"quote":{"customerID":7,"discount":5,"lines":[]}}`, `unknown field "discount"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := setup(t)
			loadCatalog(t, h)

			resp := h.doCreate(t, "/v2/Quotes", "q1", tc.body)

			require.Equal(t, http.StatusBadRequest, resp.status)
			assert.Equal(t, "invalid_request", resp.errorBody(t).Error)
			assert.Contains(t, resp.errorBody(t).Message, tc.wantMessage)
			assert.Len(t, h.sim.Quotes(), 2)
		})
	}
}

func TestCreateIdempotency(t *testing.T) {
	const first = `{"customer":{"name":"Rivera Tile","email":"ops@rivera.example"}}`
	tests := []struct {
		name          string
		path, key     string
		body          string
		wantStatus    int
		wantCode      string
		wantCustomers int
	}{
		{"same key and body replays", "/v2/Customers", "k1", first, http.StatusCreated, "", 1},
		{"same body in another key order replays", "/v2/Customers", "k1",
			`{ "customer": { "email": "ops@rivera.example", "name": "Rivera Tile" } }`, http.StatusCreated, "", 1},
		{"same key with another body", "/v2/Customers", "k1",
			`{"customer":{"name":"Rivera Tile & Stone"}}`, http.StatusUnprocessableEntity, "idempotency_mismatch", 1},
		{"another key creates", "/v2/Customers", "k2", first, http.StatusCreated, "", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := setup(t)
			original := h.doCreate(t, "/v2/Customers", "k1", first)
			require.Equal(t, http.StatusCreated, original.status)

			resp := h.doCreate(t, tc.path, tc.key, tc.body)

			require.Equal(t, tc.wantStatus, resp.status, "body: %s", resp.body)
			if tc.wantCode != "" {
				assert.Equal(t, tc.wantCode, resp.errorBody(t).Error)
			}
			if tc.wantStatus == http.StatusCreated && tc.key == "k1" {
				assert.JSONEq(t, string(original.body), string(resp.body))
			}
			assert.Len(t, h.sim.Customers(), tc.wantCustomers)
		})
	}
}

func TestCreateKeysArePerPath(t *testing.T) {
	h := setup(t)
	loadCatalog(t, h)

	customer := h.doCreate(t, "/v2/Customers", "shared", `{"customer":{"name":"Rivera Tile"}}`)
	quote := h.doCreate(t, "/v2/Quotes", "shared", `{"quote":{"customerID":7,"lines":[{"sku":"GRN-BLK-3CM","quantity":1}]}}`)

	assert.Equal(t, http.StatusCreated, customer.status)
	assert.Equal(t, http.StatusCreated, quote.status, "body: %s", quote.body)
}

func TestRejectedCreateCanBeCorrectedUnderSameKey(t *testing.T) {
	h := setup(t)
	loadCatalog(t, h)

	rejected := h.doCreate(t, "/v2/Quotes", "q1", `{"quote":{"customerID":7,"lines":[{"sku":"NOPE","quantity":1}]}}`)
	corrected := h.doCreate(t, "/v2/Quotes", "q1",
		`{"quote":{"customerID":7,"lines":[{"sku":"GRN-BLK-3CM","quantity":1}]}}`)

	assert.Equal(t, http.StatusBadRequest, rejected.status)
	assert.Equal(t, http.StatusCreated, corrected.status, "body: %s", corrected.body)
	assert.Len(t, h.sim.Quotes(), 3)
}

func TestCreateResponseLostAfterStore(t *testing.T) {
	h := setup(t)
	loadCatalog(t, h)
	h.sim.SetCreateFaults(CreateFaults{FailAfterStore: 1})
	body := `{"quote":{"customerID":7,"lines":[{"sku":"GRN-BLK-3CM","quantity":1}]}}`

	lost := h.doCreate(t, "/v2/Quotes", "q1", body)
	retry := h.doCreate(t, "/v2/Quotes", "q1", body)

	assert.Equal(t, http.StatusServiceUnavailable, lost.status)
	assert.Equal(t, "service_unavailable", lost.errorBody(t).Error)
	require.Equal(t, http.StatusCreated, retry.status)
	var created createdQuote
	require.NoError(t, json.Unmarshal(retry.body, &created))
	assert.Equal(t, int64(5002), created.Quote.ID)
	assert.Len(t, h.sim.Quotes(), 3)
	assert.Equal(t, 0, h.sim.CreateFaults().FailAfterStore)
}

func TestInjectedFaultOnCreateStoresNothing(t *testing.T) {
	h := setup(t)
	token := h.login(t)
	h.sim.SetFaults(Faults{FailNext: 1, ErrorStatuses: []int{http.StatusBadGateway}})
	req, err := http.NewRequest(http.MethodPost, h.url+"/v2/Customers",
		bytes.NewBufferString(`{"customer":{"name":"Rivera Tile"}}`))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set(headerIdempotencyKey, "k1")

	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())

	assert.Equal(t, http.StatusBadGateway, resp.StatusCode)
	assert.Empty(t, h.sim.Customers())
	retry := h.doCreate(t, "/v2/Customers", "k1", `{"customer":{"name":"Rivera Tile"}}`)
	assert.Equal(t, http.StatusCreated, retry.status)
}

func TestAdminCreateFaults(t *testing.T) {
	h := setup(t)

	put := h.do(t, http.MethodPut, "/_admin/create-faults", "", `{"failAfterStore":2}`)
	bad := h.do(t, http.MethodPut, "/_admin/create-faults", "", `{"failAfterStore":-1}`)
	get := h.do(t, http.MethodGet, "/_admin/create-faults", "", "")

	assert.Equal(t, http.StatusOK, put.status)
	assert.Equal(t, http.StatusBadRequest, bad.status)
	assert.JSONEq(t, `{"failAfterStore":2}`, string(get.body))
}

func TestSaveLoadKeepsIdempotencyKeys(t *testing.T) {
	h := setup(t)
	body := `{"customer":{"name":"Rivera Tile"}}`
	first := h.doCreate(t, "/v2/Customers", "k1", body)
	h.sim.SetCreateFaults(CreateFaults{FailAfterStore: 3})
	var saved bytes.Buffer
	require.NoError(t, h.sim.Save(&saved))

	restored := New(Options{})
	require.NoError(t, restored.Load(bytes.NewReader(saved.Bytes())))
	r := &harness{sim: restored, clock: h.clock, url: newTestServer(t, restored)}
	replay := r.doCreate(t, "/v2/Customers", "k1", body)
	mismatch := r.doCreate(t, "/v2/Customers", "k1", `{"customer":{"name":"Other"}}`)

	assert.Equal(t, http.StatusCreated, replay.status)
	assert.JSONEq(t, string(first.body), string(replay.body))
	assert.Equal(t, http.StatusUnprocessableEntity, mismatch.status)
	assert.Len(t, restored.Customers(), 1)
	assert.Equal(t, 3, restored.CreateFaults().FailAfterStore)
}
