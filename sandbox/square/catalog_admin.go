package square

import (
	"maps"
	"net/http"
	"slices"
	"strings"

	square "github.com/square/square-go-sdk"
)

// CatalogItems returns a copy of every live ITEM with its nested
// variations, sorted by id. Deleted items are left out.
func (s *Simulator) CatalogItems() []*square.CatalogObject {
	s.mu.Lock()
	defer s.mu.Unlock()

	var items []*square.CatalogObject
	for _, id := range slices.Sorted(maps.Keys(s.data.catalog)) {
		if object := s.data.catalog[id]; object.Item != nil {
			items = append(items, copyCatalogObject(object))
		}
	}
	return items
}

// CatalogItemBySKU returns a copy of the live ITEM that has a variation
// with sku, compared case-insensitively, or nil when none has. When
// several items have one, the one with the lowest variation id wins.
func (s *Simulator) CatalogItemBySKU(sku string) *square.CatalogObject {
	s.mu.Lock()
	defer s.mu.Unlock()

	for _, id := range slices.Sorted(maps.Keys(s.data.catalogIndex)) {
		entry := s.data.catalogIndex[id]
		value, ok := catalogAttribute(entry.object, "sku")
		if ok && entry.parentID != "" && strings.EqualFold(value, sku) {
			return copyCatalogObject(s.data.catalog[entry.parentID])
		}
	}
	return nil
}

// copyCatalogObject deep-copies a stored object, which decoded from JSON
// once and so always encodes again.
func copyCatalogObject(object *square.CatalogObject) *square.CatalogObject {
	copied, err := cloneJSON(object)
	if err != nil {
		return object
	}
	return copied
}

// catalogListing is the body of GET /_admin/catalog.
type catalogListing struct {
	// Count is the number of items listed, and Variations the number of
	// variations nested in them.
	Count      int                     `json:"count"`
	Variations int                     `json:"variations"`
	Items      []*square.CatalogObject `json:"items"`
}

// adminListCatalog serves GET /_admin/catalog: every live item, or with
// ?sku= only the item that has that SKU.
func (s *Simulator) adminListCatalog(w http.ResponseWriter, r *http.Request) {
	var items []*square.CatalogObject
	if sku := r.URL.Query().Get("sku"); sku != "" {
		if item := s.CatalogItemBySKU(sku); item != nil {
			items = append(items, item)
		}
	} else {
		items = s.CatalogItems()
	}

	listing := catalogListing{Count: len(items), Items: items}
	if listing.Items == nil {
		listing.Items = []*square.CatalogObject{}
	}
	for _, item := range items {
		if item.Item.ItemData != nil {
			listing.Variations += len(item.Item.ItemData.Variations)
		}
	}
	writeJSON(w, http.StatusOK, listing)
}
