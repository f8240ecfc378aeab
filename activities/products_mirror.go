package activities

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"go.temporal.io/sdk/activity"

	"github.com/stonecity/sync/clients/s3mirror"
	"github.com/stonecity/sync/productmap"
)

// mirrorPrefix is the key prefix of the mirror's product documents. Every
// object under it belongs to product sync.
const mirrorPrefix = productmap.MirrorPrefix

// mirrorHeartbeatEvery is the number of products between heartbeats.
const mirrorHeartbeatEvery = 100

// SyncProductMirror makes the public mirror match the snapshot: one JSON
// document per active SKU key under "by-sku/", without prices, plus the
// index. It lists the mirror once and writes only the documents whose
// bytes differ from the stored ones (by ETag). It deletes the documents
// of keys with no active product, except those of products whose SPS
// record failed this run, and writes the index only when its
// bytes changed, so a rerun with nothing changed upstream writes nothing. The
// counts are of product documents; the index is not counted. A snapshot
// without an active product is rejected rather than emptying the mirror.
// A retry lists the mirror again and skips what earlier attempts wrote.
func (a *ProductActivities) SyncProductMirror(ctx context.Context, in SinkInput) (SinkResult, error) {
	if a.Mirror == nil {
		return SinkResult{}, notConfigured("the product mirror sink", "PRODUCT_MIRROR_BUCKET")
	}
	if a.Snapshots == nil {
		return SinkResult{}, notConfigured("the product snapshot bucket", "PRODUCT_SNAPSHOT_BUCKET")
	}
	if err := checkSinkInput(in); err != nil {
		return SinkResult{}, err
	}
	ctx, run := startSink(ctx, SinkMirror, in.Snapshot)

	products, err := readSnapshot(ctx, a.Snapshots, in.Snapshot)
	if err != nil {
		return SinkResult{}, err
	}
	active, _ := activeByKey(products)
	if len(active) == 0 {
		return SinkResult{}, permanent(ErrorTypeInvalid, "snapshot %s has no active product, so the product "+
			"mirror is left as it is: check the SPS pull", in.Snapshot.Prefix)
	}

	failedKeys, err := readFailedKeys(ctx, a.Snapshots, in.Snapshot)
	if err != nil {
		return SinkResult{}, err
	}
	existing, err := a.mirrorETags(ctx)
	if err != nil {
		return SinkResult{}, temporalError(err, false)
	}
	desired, err := a.putMirrorDocuments(ctx, run, active, existing)
	if err != nil {
		return SinkResult{}, run.failed(ctx, err, run.cp.Created+run.cp.Updated > 0)
	}
	keptEntries, err := a.keepFailedDocuments(ctx, run, failedKeys, existing, desired)
	if err != nil {
		return SinkResult{}, run.failed(ctx, err, true)
	}
	if err := a.deleteStaleMirrorObjects(ctx, run, existing, desired); err != nil {
		return SinkResult{}, run.failed(ctx, err, true)
	}
	if err := a.putMirrorIndex(ctx, active, keptEntries, existing); err != nil {
		return SinkResult{}, run.failed(ctx, err, true)
	}
	return run.result(objectMirrorObject), nil
}

// mirrorETags lists the mirror's documents and its index, by key.
func (a *ProductActivities) mirrorETags(ctx context.Context) (map[string]string, error) {
	etags := map[string]string{}
	collect := func(objects []s3mirror.Object) error {
		for _, o := range objects {
			etags[o.Key] = o.ETag
		}
		return nil
	}
	if err := a.Mirror.List(ctx, mirrorPrefix, collect); err != nil {
		return nil, fmt.Errorf("list the product mirror under %s: %w", mirrorPrefix, err)
	}
	if !strings.HasPrefix(productmap.MirrorIndexKey, mirrorPrefix) {
		if err := a.Mirror.List(ctx, productmap.MirrorIndexKey, collect); err != nil {
			return nil, fmt.Errorf("list the product mirror index: %w", err)
		}
	}
	return etags, nil
}

// mirrorPutConcurrency is the maximum number of mirror puts in flight.
// Each put is one network round trip, so a first full run of about 11,000
// documents written one at a time takes minutes against S3. Amazon's S3
// User Guide (optimizing performance) gives at least 3,500 writes per
// second per partitioned prefix, far above what 16 puts in flight send.
const mirrorPutConcurrency = 16

// mirrorPut is one document to write.
type mirrorPut struct {
	key   string
	body  []byte
	found bool
	label string
}

// putMirrorDocuments writes the document of every active product whose
// bytes differ from the existing object, mirrorPutConcurrency at a time,
// and returns the set of document keys the mirror should hold. After a
// failed put it starts no more puts, waits for those in flight and
// returns the first failure. The counts include every put that succeeded.
// A retry skips what is stored, so it counts each document once.
func (a *ProductActivities) putMirrorDocuments(ctx context.Context, run *sinkRun,
	active []productmap.Product, existing map[string]string) (map[string]bool, error) {
	desired := make(map[string]bool, len(active))
	var puts []mirrorPut
	for _, p := range active {
		key := productmap.MirrorKey(p.Key)
		desired[key] = true
		body := productmap.MirrorJSON(productmap.MirrorDocumentFor(p))
		etag, found := existing[key]
		if found && etag == s3mirror.ETag(body) {
			run.unchanged++
			continue
		}
		puts = append(puts, mirrorPut{key: key, body: body, found: found, label: productLabel(p)})
	}
	if err := a.putConcurrently(ctx, run, puts); err != nil {
		return nil, err
	}
	return desired, nil
}

// putConcurrently runs puts with at most mirrorPutConcurrency in flight
// and heartbeats every mirrorHeartbeatEvery finished puts. Only this
// goroutine heartbeats, and the put goroutines update the counts under mu.
func (a *ProductActivities) putConcurrently(ctx context.Context, run *sinkRun, puts []mirrorPut) error {
	var (
		mu       sync.Mutex
		firstErr error
		finished int
		wg       sync.WaitGroup
	)
	slots := make(chan struct{}, mirrorPutConcurrency)
	nextBeat := mirrorHeartbeatEvery
	for _, put := range puts {
		slots <- struct{}{}
		mu.Lock()
		stop := firstErr != nil
		if finished >= nextBeat {
			run.heartbeat(ctx, 0)
			nextBeat = finished + mirrorHeartbeatEvery
		}
		mu.Unlock()
		if stop {
			<-slots
			break
		}

		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-slots }()
			err := a.Mirror.Put(ctx, put.key, put.body, jsonContentType)
			mu.Lock()
			defer mu.Unlock()
			finished++
			if err != nil {
				err = fmt.Errorf("write the mirror document %s of %s: %w", put.key, put.label, err)
				if firstErr == nil {
					firstErr = err
				} else {
					activity.GetLogger(ctx).Warn("Mirror put failed after an earlier failure", "key", put.key,
						"error", err)
				}
				return
			}
			if put.found {
				run.cp.Updated++
			} else {
				run.cp.Created++
			}
		}()
	}
	wg.Wait()
	return firstErr
}

// deleteStaleMirrorObjects deletes the objects under the mirror prefix
// that are neither a desired document nor the index.
func (a *ProductActivities) deleteStaleMirrorObjects(ctx context.Context, run *sinkRun,
	existing map[string]string, desired map[string]bool) error {
	var stale []string
	for key := range existing {
		if strings.HasPrefix(key, mirrorPrefix) && !desired[key] && key != productmap.MirrorIndexKey {
			stale = append(stale, key)
		}
	}
	if len(stale) == 0 {
		return nil
	}
	sort.Strings(stale)
	if err := a.Mirror.DeleteKeys(ctx, stale); err != nil {
		return fmt.Errorf("delete %d mirror documents of SKUs no longer active: %w", len(stale), err)
	}
	run.cp.Deleted += len(stale)
	return nil
}

// keepFailedDocuments keeps the stored documents of the failed keys that
// no active product has: it adds them to desired, counts them as
// unchanged, and returns their entries of the stored index, so the index
// still lists them.
func (a *ProductActivities) keepFailedDocuments(ctx context.Context, run *sinkRun, failedKeys []string,
	existing map[string]string, desired map[string]bool) ([]productmap.IndexEntry, error) {
	keep := map[string]bool{}
	for _, key := range failedKeys {
		object := productmap.MirrorKey(key)
		if _, stored := existing[object]; stored && !desired[object] {
			desired[object] = true
			keep[key] = true
			run.unchanged++
		}
	}
	if len(keep) == 0 {
		return nil, nil
	}
	activity.GetLogger(ctx).Warn("Keeping the mirror documents of products whose SPS record failed this run",
		"documents", len(keep))
	if _, stored := existing[productmap.MirrorIndexKey]; !stored {
		return nil, nil
	}
	body, err := a.Mirror.Get(ctx, productmap.MirrorIndexKey)
	if err != nil {
		return nil, fmt.Errorf("read the mirror index: %w", err)
	}
	stored, err := productmap.ParseMirrorIndex(body)
	if err != nil {
		activity.GetLogger(ctx).Warn("The stored mirror index is unreadable; the new one lists only the "+
			"active products", "error", err)
		return nil, nil
	}
	var keptEntries []productmap.IndexEntry
	for _, entry := range stored {
		if keep[entry.Key] {
			keptEntries = append(keptEntries, entry)
		}
	}
	return keptEntries, nil
}

// putMirrorIndex writes the index of the active products and the kept
// entries when its bytes differ from the existing index.
func (a *ProductActivities) putMirrorIndex(ctx context.Context, active []productmap.Product,
	keptEntries []productmap.IndexEntry, existing map[string]string) error {
	entries := make([]productmap.IndexEntry, len(active), len(active)+len(keptEntries))
	for i, p := range active {
		entries[i] = productmap.IndexEntryFor(p)
	}
	entries = append(entries, keptEntries...)
	body := productmap.MirrorIndexJSON(entries)
	if existing[productmap.MirrorIndexKey] == s3mirror.ETag(body) {
		return nil
	}
	if err := a.Mirror.Put(ctx, productmap.MirrorIndexKey, body, jsonContentType); err != nil {
		return fmt.Errorf("write the mirror index: %w", err)
	}
	return nil
}
