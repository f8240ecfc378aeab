package sps_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/sps"
	spssim "github.com/stonecity/sync/sandbox/sps"
)

// loadCatalog loads customer 7 and two active products.
func loadCatalog(t *testing.T, h *harness) {
	t.Helper()
	require.NoError(t, h.sim.LoadCustomers([]sps.Customer{{ID: 7, Name: "Granite Works LLC"}}))
	require.NoError(t, h.sim.LoadProducts([]sps.Product{
		{ID: 88, SKU: "GRN-BLK-3CM", Name: "Absolute Black 3cm", Status: "Active",
			PriceContractor: sps.MustDecimal("4200")},
		{ID: 90, SKU: "TIL-WHT-12", Name: "White tile", Status: "Active", PriceContractor: sps.MustDecimal("3.5")},
	}))
}

// testQuote is a valid new quote for customer 7.
func testQuote() sps.NewQuote {
	return sps.NewQuote{
		CustomerID: 7, JobName: "Lakeside kitchen", SalesRep: "Dana Ortiz", ExpiryDate: "2027-01-15",
		ExternalReference: "hubspot-deal-12",
		Lines: []sps.NewQuoteLine{
			{SKU: "GRN-BLK-3CM", Quantity: "2"},
			{SKU: "TIL-WHT-12", Quantity: "37.5", UnitPrice: "4.25", Description: "Backsplash"},
		},
	}
}

func TestCreateCustomerSendsKeyAndBody(t *testing.T) {
	h := setup(t)
	require.NoError(t, h.sim.LoadCustomers(customers(30, func(int) string { return "" })))

	got, err := h.client.CreateCustomer(context.Background(), "quote-builder/deal-12/customer", sps.NewCustomer{
		Name: "Rivera Tile", Email: "ops@rivera.example", Type: "Contractor",
		CreditLimit: sps.MustDecimal("2500"),
	})

	require.NoError(t, err)
	assert.Equal(t, int64(31), got.ID)
	assert.Equal(t, "C31", got.Code)
	assert.Equal(t, "Rivera Tile", got.Name)
	requests := h.requests()
	require.Len(t, requests, 2)
	assert.Equal(t, "/v2/Customers", requests[1].path)
	assert.Equal(t, "quote-builder/deal-12/customer", requests[1].idempotencyKey)
	assert.JSONEq(t, `{"customer":{"name":"Rivera Tile","type":"Contractor","creditLimit":2500,
		"email":"ops@rivera.example"}}`, requests[1].body)
}

func TestCreateQuoteSendsKeyAndBody(t *testing.T) {
	h := setup(t)
	loadCatalog(t, h)

	got, err := h.client.CreateQuote(context.Background(), "quote-builder/deal-12/quote/0123456789abcdef", testQuote())

	require.NoError(t, err)
	assert.Positive(t, got.ID)
	assert.Equal(t, "Q-1", got.TransactionNumber)
	assert.Equal(t, "8559.38", got.Total.String())
	assert.Equal(t, "Quoted", got.TransactionStatus)
	assert.Equal(t, "hubspot-deal-12", got.ExternalReference)
	require.Len(t, got.Lines, 2)
	assert.Equal(t, "4200", got.Lines[0].UnitPrice.String())
	requests := h.requests()
	require.Len(t, requests, 2)
	assert.Equal(t, "quote-builder/deal-12/quote/0123456789abcdef", requests[1].idempotencyKey)
	assert.JSONEq(t, `{"quote":{"customerID":7,"jobName":"Lakeside kitchen","primarySalesRep":"Dana Ortiz",
		"expiryDate":"2027-01-15","externalReference":"hubspot-deal-12","lines":[
		{"sku":"GRN-BLK-3CM","quantity":2},
		{"sku":"TIL-WHT-12","quantity":37.5,"unitPrice":4.25,"description":"Backsplash"}]}}`, requests[1].body)
}

func TestCreateQuoteReplaysSameKey(t *testing.T) {
	h := setup(t)
	loadCatalog(t, h)
	ctx := context.Background()

	first, err := h.client.CreateQuote(ctx, "k1", testQuote())
	require.NoError(t, err)
	again, err := h.client.CreateQuote(ctx, "k1", testQuote())
	require.NoError(t, err)

	assert.Equal(t, first.ID, again.ID)
	assert.Equal(t, first.TransactionNumber, again.TransactionNumber)
	assert.Len(t, h.sim.Quotes(), 1)
}

func TestCreateQuoteKeyMismatchIsFinal(t *testing.T) {
	h := setup(t)
	loadCatalog(t, h)
	ctx := context.Background()
	_, err := h.client.CreateQuote(ctx, "k1", testQuote())
	require.NoError(t, err)
	changed := testQuote()
	changed.Lines[0].Quantity = "3"

	_, err = h.client.CreateQuote(ctx, "k1", changed)

	require.Error(t, err)
	assert.True(t, sps.IsIdempotencyMismatch(err))
	var e *sps.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, http.StatusUnprocessableEntity, e.Status)
	assert.Equal(t, sps.CodeIdempotencyMismatch, e.Code)
	assert.False(t, e.Retryable)
	assert.Len(t, h.sim.Quotes(), 1)
}

func TestCreateQuoteRejectionNamesLine(t *testing.T) {
	tests := []struct {
		name     string
		edit     func(*sps.NewQuote)
		wantText string
	}{
		{"unknown sku", func(q *sps.NewQuote) { q.Lines[1].SKU = "NOPE-9" },
			`lines[1]: SKU "NOPE-9" is not an active product`},
		{"unknown customer", func(q *sps.NewQuote) { q.CustomerID = 404 }, "Customer 404 not found"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := setup(t)
			loadCatalog(t, h)
			q := testQuote()
			tc.edit(&q)

			_, err := h.client.CreateQuote(context.Background(), "k1", q)

			var e *sps.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, http.StatusBadRequest, e.Status)
			assert.False(t, e.Retryable)
			assert.False(t, sps.IsIdempotencyMismatch(err))
			assert.Contains(t, e.Error(), tc.wantText)
		})
	}
}

func TestCreateLogsInAgainAfter401(t *testing.T) {
	h := setup(t)
	loadCatalog(t, h)
	ctx := context.Background()
	_, err := h.client.QueryCustomers(ctx, sps.CustomerFilter{}, 1, 10)
	require.NoError(t, err)
	h.sim.ExpireTokens()

	got, err := h.client.CreateQuote(ctx, "k1", testQuote())

	require.NoError(t, err)
	assert.Positive(t, got.ID)
	assert.Len(t, h.tokens(), 2)
	assert.Len(t, h.sim.Quotes(), 1)
}

func TestLostCreateResponseIsRetryableAndReplays(t *testing.T) {
	h := setup(t)
	loadCatalog(t, h)
	h.sim.SetCreateFaults(spssim.CreateFaults{FailAfterStore: 1})
	ctx := context.Background()

	_, lostErr := h.client.CreateQuote(ctx, "k1", testQuote())
	got, err := h.client.CreateQuote(ctx, "k1", testQuote())

	var e *sps.Error
	require.ErrorAs(t, lostErr, &e)
	assert.Equal(t, http.StatusServiceUnavailable, e.Status)
	assert.True(t, e.Retryable)
	require.NoError(t, err)
	assert.Equal(t, h.sim.Quotes()[0].ID, got.ID)
	assert.Len(t, h.sim.Quotes(), 1)
}

func TestCreateRateLimitIsRetryable(t *testing.T) {
	h := setup(t)
	loadCatalog(t, h)
	h.setIntercept(func(w http.ResponseWriter, r *http.Request, _ string) bool {
		if r.URL.Path != "/v2/Quotes" {
			return false
		}
		writeRaw(w, http.StatusTooManyRequests, map[string]string{"Retry-After": "7"},
			`{"error":"rate_limited","message":"slow down"}`)
		return true
	})

	_, err := h.client.CreateQuote(context.Background(), "k1", testQuote())

	var e *sps.Error
	require.ErrorAs(t, err, &e)
	assert.True(t, e.Retryable)
	assert.Equal(t, "7s", e.RetryAfter.String())
	assert.False(t, sps.IsIdempotencyMismatch(err))
}

func TestCreatePathsAreConfigurable(t *testing.T) {
	h := setup(t, func(c *sps.Config) {
		c.Paths.CreateCustomer = "v3/customers"
		c.Paths.CreateQuote = "/v3/quotes"
	})
	h.setIntercept(func(w http.ResponseWriter, r *http.Request, _ string) bool {
		switch r.URL.Path {
		case "/v3/customers":
			writeRaw(w, http.StatusCreated, nil, `{"customer":{"id":5,"code":"C5","name":"Rivera Tile"}}`)
		case "/v3/quotes":
			writeRaw(w, http.StatusCreated, nil, `{"quote":{"id":9,"transactionNumber":"Q-9","total":1}}`)
		default:
			return false
		}
		return true
	})
	ctx := context.Background()

	customer, customerErr := h.client.CreateCustomer(ctx, "k1", sps.NewCustomer{Name: "Rivera Tile"})
	quote, quoteErr := h.client.CreateQuote(ctx, "k2", testQuote())

	require.NoError(t, customerErr)
	require.NoError(t, quoteErr)
	assert.Equal(t, int64(5), customer.ID)
	assert.Equal(t, int64(9), quote.ID)
	requests := h.requests()
	require.Len(t, requests, 3)
	assert.Equal(t, "/v3/customers", requests[1].path)
	assert.Equal(t, "/v3/quotes", requests[2].path)
}

func TestCreateResponseWithoutRecordIsInvalid(t *testing.T) {
	h := setup(t)
	h.setIntercept(func(w http.ResponseWriter, r *http.Request, _ string) bool {
		if r.URL.Path != "/v2/Customers" {
			return false
		}
		writeRaw(w, http.StatusCreated, nil, `{"data":[]}`)
		return true
	})

	_, err := h.client.CreateCustomer(context.Background(), "k1", sps.NewCustomer{Name: "Rivera Tile"})

	var e *sps.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, sps.CodeInvalidResponse, e.Code)
	assert.Contains(t, e.Message, "no customer with a positive id")
}

func TestCreateArgumentsCheckedBeforeSending(t *testing.T) {
	tests := []struct {
		name     string
		key      string
		edit     func(*sps.NewQuote)
		wantText string
	}{
		{"empty key", "", nil, "the idempotency key is empty"},
		{"key with a space", "deal 12", nil, "outside printable ASCII at 4"},
		{"no customer", "k1", func(q *sps.NewQuote) { q.CustomerID = 0 }, "customer id 0 is not a positive integer"},
		{"no lines", "k1", func(q *sps.NewQuote) { q.Lines = nil }, "the quote has no lines"},
		{"empty sku", "k1", func(q *sps.NewQuote) { q.Lines[0].SKU = " " }, "line 0: sku is missing"},
		{"zero quantity", "k1", func(q *sps.NewQuote) { q.Lines[1].Quantity = "0.00" },
			`line 1: sku TIL-WHT-12: quantity "0.00" is not a positive decimal`},
		{"quantity with exponent", "k1", func(q *sps.NewQuote) { q.Lines[0].Quantity = "1e3" },
			`quantity "1e3" is not a positive decimal`},
		{"negative price", "k1", func(q *sps.NewQuote) { q.Lines[1].UnitPrice = "-4" },
			`unit price "-4" is not a decimal of 0 or more`},
		{"price with comma", "k1", func(q *sps.NewQuote) { q.Lines[1].UnitPrice = "1,200" },
			`unit price "1,200" is not a decimal`},
		{"expiry not a date", "k1", func(q *sps.NewQuote) { q.ExpiryDate = "15/01/2027" },
			`expiry date "15/01/2027" is not YYYY-MM-DD`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := setup(t)
			q := testQuote()
			if tc.edit != nil {
				tc.edit(&q)
			}

			_, err := h.client.CreateQuote(context.Background(), tc.key, q)

			var e *sps.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, sps.CodeInvalidArgument, e.Code)
			assert.Contains(t, e.Message, tc.wantText)
			assert.Empty(t, h.requests())
		})
	}
}

func TestCreateCustomerNeedsName(t *testing.T) {
	h := setup(t)

	_, err := h.client.CreateCustomer(context.Background(), "k1", sps.NewCustomer{Email: "a@b.example"})

	var e *sps.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, sps.CodeInvalidArgument, e.Code)
	assert.Contains(t, e.Message, "name is missing")
	assert.Empty(t, h.requests())
}

func TestIsIdempotencyMismatch(t *testing.T) {
	tests := []struct {
		name   string
		status int
		path   string
		want   bool
	}{
		{"422 on create", http.StatusUnprocessableEntity, "/v2/Customers", true},
		{"409 on create", http.StatusConflict, "/v2/Customers", true},
		{"400 on create", http.StatusBadRequest, "/v2/Customers", false},
		{"422 on a query", http.StatusUnprocessableEntity, "/v2/Products", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := setup(t)
			h.setIntercept(func(w http.ResponseWriter, r *http.Request, _ string) bool {
				if r.URL.Path != tc.path {
					return false
				}
				writeRaw(w, tc.status, nil, `{"error":"some_code","message":"rejected"}`)
				return true
			})
			var err error
			if tc.path == "/v2/Products" {
				_, err = h.client.QueryProducts(context.Background(), sps.ProductFilter{}, 1, 10)
			} else {
				_, err = h.client.CreateCustomer(context.Background(), "k1", sps.NewCustomer{Name: "X"})
			}

			require.Error(t, err)
			assert.Equal(t, tc.want, sps.IsIdempotencyMismatch(err))
		})
	}
	assert.False(t, sps.IsIdempotencyMismatch(nil))
	assert.False(t, sps.IsIdempotencyMismatch(errors.New("422")))
}
