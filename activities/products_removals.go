package activities

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"

	"go.temporal.io/sdk/activity"

	"github.com/stonecity/sync/apicalls"
	"github.com/stonecity/sync/clients/s3mirror"
	"github.com/stonecity/sync/productmap"
)

// ProductSyncedRecordKey is the key, in the private snapshot bucket, of
// the record of what earlier product sync runs synced. It lies outside
// the "snapshots/" prefix, so deleting a snapshot or expiring old ones
// keeps it. It contains no price: per product only the id, SKU key, status
// and a fingerprint of the Square item.
const ProductSyncedRecordKey = "product-sync/state/last-synced.json"

// Snapshot objects the pull writes next to the pages.
const (
	// removalsObject lists the productmap.Removal of the run.
	removalsObject = "removals.json"
	// nextRecordObject is the record SaveSyncedProducts stores when the
	// run's sinks are done.
	nextRecordObject = "synced.json"
	// failedKeysObject lists the productmap.FailedKeys of the run, whose
	// mirror documents stay.
	failedKeysObject = "failed-keys.json"
)

// syncedRecord is the stored form of the record.
type syncedRecord struct {
	Products []productmap.SyncedProduct `json:"products"`
}

// SaveSyncedInput selects the snapshot whose record SaveSyncedProducts
// stores, and how.
type SaveSyncedInput struct {
	Snapshot SnapshotRef `json:"snapshot"`
	// Replace is true when every sink ran and succeeded, so the stored
	// record is replaced. Otherwise the run's record is merged into it,
	// so removals a failed or unselected sink has not made yet are kept.
	Replace bool `json:"replace"`
}

// SaveSyncedResult is the outcome of SaveSyncedProducts.
type SaveSyncedResult struct {
	// Products is the number of entries in the stored record.
	Products int              `json:"products"`
	APICalls []apicalls.Count `json:"apiCalls"`
}

// SaveSyncedProducts stores the record the pull prepared in the snapshot
// at ProductSyncedRecordKey: replacing the stored record when in.Replace
// is true, merged into it otherwise. A snapshot without the prepared
// record fails as final with ErrorTypeNotFound, and an unreadable stored
// record fails a merge as final with ErrorTypeInvalid. Rewriting the same
// record is harmless, so a retry is safe.
func (a *ProductActivities) SaveSyncedProducts(ctx context.Context, in SaveSyncedInput) (SaveSyncedResult, error) {
	if a.Snapshots == nil {
		return SaveSyncedResult{}, notConfigured("the product snapshot bucket", "PRODUCT_SNAPSHOT_BUCKET")
	}
	prefix := cleanPrefix(in.Snapshot.Prefix)
	if prefix == "" {
		return SaveSyncedResult{}, permanent(ErrorTypeInvalid, "snapshot prefix is empty")
	}
	recorder := apicalls.NewRecorder()
	ctx = apicalls.WithRecorder(ctx, recorder)

	next, found, err := readSyncedRecord(ctx, a.Snapshots, prefix+"/"+nextRecordObject)
	if err != nil {
		return SaveSyncedResult{}, err
	}
	if !found {
		return SaveSyncedResult{}, permanent(ErrorTypeNotFound,
			"snapshot %s has no %s: run the product sync again", prefix, nextRecordObject)
	}
	if !in.Replace {
		stored, _, err := readSyncedRecord(ctx, a.Snapshots, ProductSyncedRecordKey)
		if err != nil {
			return SaveSyncedResult{}, err
		}
		next = productmap.MergeSynced(stored, next)
	}
	if err := putJSON(ctx, a.Snapshots, ProductSyncedRecordKey, syncedRecord{Products: next}); err != nil {
		return SaveSyncedResult{}, temporalError(err, false)
	}
	return SaveSyncedResult{Products: len(next), APICalls: recorder.Counts()}, nil
}

// readSyncedRecord reads a record object. found is false when the object
// does not exist. A record that is not valid JSON fails as final, naming
// the key.
func readSyncedRecord(ctx context.Context, bucket *s3mirror.Bucket, key string) (
	records []productmap.SyncedProduct, found bool, err error) {
	body, err := bucket.Get(ctx, key)
	if errors.Is(err, s3mirror.ErrNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, temporalError(fmt.Errorf("read product sync record %s: %w", key, err), false)
	}
	var rec syncedRecord
	if err := json.Unmarshal(body, &rec); err != nil {
		return nil, false, permanent(ErrorTypeInvalid,
			"product sync record %s is not valid JSON: %v; delete it, and the next run removes nothing", key, err)
	}
	return rec.Products, true, nil
}

// The mass-removal limit: a run removes the products SPS no longer lists
// only when they are at most massRemovalMinimum, or at most
// massRemovalShare of the recorded products. A larger drop looks more like
// an SPS fault than a clean-up, so the run holds those removals until an
// operator allows them.
const (
	massRemovalMinimum = 50
	massRemovalShare   = 0.05
)

// removalPlan is what planRemovals decided.
type removalPlan struct {
	removals int
	held     int
	// heldReason is the reason the removals were held, when the
	// mass-removal limit did not hold them, and "" otherwise.
	heldReason string
}

// massRemoval reports whether removing gone products of recorded ones
// exceeds the mass-removal limit.
func massRemoval(gone, recorded int) bool {
	return gone > massRemovalMinimum && float64(gone) > massRemovalShare*float64(recorded)
}

// planRemovals compares the stored record with the pull and writes the
// run's removals and its next record into the snapshot. pull.seen holds
// every id SPS returned and pull.products the products that passed
// validation, duplicates included. Products SPS no longer lists are held:
// not removed, and kept in the next record. All of them are held when the
// pull met records whose id cannot be read, because any of those records
// may be one of them. Otherwise those beyond the mass-removal limit are
// held unless allowMass is true.
func (a *ProductActivities) planRemovals(ctx context.Context, prefix string, pull *productPull,
	kept []productmap.Product, allowMass bool) (removalPlan, error) {
	previous, found, err := readSyncedRecord(ctx, a.Snapshots, ProductSyncedRecordKey)
	if err != nil {
		return removalPlan{}, err
	}
	logger := activity.GetLogger(ctx)
	if !found {
		logger.Info("No record of an earlier product sync; this run removes nothing",
			"recordKey", ProductSyncedRecordKey)
	}

	current := make(map[int64]productmap.Product, len(pull.products))
	for _, p := range pull.products {
		current[p.ID] = p
	}
	removals := productmap.PlanRemovals(previous, pull.seen, current)
	next := productmap.NextSynced(kept, previous, pull.seen)
	plan := removalPlan{}
	gone := goneIDs(removals)
	switch {
	case len(gone) > 0 && pull.unidentified > 0:
		removals, next = holdGone(removals, previous, next)
		plan.held = len(gone)
		plan.heldReason = fmt.Sprintf("SPS listed records whose id cannot be read (%d), and any of them may be "+
			"one of these products; fix those records in SPS, and the next run removes the rest", pull.unidentified)
		logger.Warn("SPS listed records whose id cannot be read; none of the products it no longer lists is removed",
			"unreadableIDs", pull.unidentified, "gone", len(gone))
	case !allowMass && massRemoval(len(gone), len(previous)):
		removals, next = holdGone(removals, previous, next)
		plan.held = len(gone)
		logger.Warn("SPS no longer lists more products than the mass-removal limit allows; "+
			"none of them is removed. If SPS really deleted them, run the product sync with --allow-mass-removal",
			"gone", len(gone), "recorded", len(previous), "limitMinimum", massRemovalMinimum,
			"limitShare", massRemovalShare)
	}
	if removals == nil {
		removals = []productmap.Removal{}
	}
	plan.removals = len(removals)

	if err := putJSON(ctx, a.Snapshots, prefix+"/"+removalsObject, removals); err != nil {
		return removalPlan{}, temporalError(err, false)
	}
	if err := putJSON(ctx, a.Snapshots, prefix+"/"+nextRecordObject, syncedRecord{Products: next}); err != nil {
		return removalPlan{}, temporalError(err, false)
	}
	failedKeys := productmap.FailedKeys(previous, keptListed(pull, previous), current)
	if err := putJSON(ctx, a.Snapshots, prefix+"/"+failedKeysObject, failedKeys); err != nil {
		return removalPlan{}, temporalError(err, false)
	}
	return plan, nil
}

// holdGone drops the removals of products SPS no longer lists and keeps
// their previous entries in the next record, so a later run plans them
// again.
func holdGone(removals []productmap.Removal, previous, next []productmap.SyncedProduct) (
	[]productmap.Removal, []productmap.SyncedProduct) {
	gone := map[int64]bool{}
	remaining := make([]productmap.Removal, 0, len(removals))
	for _, r := range removals {
		if r.Gone {
			gone[r.ID] = true
			continue
		}
		remaining = append(remaining, r)
	}
	var heldRecords []productmap.SyncedProduct
	for _, rec := range previous {
		if gone[rec.ID] {
			heldRecords = append(heldRecords, rec)
		}
	}
	return remaining, productmap.MergeSynced(heldRecords, next)
}

// readRemovals returns the removals the pull planned. A snapshot without
// the list has none.
func readRemovals(ctx context.Context, bucket *s3mirror.Bucket, ref SnapshotRef) ([]productmap.Removal, error) {
	key := cleanPrefix(ref.Prefix) + "/" + removalsObject
	body, err := bucket.Get(ctx, key)
	if errors.Is(err, s3mirror.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, temporalError(fmt.Errorf("read snapshot object %s: %w", key, err), false)
	}
	var removals []productmap.Removal
	if err := json.Unmarshal(body, &removals); err != nil {
		return nil, permanent(ErrorTypeInvalid, "snapshot object %s is not a JSON array of removals: %v", key, err)
	}
	return removals, nil
}

// keptListed returns the ids whose mirror documents stay when their
// records failed: those SPS listed, and while some record's id cannot be
// read, every recorded id, because any of them may be that record.
func keptListed(pull *productPull, previous []productmap.SyncedProduct) map[int64]bool {
	if pull.unidentified == 0 {
		return pull.seen
	}
	listed := maps.Clone(pull.seen)
	for _, rec := range previous {
		listed[rec.ID] = true
	}
	return listed
}

// readFailedKeys reads the snapshot's failed keys. A snapshot without
// them has none.
func readFailedKeys(ctx context.Context, bucket *s3mirror.Bucket, ref SnapshotRef) ([]string, error) {
	key := cleanPrefix(ref.Prefix) + "/" + failedKeysObject
	body, err := bucket.Get(ctx, key)
	if errors.Is(err, s3mirror.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, temporalError(fmt.Errorf("read snapshot object %s: %w", key, err), false)
	}
	var keys []string
	if err := json.Unmarshal(body, &keys); err != nil {
		return nil, permanent(ErrorTypeInvalid, "snapshot object %s is not a JSON array of SKU keys: %v", key, err)
	}
	return keys, nil
}

// goneIDs returns the ids of the removals SPS no longer lists, each once.
func goneIDs(removals []productmap.Removal) []int64 {
	var ids []int64
	seen := map[int64]bool{}
	for _, r := range removals {
		if r.Gone && !seen[r.ID] {
			seen[r.ID] = true
			ids = append(ids, r.ID)
		}
	}
	return ids
}
