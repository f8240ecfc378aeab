package activities

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/productmap"
)

// Log messages of the removals, as the sinks write them.
const (
	hubSpotRemovalLog = "Archived the HubSpot product of a product SPS no longer lists"
	squareRemovalLog  = "Deleted the Square item of a removed product"
)

// logLines returns the harness's log lines that contain message.
func (h *productHarness) logLines(message string) []string {
	var out []string
	for _, line := range strings.Split(h.logs.String(), "\n") {
		if strings.Contains(line, message) {
			out = append(out, line)
		}
	}
	return out
}

// storedRecord returns the record at ProductSyncedRecordKey.
func (h *productHarness) storedRecord() []productmap.SyncedProduct {
	h.t.Helper()
	objects, err := h.snapshot.Objects(testSnapshotBucket)
	require.NoError(h.t, err)
	body, ok := objects[ProductSyncedRecordKey]
	require.True(h.t, ok, "record %s missing", ProductSyncedRecordKey)
	var rec syncedRecord
	require.NoError(h.t, json.Unmarshal(body, &rec))
	return rec.Products
}

func TestProductRemovalDeletedOutright(t *testing.T) {
	h := newProductHarness(t)
	h.loadProducts(testCatalog(5))
	requireSinksOK(t, h.syncAll())
	require.NoError(t, h.sps.DeleteProduct(1003))

	r := h.syncAll()

	requireSinksOK(t, r)
	assert.Equal(t, 1, r.pull.Removals, "removals")
	for _, res := range []SinkResult{r.hubspot, r.square, r.mirror} {
		assert.Equal(t, 1, res.Deleted, "%s deleted", res.Sink)
		assert.Zero(t, res.Created, "%s created", res.Sink)
		assert.Zero(t, res.Updated, "%s updated", res.Sink)
		assert.Equal(t, 4, res.Unchanged, "%s unchanged", res.Sink)
	}
	assert.NotContains(t, h.hubSpotProducts(), "1003", "HubSpot")
	assert.NotContains(t, h.squareItemsByKey(), "GRN-0002-3CM", "Square")
	assert.NotContains(t, h.mirrorObjects(), productmap.MirrorKey("GRN-0002-3CM"), "mirror")
	assert.Len(t, h.hubSpotProducts(), 4, "HubSpot products left")
	assert.Len(t, h.squareItemsByKey(), 4, "Square keys left")

	hubLines := h.logLines(hubSpotRemovalLog)
	require.Len(t, hubLines, 1, "HubSpot removal log")
	assert.Contains(t, hubLines[0], "spsProductID=1003")
	assert.Contains(t, hubLines[0], "sku=GRN-0002-3CM")
	squareLines := h.logLines(squareRemovalLog)
	require.Len(t, squareLines, 1, "Square removal log")
	assert.Contains(t, squareLines[0], "spsProductID=1003")
	assert.Contains(t, squareLines[0], "sku=GRN-0002-3CM")
}

func TestProductRemovalRenamedSKU(t *testing.T) {
	h := newProductHarness(t)
	h.loadProducts(testCatalog(5))
	requireSinksOK(t, h.syncAll())
	renamed := testCatalog(5)
	renamed[1].SKU = "GRN-RENAMED-3CM"
	h.loadProducts(renamed)

	r := h.syncAll()

	requireSinksOK(t, r)
	assert.Equal(t, 1, r.pull.Removals, "removals")
	assert.Equal(t, 1, r.hubspot.Updated, "HubSpot updates the product by sps_id")
	assert.Zero(t, r.hubspot.Deleted, "HubSpot deleted")
	assert.Equal(t, 1, r.square.Created, "Square item of the new SKU")
	assert.Equal(t, 1, r.square.Deleted, "Square item of the old SKU")
	assert.Equal(t, 1, r.mirror.Created, "mirror document of the new SKU")
	assert.Equal(t, 1, r.mirror.Deleted, "mirror document of the old SKU")

	products := h.hubSpotProducts()
	require.Len(t, products["1002"], 1, "HubSpot products of 1002")
	assert.Len(t, products, 5, "HubSpot products")
	items := h.squareItemsByKey()
	assert.NotContains(t, items, "GRN-0001-3CM", "Square item of the old SKU")
	assert.Len(t, items["GRN-RENAMED-3CM"], 1, "Square items of the new SKU")
	assert.NotContains(t, h.mirrorObjects(), productmap.MirrorKey("GRN-0001-3CM"), "mirror")
	assert.Empty(t, h.logLines(hubSpotRemovalLog), "HubSpot removal log")
	squareLines := h.logLines(squareRemovalLog)
	require.Len(t, squareLines, 1, "Square removal log")
	assert.Contains(t, squareLines[0], "spsProductID=1002")
	assert.Contains(t, squareLines[0], "sku=GRN-0001-3CM")
}

func TestProductRemovalKeepsKeyTakenByActiveProduct(t *testing.T) {
	h := newProductHarness(t)
	h.loadProducts(testCatalog(5))
	requireSinksOK(t, h.syncAll())
	oldItem := h.squareItem("GRN-0001-3CM").GetItem().GetID()
	swapped := testCatalog(5)
	swapped[1].SKU = "GRN-RENAMED-3CM"
	swapped[2].SKU = "GRN-0001-3CM"
	h.loadProducts(swapped)

	r := h.syncAll()

	requireSinksOK(t, r)
	assert.Equal(t, 2, r.pull.Removals, "both products changed key")
	assert.Equal(t, 1, r.square.Deleted, "only the item of the key no product has now")
	assert.Equal(t, oldItem, h.squareItem("GRN-0001-3CM").GetItem().GetID(),
		"the item of the taken key is kept and updated")
	assert.Equal(t, "Granite 2", h.squareItemName("GRN-0001-3CM"))
	items := h.squareItemsByKey()
	assert.Len(t, items["GRN-RENAMED-3CM"], 1, "Square items of the new SKU")
	assert.NotContains(t, items, "GRN-0002-3CM", "Square item of product 1003's old SKU")
	lines := h.logLines(squareRemovalLog)
	require.Len(t, lines, 1, "Square removal log")
	assert.Contains(t, lines[0], "spsProductID=1003")
	assert.Contains(t, lines[0], "sku=GRN-0002-3CM")
}

func TestProductRemovalKeepsStoreEditedItem(t *testing.T) {
	h := newProductHarness(t)
	h.loadProducts(testCatalog(5))
	requireSinksOK(t, h.syncAll())
	h.editSquareItemName("GRN-0002-3CM", "Granite 2 (counter display)")
	require.NoError(t, h.sps.DeleteProduct(1003))

	r := h.syncAll()

	requireSinksOK(t, r)
	assert.Equal(t, 1, r.hubspot.Deleted, "HubSpot deleted")
	assert.Zero(t, r.square.Deleted, "Square deleted")
	assert.Equal(t, "Granite 2 (counter display)", h.squareItemName("GRN-0002-3CM"))
}

func TestProductRemovalInactiveAndRenamed(t *testing.T) {
	h := newProductHarness(t)
	h.loadProducts(testCatalog(5))
	requireSinksOK(t, h.syncAll())
	changed := testCatalog(5)
	changed[3].Status = "Inactive"
	changed[3].Name = "Granite 3 discontinued"
	h.loadProducts(changed)

	r := h.syncAll()

	requireSinksOK(t, r)
	assert.Equal(t, 1, r.square.Deleted, "Square deleted")
	assert.NotContains(t, h.squareItemsByKey(), "GRN-0003-3CM", "Square")
	assert.NotContains(t, h.hubSpotProducts(), "1004", "HubSpot")
}

func TestProductRemovalSurvivesFailedSink(t *testing.T) {
	h := newProductHarness(t)
	h.loadProducts(testCatalog(5))
	requireSinksOK(t, h.syncAll())
	require.NoError(t, h.sps.DeleteProduct(1003))
	h.squareTraffic.setHook(func(w http.ResponseWriter, r *http.Request) bool {
		if !strings.HasSuffix(r.URL.Path, "/batch-delete") {
			return false
		}
		writeSquareError(w, http.StatusUnauthorized, "AUTHENTICATION_ERROR", "UNAUTHORIZED")
		return true
	})

	failed := h.syncAll()

	require.Error(t, failed.sqErr, "Square sink")
	assert.Equal(t, 1, failed.hubspot.Deleted, "HubSpot deleted")
	assert.Contains(t, h.squareItemsByKey(), "GRN-0002-3CM", "Square item after the failed delete")
	ids := map[int64]bool{}
	for _, rec := range h.storedRecord() {
		ids[rec.ID] = true
	}
	assert.True(t, ids[1003], "the merged record keeps the deleted product")

	h.squareTraffic.setHook(nil)
	r := h.syncAll()

	requireSinksOK(t, r)
	assert.Equal(t, 1, r.square.Deleted, "Square deleted on the next run")
	assert.Zero(t, r.hubspot.Deleted, "HubSpot has nothing left to archive")
	assert.NotContains(t, h.squareItemsByKey(), "GRN-0002-3CM", "Square")
	assert.Len(t, h.storedRecord(), 4, "the record is replaced once every sink succeeded")
}

func TestProductRemovalNeedsRecord(t *testing.T) {
	h := newProductHarness(t)
	h.loadProducts(testCatalog(5))
	requireSinksOK(t, h.syncAll())
	require.NoError(t, h.acts.Snapshots.DeleteKeys(context.Background(), []string{ProductSyncedRecordKey}))
	require.NoError(t, h.sps.DeleteProduct(1003))

	r := h.syncAll()

	requireSinksOK(t, r)
	assert.Zero(t, r.pull.Removals, "removals")
	assert.Zero(t, r.hubspot.Deleted, "HubSpot deleted")
	assert.Zero(t, r.square.Deleted, "Square deleted")
	assert.Contains(t, h.hubSpotProducts(), "1003", "HubSpot keeps the product without a record")
}

func TestProductRemovalRerunWritesNothing(t *testing.T) {
	h := newProductHarness(t)
	h.loadProducts(testCatalog(5))
	requireSinksOK(t, h.syncAll())
	require.NoError(t, h.sps.DeleteProduct(1003))
	requireSinksOK(t, h.syncAll())
	hubWrites, squareWrites, mirrorWrites := h.hubSpotWrites(), h.squareTraffic.writes(), h.mirrorTraffic.writes()

	r := h.syncAll()

	requireSinksOK(t, r)
	assert.Zero(t, r.pull.Removals, "removals")
	assert.Equal(t, hubWrites, h.hubSpotWrites(), "HubSpot writes")
	assert.Equal(t, squareWrites, h.squareTraffic.writes(), "Square writes")
	assert.Equal(t, mirrorWrites, h.mirrorTraffic.writes(), "mirror writes")
}
