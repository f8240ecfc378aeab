package square

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	square "github.com/square/square-go-sdk"
)

// SearchCatalogObjects page sizes. Square calls limit advisory and
// ignores a value below 1 or above 1,000.
const (
	defaultCatalogSearchLimit = 100
	maxCatalogSearchLimit     = 1000
)

// nestedCatalogTypes are returned only when object_types names them, as
// Square's SearchCatalogObjects documents.
var nestedCatalogTypes = map[string]bool{
	"ITEM_VARIATION": true, "MODIFIER": true, "ITEM_OPTION_VAL": true, "IMAGE": true, "COMPONENT": true,
}

// catalogSearch is a checked SearchCatalogObjects request.
type catalogSearch struct {
	types          map[string]bool // nil means every type not in nestedCatalogTypes
	filters        []attributeFilter
	beginTime      time.Time // zero: no lower bound on updated_at
	includeDeleted bool
	includeRelated bool
	limit          int
	digest         string // fingerprint of the request without its cursor
	after          string // the page starts after this id
}

// attributeFilter is an exact_query or prefix_query. value is lower case,
// because Square matches attribute values case-insensitively.
type attributeFilter struct {
	attribute, value string
	prefix           bool
}

// catalogCursor is the decoded form of a search cursor, base64url JSON.
type catalogCursor struct {
	Query string `json:"q"`
	After string `json:"a"`
}

// searchCatalog serves POST /v2/catalog/search (SearchCatalogObjects)
// with exact_query and prefix_query on sku and name, object_types,
// begin_time, include_deleted_objects and include_related_objects
// (a variation's item). Objects come sorted by id. Other query kinds get
// 400, because the simulator does not implement them.
func (s *Simulator) searchCatalog(w http.ResponseWriter, r *http.Request) {
	var req square.SearchCatalogObjectsRequest
	if e, status := decodeBody(w, r, maxAPIBodyBytes, &req); e != nil {
		writeErrors(w, status, e)
		return
	}
	search, e := newCatalogSearch(&req)
	if e != nil {
		writeErrors(w, http.StatusBadRequest, e)
		return
	}

	s.mu.Lock()
	resp := s.data.searchCatalog(search)
	s.mu.Unlock()

	writeJSON(w, http.StatusOK, resp)
}

// newCatalogSearch checks req and decodes its cursor.
func newCatalogSearch(req *square.SearchCatalogObjectsRequest) (*catalogSearch, *square.Error) {
	search := &catalogSearch{
		includeDeleted: req.IncludeDeletedObjects != nil && *req.IncludeDeletedObjects,
		includeRelated: req.IncludeRelatedObjects != nil && *req.IncludeRelatedObjects,
		limit:          defaultCatalogSearchLimit,
	}
	if search.includeDeleted && req.IncludeCategoryPathToRoot != nil && *req.IncludeCategoryPathToRoot {
		return nil, invalidRequest(square.ErrorCodeConflictingParameters, "include_deleted_objects",
			"include_deleted_objects and include_category_path_to_root cannot both be true.")
	}
	if req.Limit != nil && *req.Limit >= 1 && *req.Limit <= maxCatalogSearchLimit {
		search.limit = *req.Limit
	}
	for i, t := range req.ObjectTypes {
		if _, err := square.NewCatalogObjectTypeFromString(string(t)); err != nil {
			return nil, invalidRequest(square.ErrorCodeInvalidEnumValue, fmt.Sprintf("object_types[%d]", i),
				"object_types[%d] %q is not a catalog object type.", i, t)
		}
		if search.types == nil {
			search.types = map[string]bool{}
		}
		search.types[string(t)] = true
	}
	if req.BeginTime != nil {
		t, err := time.Parse(time.RFC3339Nano, *req.BeginTime)
		if err != nil {
			return nil, invalidRequest(square.ErrorCodeInvalidTime, "begin_time",
				"begin_time %q is not an RFC 3339 timestamp.", *req.BeginTime)
		}
		search.beginTime = t
	}
	if e := search.addQuery(req.Query); e != nil {
		return nil, e
	}
	if e := search.readCursor(req); e != nil {
		return nil, e
	}
	return search, nil
}

// addQuery adds the exact_query and prefix_query filters of q.
func (c *catalogSearch) addQuery(q *square.CatalogQuery) *square.Error {
	if q == nil {
		return nil
	}
	if q.SortedAttributeQuery != nil || q.SetQuery != nil || q.RangeQuery != nil || q.TextQuery != nil ||
		q.ItemsForTaxQuery != nil || q.ItemsForModifierListQuery != nil || q.ItemsForItemOptionsQuery != nil ||
		q.ItemVariationsForItemOptionValuesQuery != nil {
		return invalidRequest(square.ErrorCodeBadRequest, "query",
			"The simulator supports only exact_query and prefix_query.")
	}
	if q.ExactQuery != nil {
		c.filters = append(c.filters, attributeFilter{
			attribute: q.ExactQuery.AttributeName, value: strings.ToLower(q.ExactQuery.AttributeValue),
		})
	}
	if q.PrefixQuery != nil {
		c.filters = append(c.filters, attributeFilter{
			attribute: q.PrefixQuery.AttributeName, value: strings.ToLower(q.PrefixQuery.AttributePrefix), prefix: true,
		})
	}
	for _, f := range c.filters {
		if f.attribute != "sku" && f.attribute != "name" {
			return invalidRequest(square.ErrorCodeInvalidValue, "query",
				"Attribute %q is not searchable in the simulator. Use sku or name.", f.attribute)
		}
	}
	return nil
}

// readCursor fingerprints the request and checks that its cursor, if
// any, continues this exact request.
func (c *catalogSearch) readCursor(req *square.SearchCatalogObjectsRequest) *square.Error {
	withoutCursor := *req
	withoutCursor.Cursor = nil
	raw, _ := json.Marshal(&withoutCursor) // decoded from JSON, so it encodes
	sum := sha256.Sum256(raw)
	c.digest = hex.EncodeToString(sum[:16])
	if req.Cursor == nil {
		return nil
	}

	var cursor catalogCursor
	decoded, err := base64.RawURLEncoding.DecodeString(*req.Cursor)
	if err != nil || json.Unmarshal(decoded, &cursor) != nil || cursor.Query != c.digest || cursor.After == "" {
		return invalidRequest(square.ErrorCodeInvalidCursor, "cursor",
			"The cursor is invalid or belongs to a different request. Resend the original request unchanged.")
	}
	c.after = cursor.After
	return nil
}
