package activities

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"

	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/report"
)

func TestProductHubSpotSinkClearsRemovedPrice(t *testing.T) {
	tests := []struct {
		name                string
		wholesale           string
		contractor          string
		wantWholesale       string
		wantContractor      string
		wantHubSpotUpdates  int
		wantSquareUnchanged int
	}{
		{"both prices removed", "", "", "", "", 1, 0},
		{"wholesale removed", "", "12.00", "", "12.00", 1, 1},
		{"contractor removed", "10.00", "", "10.00", "", 1, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newProductHarness(t)
			h.loadProducts([]sps.Product{testSPSProduct(1, "ABC-1", "Alpha", "10.00", "12.00")})
			requireSinksOK(t, h.syncAll())
			h.loadProducts([]sps.Product{testSPSProduct(1, "ABC-1", "Alpha", tc.wholesale, tc.contractor)})

			r := h.syncAll()

			requireSinksOK(t, r)
			assert.Empty(t, r.hubspot.Failures, "HubSpot failures")
			assert.Equal(t, tc.wantHubSpotUpdates, r.hubspot.Updated, "HubSpot updated")
			products := h.hubSpotProducts()["1"]
			require.Len(t, products, 1, "HubSpot products of sps_id 1")
			assert.Equal(t, tc.wantWholesale, products[0].Properties["price_wholesale"], "price_wholesale")
			assert.Equal(t, tc.wantContractor, products[0].Properties["price_contractor"], "price_contractor")
			assert.Equal(t, tc.wantSquareUnchanged, r.square.Unchanged, "Square unchanged")

			rerun := h.syncAll()

			requireSinksOK(t, rerun)
			assert.Zero(t, rerun.hubspot.Updated, "HubSpot updated on rerun")
			assert.Equal(t, 1, rerun.hubspot.Unchanged, "HubSpot unchanged on rerun")
		})
	}
}

// emptyPageSPS serves SPS with the simulator, except that product page
// emptyPage comes back with no records while totalCount still counts them,
// as SPS does when it drops a page.
func emptyPageSPS(t *testing.T, h *productHarness, emptyPage int) *sps.Client {
	t.Helper()
	url := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		require.NoError(t, err)
		r.Body = io.NopCloser(bytes.NewReader(body))
		var req struct {
			PageNumber int `json:"pageNumber"`
		}
		_ = json.Unmarshal(body, &req)
		if r.URL.Path != "/v2/Products" || req.PageNumber != emptyPage {
			h.sps.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = fmt.Fprintf(w, `{"data":[],"totalCount":%d,"pageNumber":%d,"pageSize":%d}`,
			len(h.sps.Products()), emptyPage, sps.MaxPageSize)
	}))
	client, err := sps.New(sps.Config{BaseURL: url, Username: "sync", Password: testSPSPassword,
		AuthorizedNumber: testSPSAuthorizedNumber})
	require.NoError(t, err)
	return client
}

func TestPullProductsRejectsEmptyPageBeforeTotal(t *testing.T) {
	h := newProductHarness(t)
	h.loadProducts(testCatalog(500))
	h.acts.SPS = emptyPageSPS(t, h, 2)

	var res PullProductsResult
	run := h.execute(h.acts.PullProducts, PullProductsInput{SnapshotPrefix: "product-sync/test/short"}, nil, &res)

	require.Error(t, run.err, "a pull that read 200 of 500 products")
	var appErr *temporal.ApplicationError
	require.ErrorAs(t, run.err, &appErr)
	assert.False(t, appErr.NonRetryable(), "retryable")
	assert.Contains(t, appErr.Error(), "page 2", "names the page")
	objects, err := h.snapshot.Objects(testSnapshotBucket)
	require.NoError(t, err)
	assert.Empty(t, objects, "no partial snapshot")
}

// rejectEveryUpsert makes the Square simulator reject every catalog
// upsert with a 400, as Square does for a setting that no item can meet.
func rejectEveryUpsert(h *productHarness) {
	h.squareTraffic.setHook(func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != squareUpsertPath {
			return false
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"errors":[{"category":"INVALID_REQUEST_ERROR","code":"INVALID_VALUE",` +
			`"detail":"Invalid location id: LX2","field":"present_at_location_ids"}]}`))
		return true
	})
}

func TestProductSinkFailureListIsCapped(t *testing.T) {
	h := newProductHarness(t)
	h.loadProducts(testCatalog(report.MaxReportedFailures + 50))
	rejectEveryUpsert(h)

	res, err := h.sink(h.acts.SyncSquareCatalog, h.pull().Snapshot)

	require.NoError(t, err)
	assert.Len(t, res.Failures, report.MaxReportedFailures, "listed failures")
	assert.Equal(t, 50, res.FailuresNotListed, "failures not listed")
	assert.Zero(t, res.Created, "created")
}

func TestPullProductsFailureListIsCapped(t *testing.T) {
	h := newProductHarness(t)
	products := testCatalog(report.MaxReportedFailures + 60)
	for i := range products {
		products[i].SKU = ""
	}
	h.loadProducts(products)

	res := h.pull()

	assert.Len(t, res.Failures, report.MaxReportedFailures, "listed failures")
	assert.Equal(t, 60, res.FailuresNotListed, "failures not listed")
}
