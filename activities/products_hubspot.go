package activities

import (
	"context"
	"fmt"

	"go.temporal.io/sdk/activity"

	"github.com/stonecity/sync/clients/hubspot"
	"github.com/stonecity/sync/productmap"
)

// hubSpotProductProps are the product properties read to decide what
// changed: the content hash stands for every synced property.
var hubSpotProductProps = []string{productmap.PropSPSID, productmap.PropContentHash}

// hubSpotItem is one entry of the HubSpot sink's work list: a snapshot
// product, the id of a product the pull retired as a duplicate, or the id
// of a product SPS no longer lists.
type hubSpotItem struct {
	id int64
	// product is nil for a retired or gone id.
	product *productmap.Product
	// goneKey is the SKU key an earlier run synced a gone product under,
	// "" for the other items.
	goneKey string
}

// live reports whether HubSpot should have a product for the item.
func (i hubSpotItem) live() bool { return i.product != nil && i.product.Active }

// SyncHubSpotProducts makes HubSpot's products match the snapshot, 100
// products per step. Each step reads the existing products by sps_id and
// upserts by sps_id the active products whose sps_content_hash differs.
// It archives the products of inactive SKUs, of the duplicates the pull
// left out and of the products SPS no longer lists (the pull's removals),
// logging each of the last. A rerun with nothing changed upstream only reads. A product HubSpot
// rejects is a per-record failure naming the product id and property. It
// heartbeats after every step, and a retry resumes after the last one.
func (a *ProductActivities) SyncHubSpotProducts(ctx context.Context, in SinkInput) (SinkResult, error) {
	if a.HubSpot == nil {
		return SinkResult{}, notConfigured("the HubSpot product sink", "HUBSPOT_TOKEN")
	}
	if a.Snapshots == nil {
		return SinkResult{}, notConfigured("the product snapshot bucket", "PRODUCT_SNAPSHOT_BUCKET")
	}
	if err := checkSinkInput(in); err != nil {
		return SinkResult{}, err
	}
	ctx, run := startSink(ctx, SinkHubSpot, in.Snapshot)

	products, err := readSnapshot(ctx, a.Snapshots, in.Snapshot)
	if err != nil {
		return SinkResult{}, err
	}
	retired, err := readRetired(ctx, a.Snapshots, in.Snapshot)
	if err != nil {
		return SinkResult{}, err
	}
	removals, err := readRemovals(ctx, a.Snapshots, in.Snapshot)
	if err != nil {
		return SinkResult{}, err
	}

	items := hubSpotItems(products, retired, removals)
	for start := run.prior.Next; start < len(items); start += hubspot.MaxBatchSize {
		end := min(start+hubspot.MaxBatchSize, len(items))
		if err := a.syncHubSpotBatch(ctx, run, items[start:end]); err != nil {
			return SinkResult{}, temporalError(err, start > run.prior.Next)
		}
		run.heartbeat(ctx, end)
	}
	return run.result(objectProducts), nil
}

// hubSpotItems lists the snapshot's products, then the retired ids, then
// the ids of the removals SPS no longer lists, each once. The order is
// fixed by the snapshot, so a retry resumes at the same index.
func hubSpotItems(products []productmap.Product, retired []int64, removals []productmap.Removal) []hubSpotItem {
	items := make([]hubSpotItem, 0, len(products)+len(retired)+len(removals))
	for i := range products {
		items = append(items, hubSpotItem{id: products[i].ID, product: &products[i]})
	}
	for _, id := range retired {
		items = append(items, hubSpotItem{id: id})
	}
	gone := map[int64]bool{}
	for _, r := range removals {
		if r.Gone && !gone[r.ID] {
			gone[r.ID] = true
			items = append(items, hubSpotItem{id: r.ID, goneKey: r.Key})
		}
	}
	return items
}

// syncHubSpotBatch reads up to 100 products by sps_id, then upserts the
// changed active ones and archives the ones HubSpot should not have.
func (a *ProductActivities) syncHubSpotBatch(ctx context.Context, run *sinkRun, batch []hubSpotItem) error {
	ids := make([]string, len(batch))
	for i, item := range batch {
		ids[i] = spsID(item.id)
	}
	read, err := a.HubSpot.BatchRead(ctx, objectProducts, productmap.PropSPSID, ids, hubSpotProductProps)
	if err != nil {
		return fmt.Errorf("read HubSpot products by sps_id: %w", err)
	}
	existing := make(map[string]hubspot.Object, len(read.Found))
	for _, obj := range read.Found {
		existing[obj.Properties[productmap.PropSPSID]] = obj
	}

	var upserts []hubspot.UpsertInput
	var archive []string
	var gone []hubSpotItem
	for _, item := range batch {
		id := spsID(item.id)
		obj, found := existing[id]
		if !item.live() {
			if found {
				archive = append(archive, obj.ID)
				if item.goneKey != "" {
					gone = append(gone, item)
				}
			}
			continue
		}
		hash := productmap.ContentHash(*item.product)
		if found && obj.Properties[productmap.PropContentHash] == hash {
			run.cp.Unchanged++
			continue
		}
		props := productmap.HubSpotProperties(*item.product)
		props[productmap.PropContentHash] = hash
		if found {
			clearRemovedPrices(props)
		}
		upserts = append(upserts, hubspot.UpsertInput{ID: id, IDProperty: productmap.PropSPSID,
			Properties: props, TraceID: id})
	}

	if err := a.upsertHubSpotProducts(ctx, run, upserts); err != nil {
		return err
	}
	if err := a.HubSpot.BatchArchive(ctx, objectProducts, archive); err != nil {
		return fmt.Errorf("archive %d HubSpot products of inactive SKUs or removed products: %w", len(archive), err)
	}
	run.cp.Deleted += len(archive)
	for _, item := range gone {
		activity.GetLogger(ctx).Info("Archived the HubSpot product of a product SPS no longer lists",
			"spsProductID", item.id, "sku", item.goneKey)
	}
	return nil
}

// clearRemovedPrices sets "" on the price properties that props leaves
// out, so an update clears a price SPS no longer has. HubSpot accepts ""
// on a number property only on update, so new products never get it.
func clearRemovedPrices(props map[string]string) {
	for _, name := range []string{productmap.PropPriceWholesale, productmap.PropPriceContractor} {
		if _, set := props[name]; !set {
			props[name] = ""
		}
	}
}

// upsertHubSpotProducts upserts products by sps_id and records each
// rejected input as a failure of its product.
func (a *ProductActivities) upsertHubSpotProducts(ctx context.Context, run *sinkRun,
	inputs []hubspot.UpsertInput) error {
	if len(inputs) == 0 {
		return nil
	}
	res, err := a.HubSpot.BatchUpsert(ctx, objectProducts, inputs)
	if err != nil {
		return fmt.Errorf("upsert %d HubSpot products by sps_id: %w", len(inputs), err)
	}
	for _, obj := range res.Objects {
		if obj.New {
			run.cp.Created++
		} else {
			run.cp.Updated++
		}
	}

	for _, e := range res.Errors {
		sourceID := e.TraceID
		if e.Index >= 0 && e.Index < len(inputs) {
			sourceID = inputs[e.Index].ID
		}
		activity.GetLogger(ctx).Warn("HubSpot rejected a product", "spsProductID", sourceID,
			"error", e.Message)
		run.addFailure(productFailure(sourceID, "HubSpot product upsert: "+describeInputError(e)))
	}
	return nil
}
