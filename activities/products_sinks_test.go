package activities

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/productmap"
	"github.com/stonecity/sync/sandbox/objectstore"
)

// sinkCatalogSize is the number of products of the sink tests. Product
// 1008 is inactive and one more record duplicates product 1001's SKU, so
// there are sinkCatalogSize-1 active keys.
const sinkCatalogSize = 300

func sinkCatalog() []sps.Product {
	products := testCatalog(sinkCatalogSize)
	products[7].Status = "Inactive"
	duplicate := testSPSProduct(9003, "grn-0000-3cm", "Granite duplicate", "10.11", "12.13")
	duplicate.ModifiedDate = sps.NewTime(testModified.AddDate(0, -1, 0))
	return append(products, duplicate)
}

// squareItemsByKey lists the Square catalog and maps each variation SKU
// key to the ids of the items that carry it.
func (h *productHarness) squareItemsByKey() map[string][]string {
	h.t.Helper()
	out := map[string][]string{}
	err := h.squareClient.ListCatalogItems(context.Background(), func(items []*square.CatalogObject) error {
		for _, obj := range items {
			for _, v := range obj.GetItem().GetItemData().GetVariations() {
				key := productmap.Key(deref(v.GetItemVariation().GetItemVariationData().GetSku()))
				out[key] = append(out[key], obj.GetItem().GetID())
			}
		}
		return nil
	})
	require.NoError(h.t, err)
	return out
}

// requireSinksOK fails the test when any sink failed.
func requireSinksOK(t testing.TB, r round) {
	t.Helper()
	require.NoError(t, r.hubErr, "HubSpot sink")
	require.NoError(t, r.sqErr, "Square sink")
	require.NoError(t, r.s3Err, "mirror sink")
}

func TestProductSinksCreateOnePerActiveKey(t *testing.T) {
	h := newProductHarness(t)
	h.loadProducts(sinkCatalog())
	active := sinkCatalogSize - 1

	r := h.syncAll()

	requireSinksOK(t, r)
	for _, res := range []SinkResult{r.hubspot, r.square, r.mirror} {
		assert.Equal(t, active, res.Created, "%s created", res.Sink)
		assert.Zero(t, res.Updated, "%s updated", res.Sink)
		assert.Zero(t, res.Deleted, "%s deleted", res.Sink)
		assert.Empty(t, res.Failures, "%s failures", res.Sink)
	}

	products := h.hubSpotProducts()
	assert.Len(t, products, active, "HubSpot products")
	assert.Len(t, products["1001"], 1, "HubSpot products of the kept duplicate")
	assert.NotContains(t, products, "9003", "HubSpot product of the losing duplicate")
	assert.NotContains(t, products, "1008", "HubSpot product of the inactive SKU")

	items := h.squareItemsByKey()
	assert.Len(t, items, active, "Square keys")
	assert.Len(t, items["GRN-0000-3CM"], 1, "Square items of the duplicated key")
	assert.NotContains(t, items, "GRN-0007-3CM", "Square item of the inactive SKU")

	objects := h.mirrorObjects()
	assert.Len(t, objects, active+1, "mirror objects with the index")
	assert.Contains(t, objects, productmap.MirrorIndexKey)
	assert.NotContains(t, objects, productmap.MirrorKey("GRN-0007-3CM"))
}

func TestProductSinksRerunWritesNothing(t *testing.T) {
	h := newProductHarness(t)
	h.loadProducts(sinkCatalog())
	requireSinksOK(t, h.syncAll())
	hubWrites, squareWrites, mirrorWrites := h.hubSpotWrites(), h.squareTraffic.writes(), h.mirrorTraffic.writes()

	r := h.syncAll()

	requireSinksOK(t, r)
	assert.Equal(t, hubWrites, h.hubSpotWrites(), "HubSpot writes")
	assert.Equal(t, squareWrites, h.squareTraffic.writes(), "Square writes")
	assert.Equal(t, mirrorWrites, h.mirrorTraffic.writes(), "mirror writes")
	for _, res := range []SinkResult{r.hubspot, r.square, r.mirror} {
		assert.Zero(t, res.Created, "%s created", res.Sink)
		assert.Zero(t, res.Updated, "%s updated", res.Sink)
		assert.Zero(t, res.Deleted, "%s deleted", res.Sink)
		assert.Equal(t, sinkCatalogSize-1, res.Unchanged, "%s unchanged", res.Sink)
		assert.Empty(t, res.Objects, "%s objects", res.Sink)
	}
}

func TestProductSinksFollowUpstreamChanges(t *testing.T) {
	tests := []struct {
		name   string
		change func(p []sps.Product) []sps.Product
		want   SinkResult
		// absentKey is a key no sink may hold after the change.
		absentKey string
		// priceOnly marks a change the mirror, which has no prices, does
		// not see.
		priceOnly bool
	}{
		{
			name:   "renamed product",
			change: func(p []sps.Product) []sps.Product { p[2].Name = "Granite renamed"; return p },
			want:   SinkResult{Updated: 1, Unchanged: sinkCatalogSize - 2},
		},
		{
			name:      "price change",
			change:    func(p []sps.Product) []sps.Product { p[3].PriceContractor = sps.MustDecimal("99.17"); return p },
			want:      SinkResult{Updated: 1, Unchanged: sinkCatalogSize - 2},
			priceOnly: true,
		},
		{
			name:      "product made inactive",
			change:    func(p []sps.Product) []sps.Product { p[4].Status = "Inactive"; return p },
			want:      SinkResult{Deleted: 1, Unchanged: sinkCatalogSize - 2},
			absentKey: "GRN-0004-3CM",
		},
		{
			name: "new product",
			change: func(p []sps.Product) []sps.Product {
				return append(p, testSPSProduct(5000, "NEW-1", "New slab", "10.41", "12.43"))
			},
			want: SinkResult{Created: 1, Unchanged: sinkCatalogSize - 1},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newProductHarness(t)
			h.loadProducts(sinkCatalog())
			requireSinksOK(t, h.syncAll())
			h.loadProducts(tc.change(sinkCatalog()))

			r := h.syncAll()

			requireSinksOK(t, r)
			if tc.priceOnly {
				assert.Zero(t, r.mirror.Updated, "mirror updated")
				assert.Equal(t, sinkCatalogSize-1, r.mirror.Unchanged, "mirror unchanged")
			}
			for _, res := range []SinkResult{r.hubspot, r.square, r.mirror} {
				if tc.priceOnly && res.Sink == SinkMirror {
					continue
				}
				assert.Equal(t, tc.want.Created, res.Created, "%s created", res.Sink)
				assert.Equal(t, tc.want.Updated, res.Updated, "%s updated", res.Sink)
				assert.Equal(t, tc.want.Deleted, res.Deleted, "%s deleted", res.Sink)
				assert.Equal(t, tc.want.Unchanged, res.Unchanged, "%s unchanged", res.Sink)
			}
			if tc.absentKey != "" {
				assert.NotContains(t, h.squareItemsByKey(), tc.absentKey, "Square")
				assert.NotContains(t, h.mirrorObjects(), productmap.MirrorKey(tc.absentKey), "mirror")
				assert.NotContains(t, h.hubSpotProducts(), "1005", "HubSpot")
			}
		})
	}
}

func TestProductHubSpotSinkArchivesReplacedDuplicate(t *testing.T) {
	h := newProductHarness(t)
	h.loadProducts(testCatalog(5))
	requireSinksOK(t, h.syncAll())
	// Product 7000 takes over the key of product 1001 with a later
	// modifiedDate, so 1001 becomes the duplicate.
	winner := testSPSProduct(7000, "grn-0000-3cm", "Granite successor", "10.11", "12.13")
	winner.ModifiedDate = sps.NewTime(testModified.AddDate(0, 0, 1))
	h.loadProducts(append(testCatalog(5), winner))

	r := h.syncAll()

	requireSinksOK(t, r)
	products := h.hubSpotProducts()
	assert.NotContains(t, products, "1001", "replaced product")
	assert.Len(t, products["7000"], 1, "successor")
	assert.Len(t, products, 5, "HubSpot products")
	assert.Equal(t, 1, r.hubspot.Created, "created")
	assert.Equal(t, 1, r.hubspot.Deleted, "archived")
	assert.Equal(t, 1, r.square.Updated, "Square item taken over")
	assert.Len(t, h.squareItemsByKey()["GRN-0000-3CM"], 1, "Square items of the key")
}

func TestProductHubSpotSinkResumesAfterFailedBatch(t *testing.T) {
	h := newProductHarness(t)
	h.loadProducts(testCatalog(250))
	pull := h.pull()
	in := SinkInput{Snapshot: pull.Snapshot, SyncKind: "product-sync"}

	// The second batch read fails with a 503 after the first batch was
	// written.
	reads := 0
	h.hubTraffic.setHook(func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != "/crm/v3/objects/products/batch/read" {
			return false
		}
		reads++
		if reads != 2 {
			return false
		}
		w.WriteHeader(http.StatusServiceUnavailable)
		return true
	})
	first := h.execute(h.acts.SyncHubSpotProducts, in, nil, nil)
	require.Error(t, first.err, "first attempt")
	require.NotNil(t, first.heartbeat, "first attempt heartbeat")

	var res SinkResult
	second := h.execute(h.acts.SyncHubSpotProducts, in, first.heartbeat, &res)

	require.NoError(t, second.err)
	assert.Equal(t, 250, res.Created, "created over both attempts")
	assert.Zero(t, res.Unchanged, "unchanged")
	assert.Len(t, h.hubSpotProducts(), 250, "HubSpot products")
	assert.Equal(t, 3, h.hub.Calls()["POST /crm/v3/objects/products/batch/read"],
		"batch reads served: one in the first attempt, two in the second")
}

// BenchmarkProductSinks measures one full product sync of 2,000 products
// into empty sinks, then a rerun that writes nothing.
func BenchmarkProductSinks(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		h := newProductHarness(b)
		h.loadProducts(testCatalog(2000))
		b.StartTimer()

		requireSinksOK(b, h.syncAll())
		requireSinksOK(b, h.syncAll())
	}
}

func TestProductSyncLeaksNoSecret(t *testing.T) {
	h := newProductHarness(t)
	h.loadProducts(testCatalog(20))
	h.mirror.SetWriteFaults(objectstore.WriteFaults{FailNext: 1000})
	h.hubTraffic.setHook(func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != "/crm/v3/objects/products/batch/upsert" {
			return false
		}
		w.WriteHeader(http.StatusBadGateway)
		return true
	})

	r := h.syncAll()

	require.Error(t, r.hubErr, "HubSpot sink")
	require.Error(t, r.s3Err, "mirror sink")
	results, err := json.Marshal(r)
	require.NoError(t, err)
	texts := map[string]string{
		"results":       string(results),
		"logs":          h.logs.String(),
		"HubSpot error": r.hubErr.Error(),
		"mirror error":  r.s3Err.Error(),
	}
	for name, text := range texts {
		for _, secret := range []string{testHubSpotToken, testSquareToken, testS3Secret,
			testSPSPassword, testSPSAuthorizedNumber} {
			assert.NotContains(t, text, secret, "%s", name)
		}
	}
}
