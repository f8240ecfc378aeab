package devstack_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/productmap"
	"github.com/stonecity/sync/report"
	"github.com/stonecity/sync/sandbox/devstack"
	"github.com/stonecity/sync/workflows"
)

// removalCandidates returns two active SPS products whose SKU key no other
// product has and whose Square item is the one product sync writes, so
// removing them must remove exactly their objects.
func removalCandidates(t *testing.T, stack *devstack.Stack) (sps.Product, sps.Product) {
	t.Helper()
	keyCount := map[string]int{}
	for _, raw := range stack.Sims.SPS.Products() {
		keyCount[productmap.Key(raw.SKU)]++
	}
	madeItems := map[string]bool{}
	for _, object := range stack.Sims.Square.CatalogItems() {
		data := object.GetItem().GetItemData()
		if len(data.GetVariations()) != 1 {
			continue
		}
		sku := data.GetVariations()[0].GetItemVariation().GetItemVariationData().GetSku()
		if sku != nil && data.GetName() != nil {
			madeItems[*sku+"\x00"+*data.GetName()] = true
		}
	}

	var picked []sps.Product
	for _, raw := range stack.Sims.SPS.Products() {
		p, err := productmap.FromSPS(raw)
		if err != nil || !p.Active || keyCount[p.Key] != 1 {
			continue
		}
		item := productmap.SquareItemFor(p)
		if madeItems[item.SKU+"\x00"+item.Name] {
			picked = append(picked, raw)
		}
		if len(picked) == 2 {
			return picked[0], picked[1]
		}
	}
	require.FailNow(t, "the dataset has fewer than two products to remove")
	return sps.Product{}, sps.Product{}
}

// squareKeys returns the SKU keys of every live Square item variation.
func squareKeys(stack *devstack.Stack) map[string]int {
	out := map[string]int{}
	for _, object := range stack.Sims.Square.CatalogItems() {
		for _, v := range object.GetItem().GetItemData().GetVariations() {
			if sku := v.GetItemVariation().GetItemVariationData().GetSku(); sku != nil {
				out[productmap.Key(*sku)]++
			}
		}
	}
	return out
}

func TestProductSyncRemovesDeletedAndRenamed(t *testing.T) {
	stack, _ := startProductStack(t, 300)
	setupSchema(t, stack)
	startWorker(t, stack)

	first := syncProducts(t, stack)
	require.NotEqual(t, report.StatusFailed, first.Status, failureReasons(first))
	for _, s := range first.Sinks {
		require.Equal(t, report.StatusSucceeded, s.Status, "%s: %s", s.Sink, s.Error)
	}
	deleted, renamed := removalCandidates(t, stack)
	oldKey := productmap.Key(renamed.SKU)
	deletedKey := productmap.Key(deleted.SKU)
	renamed.SKU = "RENAMED-" + renamed.SKU
	newKey := productmap.Key(renamed.SKU)
	require.NoError(t, stack.Sims.SPS.DeleteProduct(deleted.ID))
	require.NoError(t, stack.Sims.SPS.LoadProducts([]sps.Product{renamed}))

	second := syncProducts(t, stack)

	require.NotEqual(t, report.StatusFailed, second.Status, failureReasons(second))
	hub := sinkByName(t, second, workflows.ProductSinkHubSpot)
	square := sinkByName(t, second, workflows.ProductSinkSquare)
	mirror := sinkByName(t, second, workflows.ProductSinkMirror)
	for _, s := range []report.SinkReport{hub, square, mirror} {
		assert.Equal(t, report.StatusSucceeded, s.Status, "%s: %s", s.Sink, s.Error)
	}
	assert.Equal(t, 1, hub.Deleted, "HubSpot archives the deleted product")
	assert.Equal(t, 1, hub.Updated, "HubSpot updates the renamed product by sps_id")
	assert.Zero(t, hub.Created, "HubSpot created")
	assert.Equal(t, 2, square.Deleted, "Square deletes the deleted product's item and the old SKU's item")
	assert.Equal(t, 1, square.Created, "Square creates the new SKU's item")
	assert.Zero(t, square.Updated, "Square updated")
	assert.Equal(t, 2, mirror.Deleted, "mirror deletes the deleted product's and the old SKU's documents")
	assert.Equal(t, 1, mirror.Created, "mirror creates the new SKU's document")

	products := hubSpotProducts(t, stack.Sims.HubSpot)
	assert.NotContains(t, products, spsIDString(deleted.ID), "HubSpot product of the deleted id")
	assert.Contains(t, products, spsIDString(renamed.ID), "HubSpot product of the renamed id")
	keys := squareKeys(stack)
	assert.NotContains(t, keys, deletedKey, "Square item of the deleted product")
	assert.NotContains(t, keys, oldKey, "Square item of the old SKU")
	assert.Equal(t, 1, keys[newKey], "Square items of the new SKU")
	objects := mirrorObjects(t, stack)
	assert.NotContains(t, objects, productmap.MirrorKey(deletedKey), "mirror document of the deleted product")
	assert.NotContains(t, objects, productmap.MirrorKey(oldKey), "mirror document of the old SKU")
	assert.Contains(t, objects, productmap.MirrorKey(newKey), "mirror document of the new SKU")
	assertSnapshotDeleted(t, stack)

	hubSpotCalls, squareCalls := stack.Sims.HubSpot.Calls(), stack.Sims.Square.Calls()
	third := syncProducts(t, stack)

	require.NotEqual(t, report.StatusFailed, third.Status, failureReasons(third))
	for _, sink := range workflows.ProductSinks {
		s := sinkByName(t, third, sink)
		assert.Equal(t, report.StatusSucceeded, s.Status, "%s: %s", sink, s.Error)
		assert.Zero(t, s.Created, "%s created", sink)
		assert.Zero(t, s.Updated, "%s updated", sink)
		assert.Zero(t, s.Deleted, "%s deleted", sink)
	}
	assert.Empty(t, writeCallsSince(stack.Sims.HubSpot.Calls(), hubSpotCalls, "/batch/read"), "HubSpot writes")
	assert.Empty(t, writeCallsSince(stack.Sims.Square.Calls(), squareCalls, "/catalog/search"), "Square writes")
}
