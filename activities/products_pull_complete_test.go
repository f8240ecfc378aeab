package activities

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"
)

// productPagePath is the SPS simulator's product query endpoint.
const productPagePath = "/v2/Products"

// productPageEnvelope is the SPS page as the product query returns it.
type productPageEnvelope struct {
	Data       []json.RawMessage `json:"data"`
	TotalCount int               `json:"totalCount"`
	PageNumber int               `json:"pageNumber"`
	PageSize   int               `json:"pageSize"`
}

// alterProductPages makes the SPS simulator's product pages pass through
// alter before they reach the client.
func (h *productHarness) alterProductPages(alter func(page *productPageEnvelope)) {
	h.spsTraffic.setHook(func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method != http.MethodPost || r.URL.Path != productPagePath {
			return false
		}
		rec := httptest.NewRecorder()
		h.sps.ServeHTTP(rec, r)
		if rec.Code != http.StatusOK {
			return false
		}
		var page productPageEnvelope
		if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil {
			return false
		}
		alter(&page)
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(page)
		return true
	})
}

func TestPullProductsRejectsIncompleteCatalogue(t *testing.T) {
	tests := []struct {
		name  string
		alter func(page *productPageEnvelope)
	}{
		{"empty catalogue", func(page *productPageEnvelope) {
			page.Data = nil
			page.TotalCount = 0
		}},
		{"missing totalCount", func(page *productPageEnvelope) {
			page.TotalCount = 0
		}},
		{"short middle page", func(page *productPageEnvelope) {
			if page.PageNumber == 2 {
				page.Data = page.Data[:150]
			}
		}},
		{"totalCount lower than the records", func(page *productPageEnvelope) {
			page.TotalCount = 300
		}},
		{"totalCount changes during the pull", func(page *productPageEnvelope) {
			if page.PageNumber == 2 {
				page.TotalCount--
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newProductHarness(t)
			h.loadProducts(testCatalog(450))
			requireSinksOK(t, h.syncAll())
			recorded := h.storedRecord()
			h.alterProductPages(tc.alter)

			run := h.execute(h.acts.PullProducts, PullProductsInput{SnapshotPrefix: "product-sync/test/partial"},
				nil, nil)

			var appErr *temporal.ApplicationError
			require.ErrorAs(t, run.err, &appErr)
			assert.False(t, appErr.NonRetryable(), "retryable: the next attempt may read the whole catalogue")
			assert.Contains(t, appErr.Error(), "SPS products")
			objects, err := h.snapshot.Objects(testSnapshotBucket)
			require.NoError(t, err)
			assert.NotContains(t, objects, "product-sync/test/partial/removals.json", "removals planned")
			assert.Equal(t, recorded, h.storedRecord(), "stored record")
		})
	}
}

func TestPullProductsDeleteDuringPull(t *testing.T) {
	h := newProductHarness(t)
	h.loadProducts(testCatalog(450))
	requireSinksOK(t, h.syncAll())
	recorded := h.storedRecord()
	// Deleting a product of page 1 before page 2 is read moves product
	// 1201 from page 2 to page 1, so a pull that went on would miss it.
	deleted := false
	h.spsTraffic.setHook(func(w http.ResponseWriter, r *http.Request) bool {
		body, err := io.ReadAll(r.Body)
		require.NoError(t, err)
		r.Body = io.NopCloser(bytes.NewReader(body))
		var query struct {
			PageNumber int `json:"pageNumber"`
		}
		if r.URL.Path == productPagePath && json.Unmarshal(body, &query) == nil && query.PageNumber == 2 &&
			!deleted {
			deleted = true
			require.NoError(t, h.sps.DeleteProduct(1005))
		}
		return false
	})

	run := h.execute(h.acts.PullProducts, PullProductsInput{SnapshotPrefix: "product-sync/test/moved"}, nil, nil)

	var appErr *temporal.ApplicationError
	require.ErrorAs(t, run.err, &appErr)
	assert.False(t, appErr.NonRetryable(), "retryable")
	assert.Contains(t, appErr.Error(), "totalCount changed from 450 to 449")
	assert.Equal(t, recorded, h.storedRecord(), "stored record")
	r := h.syncAll()
	requireSinksOK(t, r)
	assert.Equal(t, 1, r.pull.Removals, "removals of the next pull")
	assert.Len(t, h.hubSpotProducts(), 449, "HubSpot products")
}
