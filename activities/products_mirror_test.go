package activities

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"

	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/productmap"
	"github.com/stonecity/sync/sandbox/objectstore"
)

// pricedCatalog returns products whose descriptions quote their own
// prices the way ERP users type them, in several formats.
func pricedCatalog() []sps.Product {
	products := testCatalog(40)
	for i := range products {
		p := &products[i]
		p.Description = fmt.Sprintf("Contractor price $%s/sf, wholesale USD %s per slab.",
			p.PriceContractor.String(), p.PriceWholesale.String())
	}
	big := testSPSProduct(4001, "CAL-ORO-3CM", "Calacatta Oro — Book-matched", "1204.16", "1384.37")
	big.Description = "USD 1,204.16 per slab; contractors pay $1,384.37 or 1384.37 USD."
	small := testSPSProduct(4002, "MOS-HEX-1", "Hex mosaic", "84.37", "97.19")
	small.Description = "Only 84.37 per sheet (97.19 for contractors)."
	return append(products, big, small)
}

// priceForms returns the ways a price in cents can be written: "1204.16",
// "$1204.16", "1,204.16" and "$1,204.16".
func priceForms(cents int64) []string {
	plain := fmt.Sprintf("%d.%02d", cents/100, cents%100)
	grouped := groupDigits(strconv.FormatInt(cents/100, 10)) + fmt.Sprintf(".%02d", cents%100)
	return []string{plain, "$" + plain, grouped, "$" + grouped}
}

func groupDigits(whole string) string {
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// jsonKeys returns every object key of a JSON document, at any depth.
func jsonKeys(t *testing.T, body []byte) []string {
	t.Helper()
	var doc any
	require.NoError(t, json.Unmarshal(body, &doc))
	var keys []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, child := range v {
				keys = append(keys, k)
				walk(child)
			}
		case []any:
			for _, child := range v {
				walk(child)
			}
		}
	}
	walk(doc)
	return keys
}

func TestProductMirrorHoldsNoPrice(t *testing.T) {
	h := newProductHarness(t)
	catalog := pricedCatalog()
	h.loadProducts(catalog)

	r := h.syncAll()

	requireSinksOK(t, r)
	require.Len(t, h.mirrorObjects(), len(catalog)+1, "mirror objects with the index")
	assertNoPriceInMirror(t, h, catalog)
}

func TestProductMirrorPutFailureFailsOnlyMirror(t *testing.T) {
	h := newProductHarness(t)
	h.loadProducts(testCatalog(30))
	h.mirror.SetWriteFaults(objectstore.WriteFaults{FailNext: 1000})

	r := h.syncAll()

	require.NoError(t, r.hubErr, "HubSpot sink")
	require.NoError(t, r.sqErr, "Square sink")
	assert.Equal(t, 30, r.hubspot.Created, "HubSpot created")
	assert.Equal(t, 30, r.square.Created, "Square created")
	var appErr *temporal.ApplicationError
	require.ErrorAs(t, r.s3Err, &appErr, "mirror sink")
	assert.False(t, appErr.NonRetryable(), "a throttled put is retryable")
	assert.NotContains(t, appErr.Error(), testS3Secret, "secret in the error")
	assert.Empty(t, h.mirrorObjects(), "mirror objects")
}

func TestProductMirrorRetryWritesNothingTwice(t *testing.T) {
	h := newProductHarness(t)
	h.loadProducts(testCatalog(150))
	pull := h.pull()
	in := SinkInput{Snapshot: pull.Snapshot, SyncKind: "product-sync"}
	// Puts run concurrently, so the hook counts atomically.
	var puts atomic.Int32
	h.mirrorTraffic.setHook(func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method != http.MethodPut {
			return false
		}
		if puts.Add(1) != 120 {
			return false
		}
		w.WriteHeader(http.StatusInternalServerError)
		return true
	})

	first := h.execute(h.acts.SyncProductMirror, in, nil, nil)
	require.Error(t, first.err, "first attempt")
	require.NotNil(t, first.heartbeat, "first attempt heartbeat")
	var res SinkResult
	second := h.execute(h.acts.SyncProductMirror, in, first.heartbeat, &res)

	require.NoError(t, second.err)
	assert.Equal(t, 150, res.Created, "created over both attempts")
	assert.Zero(t, res.Unchanged, "unchanged")
	assert.EqualValues(t, 152, puts.Load(), "puts: 150 documents, the failed one and the index")
	assert.Len(t, h.mirrorObjects(), 151, "mirror objects with the index")
}

func TestProductMirrorFailedPutNamesKey(t *testing.T) {
	h := newProductHarness(t)
	h.loadProducts(testCatalog(400))
	in := SinkInput{Snapshot: h.pull().Snapshot, SyncKind: "product-sync"}
	// testCatalog gives product 1238 the SKU GRN-0237-3CM.
	failKey := productmap.MirrorKey(productmap.Key("GRN-0237-3CM"))
	h.mirrorTraffic.setHook(func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method != http.MethodPut || !strings.HasSuffix(r.URL.Path, "/"+failKey) {
			return false
		}
		w.WriteHeader(http.StatusInternalServerError)
		return true
	})

	first := h.execute(h.acts.SyncProductMirror, in, nil, nil)

	require.Error(t, first.err, "first attempt")
	assert.Contains(t, first.err.Error(), failKey, "the error names the key")
	assert.Contains(t, first.err.Error(), "SPS product 1238", "the error names the product")
	stored := h.mirrorObjects()
	assert.NotContains(t, stored, failKey, "the failed document")
	assert.NotContains(t, stored, productmap.MirrorIndexKey, "no index after a failed put")
	require.NotNil(t, first.heartbeat, "first attempt heartbeat")
	var cp sinkProgress
	require.NoError(t, first.heartbeat.Get(&cp))
	assert.Equal(t, len(stored), cp.Created, "the checkpoint counts every stored document")

	h.mirrorTraffic.setHook(nil)
	var res SinkResult
	second := h.execute(h.acts.SyncProductMirror, in, first.heartbeat, &res)

	require.NoError(t, second.err, "second attempt")
	assert.Equal(t, 400, res.Created, "created over both attempts")
	assert.Zero(t, res.Updated, "updated")
	assert.Zero(t, res.Unchanged, "unchanged")
	assert.Len(t, h.mirrorObjects(), 401, "mirror objects with the index")
}

func TestProductMirrorPutsConcurrently(t *testing.T) {
	h := newProductHarness(t)
	h.loadProducts(testCatalog(200))
	in := SinkInput{Snapshot: h.pull().Snapshot, SyncKind: "product-sync"}
	// Puts wait until mirrorPutConcurrency of them are in flight at once,
	// or until a timeout, so a sink that puts one at a time fails the
	// test instead of hanging.
	var inFlight, maxInFlight atomic.Int32
	full := make(chan struct{})
	var openGate sync.Once
	h.mirrorTraffic.setHook(func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method != http.MethodPut {
			return false
		}
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			m := maxInFlight.Load()
			if n <= m || maxInFlight.CompareAndSwap(m, n) {
				break
			}
		}
		if n == mirrorPutConcurrency {
			openGate.Do(func() { close(full) })
		}
		select {
		case <-full:
		case <-time.After(5 * time.Second):
			openGate.Do(func() { close(full) })
		}
		h.mirror.Handler().ServeHTTP(w, r)
		return true
	})

	var res SinkResult
	run := h.execute(h.acts.SyncProductMirror, in, nil, &res)

	require.NoError(t, run.err)
	assert.EqualValues(t, mirrorPutConcurrency, maxInFlight.Load(), "puts in flight at most")
	assert.Equal(t, 200, res.Created, "created")
	assert.Len(t, h.mirrorObjects(), 201, "mirror objects with the index")
}
