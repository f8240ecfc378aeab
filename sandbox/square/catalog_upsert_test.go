package square

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBatchUpsertCreatesWithTemporaryIDs(t *testing.T) {
	sim := newFixtureSim(t, newTestClock(fixtureNow))
	srv := newServer(t, sim)
	objects := catalogObjects(t,
		itemJSON("#granite", "Absolute Black Granite", 0, variationJSON("#granite-2cm", "", "GRA-2CM", 0)),
		variationJSON("#granite-3cm", "#granite", "GRA-3CM", 0),
	)

	resp, err := sdkClient(srv.URL).Catalog.BatchUpsert(context.Background(), upsertRequest("create-1", objects))

	require.NoError(t, err)
	mappings := map[string]string{}
	for _, m := range resp.IDMappings {
		mappings[deref(m.ClientObjectID)] = deref(m.ObjectID)
	}
	require.Len(t, mappings, 3)
	itemID := mappings["#granite"]
	assert.Len(t, itemID, 24)
	assert.NotContains(t, itemID, "#")
	require.Len(t, resp.Objects, 2)
	item := resp.Objects[0].Item
	require.NotNil(t, item)
	assert.Equal(t, itemID, item.ID)
	require.Len(t, item.ItemData.Variations, 2)
	assert.Equal(t, mappings["#granite-2cm"], item.ItemData.Variations[0].ItemVariation.ID)
	assert.Equal(t, itemID, deref(item.ItemData.Variations[0].ItemVariation.ItemVariationData.ItemID))
	assert.Equal(t, itemID, deref(item.ItemData.Variations[1].ItemVariation.ItemVariationData.ItemID))
	assert.Equal(t, mappings["#granite-3cm"], resp.Objects[1].ItemVariation.ID)
	assert.Equal(t, fixtureNow.UnixMilli(), versionOf(t, resp.Objects[0]))
	assert.Equal(t, fixtureNow.UnixMilli(), versionOf(t, resp.Objects[1]))
	assert.Equal(t, "2025-06-10T12:00:00.000Z", deref(resp.UpdatedAt))
	found := sim.CatalogItemBySKU("gra-3cm")
	require.NotNil(t, found)
	assert.Equal(t, itemID, found.Item.ID)
}

func TestBatchUpsertUpdatesWithCurrentVersion(t *testing.T) {
	sim := newFixtureSim(t, newTestClock(fixtureNow))
	srv := newServer(t, sim)
	sdk := sdkClient(srv.URL)

	resp, err := sdk.Catalog.BatchUpsert(context.Background(), upsertRequest("update-1",
		catalogObjects(t, carraraUpdate("Carrara Marble Slab, honed", carraraVersion, false))))

	require.NoError(t, err)
	assert.Empty(t, resp.IDMappings)
	require.Len(t, resp.Objects, 1)
	newVersion := versionOf(t, resp.Objects[0])
	assert.Greater(t, newVersion, int64(carraraVersion))
	live, err := sdk.Catalog.BatchGet(context.Background(), &square.BatchGetCatalogObjectsRequest{
		ObjectIDs: []string{"ITEM0CARRARA", "VAR0CARRARA2CM", "VAR0CARRARA3CM"},
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"ITEM0CARRARA", "VAR0CARRARA2CM"}, catalogIDs(t, live.Objects), "3 cm dropped")
	assert.Equal(t, "Carrara Marble Slab, honed", deref(live.Objects[0].Item.ItemData.Name))
	assert.Equal(t, newVersion, versionOf(t, live.Objects[1]))
	withDeleted, err := sdk.Catalog.BatchGet(context.Background(), &square.BatchGetCatalogObjectsRequest{
		ObjectIDs: []string{"VAR0CARRARA3CM"}, IncludeDeletedObjects: square.Bool(true),
	})
	require.NoError(t, err)
	require.Len(t, withDeleted.Objects, 1)
	assert.True(t, *withDeleted.Objects[0].ItemVariation.IsDeleted)
}

func TestBatchUpsertStandaloneVariationBumpsItem(t *testing.T) {
	sim := newFixtureSim(t, newTestClock(fixtureNow))
	srv := newServer(t, sim)

	resp, err := sdkClient(srv.URL).Catalog.BatchUpsert(context.Background(), upsertRequest("variation-1",
		catalogObjects(t, variationJSON("VAR0CARRARA2CM", "ITEM0CARRARA", "CAR-2CM-NEW", carraraVersion))))

	require.NoError(t, err)
	require.Len(t, resp.Objects, 1)
	assert.Equal(t, "CAR-2CM-NEW", deref(resp.Objects[0].ItemVariation.ItemVariationData.Sku))
	item := sim.CatalogItemBySKU("CAR-2CM-NEW")
	require.NotNil(t, item)
	assert.Equal(t, versionOf(t, resp.Objects[0]), versionOf(t, item))
	assert.Len(t, item.Item.ItemData.Variations, 2)
}

func TestBatchUpsertRejectsWholeRequest(t *testing.T) {
	longName := strings.Repeat("é", maxItemNameLength+1)
	many := make([]string, maxItemVariations+1)
	for i := range many {
		many[i] = variationJSON(fmt.Sprintf("#v%d", i), "", fmt.Sprintf("SKU-%d", i), 0)
	}
	newItem := itemJSON("#new", "New Item", 0, variationJSON("#new-v", "", "NEW-1", 0))
	tests := []struct {
		name       string
		batches    [][]string
		wantStatus int
		wantCode   square.ErrorCode
		wantField  string
	}{
		{"stale version", [][]string{{newItem}, {carraraUpdate("x", carraraVersion-1, true)}},
			http.StatusConflict, square.ErrorCodeConflict, "batches[1].objects[0].version"},
		{"missing version", [][]string{{newItem}, {carraraUpdate("x", 0, true)}},
			http.StatusConflict, square.ErrorCodeConflict, "batches[1].objects[0].version"},
		{"stale nested variation version", [][]string{{itemJSON("ITEM0CARRARA", "x", carraraVersion,
			variationJSON("VAR0CARRARA2CM", "", "CAR-2CM", 1))}},
			http.StatusConflict, square.ErrorCodeConflict, "batches[0].objects[0].item_data.variations[0].version"},
		{"unknown id", [][]string{{itemJSON("NOPE", "x", 1, variationJSON("#v", "", "S", 0))}},
			http.StatusBadRequest, square.ErrorCodeNotFound, "batches[0].objects[0].id"},
		{"temporary id of another batch", [][]string{{newItem}, {variationJSON("#other", "#new", "S", 0)}},
			http.StatusBadRequest, square.ErrorCodeInvalidValue, "batches[1].objects[0]"},
		{"temporary id twice", [][]string{{newItem, newItem}},
			http.StatusBadRequest, square.ErrorCodeInvalidValue, "batches[0].objects[1].id"},
		{"is_deleted true", [][]string{{strings.Replace(newItem, `"type":"ITEM",`, `"type":"ITEM","is_deleted":true,`, 1)}},
			http.StatusBadRequest, square.ErrorCodeInvalidValue, "batches[0].objects[0].is_deleted"},
		{"name too long", [][]string{{itemJSON("#i", longName, 0, variationJSON("#v", "", "S", 0))}},
			http.StatusBadRequest, square.ErrorCodeValueTooLong, "batches[0].objects[0].item_data.name"},
		{"description too long", [][]string{{strings.Replace(itemJSON("#i", "x", 0, variationJSON("#v", "", "S", 0)),
			`"name":"x"`, `"name":"x","description":"`+strings.Repeat("d", maxItemDescriptionLength+1)+`"`, 1)}},
			http.StatusBadRequest, square.ErrorCodeValueTooLong, "batches[0].objects[0].item_data.description"},
		{"no variations", [][]string{{itemJSON("#i", "x", 0)}},
			http.StatusBadRequest, square.ErrorCodeArrayLengthTooShort, "batches[0].objects[0].item_data.variations"},
		{"251 variations", [][]string{{itemJSON("#i", "x", 0, many...)}},
			http.StatusBadRequest, square.ErrorCodeArrayLengthTooLong, "batches[0].objects[0].item_data.variations"},
		{"nested item_id of another item", [][]string{{itemJSON("#i", "x", 0, variationJSON("#v", "ITEM0CARRARA", "S", 0))}},
			http.StatusBadRequest, square.ErrorCodeInvalidValue, "batches[0].objects[0].item_data.variations[0].item_variation_data.item_id"},
		{"variation of unknown item", [][]string{{variationJSON("#v", "NOPE", "S", 0)}},
			http.StatusBadRequest, square.ErrorCodeNotFound, "batches[0].objects[0].item_variation_data.item_id"},
		{"variation without item", [][]string{{variationJSON("#v", "", "S", 0)}},
			http.StatusBadRequest, square.ErrorCodeMissingRequiredParameter, "batches[0].objects[0].item_variation_data.item_id"},
		{"no batches", nil,
			http.StatusBadRequest, square.ErrorCodeMissingRequiredParameter, "batches"},
		{"empty batch", [][]string{{}},
			http.StatusBadRequest, square.ErrorCodeArrayLengthTooShort, "batches[0].objects"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sim := newFixtureSim(t, newTestClock(fixtureNow))
			srv := newServer(t, sim)
			before := sim.CatalogItems()
			req := upsertRequest("reject-1")
			for _, raws := range tc.batches {
				req.Batches = append(req.Batches, &square.CatalogObjectBatch{Objects: catalogObjects(t, raws...)})
			}

			resp := call(t, srv.URL, http.MethodPost, "/v2/catalog/batch-upsert", req)

			require.Equal(t, tc.wantStatus, resp.status, "body: %s", resp.body)
			e := resp.firstError(t)
			assert.Equal(t, tc.wantCode, e.Code)
			assert.Equal(t, tc.wantField, deref(e.GetField()))
			assert.Equal(t, before, sim.CatalogItems(), "nothing written")
		})
	}
}

func TestBatchUpsertRejectsOverLimits(t *testing.T) {
	tests := []struct {
		name      string
		key       string
		batches   []int // objects per batch, each an item with one nested variation
		wantCode  square.ErrorCode
		wantField string
	}{
		{"no idempotency key", "", []int{1}, square.ErrorCodeMissingRequiredParameter, "idempotency_key"},
		{"idempotency key too long", strings.Repeat("k", 129), []int{1}, square.ErrorCodeValueTooLong, "idempotency_key"},
		{"batch over 1000 with variations", "k", []int{501}, square.ErrorCodeArrayLengthTooLong, "batches[0].objects"},
		{"request over 10000", "k", []int{500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 1},
			square.ErrorCodeArrayLengthTooLong, "batches"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sim := New(Options{Token: testToken})
			srv := newServer(t, sim)
			req := upsertRequest(tc.key)
			for _, n := range tc.batches {
				req.Batches = append(req.Batches, &square.CatalogObjectBatch{Objects: simpleItems(t, "LIM", n)})
			}

			resp := call(t, srv.URL, http.MethodPost, "/v2/catalog/batch-upsert", req)

			require.Equal(t, http.StatusBadRequest, resp.status, "body: %.300s", resp.body)
			e := resp.firstError(t)
			assert.Equal(t, tc.wantCode, e.Code)
			assert.Equal(t, tc.wantField, deref(e.GetField()))
			assert.Empty(t, sim.CatalogItems())
		})
	}
}

func TestBatchUpsertAcceptsFullBatch(t *testing.T) {
	sim := New(Options{Token: testToken})
	srv := newServer(t, sim)

	resp := call(t, srv.URL, http.MethodPost, "/v2/catalog/batch-upsert",
		upsertRequest("full-batch", simpleItems(t, "MAX", 500)))

	require.Equal(t, http.StatusOK, resp.status, "body: %.300s", resp.body)
	var body square.BatchUpsertCatalogObjectsResponse
	resp.decode(t, &body)
	assert.Len(t, body.IDMappings, 1000)
	assert.Len(t, sim.CatalogItems(), 500)
}

func TestCheckUpsertShapeCountsNestedVariations(t *testing.T) {
	item := func(variations int) *square.CatalogObject {
		data := &square.CatalogItem{}
		for range variations {
			data.Variations = append(data.Variations, &square.CatalogObject{Type: "ITEM_VARIATION"})
		}
		return &square.CatalogObject{Type: "ITEM", Item: &square.CatalogObjectItem{ID: "#i", ItemData: data}}
	}
	batch := func(items, variationsEach int) []*square.CatalogObject {
		objects := make([]*square.CatalogObject, items)
		for i := range objects {
			objects[i] = item(variationsEach)
		}
		return objects
	}
	tenFull := make([][]*square.CatalogObject, 10)
	for i := range tenFull {
		tenFull[i] = batch(250, 3)
	}
	tests := []struct {
		name      string
		batches   [][]*square.CatalogObject
		wantField string // empty: accepted
	}{
		{"1000 objects in a batch", [][]*square.CatalogObject{batch(250, 3)}, ""},
		{"1001 objects in a batch", [][]*square.CatalogObject{append(batch(250, 3), item(0))}, "batches[0].objects"},
		{"10000 objects in a request", tenFull, ""},
		{"10001 objects in a request", append(tenFull, batch(1, 0)), "batches"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := checkUpsertShape(upsertRequest("k", tc.batches...))

			if tc.wantField == "" {
				assert.Nil(t, f)
				return
			}
			require.NotNil(t, f)
			assert.Equal(t, tc.wantField, deref(f.err.Field))
			assert.Equal(t, square.ErrorCodeArrayLengthTooLong, f.err.Code)
		})
	}
}

func TestBatchUpsertIdempotency(t *testing.T) {
	sim := newFixtureSim(t, newTestClock(fixtureNow))
	srv := newServer(t, sim)
	create := upsertRequest("key-1", simpleItems(t, "IDEM", 3))
	first := call(t, srv.URL, http.MethodPost, "/v2/catalog/batch-upsert", create)
	require.Equal(t, http.StatusOK, first.status, "body: %s", first.body)
	itemsAfterFirst := sim.CatalogItems()

	replay := call(t, srv.URL, http.MethodPost, "/v2/catalog/batch-upsert", create)
	reused := call(t, srv.URL, http.MethodPost, "/v2/catalog/batch-upsert",
		upsertRequest("key-1", simpleItems(t, "OTHER", 1)))

	require.Equal(t, http.StatusOK, replay.status)
	assert.JSONEq(t, string(first.body), string(replay.body), "same ids and versions")
	assert.Equal(t, itemsAfterFirst, sim.CatalogItems(), "replay writes nothing")
	require.Equal(t, http.StatusBadRequest, reused.status)
	assert.Equal(t, square.ErrorCodeIdempotencyKeyReused, reused.firstError(t).Code)
}

func TestBatchUpsertFailureKeepsKeyUnused(t *testing.T) {
	sim := newFixtureSim(t, newTestClock(fixtureNow))
	srv := newServer(t, sim)

	stale := call(t, srv.URL, http.MethodPost, "/v2/catalog/batch-upsert",
		upsertRequest("retry-key", catalogObjects(t, carraraUpdate("x", carraraVersion-5, true))))
	fixed := call(t, srv.URL, http.MethodPost, "/v2/catalog/batch-upsert",
		upsertRequest("retry-key", catalogObjects(t, carraraUpdate("x", carraraVersion, true))))

	assert.Equal(t, http.StatusConflict, stale.status)
	assert.Equal(t, http.StatusOK, fixed.status, "body: %s", fixed.body)
}

func TestBatchUpsertVersionsIncrease(t *testing.T) {
	sim := New(Options{Token: testToken, Clock: newTestClock(fixtureNow).Now})
	srv := newServer(t, sim)
	var versions []int64
	for i := range 3 {
		resp := call(t, srv.URL, http.MethodPost, "/v2/catalog/batch-upsert",
			upsertRequest(fmt.Sprintf("k%d", i), simpleItems(t, fmt.Sprintf("V%d", i), 1)))
		require.Equal(t, http.StatusOK, resp.status)
		var body square.BatchUpsertCatalogObjectsResponse
		resp.decode(t, &body)
		versions = append(versions, versionOf(t, body.Objects[0]))
	}

	assert.Equal(t, []int64{fixtureNow.UnixMilli(), fixtureNow.UnixMilli() + 1, fixtureNow.UnixMilli() + 2}, versions)
}
