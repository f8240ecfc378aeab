package square

import (
	"net/http"

	square "github.com/square/square-go-sdk"
)

// maxCatalogRetrieve caps object_ids per BatchRetrieveCatalogObjects
// request, matching the 1,000-object limit of Square's catalog batch
// endpoints.
const maxCatalogRetrieve = 1000

// batchRetrieveCatalog serves POST /v2/catalog/batch-retrieve. Objects
// come back in request order without duplicates, and unknown ids are
// skipped.
// Nested item variations are found by their own id, and with
// include_related_objects a variation brings its parent item. Deleted
// objects are skipped unless include_deleted_objects is true.
//
// NOTE: catalog_version is ignored, because the simulator keeps only the
// current version of each object.
func (s *Simulator) batchRetrieveCatalog(w http.ResponseWriter, r *http.Request) {
	var req square.BatchGetCatalogObjectsRequest
	if e, status := decodeBody(w, r, maxAPIBodyBytes, &req); e != nil {
		writeErrors(w, status, e)
		return
	}
	switch n := len(req.ObjectIDs); {
	case n == 0:
		writeErrors(w, http.StatusBadRequest, invalidRequest(square.ErrorCodeMissingRequiredParameter,
			"object_ids", "object_ids requires at least one id."))
		return
	case n > maxCatalogRetrieve:
		writeErrors(w, http.StatusBadRequest, invalidRequest(square.ErrorCodeArrayLengthTooLong,
			"object_ids", "object_ids allows at most %d ids; got %d.", maxCatalogRetrieve, n))
		return
	}

	includeRelated := req.IncludeRelatedObjects != nil && *req.IncludeRelatedObjects
	includeDeleted := req.IncludeDeletedObjects != nil && *req.IncludeDeletedObjects
	resp := &square.BatchGetCatalogObjectsResponse{}
	returned := map[string]bool{}
	var hits []catalogHit

	s.mu.Lock()
	for _, id := range req.ObjectIDs {
		if returned[id] {
			continue
		}
		if entry, ok := s.data.catalogIndex[id]; ok {
			hits = append(hits, catalogHit{id: id, object: entry.object, parentID: entry.parentID})
		} else if deleted, ok := s.data.catalogDeleted[id]; ok && includeDeleted {
			hits = append(hits, catalogHit{id: id, object: deleted, parentID: s.data.deletedParent(deleted)})
		} else {
			continue
		}
		returned[id] = true
		resp.Objects = append(resp.Objects, hits[len(hits)-1].object)
	}
	if includeRelated {
		resp.RelatedObjects = s.data.parentsOf(hits, returned)
	}
	s.mu.Unlock()

	writeJSON(w, http.StatusOK, resp)
}
