package square

import (
	"net/http"
	"slices"

	square "github.com/square/square-go-sdk"
)

// maxCatalogDeleteIDs caps object_ids per BatchDeleteCatalogObjects
// request: the batch_delete_max_object_ids of the CatalogInfo example in
// Square's spec.
const maxCatalogDeleteIDs = 200

// batchDeleteCatalog serves POST /v2/catalog/batch-delete. Deleting an
// item deletes its variations, and deleting a variation removes it from
// its item, which gets a new version. Unknown and already deleted ids are
// skipped. deleted_object_ids lists every object deleted, variations of a
// deleted item included, and is absent when nothing was deleted. The
// request holds the seller's catalog write slot like an upsert.
func (s *Simulator) batchDeleteCatalog(w http.ResponseWriter, r *http.Request) {
	var req square.BatchDeleteCatalogObjectsRequest
	if e, status := decodeBody(w, r, maxAPIBodyBytes, &req); e != nil {
		writeErrors(w, status, e)
		return
	}
	switch n := len(req.ObjectIDs); {
	case n == 0:
		writeErrors(w, http.StatusBadRequest, invalidRequest(square.ErrorCodeMissingRequiredParameter,
			"object_ids", "object_ids requires at least one id."))
		return
	case n > maxCatalogDeleteIDs:
		writeErrors(w, http.StatusBadRequest, invalidRequest(square.ErrorCodeArrayLengthTooLong,
			"object_ids", "object_ids allows at most %d ids, but got %d.", maxCatalogDeleteIDs, n))
		return
	}

	release, ok := s.beginCatalogWrite(w, r)
	if !ok {
		return
	}
	// The slot is free before the response leaves, so a client that
	// sends its next write on receipt is not refused.
	resp, f := s.deleteCatalog(req.ObjectIDs)
	release()
	if f != nil {
		writeErrors(w, f.status, f.err)
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

// deleteCatalog deletes the live objects among ids.
func (s *Simulator) deleteCatalog(ids []string) (*square.BatchDeleteCatalogObjectsResponse, *catalogFailure) {
	s.mu.Lock()
	defer s.mu.Unlock()

	now := s.clock()
	version, deletedAt := s.data.nextCatalogVersion(now), formatCatalogTime(now)
	resp := &square.BatchDeleteCatalogObjectsResponse{DeletedAt: square.String(deletedAt)}
	for _, id := range ids {
		entry := s.data.catalogIndex[id]
		if entry == nil {
			continue
		}
		var deleted []string
		var err error
		if entry.parentID == "" {
			deleted, err = s.data.deleteTopLevel(id, version, deletedAt)
		} else {
			deleted, err = s.data.deleteVariation(id, entry, version, deletedAt)
		}
		if err != nil {
			return nil, rejectCatalog(http.StatusInternalServerError, square.ErrorCodeInternalServerError, "",
				"Object %s cannot be deleted: %v.", id, err)
		}
		resp.DeletedObjectIDs = append(resp.DeletedObjectIDs, deleted...)
	}
	return resp, nil
}

// deleteTopLevel deletes a top-level object and, for an item, its
// variations, and returns their ids in catalog order.
func (d *dataset) deleteTopLevel(id string, version int64, deletedAt string) ([]string, error) {
	object := d.catalog[id]
	tombstone, err := markDeleted(object, version, deletedAt)
	if err != nil {
		return nil, err
	}
	deleted := []string{id}
	if object.Item != nil && object.Item.ItemData != nil {
		for _, variation := range object.Item.ItemData.Variations {
			if variation.ItemVariation != nil {
				deleted = append(deleted, variation.ItemVariation.ID)
			}
		}
	}
	d.removeCatalogObject(id)
	d.addTombstone(id, tombstone)
	return deleted, nil
}

// deleteVariation removes a nested variation from its item, which gets
// the new version.
func (d *dataset) deleteVariation(
	id string, entry *catalogEntry, version int64, deletedAt string,
) ([]string, error) {
	item, err := toCatalogNode(d.catalog[entry.parentID])
	if err != nil {
		return nil, err
	}
	data, _ := item["item_data"].(map[string]any)
	list, _ := data["variations"].([]any)
	data["variations"] = slices.DeleteFunc(list, func(v any) bool {
		m, ok := v.(map[string]any)
		return ok && m["id"] == id
	})
	stampOne(item, version, deletedAt)

	updated, err := fromCatalogNode(item)
	if err != nil {
		return nil, err
	}
	entries, err := catalogEntries(entry.parentID, updated)
	if err != nil {
		return nil, err
	}
	tombstone, err := markDeleted(entry.object, version, deletedAt)
	if err != nil {
		return nil, err
	}
	d.replaceCatalogObject(entry.parentID, updated, entries)
	d.addTombstone(id, tombstone)
	return []string{id}, nil
}
