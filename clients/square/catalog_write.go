package square

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"unicode/utf8"

	square "github.com/square/square-go-sdk"
)

// Limits of Square's catalog endpoints that the client checks or splits
// requests by.
const (
	// MaxCatalogObjectsPerBatch is BatchUpsertCatalogObjects' limit of
	// objects per batch, as counted by CatalogObjectCount.
	MaxCatalogObjectsPerBatch = 1000
	// MaxCatalogObjectsPerUpsert is BatchUpsertCatalogObjects' limit of
	// objects per request, as counted by CatalogObjectCount.
	MaxCatalogObjectsPerUpsert = 10000
	// MaxCatalogIDsPerDelete is BatchDeleteCatalogObjects' limit of ids:
	// batch_delete_max_object_ids in the CatalogInfo example of Square's
	// spec.
	MaxCatalogIDsPerDelete = 200
	// maxCatalogPage is SearchCatalogObjects' largest page.
	maxCatalogPage = 1000
	// maxIdempotencyKeyLength is the longest idempotency_key Square
	// accepts, in characters.
	maxIdempotencyKeyLength = 128
)

// CatalogObjectCount returns what object counts toward the upsert limits:
// 1, plus the variations nested in an item. Square's spec counts "items,
// variations, modifier lists, discounts, and taxes" toward the limits.
func CatalogObjectCount(object *square.CatalogObject) int {
	if object.GetItem() == nil || object.Item.ItemData == nil {
		return 1
	}
	return 1 + len(object.Item.ItemData.Variations)
}

// CatalogUpsertResult is the outcome of one BatchUpsertCatalogObjects call.
type CatalogUpsertResult struct {
	// IDMappings maps each #-prefixed client id, nested variations'
	// included, to the server id Square gave the object.
	IDMappings map[string]string
	// Objects are the written objects, each with its new version.
	Objects []*square.CatalogObject
}

// ListCatalogItems passes every non-deleted ITEM, with its nested
// variations, to fn one page of at most 1,000 items at a time. Pages
// without items are not passed. An error from fn stops the listing and
// is returned unchanged. A failed call returns *Error.
//
// Square API: POST /v2/catalog/search (SearchCatalogObjects) with
// object_types [ITEM].
func (c *Client) ListCatalogItems(ctx context.Context, fn func(items []*square.CatalogObject) error) error {
	const endpoint = "POST /v2/catalog/search"
	req := &square.SearchCatalogObjectsRequest{
		ObjectTypes: []square.CatalogObjectType{square.CatalogObjectTypeItem},
		Limit:       square.Int(maxCatalogPage),
	}
	for {
		resp, err := c.sdk.Catalog.Search(withEndpoint(ctx, endpoint), req, c.callOptions...)
		if err != nil {
			return c.mapError(endpoint, err)
		}
		if len(resp.Errors) > 0 {
			return c.envelopeError(endpoint, http.StatusOK, resp.Errors)
		}

		if items := liveItems(resp.Objects); len(items) > 0 {
			if err := fn(items); err != nil {
				return err
			}
		}
		if resp.Cursor == nil || *resp.Cursor == "" {
			return nil
		}
		if req.Cursor != nil && *req.Cursor == *resp.Cursor {
			return fmt.Errorf("square %s: the response repeats the request's cursor, so the listing "+
				"cannot advance", endpoint)
		}
		req.Cursor = resp.Cursor
	}
}

// liveItems keeps the ITEMs not marked deleted. Square leaves deleted
// objects out of a search unless asked, so this only guards the caller.
func liveItems(objects []*square.CatalogObject) []*square.CatalogObject {
	items := make([]*square.CatalogObject, 0, len(objects))
	for _, object := range objects {
		item := object.GetItem()
		if item == nil || item.IsDeleted != nil && *item.IsDeleted {
			continue
		}
		items = append(items, object)
	}
	return items
}

// BatchUpsertCatalog sends the batches as one BatchUpsertCatalogObjects
// request under idempotencyKey, which must have 1 to 128 characters.
// Each batch holds 1 to MaxCatalogObjectsPerBatch objects and the request
// at most MaxCatalogObjectsPerUpsert, counted by CatalogObjectCount. A
// broken limit, a bad key or a nil object returns an error wrapping
// ErrInvalidQuery without calling Square.
//
// Retry a 429 or 5xx only with the same key, because Square replays a
// request it already applied and a 429 can follow a partial write. A 429
// (another catalog write in progress) is a retryable *Error for which
// IsRateLimited is true. A stale version is a final *Error for which
// IsVersionConflict is true: read the objects again and send the new
// request under a new key.
//
// Square API: POST /v2/catalog/batch-upsert (BatchUpsertCatalogObjects).
func (c *Client) BatchUpsertCatalog(
	ctx context.Context, idempotencyKey string, batches [][]*square.CatalogObject,
) (CatalogUpsertResult, error) {
	const endpoint = "POST /v2/catalog/batch-upsert"
	req, err := newUpsertRequest(idempotencyKey, batches)
	if err != nil {
		return CatalogUpsertResult{}, fmt.Errorf("square %s: %w", endpoint, err)
	}

	resp, err := c.sdk.Catalog.BatchUpsert(withEndpoint(ctx, endpoint), req, c.callOptions...)
	if err != nil {
		return CatalogUpsertResult{}, c.mapError(endpoint, err)
	}
	if len(resp.Errors) > 0 {
		return CatalogUpsertResult{}, c.envelopeError(endpoint, http.StatusOK, resp.Errors)
	}

	result := CatalogUpsertResult{IDMappings: map[string]string{}, Objects: resp.Objects}
	for _, mapping := range resp.IDMappings {
		if mapping.GetClientObjectID() != nil && mapping.GetObjectID() != nil {
			result.IDMappings[*mapping.ClientObjectID] = *mapping.ObjectID
		}
	}
	return result, nil
}

// newUpsertRequest checks the key and the object counts and builds the
// request.
func newUpsertRequest(
	key string, batches [][]*square.CatalogObject,
) (*square.BatchUpsertCatalogObjectsRequest, error) {
	if n := utf8.RuneCountInString(key); n == 0 || n > maxIdempotencyKeyLength {
		return nil, fmt.Errorf("%w: idempotency key has %d characters, but 1 to %d are required",
			ErrInvalidQuery, n, maxIdempotencyKeyLength)
	}
	if len(batches) == 0 {
		return nil, fmt.Errorf("%w: no batches", ErrInvalidQuery)
	}

	req := &square.BatchUpsertCatalogObjectsRequest{IdempotencyKey: key}
	total := 0
	for i, objects := range batches {
		count := 0
		for j, object := range objects {
			if object == nil {
				return nil, fmt.Errorf("%w: batches[%d].objects[%d] is nil", ErrInvalidQuery, i, j)
			}
			count += CatalogObjectCount(object)
		}
		if count == 0 || count > MaxCatalogObjectsPerBatch {
			return nil, fmt.Errorf("%w: batches[%d] has %d objects, nested variations included, but 1 to %d "+
				"are allowed", ErrInvalidQuery, i, count, MaxCatalogObjectsPerBatch)
		}
		total += count
		req.Batches = append(req.Batches, &square.CatalogObjectBatch{Objects: objects})
	}
	if total > MaxCatalogObjectsPerUpsert {
		return nil, fmt.Errorf("%w: the batches have %d objects, nested variations included, but at most %d "+
			"are allowed per request, so send them in several requests", ErrInvalidQuery, total,
			MaxCatalogObjectsPerUpsert)
	}
	return req, nil
}

// BatchDeleteCatalog deletes catalog objects by id, MaxCatalogIDsPerDelete
// per call, and returns the ids Square deleted: deleting an item deletes
// its variations too, and unknown or already deleted ids are skipped.
// Empty and repeated ids are ignored. When a call fails, it returns the
// ids deleted by the calls before it and *Error. Deleting again is safe.
//
// Square API: POST /v2/catalog/batch-delete (BatchDeleteCatalogObjects).
func (c *Client) BatchDeleteCatalog(ctx context.Context, ids []string) ([]string, error) {
	const endpoint = "POST /v2/catalog/batch-delete"
	var deleted []string
	for _, group := range chunk(dedupeSorted(ids), MaxCatalogIDsPerDelete) {
		resp, err := c.sdk.Catalog.BatchDelete(withEndpoint(ctx, endpoint),
			&square.BatchDeleteCatalogObjectsRequest{ObjectIDs: group}, c.callOptions...)
		if err != nil {
			return deleted, c.mapError(endpoint, err)
		}
		if len(resp.Errors) > 0 {
			return deleted, c.envelopeError(endpoint, http.StatusOK, resp.Errors)
		}
		deleted = append(deleted, resp.DeletedObjectIDs...)
	}
	return deleted, nil
}

// codeVersionMismatch is the code Square documents for a stale catalog
// version. square-go-sdk v1.5.0 has no constant for it.
const codeVersionMismatch = "VERSION_MISMATCH"

// IsVersionConflict reports whether err is a *Error for a write that sent
// a stale or missing object version: HTTP 409, or code VERSION_MISMATCH
// or CONFLICT with any status.
func IsVersionConflict(err error) bool {
	var e *Error
	if !errors.As(err, &e) {
		return false
	}
	return e.Status == http.StatusConflict || e.Code == codeVersionMismatch ||
		e.Code == string(square.ErrorCodeConflict)
}

// IsRateLimited reports whether err is a *Error for HTTP 429 or code
// RATE_LIMITED, which for a catalog write also means that another write
// was in progress.
func IsRateLimited(err error) bool {
	var e *Error
	if !errors.As(err, &e) {
		return false
	}
	return e.Status == http.StatusTooManyRequests || e.Code == string(square.ErrorCodeRateLimited)
}
