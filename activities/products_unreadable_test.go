package activities

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/productmap"
	"github.com/stonecity/sync/report"
)

// setRecordField sets one field of record index of a product page.
func setRecordField(t *testing.T, page *productPageEnvelope, index int, field string, value any) {
	t.Helper()
	var record map[string]any
	require.NoError(t, json.Unmarshal(page.Data[index], &record))
	record[field] = value
	data, err := json.Marshal(record)
	require.NoError(t, err)
	page.Data[index] = data
}

func TestPullProductsGoesOnPastAnUnreadableRecord(t *testing.T) {
	h := newProductHarness(t)
	h.loadProducts(testCatalog(450))
	requireSinksOK(t, h.syncAll())
	// Record 11 of page 2 is product 1211.
	h.alterProductPages(func(page *productPageEnvelope) {
		if page.PageNumber == 2 {
			setRecordField(t, page, 10, "priceWholesale", "N/A")
		}
	})

	r := h.syncAll()

	requireSinksOK(t, r)
	assert.Equal(t, []report.RecordFailure{{SourceID: "1211",
		Reason: `unreadable record: field "priceWholesale": invalid decimal "N/A"`}}, r.pull.Failures)
	assert.Equal(t, 450, r.pull.Read)
	assert.Zero(t, r.pull.Removals, "an unreadable product is still listed, so it is not removed")
	products := h.hubSpotProducts()
	assert.Len(t, products, 450, "HubSpot products")
	assert.Len(t, products["1211"], 1, "product 1211 stays in HubSpot")
	assert.Zero(t, r.square.Deleted, "Square deletions")
	assert.Zero(t, r.mirror.Deleted, "mirror deletions")
	assert.Equal(t, 450, r.mirror.Unchanged, "mirror documents left as they are")
	objects := h.mirrorObjects()
	assert.Contains(t, objects, productmap.MirrorKey("GRN-0210-3CM"), "product 1211 stays on the website")
	index, err := productmap.ParseMirrorIndex(objects[productmap.MirrorIndexKey])
	require.NoError(t, err)
	assert.Len(t, index, 450, "the index still lists product 1211")
}

func TestPullProductsHoldsRemovalsWhenAnIDIsUnreadable(t *testing.T) {
	h := newProductHarness(t)
	h.loadProducts(testCatalog(450))
	requireSinksOK(t, h.syncAll())
	require.NoError(t, h.sps.DeleteProduct(1400))
	h.alterProductPages(func(page *productPageEnvelope) {
		if page.PageNumber == 1 {
			setRecordField(t, page, 2, "id", "P-1003")
		}
	})

	held := h.syncAll()

	requireSinksOK(t, held)
	require.Len(t, held.pull.Failures, 1)
	assert.Equal(t, "page 1, record 3", held.pull.Failures[0].SourceID)
	assert.Contains(t, held.pull.Failures[0].Reason, `unreadable record without a readable id: field "id"`)
	assert.Zero(t, held.pull.Removals, "removals")
	assert.Equal(t, 2, held.pull.RemovalsHeld, "products 1003, whose id is unreadable, and 1400 are held")
	assert.Contains(t, held.pull.RemovalsHeldReason, "SPS listed records whose id cannot be read (1)")
	assert.Len(t, h.hubSpotProducts()["1003"], 1, "product 1003 stays in HubSpot")
	assert.Len(t, h.hubSpotProducts()["1400"], 1, "product 1400 stays in HubSpot while an id is unreadable")
	assert.Zero(t, held.mirror.Deleted, "mirror deletions")
	objects := h.mirrorObjects()
	assert.Contains(t, objects, productmap.MirrorKey("GRN-0002-3CM"), "product 1003 stays in the mirror")
	assert.Contains(t, objects, productmap.MirrorKey("GRN-0399-3CM"), "product 1400 stays in the mirror")
	index, err := productmap.ParseMirrorIndex(objects[productmap.MirrorIndexKey])
	require.NoError(t, err)
	assert.Len(t, index, 450, "mirror index entries")

	h.spsTraffic.setHook(nil)
	fixed := h.syncAll()

	requireSinksOK(t, fixed)
	assert.Empty(t, fixed.pull.Failures)
	assert.Equal(t, 1, fixed.pull.Removals, "product 1400 is removed once every id is readable")
	products := h.hubSpotProducts()
	assert.Len(t, products, 449, "HubSpot products")
	assert.Empty(t, products["1400"], "product 1400")
}

func TestPullProductsCountsARepeatedUnreadableRecordOnce(t *testing.T) {
	h := newProductHarness(t)
	h.loadProducts(testCatalog(450))
	requireSinksOK(t, h.syncAll())
	recorded := h.storedRecord()
	// Record 200 of page 1, product 1200 with an unreadable id, comes
	// again first on page 2 in place of product 1201, as when records
	// move between pages.
	var repeated json.RawMessage
	h.alterProductPages(func(page *productPageEnvelope) {
		switch page.PageNumber {
		case 1:
			setRecordField(t, page, 199, "id", "P-1200")
			repeated = page.Data[199]
		case 2:
			page.Data[0] = repeated
		}
	})

	run := h.execute(h.acts.PullProducts, PullProductsInput{SnapshotPrefix: "product-sync/test/repeat"}, nil, nil)

	require.Error(t, run.err, "product 1201 was never read")
	assert.Contains(t, run.err.Error(), "read 449 distinct products but totalCount is 450")
	assert.Equal(t, recorded, h.storedRecord(), "stored record")
}
