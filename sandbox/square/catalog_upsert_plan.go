package square

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	square "github.com/square/square-go-sdk"
)

// Limits of an ITEM in Square's catalog.
const (
	maxItemNameLength        = 512
	maxItemDescriptionLength = 4096
	maxItemVariations        = 250
)

// upsertPlan is a checked BatchUpsertCatalogObjects request, ready to
// apply. Nothing in it is stored until applyUpsert.
type upsertPlan struct {
	version   int64
	updatedAt string

	// nodes contains the final form of every top-level object the request
	// writes, by id, and order lists those ids in first-write order.
	// fields contains the request path of each, for error messages.
	nodes  map[string]catalogNode
	fields map[string]string
	order  []string
	// created marks the server ids given to #-prefixed ids, and seen the
	// ids of existing objects the request names.
	created map[string]bool
	seen    map[string]bool
	// written lists the response objects in request order: a top-level
	// id, or a standalone variation's id with its item's id.
	written  []writtenRef
	mappings []*square.CatalogIDMapping

	// Set by finish.
	objects    map[string]*square.CatalogObject
	entries    map[string]map[string]*catalogEntry
	tombstones map[string]*square.CatalogObject
	response   *square.BatchUpsertCatalogObjectsResponse
}

type writtenRef struct {
	id, parentID string
}

// planUpsert checks every batch of req against the catalog and computes
// the objects to write, giving them one new version.
func (d *dataset) planUpsert(
	req *square.BatchUpsertCatalogObjectsRequest, now time.Time,
) (*upsertPlan, *catalogFailure) {
	p := &upsertPlan{
		version:    d.nextCatalogVersion(now),
		updatedAt:  formatCatalogTime(now),
		nodes:      map[string]catalogNode{},
		fields:     map[string]string{},
		created:    map[string]bool{},
		seen:       map[string]bool{},
		objects:    map[string]*square.CatalogObject{},
		entries:    map[string]map[string]*catalogEntry{},
		tombstones: map[string]*square.CatalogObject{},
	}
	for bi, batch := range req.Batches {
		if f := d.planBatch(p, bi, batch.Objects); f != nil {
			return nil, f
		}
	}
	if f := d.finish(p); f != nil {
		return nil, f
	}
	return p, nil
}

// planBatch resolves the batch's #-prefixed ids, then plans its objects:
// standalone variations last, so that they find an item created in the
// same batch.
func (d *dataset) planBatch(p *upsertPlan, bi int, objects []*square.CatalogObject) *catalogFailure {
	nodes := make([]catalogNode, len(objects))
	for oi, object := range objects {
		node, err := toCatalogNode(object)
		if err != nil {
			return rejectCatalog(http.StatusBadRequest, square.ErrorCodeInvalidValue,
				fmt.Sprintf("batches[%d].objects[%d]", bi, oi), "The object is invalid: %v.", err)
		}
		nodes[oi] = node
	}
	tempIDs, f := d.assignIDs(p, bi, nodes)
	if f != nil {
		return f
	}

	var variations []int
	for oi, node := range nodes {
		field := fmt.Sprintf("batches[%d].objects[%d]", bi, oi)
		if unresolved := resolveRefs(node, tempIDs); unresolved != "" {
			return rejectCatalog(http.StatusBadRequest, square.ErrorCodeInvalidValue, field,
				"%s references %s, which no object in batches[%d] defines, because #-prefixed ids are valid only "+
					"within one batch.", field, unresolved, bi)
		}
		if node["type"] == string(square.CatalogObjectTypeItemVariation) {
			variations = append(variations, oi)
			continue
		}
		if f := d.planObject(p, node, field); f != nil {
			return f
		}
	}
	for _, oi := range variations {
		if f := d.planStandaloneVariation(p, nodes[oi], fmt.Sprintf("batches[%d].objects[%d]", bi, oi)); f != nil {
			return f
		}
	}
	return nil
}

// assignIDs gives every #-prefixed object in the batch, nested variations
// included, a server id, and rejects an id defined twice.
func (d *dataset) assignIDs(p *upsertPlan, bi int, nodes []catalogNode) (map[string]string, *catalogFailure) {
	tempIDs := map[string]string{}
	for oi, node := range nodes {
		field := fmt.Sprintf("batches[%d].objects[%d]", bi, oi)
		defined := append([]catalogNode{node}, nestedVariations(node)...)
		for _, n := range defined {
			id, _ := n["id"].(string)
			switch {
			case id == "":
				return nil, rejectCatalog(http.StatusBadRequest, square.ErrorCodeMissingRequiredParameter,
					field+".id", "%s has an object without an id.", field)
			case strings.HasPrefix(id, "#"):
				if _, dup := tempIDs[id]; dup {
					return nil, rejectCatalog(http.StatusBadRequest, square.ErrorCodeInvalidValue, field+".id",
						"%s defines %s a second time in batches[%d].", field, id, bi)
				}
				serverID := d.newCatalogID()
				tempIDs[id] = serverID
				p.created[serverID] = true
				p.mappings = append(p.mappings, &square.CatalogIDMapping{
					ClientObjectID: square.String(id), ObjectID: square.String(serverID),
				})
			default:
				if p.seen[id] {
					return nil, rejectCatalog(http.StatusBadRequest, square.ErrorCodeInvalidValue, field+".id",
						"%s names object %s a second time in the request.", field, id)
				}
				p.seen[id] = true
			}
		}
	}
	return tempIDs, nil
}

// resolveRefs replaces #-prefixed ids in id fields ("id", "*_id" and
// "*_ids") with their server ids. It returns the first #-prefixed id it
// cannot resolve, or "". Keys are visited in order so the result is
// stable.
func resolveRefs(node map[string]any, tempIDs map[string]string) string {
	for _, key := range slices.Sorted(maps.Keys(node)) {
		switch value := node[key].(type) {
		case string:
			if key != "id" && !strings.HasSuffix(key, "_id") || !strings.HasPrefix(value, "#") {
				continue
			}
			serverID, ok := tempIDs[value]
			if !ok {
				return value
			}
			node[key] = serverID
		case map[string]any:
			if unresolved := resolveRefs(value, tempIDs); unresolved != "" {
				return unresolved
			}
		case []any:
			if unresolved := resolveList(key, value, tempIDs); unresolved != "" {
				return unresolved
			}
		}
	}
	return ""
}

func resolveList(key string, list []any, tempIDs map[string]string) string {
	for i, element := range list {
		switch value := element.(type) {
		case string:
			if !strings.HasSuffix(key, "_ids") || !strings.HasPrefix(value, "#") {
				continue
			}
			serverID, ok := tempIDs[value]
			if !ok {
				return value
			}
			list[i] = serverID
		case map[string]any:
			if unresolved := resolveRefs(value, tempIDs); unresolved != "" {
				return unresolved
			}
		}
	}
	return ""
}

// planObject plans a top-level object other than a variation. An ITEM's
// nested variations are checked with it, and they get its id as item_id.
func (d *dataset) planObject(p *upsertPlan, node catalogNode, field string) *catalogFailure {
	id := node["id"].(string)
	if f := d.checkWritable(p, node, field, ""); f != nil {
		return f
	}
	if node["type"] == string(square.CatalogObjectTypeItem) {
		if f := checkItemData(node, field); f != nil {
			return f
		}
		for vi, variation := range nestedVariations(node) {
			vfield := fmt.Sprintf("%s.item_data.variations[%d]", field, vi)
			if variation["type"] != string(square.CatalogObjectTypeItemVariation) {
				return rejectCatalog(http.StatusBadRequest, square.ErrorCodeInvalidValue, vfield+".type",
					"%s must be an ITEM_VARIATION.", vfield)
			}
			if f := setItemID(variation, id, vfield); f != nil {
				return f
			}
			if f := d.checkWritable(p, variation, vfield, id); f != nil {
				return f
			}
		}
	}

	stampNode(node, p.version, p.updatedAt, false)
	p.put(id, node, field)
	p.written = append(p.written, writtenRef{id: id})
	return nil
}

// planStandaloneVariation adds a top-level ITEM_VARIATION to its item,
// which is an item written earlier in the request or one in the catalog.
// The item gets the write's version because its content changes.
func (d *dataset) planStandaloneVariation(p *upsertPlan, node catalogNode, field string) *catalogFailure {
	id := node["id"].(string)
	data, _ := node["item_variation_data"].(map[string]any)
	itemID, _ := data["item_id"].(string)
	if itemID == "" {
		return rejectCatalog(http.StatusBadRequest, square.ErrorCodeMissingRequiredParameter,
			field+".item_variation_data.item_id", "%s needs the item_id of its item.", field)
	}
	if f := d.checkWritable(p, node, field, itemID); f != nil {
		return f
	}

	parent := p.nodes[itemID]
	if parent == nil {
		entry := d.catalogIndex[itemID]
		if entry == nil || entry.object.Item == nil {
			return rejectCatalog(http.StatusBadRequest, square.ErrorCodeNotFound,
				field+".item_variation_data.item_id", "Item %s does not exist.", itemID)
		}
		var err error
		if parent, err = toCatalogNode(entry.object); err != nil {
			return rejectCatalog(http.StatusInternalServerError, square.ErrorCodeInternalServerError, "",
				"Item %s cannot be read: %v.", itemID, err)
		}
		p.put(itemID, parent, field)
	} else if parent["type"] != string(square.CatalogObjectTypeItem) {
		return rejectCatalog(http.StatusBadRequest, square.ErrorCodeInvalidValue,
			field+".item_variation_data.item_id", "Object %s is not an ITEM.", itemID)
	}

	stampNode(node, p.version, p.updatedAt, false)
	stampOne(parent, p.version, p.updatedAt)
	replaceVariation(parent, node)
	p.written = append(p.written, writtenRef{id: id, parentID: itemID})
	return nil
}

func (p *upsertPlan) put(id string, node catalogNode, field string) {
	if _, ok := p.nodes[id]; !ok {
		p.order = append(p.order, id)
		p.fields[id] = field
	}
	p.nodes[id] = node
}

// replaceVariation puts variation into the item's variations, in place of
// the one with the same id or else at the end.
func replaceVariation(item, variation catalogNode) {
	data, _ := item["item_data"].(map[string]any)
	if data == nil {
		data = map[string]any{}
		item["item_data"] = data
	}
	list, _ := data["variations"].([]any)
	for i, existing := range list {
		if m, ok := existing.(map[string]any); ok && m["id"] == variation["id"] {
			list[i] = variation
			return
		}
	}
	data["variations"] = append(list, variation)
}

// setItemID fills in a nested variation's item_id and rejects one that
// names another item.
func setItemID(variation catalogNode, itemID, field string) *catalogFailure {
	data, _ := variation["item_variation_data"].(map[string]any)
	if data == nil {
		data = map[string]any{}
		variation["item_variation_data"] = data
	}
	switch current, _ := data["item_id"].(string); current {
	case "":
		data["item_id"] = itemID
	case itemID:
	default:
		return rejectCatalog(http.StatusBadRequest, square.ErrorCodeInvalidValue,
			field+".item_variation_data.item_id", "%s has item_id %s but is nested in item %s.",
			field, current, itemID)
	}
	return nil
}

// checkItemData enforces the length limits of item_data.
func checkItemData(node catalogNode, field string) *catalogFailure {
	data, _ := node["item_data"].(map[string]any)
	limits := []struct {
		key string
		max int
	}{{"name", maxItemNameLength}, {"description", maxItemDescriptionLength}}
	for _, limit := range limits {
		value, _ := data[limit.key].(string)
		if n := utf8.RuneCountInString(value); n > limit.max {
			return rejectCatalog(http.StatusBadRequest, square.ErrorCodeValueTooLong,
				fmt.Sprintf("%s.item_data.%s", field, limit.key),
				"%s.item_data.%s has %d characters, but the maximum is %d.", field, limit.key, n, limit.max)
		}
	}
	return nil
}

// nodeVersion reads the version of a catalog node.
func nodeVersion(node catalogNode) (int64, bool) {
	number, ok := node["version"].(json.Number)
	if !ok {
		return 0, false
	}
	version, err := number.Int64()
	return version, err == nil
}
