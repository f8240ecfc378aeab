package square

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSaveLoadRoundTrip(t *testing.T) {
	clock := newTestClock(fixtureNow)
	sim := newFixtureSim(t, clock)
	require.NoError(t, sim.LoadOrders(nil, map[string]time.Time{"ORD0CASH": fixtureNow.Add(time.Hour)}))
	sim.DeleteCustomer("CUST0ZOE")
	sim.SetFaults(Faults{LatencyMs: 1, FailNext: 2, Seed: 9})
	sim.countCall("GET /v2/locations")
	var first bytes.Buffer
	require.NoError(t, sim.Save(&first))

	restored := New(Options{Token: testToken, Clock: clock.Now})
	require.NoError(t, restored.Load(bytes.NewReader(first.Bytes())))
	var second bytes.Buffer
	require.NoError(t, restored.Save(&second))

	assert.JSONEq(t, first.String(), second.String())
	assert.Equal(t, Faults{LatencyMs: 1, FailNext: 2, Seed: 9, ErrorStatuses: []int{500, 503, 429}}, restored.Faults())
	assert.Equal(t, map[string]int{"GET /v2/locations": 1}, restored.Calls())
}

func TestLoadedStateServesAPI(t *testing.T) {
	clock := newTestClock(fixtureNow)
	sim := newFixtureSim(t, clock)
	sim.DeleteCustomer("CUST0ALICE")
	var saved bytes.Buffer
	require.NoError(t, sim.Save(&saved))
	restored := New(Options{Token: testToken, Clock: clock.Now})
	require.NoError(t, restored.Load(&saved))
	srv := newServer(t, restored)

	orders, err := sdkClient(srv.URL).Orders.Search(context.Background(),
		closedQuery([]string{"L8STONE02YARD"}, "2025-06-01T00:00:00Z", "2025-06-30T00:00:00Z", 0))
	customer := call(t, srv.URL, http.MethodGet, "/v2/customers/CUST0ALICE", nil)
	catalog, catalogErr := sdkClient(srv.URL).Catalog.BatchGet(context.Background(),
		&square.BatchGetCatalogObjectsRequest{ObjectIDs: []string{"VAR0CARRARA2CM"}})

	require.NoError(t, err)
	assert.Equal(t, []string{"ORD0SPLIT"}, orderIDs(orders.Orders))
	assert.Equal(t, http.StatusNotFound, customer.status)
	require.NoError(t, catalogErr)
	assert.Len(t, catalog.Objects, 1)
}

func TestLoadRejectsBadStateAndKeepsCurrent(t *testing.T) {
	tests := []struct {
		name, state string
	}{
		{"malformed JSON", `{"orders":`},
		{"order without id", `{"orders":[{"location_id":"L1"}]}`},
		{"bad faults", `{"faults":{"errorRate":2}}`},
		{"arrival without order", `{"orders":[],"arrivals":{"O1":"2025-06-01T00:00:00Z"}}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sim := newFixtureSim(t, newTestClock(fixtureNow))

			err := sim.Load(strings.NewReader(tc.state))

			require.Error(t, err)
			assert.Len(t, sim.data.orders, 7)
			assert.Len(t, sim.data.customers, 3)
		})
	}
}

func TestSaveLoadKeepsCatalogWrites(t *testing.T) {
	clock := newTestClock(fixtureNow)
	sim := newFixtureSim(t, clock)
	srv := newServer(t, sim)
	create := upsertRequest("saved-key", simpleItems(t, "SAVE", 2))
	first := call(t, srv.URL, http.MethodPost, "/v2/catalog/batch-upsert", create)
	require.Equal(t, http.StatusOK, first.status)
	deleted := call(t, srv.URL, http.MethodPost, "/v2/catalog/batch-delete",
		&square.BatchDeleteCatalogObjectsRequest{ObjectIDs: []string{"ITEM0CARRARA"}})
	require.Equal(t, http.StatusOK, deleted.status)
	var saved bytes.Buffer
	require.NoError(t, sim.Save(&saved))

	restored := New(Options{Token: testToken, Clock: clock.Now})
	require.NoError(t, restored.Load(&saved))
	restoredSrv := newServer(t, restored)
	replay := call(t, restoredSrv.URL, http.MethodPost, "/v2/catalog/batch-upsert", create)
	next := call(t, restoredSrv.URL, http.MethodPost, "/v2/catalog/batch-upsert",
		upsertRequest("after-load", simpleItems(t, "NEXT", 1)))
	withDeleted, err := sdkClient(restoredSrv.URL).Catalog.BatchGet(context.Background(),
		&square.BatchGetCatalogObjectsRequest{ObjectIDs: []string{"VAR0CARRARA2CM"}, IncludeDeletedObjects: square.Bool(true)})

	require.Equal(t, http.StatusOK, replay.status)
	assert.JSONEq(t, string(first.body), string(replay.body))
	assert.Len(t, restored.CatalogItems(), 3, "two saved items and one new")
	require.Equal(t, http.StatusOK, next.status)
	var firstBody, nextBody square.BatchUpsertCatalogObjectsResponse
	first.decode(t, &firstBody)
	next.decode(t, &nextBody)
	assert.Greater(t, versionOf(t, nextBody.Objects[0]), versionOf(t, firstBody.Objects[0]))
	assert.NotEqual(t, *firstBody.IDMappings[0].ObjectID, *nextBody.IDMappings[0].ObjectID)
	require.NoError(t, err)
	require.Len(t, withDeleted.Objects, 1)
	assert.True(t, *withDeleted.Objects[0].ItemVariation.IsDeleted)
}
