package square

import (
	"context"
	"encoding/json"
	"net/http"

	square "github.com/square/square-go-sdk"
)

// BatchRetrieveCatalogObjects fetches catalog objects by id, 1,000 per
// call, and returns them keyed by id. Item variations can be fetched by
// their own id. Unknown ids are absent from the map, and so are objects of
// a type square-go-sdk v1.5.0 does not know, because their fields cannot
// be read. Empty and repeated ids are ignored. A failed call returns
// *Error and no results.
//
// Square API: POST /v2/catalog/batch-retrieve (BatchRetrieveCatalogObjects).
func (c *Client) BatchRetrieveCatalogObjects(
	ctx context.Context, ids []string,
) (map[string]*square.CatalogObject, error) {
	const endpoint = "POST /v2/catalog/batch-retrieve"
	objects := map[string]*square.CatalogObject{}
	for _, group := range chunk(dedupeSorted(ids), maxCatalogPerBatch) {
		resp, err := c.sdk.Catalog.BatchGet(withEndpoint(ctx, endpoint),
			&square.BatchGetCatalogObjectsRequest{ObjectIDs: group}, c.callOptions...)
		if err != nil {
			return nil, c.mapError(endpoint, err)
		}
		if len(resp.Errors) > 0 {
			return nil, c.envelopeError(endpoint, http.StatusOK, resp.Errors)
		}
		for _, object := range resp.Objects {
			if id, ok := catalogObjectID(object); ok {
				objects[id] = object
			}
		}
	}
	return objects, nil
}

// catalogObjectID reads the id of any catalog object variant through its
// JSON form, since the SDK's union type has no common accessor. It fails
// for a type the SDK does not know, which decodes with every variant nil.
func catalogObjectID(object *square.CatalogObject) (string, bool) {
	raw, err := json.Marshal(object)
	if err != nil {
		return "", false
	}
	var head struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(raw, &head); err != nil || head.ID == "" {
		return "", false
	}
	return head.ID, true
}
