package square

import (
	"encoding/json"
	"net/http"

	square "github.com/square/square-go-sdk"
)

// checkWritable rejects an object marked deleted and, for an existing
// id, an object that does not exist, has another type or another item,
// or does not carry the current version. itemID is the item a variation
// belongs to, and empty for other objects.
//
// NOTE: Square's status for a stale version is not documented, and its
// VERSION_MISMATCH code is not in the v1.5.0 spec's ErrorCode enum. The
// simulator returns 409 with code CONFLICT, which the spec allows, and
// the client accepts VERSION_MISMATCH too.
func (d *dataset) checkWritable(p *upsertPlan, node catalogNode, field, itemID string) *catalogFailure {
	id := node["id"].(string)
	if deleted, _ := node["is_deleted"].(bool); deleted {
		return rejectCatalog(http.StatusBadRequest, square.ErrorCodeInvalidValue, field+".is_deleted",
			"%s sets is_deleted to true. Delete objects with BatchDeleteCatalogObjects.", field)
	}
	if p.created[id] {
		return nil
	}

	entry := d.catalogIndex[id]
	switch {
	case entry == nil && d.catalogDeleted[id] != nil:
		return rejectCatalog(http.StatusBadRequest, square.ErrorCodeNotFound, field+".id",
			"Object %s was deleted. Create a new object with a #-prefixed id.", id)
	case entry == nil:
		return rejectCatalog(http.StatusBadRequest, square.ErrorCodeNotFound, field+".id",
			"Object %s does not exist. A new object needs an id starting with #.", id)
	case entry.object.Type != node["type"]:
		return rejectCatalog(http.StatusBadRequest, square.ErrorCodeInvalidValue, field+".type",
			"Object %s is a %s, not a %v.", id, entry.object.Type, node["type"])
	case entry.parentID != itemID:
		return rejectCatalog(http.StatusBadRequest, square.ErrorCodeInvalidValue, field+".id",
			"Variation %s belongs to item %s, not %s, and variations cannot move between items.",
			id, entry.parentID, itemID)
	}

	head, err := readCatalogHead(entry.object)
	if err != nil {
		return rejectCatalog(http.StatusInternalServerError, square.ErrorCodeInternalServerError, "",
			"Object %s cannot be read: %v.", id, err)
	}
	current := int64(0)
	if head.Version != nil {
		current = *head.Version
	}
	sent, ok := nodeVersion(node)
	switch {
	case !ok:
		return rejectCatalog(http.StatusConflict, square.ErrorCodeConflict, field+".version",
			"Object %s is sent without a version, but an update must carry the current version %d "+
				"and the full object.", id, current)
	case sent != current:
		return rejectCatalog(http.StatusConflict, square.ErrorCodeConflict, field+".version",
			"Object %s: version %d does not match the current version %d (version mismatch). "+
				"Read the object again and resend it.", id, sent, current)
	}
	return nil
}

// finish checks every item's variation count, decodes the final objects,
// marks variations that updates dropped as deleted, and builds the
// response.
func (d *dataset) finish(p *upsertPlan) *catalogFailure {
	for _, id := range p.order {
		node, field := p.nodes[id], p.fields[id]
		if node["type"] == string(square.CatalogObjectTypeItem) {
			if f := checkVariationCount(node, field); f != nil {
				return f
			}
		}
		object, err := fromCatalogNode(node)
		if err != nil {
			return rejectCatalog(http.StatusBadRequest, square.ErrorCodeInvalidValue, field,
				"%s is invalid: %v.", field, err)
		}
		entries, err := catalogEntries(id, object)
		if err != nil {
			return rejectCatalog(http.StatusBadRequest, square.ErrorCodeInvalidValue, field, "%v.", err)
		}
		p.objects[id], p.entries[id] = object, entries
		if f := d.dropReplacedVariations(p, id, entries); f != nil {
			return f
		}
	}

	p.response = &square.BatchUpsertCatalogObjectsResponse{
		UpdatedAt:  square.String(p.updatedAt),
		IDMappings: p.mappings,
	}
	for _, ref := range p.written {
		if ref.parentID == "" {
			p.response.Objects = append(p.response.Objects, p.objects[ref.id])
			continue
		}
		entry := p.entries[ref.parentID][ref.id]
		if entry == nil {
			return rejectCatalog(http.StatusBadRequest, square.ErrorCodeInvalidValue, p.fields[ref.parentID],
				"Variation %s is dropped by a later full update of item %s in the same request.",
				ref.id, ref.parentID)
		}
		p.response.Objects = append(p.response.Objects, entry.object)
	}
	return nil
}

func checkVariationCount(node catalogNode, field string) *catalogFailure {
	switch n := len(nestedVariations(node)); {
	case n == 0:
		return rejectCatalog(http.StatusBadRequest, square.ErrorCodeArrayLengthTooShort,
			field+".item_data.variations", "Item %s needs at least one variation.", node["id"])
	case n > maxItemVariations:
		return rejectCatalog(http.StatusBadRequest, square.ErrorCodeArrayLengthTooLong,
			field+".item_data.variations", "Item %s has %d variations, but the maximum is %d.",
			node["id"], n, maxItemVariations)
	}
	return nil
}

// dropReplacedVariations marks deleted the variations of the stored item
// id that its new form no longer contains, because an update replaces
// the whole item.
func (d *dataset) dropReplacedVariations(
	p *upsertPlan, id string, entries map[string]*catalogEntry,
) *catalogFailure {
	for _, childID := range d.catalogChildren[id] {
		if entries[childID] != nil {
			continue
		}
		tombstone, err := markDeleted(d.catalogIndex[childID].object, p.version, p.updatedAt)
		if err != nil {
			return rejectCatalog(http.StatusInternalServerError, square.ErrorCodeInternalServerError, "",
				"Variation %s cannot be marked deleted: %v.", childID, err)
		}
		p.tombstones[childID] = tombstone
	}
	return nil
}

// responseBody encodes the plan's response.
func (p *upsertPlan) responseBody() ([]byte, *catalogFailure) {
	body, err := json.Marshal(p.response)
	if err != nil {
		return nil, rejectCatalog(http.StatusInternalServerError, square.ErrorCodeInternalServerError, "",
			"The response cannot be encoded: %v.", err)
	}
	return body, nil
}

// applyUpsert stores a finished plan.
func (d *dataset) applyUpsert(p *upsertPlan) {
	for _, id := range p.order {
		d.replaceCatalogObject(id, p.objects[id], p.entries[id])
	}
	for id, tombstone := range p.tombstones {
		d.addTombstone(id, tombstone)
	}
}
