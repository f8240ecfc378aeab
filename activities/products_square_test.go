package activities

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"
)

// squareErrorBody is a Square error envelope with one error.
func squareErrorBody(category, code, detail string) string {
	return `{"errors":[{"category":"` + category + `","code":"` + code + `","detail":"` + detail + `"}]}`
}

// writeSquareError replies to a request with a Square error.
func writeSquareError(w http.ResponseWriter, status int, category, code string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, squareErrorBody(category, code, "injected by the test"))
}

func TestProductSquareSinkRecoversFromVersionConflict(t *testing.T) {
	h := newProductHarness(t)
	h.loadProducts(testCatalog(5))
	requireSinksOK(t, h.syncAll())
	changed := testCatalog(5)
	changed[2].Name = "Granite renamed"
	h.loadProducts(changed)
	pull := h.pull()
	before := len(h.squareTraffic.upsertKeys())

	// Before the sink's first write, someone edits the item in Square,
	// so the version the sink listed is stale.
	var armed atomic.Bool
	armed.Store(true)
	h.squareTraffic.setHook(func(_ http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path == squareUpsertPath && armed.Swap(false) {
			h.editSquareItemName("GRN-0002-3CM", "Edited in Square")
		}
		return false
	})

	res, err := h.sink(h.acts.SyncSquareCatalog, pull.Snapshot)

	require.NoError(t, err)
	assert.Equal(t, 1, res.Updated, "updated")
	keys := h.squareTraffic.upsertKeys()[before:]
	require.Len(t, keys, 3, "upserts: the conflict, the edit and the retry")
	assert.Equal(t, "edit-GRN-0002-3CM", keys[1], "the edit between the sink's upserts")
	assert.NotEqual(t, keys[0], keys[2], "idempotency key after the re-list")
	assert.Equal(t, "Granite renamed", h.squareItemName("GRN-0002-3CM"))
}

func TestProductSquareSinkRetries429WithSameKey(t *testing.T) {
	h := newProductHarness(t)
	h.loadProducts(testCatalog(5))
	pull := h.pull()
	in := SinkInput{Snapshot: pull.Snapshot, SyncKind: "product-sync"}
	var armed atomic.Bool
	armed.Store(true)
	h.squareTraffic.setHook(func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != squareUpsertPath || !armed.Swap(false) {
			return false
		}
		writeSquareError(w, http.StatusTooManyRequests, "RATE_LIMIT_ERROR", "RATE_LIMITED")
		return true
	})

	first := h.execute(h.acts.SyncSquareCatalog, in, nil, nil)
	var appErr *temporal.ApplicationError
	require.ErrorAs(t, first.err, &appErr, "first attempt")
	assert.Equal(t, ErrorTypeRateLimited, appErr.Type())
	assert.False(t, appErr.NonRetryable(), "retryable")
	var res SinkResult
	second := h.execute(h.acts.SyncSquareCatalog, in, first.heartbeat, &res)

	require.NoError(t, second.err)
	assert.Equal(t, 5, res.Created, "created")
	keys := h.squareTraffic.upsertKeys()
	require.Len(t, keys, 2, "upserts")
	assert.Equal(t, keys[0], keys[1], "idempotency key of the retry")
}

func TestProductSquareSinkLostResponseCreatesNoDuplicate(t *testing.T) {
	h := newProductHarness(t)
	h.loadProducts(testCatalog(5))
	pull := h.pull()
	in := SinkInput{Snapshot: pull.Snapshot, SyncKind: "product-sync"}
	// Square applies the first write but the client gets a 429, as in
	// the field report of a partly applied RATE_LIMITED batch.
	var armed atomic.Bool
	armed.Store(true)
	h.squareTraffic.setHook(func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != squareUpsertPath || !armed.Swap(false) {
			return false
		}
		h.square.ServeHTTP(httptest.NewRecorder(), r)
		writeSquareError(w, http.StatusTooManyRequests, "RATE_LIMIT_ERROR", "RATE_LIMITED")
		return true
	})

	first := h.execute(h.acts.SyncSquareCatalog, in, nil, nil)
	require.Error(t, first.err, "first attempt")
	second := h.execute(h.acts.SyncSquareCatalog, in, first.heartbeat, nil)

	require.NoError(t, second.err)
	items := h.squareItemsByKey()
	assert.Len(t, items, 5, "keys")
	for key, ids := range items {
		assert.Len(t, ids, 1, "items of %s", key)
	}
	assert.Len(t, h.squareTraffic.upsertKeys(), 1, "upserts: the retry found nothing to write")
}

func TestProductSquareSinkIsolatesRejectedItem(t *testing.T) {
	h := newProductHarness(t)
	catalog := testCatalog(9)
	catalog[4].SKU = "REJECT-ME"
	h.loadProducts(catalog)
	pull := h.pull()
	h.squareTraffic.setHook(func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != squareUpsertPath {
			return false
		}
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		if !bytes.Contains(body, []byte("REJECT-ME")) {
			return false
		}
		writeSquareError(w, http.StatusBadRequest, "INVALID_REQUEST_ERROR", "INVALID_VALUE")
		return true
	})

	res, err := h.sink(h.acts.SyncSquareCatalog, pull.Snapshot)

	require.NoError(t, err)
	assert.Equal(t, 8, res.Created, "created")
	require.Len(t, res.Failures, 1, "failures")
	assert.Equal(t, "1005", res.Failures[0].SourceID)
	assert.Contains(t, res.Failures[0].Reason, "INVALID_VALUE")
	assert.Len(t, h.squareItemsByKey(), 8, "Square keys")
}

// editSquareItemName renames the item of key through the Square API, as
// a person editing the catalog does; Square gives it a new version.
func (h *productHarness) editSquareItemName(key, name string) {
	h.t.Helper()
	item := h.squareItem(key)
	item.Item.ItemData.Name = square.String(name)
	_, err := h.squareClient.BatchUpsertCatalog(context.Background(), "edit-"+key,
		[][]*square.CatalogObject{{item}})
	require.NoError(h.t, err)
}

// squareItemName returns the name of the item of key.
func (h *productHarness) squareItemName(key string) string {
	h.t.Helper()
	return deref(h.squareItem(key).GetItem().GetItemData().GetName())
}

// squareItem returns the one listed item whose variation SKU is key.
func (h *productHarness) squareItem(key string) *square.CatalogObject {
	h.t.Helper()
	catalog := newSquareCatalog()
	require.NoError(h.t, h.squareClient.ListCatalogItems(context.Background(),
		func(items []*square.CatalogObject) error {
			catalog.add(items)
			return nil
		}))
	entries := catalog.byKey[key]
	require.Len(h.t, entries, 1, "items of %s", key)
	return entries[0].item
}

// sharedSquareItem returns a store-managed item with one variation per
// SKU, each priced at one dollar.
func sharedSquareItem(name string, skus ...string) *square.CatalogObject {
	var variations []*square.CatalogObject
	for i, sku := range skus {
		variations = append(variations, &square.CatalogObject{ItemVariation: &square.CatalogObjectItemVariation{
			ID: fmt.Sprintf("SHARED-VAR-%d", i),
			ItemVariationData: &square.CatalogItemVariation{
				ItemID: square.String("SHARED-ITEM"), Name: square.String("Store name " + sku),
				Sku: square.String(sku), PricingType: square.CatalogPricingTypeFixedPricing.Ptr(),
				PriceMoney: &square.Money{Amount: square.Int64(100), Currency: square.CurrencyUsd.Ptr()},
			},
		}})
	}
	return &square.CatalogObject{Item: &square.CatalogObjectItem{
		ID:       "SHARED-ITEM",
		ItemData: &square.CatalogItem{Name: square.String(name), Variations: variations},
	}}
}

func TestSquareSinkSharedItem(t *testing.T) {
	h := newProductHarness(t)
	catalog := testCatalog(4)
	require.NoError(t, h.square.LoadCatalog([]*square.CatalogObject{
		sharedSquareItem("Store slab bundle", "GRN-0000-3CM", "grn-0001-3cm", "NOT-IN-SPS"),
	}))
	h.loadProducts(catalog)
	pull := h.pull()
	before := len(h.squareTraffic.upsertKeys())

	res, err := h.sink(h.acts.SyncSquareCatalog, pull.Snapshot)

	require.NoError(t, err)
	assert.Equal(t, 2, res.Created, "own items of the two products the shared item lacks")
	assert.Equal(t, 2, res.Updated, "variations of the shared item")
	assert.Len(t, h.squareTraffic.upsertKeys()[before:], 1, "upsert calls")
	shared := h.square.CatalogItemBySKU("NOT-IN-SPS")
	require.NotNil(t, shared)
	data := shared.GetItem().GetItemData()
	assert.Equal(t, "Store slab bundle", deref(data.GetName()), "the store's item name")
	prices := map[string]int64{}
	for _, v := range data.GetVariations() {
		vd := v.GetItemVariation().GetItemVariationData()
		prices[deref(vd.GetSku())] = *vd.GetPriceMoney().GetAmount()
		assert.Equal(t, "Store name "+deref(vd.GetSku()), deref(vd.GetName()), "the store's variation name")
	}
	assert.Equal(t, map[string]int64{"GRN-0000-3CM": 6013, "grn-0001-3cm": 6114, "NOT-IN-SPS": 100}, prices)

	again, err := h.sink(h.acts.SyncSquareCatalog, pull.Snapshot)

	require.NoError(t, err)
	assert.Zero(t, again.Created+again.Updated+again.Deleted, "writes on the rerun")
	assert.Equal(t, 4, again.Unchanged, "unchanged")
}

func TestSquareSinkKeepsStoreItem(t *testing.T) {
	h := newProductHarness(t)
	catalog := testCatalog(3)
	catalog[1].Status = "Inactive"
	require.NoError(t, h.square.LoadCatalog([]*square.CatalogObject{
		sharedSquareItem("Store remnant", "GRN-0001-3CM"),
	}))
	h.loadProducts(catalog)
	pull := h.pull()

	res, err := h.sink(h.acts.SyncSquareCatalog, pull.Snapshot)

	require.NoError(t, err)
	assert.Zero(t, res.Deleted, "deleted")
	assert.NotNil(t, h.square.CatalogItemBySKU("GRN-0001-3CM"), "the store's item")
}
