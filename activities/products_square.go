package activities

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	square "github.com/square/square-go-sdk"
	"go.temporal.io/sdk/activity"

	squareclient "github.com/stonecity/sync/clients/square"
	"github.com/stonecity/sync/productmap"
)

// squareConflictRelists bounds the re-lists after version conflicts
// within one attempt. Then the attempt fails as retryable.
const squareConflictRelists = 3

// SyncSquareCatalog makes the Square catalog match the snapshot: one ITEM
// with one ITEM_VARIATION per active SKU key, the variation's SKU being
// the key. It lists the catalog once, matches items by variation SKU, and
// upserts the new and changed items in batches of at most 1,000 objects,
// one request at a time, because Square serves one catalog write per
// seller at a time. Each batch's idempotency key is derived from the run
// id, the batch number and the batch content, so a retried batch reuses
// its key. A version conflict lists the catalog again and replans. Items
// of keys whose products are all inactive are deleted, and so are the
// items of the pull's removals: products SPS no longer lists and the old
// keys of products whose SKU changed, unless an active product has that
// key now. Each deletion of a removal is logged. A rerun with
// nothing changed upstream only lists. A retried attempt lists again, so
// it writes nothing an earlier attempt wrote.
func (a *ProductActivities) SyncSquareCatalog(ctx context.Context, in SinkInput) (SinkResult, error) {
	if a.Square == nil {
		return SinkResult{}, notConfigured("the Square catalog sink", "SQUARE_ACCESS_TOKEN")
	}
	if a.Snapshots == nil {
		return SinkResult{}, notConfigured("the product snapshot bucket", "PRODUCT_SNAPSHOT_BUCKET")
	}
	if err := checkSinkInput(in); err != nil {
		return SinkResult{}, err
	}
	ctx, run := startSink(ctx, SinkSquare, in.Snapshot)

	products, err := readSnapshot(ctx, a.Snapshots, in.Snapshot)
	if err != nil {
		return SinkResult{}, err
	}
	removals, err := readRemovals(ctx, a.Snapshots, in.Snapshot)
	if err != nil {
		return SinkResult{}, err
	}
	active, activeKeys := activeByKey(products)
	inactiveKeys := map[string]productmap.Product{}
	for _, p := range products {
		if !activeKeys[p.Key] {
			inactiveKeys[p.Key] = p
		}
	}

	w := &squareWrite{a: a, run: run, runID: activity.GetInfo(ctx).WorkflowExecution.RunID,
		written: map[string]bool{}}
	for relists := 0; ; relists++ {
		err := w.syncOnce(ctx, active, inactiveKeys, removals)
		if err == nil {
			return run.result(objectSquareItems), nil
		}
		if !squareclient.IsVersionConflict(err) || relists >= squareConflictRelists {
			return SinkResult{}, run.failed(ctx, err, w.progressed)
		}
		activity.GetLogger(ctx).Warn("Square catalog version conflict; listing the catalog again",
			"relists", relists+1, "error", err)
	}
}

// squareWrite is one attempt of the Square sink.
type squareWrite struct {
	a     *ProductActivities
	run   *sinkRun
	runID string
	// written lists the keys this attempt upserted, which a re-list after
	// a conflict finds unchanged but must not count as such.
	written    map[string]bool
	progressed bool
}

// syncOnce lists the catalog, plans, and writes the plan.
func (w *squareWrite) syncOnce(ctx context.Context, active []productmap.Product,
	inactiveKeys map[string]productmap.Product, removals []productmap.Removal) error {
	catalog := newSquareCatalog()
	err := w.a.Square.ListCatalogItems(ctx, func(items []*square.CatalogObject) error {
		catalog.add(items)
		return nil
	})
	if err != nil {
		return fmt.Errorf("list the Square catalog: %w", err)
	}

	plan := planSquare(active, inactiveKeys, removals, catalog)
	w.run.unchanged = 0
	for _, key := range plan.unchanged {
		if !w.written[key] {
			w.run.unchanged++
		}
	}

	for n, batch := range squareBatches(plan.changes) {
		if err := w.upsertBatch(ctx, n+1, batch); err != nil {
			return err
		}
		w.run.heartbeat(ctx, 0)
	}
	return w.deleteItems(ctx, plan)
}

// squareBatches packs changes into batches of at most
// squareclient.MaxCatalogObjectsPerBatch objects, in plan order.
func squareBatches(changes []squareChange) [][]squareChange {
	var batches [][]squareChange
	var current []squareChange
	size := 0
	for _, c := range changes {
		n := c.objectCount()
		if len(current) > 0 && size+n > squareclient.MaxCatalogObjectsPerBatch {
			batches = append(batches, current)
			current, size = nil, 0
		}
		current = append(current, c)
		size += n
	}
	if len(current) > 0 {
		batches = append(batches, current)
	}
	return batches
}

// upsertBatch sends one batch. When Square rejects it as invalid, it
// splits the batch in halves to find the products at fault, which become
// per-record failures, and writes the rest.
func (w *squareWrite) upsertBatch(ctx context.Context, number int, batch []squareChange) error {
	var objects []*square.CatalogObject
	for _, c := range batch {
		objects = append(objects, c.objects...)
	}
	key, err := squareIdempotencyKey(w.runID, number, objects)
	if err != nil {
		return err
	}

	_, err = w.a.Square.BatchUpsertCatalog(ctx, key, [][]*square.CatalogObject{objects})
	if err != nil {
		if !squareRejected(err) {
			return fmt.Errorf("upsert Square catalog batch %d of %d items: %w", number, len(batch), err)
		}
		if len(batch) == 1 {
			for _, p := range batch[0].products {
				activity.GetLogger(ctx).Warn("Square rejected a catalog item", "spsProductID", p.ID, "error", err)
				w.run.fail(p.ID, fmt.Sprintf("Square catalog upsert of SKU %q: %v", p.Key, err))
			}
			return nil
		}
		// Sub-batches get numbers of their own, so their keys differ.
		half := len(batch) / 2
		if err := w.upsertBatch(ctx, number*2, batch[:half]); err != nil {
			return err
		}
		return w.upsertBatch(ctx, number*2+1, batch[half:])
	}

	w.progressed = true
	for _, c := range batch {
		for _, p := range c.products {
			w.written[p.Key] = true
		}
		if c.existing == nil {
			w.run.cp.Created += len(c.products)
		} else {
			w.run.cp.Updated += len(c.products)
		}
	}
	return nil
}

// squareRejected reports whether Square rejected a batch for its content:
// a final error that is not a version conflict.
func squareRejected(err error) bool {
	var squareErr *squareclient.Error
	if !errors.As(err, &squareErr) || squareclient.IsVersionConflict(err) {
		return false
	}
	return !squareErr.Retryable && squareErr.Status == 400
}

// deleteItems deletes the items of SKUs no longer active and of the
// removals, and logs each item deleted for a removal.
func (w *squareWrite) deleteItems(ctx context.Context, plan squarePlan) error {
	if len(plan.deletes) == 0 {
		return nil
	}
	if _, err := w.a.Square.BatchDeleteCatalog(ctx, plan.deletes); err != nil {
		return fmt.Errorf("delete %d Square items of SKUs no longer active or of removed products: %w",
			len(plan.deletes), err)
	}
	w.progressed = true
	w.run.cp.Deleted += len(plan.deletes)
	for _, id := range plan.deletes {
		r, removed := plan.removed[id]
		if !removed {
			continue
		}
		reason := "its SKU key or Square item changed"
		if r.Gone {
			reason = "SPS no longer lists it"
		}
		activity.GetLogger(ctx).Info("Deleted the Square item of a removed product", "spsProductID", r.ID,
			"sku", r.Key, "squareItemID", id, "reason", reason)
	}
	return nil
}

// squareIdempotencyKey derives a batch's idempotency key from the run id,
// the batch number and the batch content: a retry of the same batch in
// the same run reuses the key, so Square replays instead of writing twice.
func squareIdempotencyKey(runID string, number int, objects []*square.CatalogObject) (string, error) {
	content, err := json.Marshal(objects)
	if err != nil {
		return "", fmt.Errorf("encode Square catalog batch %d: %w", number, err)
	}
	sum := sha256.New()
	sum.Write([]byte(runID))
	sum.Write([]byte{0})
	sum.Write([]byte(strconv.Itoa(number)))
	sum.Write([]byte{0})
	sum.Write(content)
	return "product-sync-" + hex.EncodeToString(sum.Sum(nil)), nil
}
