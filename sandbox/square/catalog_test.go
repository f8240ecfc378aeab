package square

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func catalogIDs(t *testing.T, objects []*square.CatalogObject) []string {
	t.Helper()
	ids := make([]string, 0, len(objects))
	for _, o := range objects {
		id, err := catalogObjectID(o)
		require.NoError(t, err)
		ids = append(ids, id)
	}
	return ids
}

func TestBatchRetrieveCatalog(t *testing.T) {
	sim := newFixtureSim(t, newTestClock(fixtureNow))
	srv := newServer(t, sim)
	sdk := sdkClient(srv.URL)
	tests := []struct {
		name        string
		ids         []string
		related     bool
		wantObjects []string
		wantRelated []string
	}{
		{"item with nested variations", []string{"ITEM0CARRARA"}, false, []string{"ITEM0CARRARA"}, []string{}},
		{"variations by id", []string{"VAR0CARRARA3CM", "VAR0CARRARA2CM"}, false,
			[]string{"VAR0CARRARA3CM", "VAR0CARRARA2CM"}, []string{}},
		{"unknown ids skipped", []string{"NOPE", "CAT0MARBLE", "ALSO-NOPE"}, false, []string{"CAT0MARBLE"}, []string{}},
		{"duplicates once", []string{"CAT0MARBLE", "CAT0MARBLE"}, false, []string{"CAT0MARBLE"}, []string{}},
		{"variation with parent item", []string{"VAR0CARRARA2CM", "VAR0CARRARA3CM"}, true,
			[]string{"VAR0CARRARA2CM", "VAR0CARRARA3CM"}, []string{"ITEM0CARRARA"}},
		{"nothing known", []string{"NOPE"}, false, []string{}, []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := sdk.Catalog.BatchGet(context.Background(), &square.BatchGetCatalogObjectsRequest{
				ObjectIDs:             tc.ids,
				IncludeRelatedObjects: square.Bool(tc.related),
			})

			require.NoError(t, err)
			assert.Equal(t, tc.wantObjects, catalogIDs(t, resp.Objects))
			assert.Equal(t, tc.wantRelated, catalogIDs(t, resp.RelatedObjects))
		})
	}
}

func TestBatchRetrieveCatalogKeepsNestedVariations(t *testing.T) {
	sim := newFixtureSim(t, newTestClock(fixtureNow))
	srv := newServer(t, sim)

	resp, err := sdkClient(srv.URL).Catalog.BatchGet(context.Background(),
		&square.BatchGetCatalogObjectsRequest{ObjectIDs: []string{"ITEM0CARRARA"}})

	require.NoError(t, err)
	require.Len(t, resp.Objects, 1)
	variations := resp.Objects[0].Item.ItemData.Variations
	require.Len(t, variations, 2)
	data := variations[0].ItemVariation.ItemVariationData
	assert.Equal(t, "CAR-2CM", deref(data.GetSku()))
	assert.Equal(t, int64(185000), *data.GetPriceMoney().GetAmount())
}

func TestBatchRetrieveCatalogRejectsBadSizes(t *testing.T) {
	sim := newFixtureSim(t, newTestClock(fixtureNow))
	srv := newServer(t, sim)
	many := make([]string, 1001)
	for i := range many {
		many[i] = fmt.Sprintf("OBJ%04d", i)
	}
	tests := []struct {
		name     string
		ids      []string
		wantCode square.ErrorCode
	}{
		{"no ids", nil, square.ErrorCodeMissingRequiredParameter},
		{"1001 ids", many, square.ErrorCodeArrayLengthTooLong},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp := call(t, srv.URL, http.MethodPost, "/v2/catalog/batch-retrieve",
				&square.BatchGetCatalogObjectsRequest{ObjectIDs: tc.ids})

			require.Equal(t, http.StatusBadRequest, resp.status)
			e := resp.firstError(t)
			assert.Equal(t, tc.wantCode, e.Code)
			assert.Equal(t, "object_ids", deref(e.GetField()))
		})
	}
}

func TestLoadCatalogReplacesItemVariations(t *testing.T) {
	sim := newFixtureSim(t, newTestClock(fixtureNow))
	srv := newServer(t, sim)
	var item square.CatalogObject
	require.NoError(t, json.Unmarshal([]byte(`{"type":"ITEM","id":"ITEM0CARRARA","item_data":{
		"name":"Carrara Marble Slab","variations":[{"type":"ITEM_VARIATION","id":"VAR0CARRARA1CM",
		"item_variation_data":{"item_id":"ITEM0CARRARA","name":"1 cm","sku":"CAR-1CM"}}]}}`), &item))

	require.NoError(t, sim.LoadCatalog([]*square.CatalogObject{&item}))
	resp, err := sdkClient(srv.URL).Catalog.BatchGet(context.Background(), &square.BatchGetCatalogObjectsRequest{
		ObjectIDs: []string{"VAR0CARRARA2CM", "VAR0CARRARA1CM"},
	})

	require.NoError(t, err)
	assert.Equal(t, []string{"VAR0CARRARA1CM"}, catalogIDs(t, resp.Objects))
}

func TestLoadCatalogRejectsBadObjects(t *testing.T) {
	tests := []struct {
		name    string
		objects string
		want    string
	}{
		{"unknown type", `[{"type":"SPACESHIP","id":"X1"}]`, "objects[0]"},
		{"missing id", `[{"type":"CATEGORY","category_data":{"name":"Granite"}}]`, "id is missing"},
		{"variation without id", `[{"type":"ITEM","id":"I1","item_data":{"variations":[
			{"type":"ITEM_VARIATION","item_variation_data":{"name":"x"}}]}}]`, "item I1: variations[0]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sim := New(Options{})
			var objects []*square.CatalogObject
			require.NoError(t, json.Unmarshal([]byte(tc.objects), &objects))

			err := sim.LoadCatalog(objects)

			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Empty(t, sim.data.catalogIndex)
		})
	}
}

func TestListLocationsSortedByName(t *testing.T) {
	sim := newFixtureSim(t, newTestClock(fixtureNow))
	srv := newServer(t, sim)

	resp, err := sdkClient(srv.URL).Locations.List(context.Background())

	require.NoError(t, err)
	names := make([]string, 0, len(resp.Locations))
	for _, l := range resp.Locations {
		names = append(names, deref(l.GetName()))
	}
	assert.Equal(t, []string{"Stone City Showroom", "Stone City Tokyo Pop-up", "Stone City Yard"}, names)
}

func TestListLocationsEmpty(t *testing.T) {
	srv := newServer(t, New(Options{Token: testToken}))

	resp := call(t, srv.URL, http.MethodGet, "/v2/locations", nil)

	require.Equal(t, http.StatusOK, resp.status)
	assert.JSONEq(t, `{}`, string(resp.body))
}
