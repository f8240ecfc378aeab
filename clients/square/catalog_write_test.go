package square

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/apicalls"
	sim "github.com/stonecity/sync/sandbox/square"
)

const (
	upsertEndpoint = "POST /v2/catalog/batch-upsert"
	deleteEndpoint = "POST /v2/catalog/batch-delete"
	searchEndpoint = "POST /v2/catalog/search"
)

// productItem is a new ITEM with one nested variation carrying sku.
func productItem(t *testing.T, tempID, sku string) *square.CatalogObject {
	t.Helper()
	object := new(square.CatalogObject)
	raw := fmt.Sprintf(`{"type":"ITEM","id":"#%s","item_data":{"name":"Slab %s","variations":[
		{"type":"ITEM_VARIATION","id":"#%s-v","item_variation_data":{"name":"Each","sku":%q,
		 "pricing_type":"FIXED_PRICING","price_money":{"amount":9900,"currency":"USD"}}}]}}`, tempID, sku, tempID, sku)
	require.NoError(t, json.Unmarshal([]byte(raw), object))
	return object
}

// productItems returns n new items with SKUs <prefix>-0000, ...
func productItems(t *testing.T, prefix string, n int) []*square.CatalogObject {
	t.Helper()
	items := make([]*square.CatalogObject, n)
	for i := range items {
		items[i] = productItem(t, fmt.Sprintf("%s%d", prefix, i), fmt.Sprintf("%s-%04d", prefix, i))
	}
	return items
}

func itemVersion(object *square.CatalogObject) int64 {
	if object.GetItem() == nil || object.Item.Version == nil {
		return 0
	}
	return *object.Item.Version
}

// renamed returns a copy of item with a new name, keeping id and version.
func renamed(t *testing.T, item *square.CatalogObject, name string) *square.CatalogObject {
	t.Helper()
	raw, err := json.Marshal(item)
	require.NoError(t, err)
	copied := new(square.CatalogObject)
	require.NoError(t, json.Unmarshal(raw, copied))
	copied.Item.ItemData.Name = square.String(name)
	return copied
}

func TestBatchUpsertCatalogCreatesAndUpdates(t *testing.T) {
	h := setup(t)
	ctx := context.Background()

	created, err := h.client.BatchUpsertCatalog(ctx, "create-1", [][]*square.CatalogObject{productItems(t, "GR", 2)})
	require.NoError(t, err)
	require.Len(t, created.IDMappings, 4, "two items and two variations")
	require.Len(t, created.Objects, 2)
	itemID := created.IDMappings["#GR0"]
	assert.Equal(t, itemID, created.Objects[0].Item.ID)
	assert.Equal(t, created.IDMappings["#GR0-v"], created.Objects[0].Item.ItemData.Variations[0].ItemVariation.ID)
	assert.Positive(t, itemVersion(created.Objects[0]))

	updated, err := h.client.BatchUpsertCatalog(ctx, "update-1",
		[][]*square.CatalogObject{{renamed(t, created.Objects[0], "Slab GR-0000, honed")}})

	require.NoError(t, err)
	assert.Empty(t, updated.IDMappings)
	require.Len(t, updated.Objects, 1)
	assert.Greater(t, itemVersion(updated.Objects[0]), itemVersion(created.Objects[0]))
	stored := h.sim.CatalogItemBySKU("GR-0000")
	require.NotNil(t, stored)
	assert.Equal(t, "Slab GR-0000, honed", *stored.Item.ItemData.Name)
	assert.Len(t, h.sim.CatalogItems(), 2)
}

func TestBatchUpsertCatalogStaleVersionConflicts(t *testing.T) {
	h := setup(t)
	ctx := context.Background()
	created, err := h.client.BatchUpsertCatalog(ctx, "create-1", [][]*square.CatalogObject{productItems(t, "ST", 1)})
	require.NoError(t, err)
	_, err = h.client.BatchUpsertCatalog(ctx, "update-1",
		[][]*square.CatalogObject{{renamed(t, created.Objects[0], "first rename")}})
	require.NoError(t, err)

	_, err = h.client.BatchUpsertCatalog(ctx, "update-2",
		[][]*square.CatalogObject{{renamed(t, created.Objects[0], "stale rename")}})

	var e *Error
	require.ErrorAs(t, err, &e)
	assert.True(t, IsVersionConflict(err))
	assert.False(t, IsRateLimited(err))
	assert.False(t, e.Retryable)
	assert.Equal(t, http.StatusConflict, e.Status)
	assert.Equal(t, upsertEndpoint, e.Endpoint)
	assert.Equal(t, "first rename", *h.sim.CatalogItemBySKU("ST-0000").Item.ItemData.Name)
}

func TestBatchUpsertCatalogIdempotency(t *testing.T) {
	h := setup(t)
	ctx := context.Background()
	batches := [][]*square.CatalogObject{productItems(t, "ID", 3)}
	first, err := h.client.BatchUpsertCatalog(ctx, "nightly-1", batches)
	require.NoError(t, err)

	replay, replayErr := h.client.BatchUpsertCatalog(ctx, "nightly-1", batches)
	_, reuseErr := h.client.BatchUpsertCatalog(ctx, "nightly-1", [][]*square.CatalogObject{productItems(t, "XX", 1)})

	require.NoError(t, replayErr)
	assert.Equal(t, first.IDMappings, replay.IDMappings)
	assert.Equal(t, itemVersion(first.Objects[0]), itemVersion(replay.Objects[0]))
	assert.Len(t, h.sim.CatalogItems(), 3, "the replay writes nothing")
	var e *Error
	require.ErrorAs(t, reuseErr, &e)
	assert.Equal(t, "IDEMPOTENCY_KEY_REUSED", e.Code)
	assert.False(t, e.Retryable)
	assert.False(t, IsVersionConflict(reuseErr))
	assert.Equal(t, 3, h.sim.Calls()[upsertEndpoint])
}

func TestBatchUpsertCatalogRateLimitedDuringWrite(t *testing.T) {
	h := setup(t)
	entered := make(chan struct{})
	proceed := make(chan struct{})
	h.sim.SetCatalogWriteHook(func(context.Context) {
		entered <- struct{}{}
		<-proceed
	})
	firstErr := make(chan error, 1)
	go func() {
		_, err := h.client.BatchUpsertCatalog(context.Background(), "first",
			[][]*square.CatalogObject{productItems(t, "A", 1)})
		firstErr <- err
	}()
	<-entered
	recorder := apicalls.NewRecorder()
	ctx := apicalls.WithRecorder(context.Background(), recorder)
	batches := [][]*square.CatalogObject{productItems(t, "B", 1)}

	_, upsertErr := h.client.BatchUpsertCatalog(ctx, "second", batches)
	_, deleteErr := h.client.BatchDeleteCatalog(ctx, []string{"ANY"})
	h.sim.SetCatalogWriteHook(nil)
	close(proceed)
	require.NoError(t, <-firstErr)
	_, retryErr := h.client.BatchUpsertCatalog(ctx, "second", batches)

	var e *Error
	require.ErrorAs(t, upsertErr, &e)
	assert.Equal(t, http.StatusTooManyRequests, e.Status)
	assert.True(t, e.Retryable)
	assert.True(t, IsRateLimited(upsertErr))
	assert.True(t, IsRateLimited(deleteErr))
	require.NoError(t, retryErr, "retrying with the same key succeeds")
	assert.NotNil(t, h.sim.CatalogItemBySKU("B-0000"))
	assert.ElementsMatch(t, []apicalls.Count{
		{Service: apicalls.Square, Endpoint: upsertEndpoint, Calls: 2, RateLimited: 1},
		{Service: apicalls.Square, Endpoint: deleteEndpoint, Calls: 1, RateLimited: 1},
	}, recorder.Counts())
}

func TestBatchUpsertCatalogRejectsBeforeCalling(t *testing.T) {
	h := setup(t)
	oneItem := [][]*square.CatalogObject{productItems(t, "OK", 1)}
	overBatch := [][]*square.CatalogObject{productItems(t, "OB", 501)}
	overRequest := make([][]*square.CatalogObject, 11)
	for i := range overRequest {
		overRequest[i] = productItems(t, fmt.Sprintf("R%d-", i), 500)
	}
	overRequest[10] = overRequest[10][:1]
	tests := []struct {
		name    string
		key     string
		batches [][]*square.CatalogObject
		want    string
	}{
		{"empty key", "", oneItem, "idempotency key has 0 characters"},
		{"key over 128 characters", strings.Repeat("ü", 129), oneItem, "idempotency key has 129 characters"},
		{"no batches", "k", nil, "no batches"},
		{"empty batch", "k", [][]*square.CatalogObject{{}}, "batches[0] has 0 objects"},
		{"nil object", "k", [][]*square.CatalogObject{{nil}}, "batches[0].objects[0] is nil"},
		{"1002 objects in a batch", "k", overBatch, "batches[0] has 1002 objects"},
		{"10002 objects in a request", "k", overRequest, "the batches have 10002 objects"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := h.client.BatchUpsertCatalog(context.Background(), tc.key, tc.batches)

			require.ErrorIs(t, err, ErrInvalidQuery)
			assert.Contains(t, err.Error(), tc.want)
			assert.Zero(t, h.sim.Calls()[upsertEndpoint])
		})
	}
}

func TestBatchDeleteCatalogSplitsCalls(t *testing.T) {
	h := setup(t)
	ctx := context.Background()
	var ids []string
	for start := 0; start < 450; start += 150 {
		result, err := h.client.BatchUpsertCatalog(ctx, fmt.Sprintf("seed-%d", start),
			[][]*square.CatalogObject{productItems(t, fmt.Sprintf("D%d-", start), 150)})
		require.NoError(t, err)
		for _, object := range result.Objects {
			ids = append(ids, object.Item.ID)
		}
	}

	deleted, err := h.client.BatchDeleteCatalog(ctx, append(ids, "UNKNOWN", ids[0], ""))

	require.NoError(t, err)
	assert.Len(t, deleted, 900, "450 items and their 450 variations")
	assert.Equal(t, 3, h.sim.Calls()[deleteEndpoint], "451 distinct ids in calls of 200")
	assert.Empty(t, h.sim.CatalogItems())
}

func TestListCatalogItemsPages(t *testing.T) {
	h := setup(t)
	var objects []*square.CatalogObject
	for i := range 2500 {
		object := new(square.CatalogObject)
		require.NoError(t, json.Unmarshal([]byte(fmt.Sprintf(`{"type":"ITEM","id":"ITEM%04d","item_data":{
			"name":"n","variations":[{"type":"ITEM_VARIATION","id":"VAR%04d","item_variation_data":{"sku":"S%04d"}}]}}`,
			i, i, i)), object))
		objects = append(objects, object)
	}
	objects = append(objects, &square.CatalogObject{Type: "CATEGORY",
		Category: &square.CatalogObjectCategory{ID: square.String("CAT1"), CategoryData: &square.CatalogCategory{Name: square.String("c")}}})
	require.NoError(t, h.sim.LoadCatalog(objects))
	_, err := h.client.BatchDeleteCatalog(context.Background(), []string{"ITEM0007"})
	require.NoError(t, err)

	var pages []int
	seen := map[string]bool{}
	err = h.client.ListCatalogItems(context.Background(), func(items []*square.CatalogObject) error {
		pages = append(pages, len(items))
		for _, item := range items {
			seen[item.Item.ID] = true
			assert.Len(t, item.Item.ItemData.Variations, 1)
		}
		return nil
	})

	require.NoError(t, err)
	assert.Equal(t, []int{1000, 1000, 499}, pages)
	assert.Len(t, seen, 2499)
	assert.False(t, seen["ITEM0007"], "deleted items are not listed")
	assert.Equal(t, 3, h.sim.Calls()[searchEndpoint])
}

func TestListCatalogItemsStopsOnCallbackError(t *testing.T) {
	h := setup(t)
	_, err := h.client.BatchUpsertCatalog(context.Background(), "seed",
		[][]*square.CatalogObject{productItems(t, "CB", 2)})
	require.NoError(t, err)
	stop := errors.New("stop listing")
	calls := 0

	err = h.client.ListCatalogItems(context.Background(), func([]*square.CatalogObject) error {
		calls++
		return stop
	})

	assert.Same(t, stop, err)
	assert.Equal(t, 1, calls)
}

func TestListCatalogItemsMapsFailures(t *testing.T) {
	h := setup(t)
	h.sim.SetFaults(sim.Faults{FailNext: 1, ErrorStatuses: []int{503}})

	err := h.client.ListCatalogItems(context.Background(), func([]*square.CatalogObject) error { return nil })

	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, http.StatusServiceUnavailable, e.Status)
	assert.Equal(t, searchEndpoint, e.Endpoint)
	assert.True(t, e.Retryable)
}

func TestIsVersionConflict(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"409", &Error{Status: 409, Code: "CONFLICT"}, true},
		{"VERSION_MISMATCH at 400", &Error{Status: 400, Code: "VERSION_MISMATCH"}, true},
		{"wrapped", fmt.Errorf("upsert: %w", &Error{Status: 409}), true},
		{"other 400", &Error{Status: 400, Code: "INVALID_VALUE"}, false},
		{"429", &Error{Status: 429, Code: "RATE_LIMITED"}, false},
		{"plain error", errors.New("boom"), false},
		{"nil", nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, IsVersionConflict(tc.err))
		})
	}
}
