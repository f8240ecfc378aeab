package square

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func readTestdata(t *testing.T, name string) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return string(raw)
}

func TestAdminLoadsDataset(t *testing.T) {
	clock := newTestClock(fixtureNow)
	sim := New(Options{Token: testToken, Clock: clock.Now})
	srv := newServer(t, sim)
	loads := []struct {
		path, body string
		want       int
	}{
		{"/_admin/locations", `{"locations":` + readTestdata(t, "locations.json") + `}`, 3},
		{"/_admin/customers", `{"customers":` + readTestdata(t, "customers.json") + `}`, 3},
		{"/_admin/catalog", `{"objects":` + readTestdata(t, "catalog.json") + `}`, 2},
		{"/_admin/orders", `{"orders":` + readTestdata(t, "orders.json") +
			`,"arrivals":{"ORD0CASH":"2025-06-11T00:00:00Z"}}`, 7},
	}
	for _, load := range loads {
		resp := call(t, srv.URL, http.MethodPost, load.path, load.body)
		require.Equal(t, http.StatusOK, resp.status, "%s: %s", load.path, resp.body)
		var got loadedResponse
		resp.decode(t, &got)
		assert.Equal(t, load.want, got.Loaded, load.path)
	}

	search, err := sdkClient(srv.URL).Orders.Search(context.Background(),
		closedQuery([]string{"L8STONE01MAIN"}, "2025-06-01T00:00:00Z", "2025-06-30T00:00:00Z", 0))

	require.NoError(t, err)
	assert.Equal(t, []string{"ORD0CARD", "ORD0RETURN"}, orderIDs(search.Orders), "ORD0CASH arrives later")
}

func TestAdminRejectsBadLoads(t *testing.T) {
	sim := New(Options{})
	srv := newServer(t, sim)
	tests := []struct {
		name, path, body string
	}{
		{"malformed JSON", "/_admin/orders", `{"orders":[`},
		{"order without id", "/_admin/orders", `{"orders":[{"location_id":"L1"}]}`},
		{"order without location", "/_admin/orders", `{"orders":[{"id":"O1"}]}`},
		{"bad timestamp", "/_admin/orders", `{"orders":[{"id":"O1","location_id":"L1","closed_at":"June 1"}]}`},
		{"bad arrival", "/_admin/orders", `{"orders":[{"id":"O1","location_id":"L1"}],"arrivals":{"O1":"soon"}}`},
		{"arrival for unknown order", "/_admin/orders", `{"orders":[],"arrivals":{"O9":"2025-06-01T00:00:00Z"}}`},
		{"customer without id", "/_admin/customers", `{"customers":[{"given_name":"Ann"}]}`},
		{"location without id", "/_admin/locations", `{"locations":[{"name":"Yard"}]}`},
		{"catalog object without type", "/_admin/catalog", `{"objects":[{"id":"X"}]}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp := call(t, srv.URL, http.MethodPost, tc.path, tc.body)

			require.Equal(t, http.StatusBadRequest, resp.status, "body: %s", resp.body)
			assert.NotEmpty(t, deref(resp.firstError(t).GetDetail()))
			assert.Empty(t, sim.data.orders)
		})
	}
}

func TestAdminUnknownRoute(t *testing.T) {
	srv := newServer(t, New(Options{}))

	resp := call(t, srv.URL, http.MethodDelete, "/_admin/orders", nil)

	require.Equal(t, http.StatusNotFound, resp.status)
	assert.Equal(t, square.ErrorCodeNotFound, resp.firstError(t).Code)
}

func TestAdminStateAndCalls(t *testing.T) {
	sim := newFixtureSim(t, newTestClock(fixtureNow))
	srv := newServer(t, sim)
	call(t, srv.URL, http.MethodGet, "/v2/locations", nil)

	state := call(t, srv.URL, http.MethodGet, "/_admin/state", nil)
	calls := call(t, srv.URL, http.MethodGet, "/_admin/calls", nil)

	require.Equal(t, http.StatusOK, state.status)
	var saved bytes.Buffer
	require.NoError(t, sim.Save(&saved))
	assert.JSONEq(t, saved.String(), string(state.body))
	require.Equal(t, http.StatusOK, calls.status)
	assert.JSONEq(t, `{"GET /v2/locations":1}`, string(calls.body))
}

func TestArrivalForLoadedOrder(t *testing.T) {
	clock := newTestClock(fixtureNow)
	sim := newFixtureSim(t, clock)
	srv := newServer(t, sim)

	require.NoError(t, sim.LoadOrders(nil, map[string]time.Time{"ORD0CARD": fixtureNow.Add(time.Minute)}))
	resp, err := sdkClient(srv.URL).Orders.Search(context.Background(),
		closedQuery([]string{"L8STONE01MAIN"}, "2025-06-02T00:00:00Z", "2025-06-03T00:00:00Z", 0))

	require.NoError(t, err)
	assert.Empty(t, resp.Orders)
}

func TestAdminListCatalog(t *testing.T) {
	sim := newFixtureSim(t, newTestClock(fixtureNow))
	srv := newServer(t, sim)
	tests := []struct {
		name           string
		path           string
		wantCount      int
		wantVariations int
	}{
		{"every item", "/_admin/catalog", 1, 2},
		{"by sku", "/_admin/catalog?sku=car-3cm", 1, 2},
		{"unknown sku", "/_admin/catalog?sku=NOPE", 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp := call(t, srv.URL, http.MethodGet, tc.path, nil)

			require.Equal(t, http.StatusOK, resp.status)
			var listing catalogListing
			resp.decode(t, &listing)
			assert.Equal(t, tc.wantCount, listing.Count)
			assert.Equal(t, tc.wantVariations, listing.Variations)
			assert.Len(t, listing.Items, tc.wantCount)
		})
	}
}
