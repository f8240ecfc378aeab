package square

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBatchDeleteCatalog(t *testing.T) {
	tests := []struct {
		name        string
		ids         []string
		wantDeleted []string
		wantLive    []string // of ITEM0CARRARA, VAR0CARRARA2CM, VAR0CARRARA3CM, CAT0MARBLE
	}{
		{"item cascades to variations", []string{"ITEM0CARRARA"},
			[]string{"ITEM0CARRARA", "VAR0CARRARA2CM", "VAR0CARRARA3CM"}, []string{"CAT0MARBLE"}},
		{"one variation", []string{"VAR0CARRARA3CM"},
			[]string{"VAR0CARRARA3CM"}, []string{"ITEM0CARRARA", "VAR0CARRARA2CM", "CAT0MARBLE"}},
		{"unknown and repeated ids skipped", []string{"NOPE", "CAT0MARBLE", "CAT0MARBLE"},
			[]string{"CAT0MARBLE"}, []string{"ITEM0CARRARA", "VAR0CARRARA2CM", "VAR0CARRARA3CM"}},
		{"nothing known", []string{"NOPE"},
			nil, []string{"ITEM0CARRARA", "VAR0CARRARA2CM", "VAR0CARRARA3CM", "CAT0MARBLE"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sim := newFixtureSim(t, newTestClock(fixtureNow))
			srv := newServer(t, sim)
			sdk := sdkClient(srv.URL)

			resp, err := sdk.Catalog.BatchDelete(context.Background(),
				&square.BatchDeleteCatalogObjectsRequest{ObjectIDs: tc.ids})

			require.NoError(t, err)
			assert.Equal(t, tc.wantDeleted, resp.DeletedObjectIDs)
			live, err := sdk.Catalog.BatchGet(context.Background(), &square.BatchGetCatalogObjectsRequest{
				ObjectIDs: []string{"ITEM0CARRARA", "VAR0CARRARA2CM", "VAR0CARRARA3CM", "CAT0MARBLE"},
			})
			require.NoError(t, err)
			assert.Equal(t, tc.wantLive, catalogIDs(t, live.Objects))
		})
	}
}

func TestBatchDeleteVariationBumpsItemVersion(t *testing.T) {
	sim := newFixtureSim(t, newTestClock(fixtureNow))
	srv := newServer(t, sim)

	resp := call(t, srv.URL, http.MethodPost, "/v2/catalog/batch-delete",
		&square.BatchDeleteCatalogObjectsRequest{ObjectIDs: []string{"VAR0CARRARA3CM"}})

	require.Equal(t, http.StatusOK, resp.status)
	item := sim.CatalogItemBySKU("CAR-2CM")
	require.NotNil(t, item)
	assert.Equal(t, fixtureNow.UnixMilli(), versionOf(t, item))
	assert.Len(t, item.Item.ItemData.Variations, 1)
	stale := call(t, srv.URL, http.MethodPost, "/v2/catalog/batch-upsert",
		upsertRequest("after-delete", catalogObjects(t, carraraUpdate("x", carraraVersion, false))))
	assert.Equal(t, http.StatusConflict, stale.status, "the item's old version is stale")
}

func TestBatchDeleteShowsDeletedOnRequest(t *testing.T) {
	sim := newFixtureSim(t, newTestClock(fixtureNow))
	srv := newServer(t, sim)
	sdk := sdkClient(srv.URL)
	_, err := sdk.Catalog.BatchDelete(context.Background(),
		&square.BatchDeleteCatalogObjectsRequest{ObjectIDs: []string{"ITEM0CARRARA"}})
	require.NoError(t, err)

	resp, err := sdk.Catalog.BatchGet(context.Background(), &square.BatchGetCatalogObjectsRequest{
		ObjectIDs: []string{"VAR0CARRARA2CM"}, IncludeDeletedObjects: square.Bool(true),
		IncludeRelatedObjects: square.Bool(true),
	})
	recreate := call(t, srv.URL, http.MethodPost, "/v2/catalog/batch-upsert", upsertRequest("recreate",
		catalogObjects(t, carraraUpdate("x", fixtureNow.UnixMilli(), true))))

	require.NoError(t, err)
	require.Len(t, resp.Objects, 1)
	assert.True(t, *resp.Objects[0].ItemVariation.IsDeleted)
	assert.Equal(t, []string{"ITEM0CARRARA"}, catalogIDs(t, resp.RelatedObjects))
	assert.Nil(t, sim.CatalogItemBySKU("CAR-2CM"))
	require.Equal(t, http.StatusBadRequest, recreate.status)
	assert.Equal(t, square.ErrorCodeNotFound, recreate.firstError(t).Code)
}

func TestBatchDeleteRejectsBadSizes(t *testing.T) {
	many := make([]string, maxCatalogDeleteIDs+1)
	for i := range many {
		many[i] = fmt.Sprintf("OBJ%04d", i)
	}
	tests := []struct {
		name     string
		ids      []string
		wantCode square.ErrorCode
	}{
		{"no ids", nil, square.ErrorCodeMissingRequiredParameter},
		{"201 ids", many, square.ErrorCodeArrayLengthTooLong},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sim := newFixtureSim(t, newTestClock(fixtureNow))
			srv := newServer(t, sim)

			resp := call(t, srv.URL, http.MethodPost, "/v2/catalog/batch-delete",
				&square.BatchDeleteCatalogObjectsRequest{ObjectIDs: tc.ids})

			require.Equal(t, http.StatusBadRequest, resp.status)
			e := resp.firstError(t)
			assert.Equal(t, tc.wantCode, e.Code)
			assert.Equal(t, "object_ids", deref(e.GetField()))
			assert.Len(t, sim.CatalogItems(), 1)
		})
	}
}
