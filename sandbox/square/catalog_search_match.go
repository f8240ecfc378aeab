package square

import (
	"encoding/base64"
	"encoding/json"
	"slices"
	"strings"
	"time"

	square "github.com/square/square-go-sdk"
)

// catalogHit is one object a search may return.
type catalogHit struct {
	id       string
	object   *square.CatalogObject
	parentID string
}

// searchCatalog returns one page of the objects that match c, sorted by
// id, with a cursor when more follow.
func (d *dataset) searchCatalog(c *catalogSearch) *square.SearchCatalogObjectsResponse {
	var hits []catalogHit
	for id, entry := range d.catalogIndex {
		if id > c.after && c.matches(entry.object) {
			hits = append(hits, catalogHit{id: id, object: entry.object, parentID: entry.parentID})
		}
	}
	if c.includeDeleted {
		for id, object := range d.catalogDeleted {
			if id > c.after && c.matches(object) {
				hits = append(hits, catalogHit{id: id, object: object, parentID: d.deletedParent(object)})
			}
		}
	}
	slices.SortFunc(hits, func(a, b catalogHit) int { return strings.Compare(a.id, b.id) })

	resp := &square.SearchCatalogObjectsResponse{}
	if len(hits) > c.limit {
		hits = hits[:c.limit]
		cursor, _ := json.Marshal(catalogCursor{Query: c.digest, After: hits[len(hits)-1].id})
		resp.Cursor = square.String(base64.RawURLEncoding.EncodeToString(cursor))
	}
	returned := map[string]bool{}
	for _, hit := range hits {
		returned[hit.id] = true
		resp.Objects = append(resp.Objects, hit.object)
	}
	if c.includeRelated {
		resp.RelatedObjects = d.parentsOf(hits, returned)
	}
	return resp
}

// parentsOf returns the items of the variations among hits that are not
// returned already, each once, in hit order.
func (d *dataset) parentsOf(hits []catalogHit, returned map[string]bool) []*square.CatalogObject {
	var related []*square.CatalogObject
	for _, hit := range hits {
		if hit.parentID == "" || returned[hit.parentID] {
			continue
		}
		returned[hit.parentID] = true
		if parent := d.catalog[hit.parentID]; parent != nil {
			related = append(related, parent)
		} else if parent := d.catalogDeleted[hit.parentID]; parent != nil {
			related = append(related, parent)
		}
	}
	return related
}

// deletedParent returns the item id of a deleted variation.
func (d *dataset) deletedParent(object *square.CatalogObject) string {
	if object.ItemVariation == nil || object.ItemVariation.ItemVariationData == nil {
		return ""
	}
	return deref(object.ItemVariation.ItemVariationData.ItemID)
}

// matches reports whether object has a requested type, was updated after
// begin_time and passes every attribute filter.
func (c *catalogSearch) matches(object *square.CatalogObject) bool {
	if c.types == nil && nestedCatalogTypes[object.Type] || c.types != nil && !c.types[object.Type] {
		return false
	}
	if !c.beginTime.IsZero() && !updatedAfter(object, c.beginTime) {
		return false
	}
	for _, f := range c.filters {
		value, ok := catalogAttribute(object, f.attribute)
		if !ok {
			return false
		}
		value = strings.ToLower(value)
		if f.prefix && !strings.HasPrefix(value, f.value) || !f.prefix && value != f.value {
			return false
		}
	}
	return true
}

// updatedAfter reports whether object's updated_at is after t. An object
// without a readable updated_at does not match.
func updatedAfter(object *square.CatalogObject, t time.Time) bool {
	raw, err := json.Marshal(object)
	if err != nil {
		return false
	}
	var head struct {
		UpdatedAt string `json:"updated_at"`
	}
	if json.Unmarshal(raw, &head) != nil {
		return false
	}
	updated, err := time.Parse(time.RFC3339Nano, head.UpdatedAt)
	return err == nil && updated.After(t)
}

// catalogAttribute reads the searchable attribute sku (variations) or
// name (items, variations and categories) of object.
func catalogAttribute(object *square.CatalogObject, attribute string) (string, bool) {
	var value *string
	switch {
	case object.ItemVariation != nil && object.ItemVariation.ItemVariationData != nil:
		data := object.ItemVariation.ItemVariationData
		value = map[string]*string{"sku": data.Sku, "name": data.Name}[attribute]
	case object.Item != nil && object.Item.ItemData != nil && attribute == "name":
		value = object.Item.ItemData.Name
	case object.Category != nil && object.Category.CategoryData != nil && attribute == "name":
		value = object.Category.CategoryData.Name
	}
	if value == nil {
		return "", false
	}
	return *value, true
}
