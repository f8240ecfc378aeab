package activities

import (
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/productmap"
	"github.com/stonecity/sync/sandbox/dataset"
)

// datasetProducts is the size of the generated catalogue of the dataset
// test: large enough for every messy case, small enough to stay fast.
const datasetProducts = 400

func TestProductSyncOverDataset(t *testing.T) {
	data := dataset.Generate(dataset.Options{Seed: 1, Orders: 10, SPSCustomers: 1, SPSQuotes: 1,
		SPSProducts: datasetProducts, SPSInvalidProducts: 10})
	expect := data.Expect.SPSProducts
	h := newProductHarness(t)
	h.loadProducts(data.SPS.Products)

	r := h.syncAll()

	requireSinksOK(t, r)
	assert.Equal(t, expect.Products, r.pull.Read, "read")
	assert.Equal(t, expect.ActiveKeys, r.pull.Active, "active in the snapshot")
	assert.Equal(t, expect.InvalidProducts, failedIDs(t, r), "failed product ids")
	assert.Equal(t, len(expect.Duplicates), skipped(r.pull), "duplicates skipped")
	for _, res := range []SinkResult{r.hubspot, r.square, r.mirror} {
		assert.Equal(t, expect.ActiveKeys, res.Created, "%s created", res.Sink)
		assert.Empty(t, res.Failures, "%s failures", res.Sink)
	}
	assert.Len(t, h.hubSpotProducts(), expect.ActiveKeys, "HubSpot products")
	assert.Len(t, h.squareItemsByKey(), expect.ActiveKeys, "Square keys")
	assert.Len(t, h.mirrorObjects(), expect.ActiveKeys+1, "mirror objects with the index")
	assertNoPriceInMirror(t, h, data.SPS.Products)

	again := h.syncAll()

	requireSinksOK(t, again)
	for _, res := range []SinkResult{again.hubspot, again.square, again.mirror} {
		assert.Zero(t, res.Created+res.Updated+res.Deleted, "%s writes on the rerun", res.Sink)
	}
}

// failedIDs returns the sorted product ids of the pull's failures.
func failedIDs(t *testing.T, r round) []int64 {
	t.Helper()
	ids := make([]int64, 0, len(r.pull.Failures))
	for _, f := range r.pull.Failures {
		id, err := strconv.ParseInt(f.SourceID, 10, 64)
		require.NoError(t, err)
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

// skipped sums the pull's skip counts.
func skipped(res PullProductsResult) int {
	n := 0
	for _, reason := range res.SkipReasons {
		n += reason.Count
	}
	return n
}

// assertNoPriceInMirror scans every mirror object for price fields and
// for every product's prices, as "1204.16", "$1204.16", "1,204.16" and
// "$1,204.16".
func assertNoPriceInMirror(t *testing.T, h *productHarness, products []sps.Product) {
	t.Helper()
	var forms []string
	for _, record := range products {
		p, err := productmap.FromSPS(record)
		if err != nil {
			continue
		}
		for _, cents := range []*int64{p.WholesaleCents, p.ContractorCents} {
			if cents != nil {
				forms = append(forms, priceForms(*cents)...)
			}
		}
	}
	require.NotEmpty(t, forms, "price forms")

	for key, body := range h.mirrorObjects() {
		for _, field := range jsonKeys(t, body) {
			lower := strings.ToLower(field)
			for _, banned := range []string{"price", "wholesale", "contractor", "cost", "cents"} {
				assert.NotContains(t, lower, banned, "field %q of %s", field, key)
			}
		}
		text := string(body)
		for _, form := range forms {
			assert.NotContains(t, text, form, "price value in %s", key)
		}
	}
}
