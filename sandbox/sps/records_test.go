package sps

import (
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/sps"
)

// readFixture returns the raw JSON of testdata/name and its records.
func readFixture[T any](t *testing.T, name string) (string, []T) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	var records []T
	require.NoError(t, json.Unmarshal(raw, &records), "decode %s", name)
	return string(raw), records
}

// loadFixtures loads every fixture through the admin surface.
func loadFixtures(t *testing.T, h *harness) {
	t.Helper()
	for _, name := range []string{"customers", "quotes", "products"} {
		raw, err := os.ReadFile(filepath.Join("testdata", name+".json"))
		require.NoError(t, err)
		resp := h.do(t, http.MethodPost, "/_admin/"+name, "", string(raw))
		require.Equal(t, http.StatusOK, resp.status, "load %s: %s", name, resp.body)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	data, err := json.Marshal(v)
	require.NoError(t, err)
	return string(data)
}

func TestMessyValuesRoundTrip(t *testing.T) {
	h := setup(t)
	loadFixtures(t, h)
	_, wantCustomers := readFixture[sps.Customer](t, "customers.json")
	_, wantQuotes := readFixture[sps.Quote](t, "quotes.json")
	_, wantProducts := readFixture[sps.Product](t, "products.json")

	customers := h.do(t, http.MethodPost, "/v2/Customers", h.login(t), `{}`)
	quotes := h.do(t, http.MethodPost, "/v2/Quotes", h.login(t), `{}`)
	products := h.do(t, http.MethodPost, "/v2/Products", h.login(t), `{}`)

	assert.JSONEq(t, mustJSON(t, wantCustomers), dataOf(t, customers))
	assert.JSONEq(t, mustJSON(t, wantQuotes), dataOf(t, quotes))
	assert.JSONEq(t, mustJSON(t, wantProducts), dataOf(t, products))
	assert.Equal(t, wantCustomers, h.sim.Customers())
	assert.Equal(t, wantQuotes, h.sim.Quotes())
	assert.Equal(t, wantProducts, h.sim.Products())
}

func TestMessyValuesOnTheWire(t *testing.T) {
	h := setup(t)
	loadFixtures(t, h)
	token := h.login(t)

	walkIn := string(h.do(t, http.MethodGet, "/v2/Customers/1002", token, "").body)
	granite := string(h.do(t, http.MethodGet, "/v2/Customers/1001", token, "").body)
	quote := string(h.do(t, http.MethodGet, "/v2/Quotes/5001", token, "").body)
	accepted := string(h.do(t, http.MethodGet, "/v2/Quotes/5002", token, "").body)

	assert.Contains(t, walkIn, `"creditLimit":""`)
	assert.Contains(t, walkIn, `"modifiedDate":""`)
	assert.Contains(t, walkIn, `"parentCustomerId":null`)
	assert.Contains(t, granite, `"creditLimit":25000.50`)
	assert.Contains(t, granite, `"modifiedDate":"2026-11-30T09:15:00"`)
	assert.Contains(t, quote, `"stage":null`)
	assert.Contains(t, quote, `"quoteDate":"2026-11-28"`)
	assert.Contains(t, quote, `"unitPrice":""`)
	assert.Contains(t, accepted, `"total":""`)
	assert.Contains(t, accepted, `"stage":"won"`)
}

// dataOf returns the data array of a 200 query response.
func dataOf(t *testing.T, resp response) string {
	t.Helper()
	require.Equal(t, http.StatusOK, resp.status, "body: %s", resp.body)
	var body struct {
		Data json.RawMessage `json:"data"`
	}
	require.NoError(t, json.Unmarshal(resp.body, &body))
	return string(body.Data)
}

func TestLoadValidation(t *testing.T) {
	tests := []struct {
		name    string
		load    func(s *Simulator) error
		wantErr string
	}{
		{"customer id zero", func(s *Simulator) error {
			return s.LoadCustomers([]sps.Customer{{ID: 1}, {ID: 0}})
		}, "load customers: customers[1]: id 0 is not a positive integer"},
		{"quote id negative", func(s *Simulator) error {
			return s.LoadQuotes([]sps.Quote{{ID: -4}})
		}, "load quotes: quotes[0]: id -4 is not a positive integer"},
		{"product id repeats", func(s *Simulator) error {
			return s.LoadProducts([]sps.Product{{ID: 3}, {ID: 4}, {ID: 3}})
		}, "load products: products[2]: id 3 repeats products[0]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sim := New(Options{})

			err := tc.load(sim)

			require.EqualError(t, err, tc.wantErr)
			assert.Empty(t, sim.Customers())
			assert.Empty(t, sim.Quotes())
			assert.Empty(t, sim.Products())
		})
	}
}

func TestLoadUpsertsByID(t *testing.T) {
	sim := New(Options{})
	require.NoError(t, sim.LoadCustomers([]sps.Customer{{ID: 2, Name: "Old"}, {ID: 1, Name: "One"}}))

	require.NoError(t, sim.LoadCustomers([]sps.Customer{{ID: 2, Name: "New"}}))

	got := sim.Customers()
	require.Len(t, got, 2)
	assert.Equal(t, "One", got[0].Name)
	assert.Equal(t, "New", got[1].Name)
}

func TestRecordsAreCopies(t *testing.T) {
	sim := New(Options{})
	stage := "won"
	input := []sps.Quote{{ID: 1, Stage: &stage, Lines: []sps.QuoteLine{{SKU: "A"}}}}
	require.NoError(t, sim.LoadQuotes(input))

	stage = "lost"
	input[0].Lines[0].SKU = "changed by caller"
	out := sim.Quotes()
	*out[0].Stage = "changed by reader"
	out[0].Lines[0].SKU = "changed by reader"

	got := sim.Quotes()[0]
	assert.Equal(t, "won", *got.Stage)
	assert.Equal(t, "A", got.Lines[0].SKU)
}

func TestUpdateQuote(t *testing.T) {
	h := setup(t)
	require.NoError(t, h.sim.LoadQuotes([]sps.Quote{quoteAt(t, 1, "2026-12-01T00:00:00Z")}))
	h.clock.Advance(90*time.Minute + 400*time.Millisecond)

	err := h.sim.UpdateQuote(1, func(q *sps.Quote) {
		won := "won"
		q.Stage = &won
		q.TransactionStatus = "Accepted"
	})

	require.NoError(t, err)
	got := h.sim.Quotes()[0]
	assert.Equal(t, "won", *got.Stage)
	assert.Equal(t, "Accepted", got.TransactionStatus)
	assert.Equal(t, "2026-12-04T13:30:00Z", got.ModifiedDate.String())
	sinceUpdate := query[sps.Quote](t, h, "/v2/Quotes", `{"filters":{"modifiedSince":"2026-12-04T13:30:00Z"}}`)
	assert.Equal(t, []int64{1}, quoteIDs(sinceUpdate.Data))
}

func TestUpdateQuoteErrors(t *testing.T) {
	sim := New(Options{})
	require.NoError(t, sim.LoadQuotes([]sps.Quote{{ID: 1, JobName: "Patio"}}))

	unknown := sim.UpdateQuote(2, func(*sps.Quote) {})
	changedID := sim.UpdateQuote(1, func(q *sps.Quote) { q.ID = 3; q.JobName = "Pool" })

	assert.True(t, errors.Is(unknown, ErrNotFound))
	require.EqualError(t, changedID, "update quote 1: mutate changed the id to 3")
	assert.Equal(t, "Patio", sim.Quotes()[0].JobName)
	assert.Len(t, sim.Quotes(), 1)
}
