package activities

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// deleteFromSPS deletes n products of the harness's catalogue from SPS,
// the ones with the highest ids.
func (h *productHarness) deleteFromSPS(catalogSize, n int) {
	h.t.Helper()
	for i := range n {
		require.NoError(h.t, h.sps.DeleteProduct(int64(1000+catalogSize-i)))
	}
}

func TestProductMassRemovalHeld(t *testing.T) {
	h := newProductHarness(t)
	h.loadProducts(testCatalog(120))
	requireSinksOK(t, h.syncAll())
	h.deleteFromSPS(120, 51)

	r := h.syncAll()

	requireSinksOK(t, r)
	assert.Equal(t, 51, r.pull.RemovalsHeld, "held")
	assert.Zero(t, r.pull.Removals, "removals")
	assert.Zero(t, r.hubspot.Deleted, "HubSpot archived")
	assert.Zero(t, r.square.Deleted, "Square deleted")
	assert.Len(t, h.hubSpotProducts(), 120, "HubSpot products")
	assert.Len(t, h.squareItemsByKey(), 120, "Square keys")
	assert.Len(t, h.storedRecord(), 120, "record keeps the held products")
}

func TestProductMassRemovalAllowed(t *testing.T) {
	h := newProductHarness(t)
	h.loadProducts(testCatalog(120))
	requireSinksOK(t, h.syncAll())
	h.deleteFromSPS(120, 51)
	held := h.syncAll()
	require.Equal(t, 51, held.pull.RemovalsHeld, "held")
	h.allowMassRemoval = true

	r := h.syncAll()

	requireSinksOK(t, r)
	assert.Zero(t, r.pull.RemovalsHeld, "held")
	assert.Equal(t, 51, r.pull.Removals, "removals")
	assert.Equal(t, 51, r.hubspot.Deleted, "HubSpot archived")
	assert.Equal(t, 51, r.square.Deleted, "Square deleted")
	assert.Len(t, h.hubSpotProducts(), 69, "HubSpot products")
	assert.Len(t, h.squareItemsByKey(), 69, "Square keys")
	assert.Len(t, h.storedRecord(), 69, "record")
}

func TestProductRemovalUnderLimit(t *testing.T) {
	h := newProductHarness(t)
	h.loadProducts(testCatalog(120))
	requireSinksOK(t, h.syncAll())
	h.deleteFromSPS(120, 50)

	r := h.syncAll()

	requireSinksOK(t, r)
	assert.Zero(t, r.pull.RemovalsHeld, "held")
	assert.Equal(t, 50, r.pull.Removals, "removals")
	assert.Equal(t, 50, r.hubspot.Deleted, "HubSpot archived")
	assert.Equal(t, 50, r.square.Deleted, "Square deleted")
}

func TestMassRemovalLimit(t *testing.T) {
	tests := []struct {
		name     string
		gone     int
		recorded int
		want     bool
	}{
		{name: "minimum", gone: 50, recorded: 100, want: false},
		{name: "above minimum and share", gone: 51, recorded: 1000, want: true},
		{name: "within share of a large catalogue", gone: 500, recorded: 10822, want: false},
		{name: "above share of a large catalogue", gone: 542, recorded: 10822, want: true},
		{name: "everything", gone: 10822, recorded: 10822, want: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, massRemoval(tc.gone, tc.recorded))
		})
	}
}
