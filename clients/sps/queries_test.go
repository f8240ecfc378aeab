package sps_test

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/sps"
)

func TestQueryCustomersPagesToTheEnd(t *testing.T) {
	h := setup(t)
	require.NoError(t, h.sim.LoadCustomers(customers(450, func(int) string { return "Dana Ortiz" })))
	ctx := context.Background()

	var ids []int64
	var pages []sps.Page[sps.Customer]
	for number := 1; ; number++ {
		page, err := h.client.QueryCustomers(ctx, sps.CustomerFilter{Status: "Active"}, number, sps.MaxPageSize)
		require.NoError(t, err)
		pages = append(pages, page)
		ids = append(ids, customerIDs(page.Records)...)
		if !page.HasMore() {
			break
		}
	}

	require.Len(t, pages, 3)
	assert.Equal(t, 450, pages[2].TotalCount)
	assert.Equal(t, 3, pages[2].PageNumber)
	assert.Equal(t, 200, pages[2].PageSize)
	assert.Len(t, pages[2].Records, 50)
	require.Len(t, ids, 450)
	assert.Equal(t, int64(1), ids[0])
	assert.Equal(t, int64(450), ids[449])
}

func TestPageArgumentsCheckedBeforeSending(t *testing.T) {
	tests := []struct {
		name       string
		pageNumber int
		pageSize   int
		wantText   string
	}{
		{"page size above 200", 1, 201, "pageSize 201 is outside 1 to 200"},
		{"page size zero", 1, 0, "pageSize 0 is outside 1 to 200"},
		{"page number zero", 0, 50, "pageNumber 0 is less than 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := setup(t)

			_, err := h.client.QueryCustomers(context.Background(), sps.CustomerFilter{}, tc.pageNumber, tc.pageSize)

			var e *sps.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, sps.CodeInvalidArgument, e.Code)
			assert.Equal(t, 0, e.Status)
			assert.False(t, e.Retryable)
			assert.Contains(t, e.Message, tc.wantText)
			assert.Empty(t, h.requests())
		})
	}
}

func TestPageSize200IsAllowed(t *testing.T) {
	h := setup(t)
	require.NoError(t, h.sim.LoadCustomers(customers(201, func(int) string { return "" })))

	page, err := h.client.QueryCustomers(context.Background(), sps.CustomerFilter{}, 1, 200)

	require.NoError(t, err)
	assert.Len(t, page.Records, 200)
	assert.True(t, page.HasMore())
}

func TestQueryBodies(t *testing.T) {
	tests := []struct {
		name  string
		query func(ctx context.Context, c *sps.Client) error
		path  string
		want  string
	}{
		{"customers without filters", func(ctx context.Context, c *sps.Client) error {
			_, err := c.QueryCustomers(ctx, sps.CustomerFilter{}, 2, 50)
			return err
		}, "/v2/Customers", `{"filters":{},"pageNumber":2,"pageSize":50}`},
		{"customers by status and rep", func(ctx context.Context, c *sps.Client) error {
			_, err := c.QueryCustomers(ctx, sps.CustomerFilter{Status: "Active", SalesRepName: "Dana Ortiz"}, 1, 200)
			return err
		}, "/v2/Customers",
			`{"filters":{"salesRepName":"Dana Ortiz","status":"Active"},"pageNumber":1,"pageSize":200}`},
		{"quotes modified since, in UTC seconds", func(ctx context.Context, c *sps.Client) error {
			since := time.Date(2026, 12, 3, 6, 0, 0, 900_000_000, time.FixedZone("EST", -5*3600))
			_, err := c.QueryQuotes(ctx, sps.QuoteFilter{ModifiedSince: since}, 1, 200)
			return err
		}, "/v2/Quotes", `{"filters":{"modifiedSince":"2026-12-03T11:00:00Z"},"pageNumber":1,"pageSize":200}`},
		{"products by status", func(ctx context.Context, c *sps.Client) error {
			_, err := c.QueryProducts(ctx, sps.ProductFilter{Status: "Active"}, 1, 100)
			return err
		}, "/v2/Products", `{"filters":{"status":"Active"},"pageNumber":1,"pageSize":100}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := setup(t)

			require.NoError(t, tc.query(context.Background(), h.client))

			requests := h.requests()
			require.Len(t, requests, 2)
			assert.Equal(t, http.MethodPost, requests[1].method)
			assert.Equal(t, tc.path, requests[1].path)
			assert.JSONEq(t, tc.want, requests[1].body)
		})
	}
}

func TestRepFilterMissesCustomersWithoutRep(t *testing.T) {
	h := setup(t)
	reps := map[int]string{1: "Dana Ortiz", 2: "Lee Park", 3: "", 4: "dana ortiz", 5: ""}
	require.NoError(t, h.sim.LoadCustomers(customers(5, func(i int) string { return reps[i] })))
	ctx := context.Background()

	var viaReps []int64
	for _, rep := range []string{"Dana Ortiz", "Lee Park"} {
		page, err := h.client.QueryCustomers(ctx, sps.CustomerFilter{SalesRepName: rep}, 1, 200)
		require.NoError(t, err)
		viaReps = append(viaReps, customerIDs(page.Records)...)
	}
	all, err := h.client.QueryCustomers(ctx, sps.CustomerFilter{}, 1, 200)
	require.NoError(t, err)

	assert.ElementsMatch(t, []int64{1, 2, 4}, viaReps)
	assert.Equal(t, []int64{1, 2, 3, 4, 5}, customerIDs(all.Records))
	assert.Equal(t, 5, all.TotalCount)
}

func TestModifiedSinceIsInclusive(t *testing.T) {
	boundary := time.Date(2026, 12, 3, 11, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		since time.Time
		want  []int64
	}{
		{"zero time means no filter", time.Time{}, []int64{1, 2, 3}},
		{"quote at the boundary is included", boundary, []int64{2, 3}},
		{"fractions of a second round down", boundary.Add(999 * time.Millisecond), []int64{2, 3}},
		{"one second later excludes it", boundary.Add(time.Second), []int64{3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := setup(t)
			require.NoError(t, h.sim.LoadQuotes([]sps.Quote{
				{ID: 1, ModifiedDate: sps.NewTime(boundary.Add(-time.Second))},
				{ID: 2, ModifiedDate: sps.NewTime(boundary)},
				{ID: 3, ModifiedDate: sps.NewTime(boundary.Add(time.Hour))},
			}))

			page, err := h.client.QueryQuotes(context.Background(), sps.QuoteFilter{ModifiedSince: tc.since}, 1, 200)

			require.NoError(t, err)
			var ids []int64
			for _, q := range page.Records {
				ids = append(ids, q.ID)
			}
			assert.Equal(t, tc.want, ids)
		})
	}
}

func TestGetRecords(t *testing.T) {
	h := setup(t)
	require.NoError(t, h.sim.LoadCustomers([]sps.Customer{{ID: 7, Name: "Marble Masters"}}))
	require.NoError(t, h.sim.LoadQuotes([]sps.Quote{{ID: 9, JobName: "Pool deck"}}))
	ctx := context.Background()

	customer, customerErr := h.client.GetCustomer(ctx, 7)
	quote, quoteErr := h.client.GetQuote(ctx, 9)
	_, missingCustomer := h.client.GetCustomer(ctx, 8)
	_, missingQuote := h.client.GetQuote(ctx, 10)
	_, invalidID := h.client.GetQuote(ctx, 0)

	require.NoError(t, customerErr)
	require.NoError(t, quoteErr)
	assert.Equal(t, "Marble Masters", customer.Name)
	assert.Equal(t, "Pool deck", quote.JobName)
	assert.ErrorIs(t, missingCustomer, sps.ErrNotFound)
	assert.ErrorIs(t, missingQuote, sps.ErrNotFound)
	assert.Contains(t, missingQuote.Error(), "GET /v2/Quotes/{id}: HTTP 404 not_found: Quote 10 not found.")
	var e *sps.Error
	require.ErrorAs(t, invalidID, &e)
	assert.Equal(t, sps.CodeInvalidArgument, e.Code)
}

func TestMessyValuesRoundTrip(t *testing.T) {
	h := setup(t)
	raw, err := os.ReadFile(filepath.Join("testdata", "messy.json"))
	require.NoError(t, err)
	var fixture map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(raw, &fixture))
	for _, kind := range []string{"customers", "quotes", "products"} {
		body := strings.NewReader(string(fixture[kind]))
		resp, err := http.Post(h.srv.URL+"/_admin/"+kind, "application/json", body)
		require.NoError(t, err)
		require.NoError(t, resp.Body.Close())
		require.Equal(t, http.StatusOK, resp.StatusCode, "load %s", kind)
	}
	ctx := context.Background()

	customers, err := h.client.QueryCustomers(ctx, sps.CustomerFilter{}, 1, 200)
	require.NoError(t, err)
	quotes, err := h.client.QueryQuotes(ctx, sps.QuoteFilter{}, 1, 200)
	require.NoError(t, err)
	products, err := h.client.QueryProducts(ctx, sps.ProductFilter{}, 1, 200)
	require.NoError(t, err)

	assert.JSONEq(t, string(fixture["customers"]), mustJSON(t, customers.Records))
	assert.JSONEq(t, string(fixture["quotes"]), mustJSON(t, quotes.Records))
	assert.JSONEq(t, string(fixture["products"]), mustJSON(t, products.Records))
	walkIn := customers.Records[1]
	assert.False(t, walkIn.CreditLimit.IsSet())
	assert.False(t, walkIn.ModifiedDate.IsSet())
	assert.Nil(t, quotes.Records[0].Stage)
	assert.Equal(t, "25000.50", customers.Records[0].CreditLimit.String())
	assert.Equal(t, time.Date(2026, 11, 30, 9, 15, 0, 0, time.UTC), customers.Records[0].ModifiedDate.Time())
}

func TestUnreadableRecordsLeaveTheRestOfThePage(t *testing.T) {
	h := setup(t)
	body := `{"data":[{"id":1,"name":"Ridge Stone"},{"id":9,"name":"Elm","creditLimit":"N/A"},` +
		`{"id":"x-12","name":"Oak"},7,{"id":3},{"id":4,"name":5,"creditLimit":"TBD"}],"totalCount":6,` +
		`"pageNumber":1,"pageSize":200}`
	h.setIntercept(func(w http.ResponseWriter, r *http.Request, _ string) bool {
		if r.URL.Path != "/v2/Customers" {
			return false
		}
		writeRaw(w, http.StatusOK, nil, body)
		return true
	})

	page, err := h.client.QueryCustomers(context.Background(), sps.CustomerFilter{}, 1, sps.MaxPageSize)

	require.NoError(t, err)
	assert.Equal(t, []int64{1, 3}, customerIDs(page.Records))
	assert.Equal(t, 6, page.Listed())
	require.Len(t, page.Unreadable, 4)

	creditLimit := page.Unreadable[0]
	assert.Equal(t, 1, creditLimit.Index)
	assert.Equal(t, int64(9), creditLimit.ID)
	assert.Equal(t, "creditLimit", creditLimit.Field)
	assert.Equal(t, `field "creditLimit": invalid decimal "N/A"`, creditLimit.Describe())
	assert.JSONEq(t, `{"id":9,"name":"Elm","creditLimit":"N/A"}`, string(creditLimit.Raw))

	badID := page.Unreadable[1]
	assert.Equal(t, 2, badID.Index)
	assert.Zero(t, badID.ID, "an id that is not an integer is not read")
	assert.Equal(t, "id", badID.Field)

	notObject := page.Unreadable[2]
	assert.Equal(t, 3, notObject.Index)
	assert.Empty(t, notObject.Field)
	assert.Equal(t, notObject.Reason, notObject.Describe())
	assert.Contains(t, notObject.Reason, "cannot unmarshal number")

	twoBad := page.Unreadable[3]
	assert.Equal(t, `field "creditLimit": invalid decimal "TBD"`, twoBad.Describe(),
		"the first bad field in name order, with its own error")
}

func TestPageNext(t *testing.T) {
	tests := []struct {
		name   string
		page   sps.Page[sps.Customer]
		number int
		want   int
	}{
		{"full page before the end", sps.Page[sps.Customer]{Records: make([]sps.Customer, 200), TotalCount: 450,
			PageSize: 200}, 2, 3},
		{"last page", sps.Page[sps.Customer]{Records: make([]sps.Customer, 50), TotalCount: 450, PageSize: 200},
			3, 0},
		{"smaller page size than requested", sps.Page[sps.Customer]{Records: make([]sps.Customer, 100),
			TotalCount: 450, PageSize: 100}, 2, 3},
		{"no page size counts the records", sps.Page[sps.Customer]{Records: make([]sps.Customer, 100),
			TotalCount: 450}, 4, 5},
		{"unreadable records count", sps.Page[sps.Customer]{Unreadable: make([]sps.UnreadableRecord, 200),
			TotalCount: 450, PageSize: 200}, 1, 2},
		{"empty page ends", sps.Page[sps.Customer]{TotalCount: 450, PageSize: 200}, 2, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.page.Next(tc.number))
		})
	}
}
