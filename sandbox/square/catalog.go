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
// include_related_objects a variation brings its parent item.
//
// NOTE: catalog_version and include_deleted_objects are ignored, because
// the simulator keeps only the current version of each object and never
// deletes one.
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
	resp := &square.BatchGetCatalogObjectsResponse{}
	returned := map[string]bool{}
	var parents []string

	s.mu.Lock()
	for _, id := range req.ObjectIDs {
		entry, ok := s.data.catalogIndex[id]
		if !ok || returned[id] {
			continue
		}
		returned[id] = true
		resp.Objects = append(resp.Objects, entry.object)
		if includeRelated && entry.parentID != "" {
			parents = append(parents, entry.parentID)
		}
	}
	for _, id := range parents {
		if returned[id] {
			continue
		}
		returned[id] = true
		resp.RelatedObjects = append(resp.RelatedObjects, s.data.catalog[id])
	}
	s.mu.Unlock()

	writeJSON(w, http.StatusOK, resp)
}
