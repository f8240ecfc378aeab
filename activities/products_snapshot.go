package activities

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"go.temporal.io/sdk/activity"

	"github.com/stonecity/sync/apicalls"
	"github.com/stonecity/sync/clients/s3mirror"
	"github.com/stonecity/sync/productmap"
)

// snapshotPageSize is the maximum number of products in one snapshot page.
const snapshotPageSize = 1000

// retiredObject is the snapshot object that lists the ids of products
// left out as duplicates. A sink that matches records by SPS id removes
// theirs, because an earlier run may have written one of them.
const retiredObject = "retired.json"

const jsonContentType = "application/json"

// snapshotPageKey returns the key of snapshot page n (from 1).
func snapshotPageKey(prefix string, n int) string {
	return fmt.Sprintf("%s/page-%04d.json", prefix, n)
}

// cleanPrefix removes trailing slashes, so "a/" and "a" name one snapshot.
func cleanPrefix(prefix string) string {
	return strings.TrimRight(prefix, "/")
}

// writeSnapshot writes products as pages of at most snapshotPageSize, and
// the retired ids, under prefix. Rewriting a snapshot overwrites the same
// keys, so a retried pull writes nothing twice.
func writeSnapshot(ctx context.Context, bucket *s3mirror.Bucket, prefix string,
	products []productmap.Product, retired []int64) (SnapshotRef, error) {
	ref := SnapshotRef{Prefix: prefix, Products: len(products)}
	for start := 0; start < len(products); start += snapshotPageSize {
		end := min(start+snapshotPageSize, len(products))
		ref.Pages++
		if err := putJSON(ctx, bucket, snapshotPageKey(prefix, ref.Pages), products[start:end]); err != nil {
			return SnapshotRef{}, err
		}
		activity.RecordHeartbeat(ctx, ref)
	}
	if retired == nil {
		retired = []int64{}
	}
	if err := putJSON(ctx, bucket, prefix+"/"+retiredObject, retired); err != nil {
		return SnapshotRef{}, err
	}
	return ref, nil
}

// putJSON writes value as JSON to key.
func putJSON(ctx context.Context, bucket *s3mirror.Bucket, key string, value any) error {
	body, err := json.Marshal(value)
	if err != nil {
		return fmt.Errorf("encode snapshot object %s: %w", key, err)
	}
	if err := bucket.Put(ctx, key, body, jsonContentType); err != nil {
		return fmt.Errorf("write snapshot object %s: %w", key, err)
	}
	return nil
}

// readSnapshot reads every page of the snapshot. A missing page, or a
// snapshot whose pages contain another number of products than
// ref.Products, fails as final, because a retry would read the same.
func readSnapshot(ctx context.Context, bucket *s3mirror.Bucket, ref SnapshotRef) ([]productmap.Product, error) {
	products := make([]productmap.Product, 0, ref.Products)
	for n := 1; n <= ref.Pages; n++ {
		key := snapshotPageKey(cleanPrefix(ref.Prefix), n)
		body, err := bucket.Get(ctx, key)
		if errors.Is(err, s3mirror.ErrNotFound) {
			return nil, permanent(ErrorTypeNotFound, "snapshot page %s not found: run the product sync again", key)
		}
		if err != nil {
			return nil, temporalError(fmt.Errorf("read snapshot page %s: %w", key, err), false)
		}

		var page []productmap.Product
		if err := json.Unmarshal(body, &page); err != nil {
			return nil, permanent(ErrorTypeInvalid, "snapshot page %s is not a JSON array of products: %v", key, err)
		}
		products = append(products, page...)
	}
	if len(products) != ref.Products {
		return nil, permanent(ErrorTypeInvalid, "invalid snapshot %s: %d products in %d pages, expected %d",
			ref.Prefix, len(products), ref.Pages, ref.Products)
	}
	return products, nil
}

// readRetired returns the ids of the products the pull left out as
// duplicates. A snapshot without the list has none.
func readRetired(ctx context.Context, bucket *s3mirror.Bucket, ref SnapshotRef) ([]int64, error) {
	key := cleanPrefix(ref.Prefix) + "/" + retiredObject
	body, err := bucket.Get(ctx, key)
	if errors.Is(err, s3mirror.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, temporalError(fmt.Errorf("read snapshot object %s: %w", key, err), false)
	}
	var ids []int64
	if err := json.Unmarshal(body, &ids); err != nil {
		return nil, permanent(ErrorTypeInvalid, "snapshot object %s is not a JSON array of ids: %v", key, err)
	}
	return ids, nil
}

// DeleteSnapshot deletes every object of the snapshot: the keys under
// "<Prefix>/", so a prefix never matches another run's snapshot. Deleting
// a snapshot that is already gone succeeds. An empty prefix is rejected,
// because it names the whole bucket.
func (a *ProductActivities) DeleteSnapshot(ctx context.Context, ref SnapshotRef) error {
	if a.Snapshots == nil {
		return notConfigured("the product snapshot bucket", "PRODUCT_SNAPSHOT_BUCKET")
	}
	prefix := cleanPrefix(ref.Prefix)
	if prefix == "" {
		return permanent(ErrorTypeInvalid, "snapshot prefix is empty, which would delete the whole bucket: pass the prefix PullProducts used")
	}
	ctx = apicalls.WithRecorder(ctx, apicalls.NewRecorder())

	var keys []string
	err := a.Snapshots.List(ctx, prefix+"/", func(objects []s3mirror.Object) error {
		for _, o := range objects {
			keys = append(keys, o.Key)
		}
		return nil
	})
	if err != nil {
		return temporalError(fmt.Errorf("list snapshot %s: %w", prefix, err), false)
	}
	if err := a.Snapshots.DeleteKeys(ctx, keys); err != nil {
		return temporalError(fmt.Errorf("delete %d objects of snapshot %s: %w", len(keys), prefix, err), false)
	}
	return nil
}
