package activities

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"

	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/productmap"
	"github.com/stonecity/sync/report"
)

// messyCatalog returns 1,050 valid products (1,001 to 2,050), one of them
// inactive, plus two invalid records and a duplicate of product 1001's
// SKU, so the snapshot spans two pages.
func messyCatalog() []sps.Product {
	products := testCatalog(1050)
	products[5].Status = "Inactive"
	emptySKU := testSPSProduct(9001, "  ", "No SKU", "10.11", "12.13")
	emptyName := testSPSProduct(9002, "NONAME-1", "", "10.11", "12.13")
	// Same key as product 1001 ("GRN-0000-3CM"), modified earlier, so it
	// loses.
	duplicate := testSPSProduct(9003, " grn-0000-3cm", "Granite duplicate", "10.11", "12.13")
	duplicate.ModifiedDate = sps.NewTime(testModified.AddDate(0, -1, 0))
	return append(products, emptySKU, emptyName, duplicate)
}

func TestPullProductsWritesSnapshotPages(t *testing.T) {
	h := newProductHarness(t)
	h.loadProducts(messyCatalog())

	res := h.pull()

	assert.Equal(t, 1053, res.Read, "read")
	assert.Equal(t, 1049, res.Active, "active")
	assert.Equal(t, 1, res.Inactive, "inactive")
	assert.Equal(t, SnapshotRef{Prefix: "product-sync/test/run-1", Pages: 2, Products: 1050}, res.Snapshot)
	assert.Equal(t, []report.RecordFailure{
		{SourceID: "9001", Reason: "invalid sku: " + fieldReason(t, 9001, "  ", "No SKU")},
		{SourceID: "9002", Reason: "invalid name: " + fieldReason(t, 9002, "NONAME-1", "")},
	}, res.Failures)
	assert.Equal(t, []report.ReasonCount{{Reason: skipDuplicateSKU, Count: 1}}, res.SkipReasons)
	assert.NotEmpty(t, res.APICalls, "api calls")

	objects, err := h.snapshot.Objects(testSnapshotBucket)
	require.NoError(t, err)
	assert.Len(t, objects, 6,
		"snapshot objects: two pages, retired ids, removals, the next record and the failed keys")
	assert.JSONEq(t, "[]", string(objects["product-sync/test/run-1/failed-keys.json"]),
		"no failed keys without an earlier record")
	var first, second []productmap.Product
	require.NoError(t, json.Unmarshal(objects["product-sync/test/run-1/page-0001.json"], &first))
	require.NoError(t, json.Unmarshal(objects["product-sync/test/run-1/page-0002.json"], &second))
	assert.Len(t, first, 1000, "first page")
	assert.Len(t, second, 50, "second page")
	assert.JSONEq(t, "[9003]", string(objects["product-sync/test/run-1/retired.json"]), "retired ids")
	assert.JSONEq(t, "[]", string(objects["product-sync/test/run-1/removals.json"]), "removals without a record")
	assert.Contains(t, objects, "product-sync/test/run-1/synced.json")
}

// fieldReason returns the reason productmap gives for an invalid product.
func fieldReason(t *testing.T, id int64, sku, name string) string {
	t.Helper()
	_, err := productmap.FromSPS(testSPSProduct(id, sku, name, "10.11", "12.13"))
	var fieldErr *productmap.FieldError
	require.ErrorAs(t, err, &fieldErr)
	return fieldErr.Reason
}

func TestProductDeleteSnapshotKeepsOtherRuns(t *testing.T) {
	h := newProductHarness(t)
	h.loadProducts(testCatalog(3))
	first := h.pull()
	second := h.pull()
	require.NoError(t, h.snapshot.PutObject(testSnapshotBucket, "product-sync/test/run-10/page-0001.json",
		[]byte("[]"), jsonContentType))

	require.NoError(t, h.execute(h.acts.DeleteSnapshot, first.Snapshot, nil, nil).err)
	require.NoError(t, h.execute(h.acts.DeleteSnapshot, first.Snapshot, nil, nil).err, "second delete")

	objects, err := h.snapshot.Objects(testSnapshotBucket)
	require.NoError(t, err)
	assert.NotContains(t, objects, "product-sync/test/run-1/page-0001.json")
	assert.Contains(t, objects, "product-sync/test/run-10/page-0001.json")
	assert.Contains(t, objects, second.Snapshot.Prefix+"/page-0001.json")
}

func TestProductStepsNotConfigured(t *testing.T) {
	h := newProductHarness(t)
	ref := SnapshotRef{Prefix: "product-sync/test/none", Pages: 0}
	tests := []struct {
		name     string
		unset    func(a *ProductActivities)
		fn       func(a *ProductActivities) any
		in       any
		variable string
	}{
		{"mirror bucket", func(a *ProductActivities) { a.Mirror = nil },
			func(a *ProductActivities) any { return a.SyncProductMirror }, SinkInput{Snapshot: ref},
			"PRODUCT_MIRROR_BUCKET"},
		{"snapshot bucket for the pull", func(a *ProductActivities) { a.Snapshots = nil },
			func(a *ProductActivities) any { return a.PullProducts },
			PullProductsInput{SnapshotPrefix: "x"}, "PRODUCT_SNAPSHOT_BUCKET"},
		{"snapshot bucket for a sink", func(a *ProductActivities) { a.Snapshots = nil },
			func(a *ProductActivities) any { return a.SyncHubSpotProducts }, SinkInput{Snapshot: ref},
			"PRODUCT_SNAPSHOT_BUCKET"},
		{"HubSpot client", func(a *ProductActivities) { a.HubSpot = nil },
			func(a *ProductActivities) any { return a.SyncHubSpotProducts }, SinkInput{Snapshot: ref},
			"HUBSPOT_TOKEN"},
		{"Square client", func(a *ProductActivities) { a.Square = nil },
			func(a *ProductActivities) any { return a.SyncSquareCatalog }, SinkInput{Snapshot: ref},
			"SQUARE_ACCESS_TOKEN"},
		{"snapshot bucket for the record", func(a *ProductActivities) { a.Snapshots = nil },
			func(a *ProductActivities) any { return a.SaveSyncedProducts }, SaveSyncedInput{Snapshot: ref},
			"PRODUCT_SNAPSHOT_BUCKET"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			saved := *h.acts
			t.Cleanup(func() { *h.acts = saved })
			tc.unset(h.acts)

			err := h.execute(tc.fn(h.acts), tc.in, nil, nil).err

			var appErr *temporal.ApplicationError
			require.ErrorAs(t, err, &appErr)
			assert.Equal(t, ErrorTypeNotConfigured, appErr.Type())
			assert.True(t, appErr.NonRetryable(), "non-retryable")
			assert.Contains(t, appErr.Error(), tc.variable)
		})
	}
}

func TestProductSinkRejectsMissingSnapshot(t *testing.T) {
	h := newProductHarness(t)
	ref := SnapshotRef{Prefix: "product-sync/test/gone", Pages: 1, Products: 10}

	_, err := h.sink(h.acts.SyncProductMirror, ref)

	var appErr *temporal.ApplicationError
	require.ErrorAs(t, err, &appErr)
	assert.Equal(t, ErrorTypeNotFound, appErr.Type())
	assert.True(t, appErr.NonRetryable(), "non-retryable")
	assert.Empty(t, h.mirrorObjects(), "mirror objects")
}
