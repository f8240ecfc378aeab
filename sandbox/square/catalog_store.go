package square

import (
	"bytes"
	"crypto/sha256"
	"encoding/base32"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	square "github.com/square/square-go-sdk"
)

// catalogHead is the part of a catalog object that every variant shares.
type catalogHead struct {
	ID        string `json:"id"`
	Version   *int64 `json:"version,omitempty"`
	IsDeleted *bool  `json:"is_deleted,omitempty"`
}

// readCatalogHead reads id, version and is_deleted of any catalog object
// variant through its JSON form, because the SDK's union type has no
// common accessor.
func readCatalogHead(object *square.CatalogObject) (catalogHead, error) {
	var head catalogHead
	raw, err := json.Marshal(object)
	if err != nil {
		return head, fmt.Errorf("catalog object of type %q: %w", object.GetType(), err)
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return head, fmt.Errorf("catalog object of type %q: %w", object.GetType(), err)
	}
	return head, nil
}

// catalogNode is a catalog object as a JSON tree. Numbers stay
// json.Number, so int64 versions and amounts keep every digit.
type catalogNode = map[string]any

// toCatalogNode converts object to a JSON tree.
func toCatalogNode(object *square.CatalogObject) (catalogNode, error) {
	raw, err := json.Marshal(object)
	if err != nil {
		return nil, fmt.Errorf("catalog object of type %q: %w", object.GetType(), err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var node catalogNode
	if err := dec.Decode(&node); err != nil {
		return nil, fmt.Errorf("catalog object of type %q: %w", object.GetType(), err)
	}
	return node, nil
}

// fromCatalogNode decodes a JSON tree with the SDK's types.
func fromCatalogNode(node catalogNode) (*square.CatalogObject, error) {
	raw, err := json.Marshal(node)
	if err != nil {
		return nil, err
	}
	object := new(square.CatalogObject)
	if err := json.Unmarshal(raw, object); err != nil {
		return nil, err
	}
	return object, nil
}

// nestedVariations returns the variation nodes nested in an item node.
func nestedVariations(node catalogNode) []catalogNode {
	data, _ := node["item_data"].(map[string]any)
	list, _ := data["variations"].([]any)
	out := make([]catalogNode, 0, len(list))
	for _, v := range list {
		if m, ok := v.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// stampNode gives node and its nested variations the write's version and
// timestamp, and marks them not deleted. With onlyMissing it leaves
// objects that already have a version alone.
func stampNode(node catalogNode, version int64, updatedAt string, onlyMissing bool) {
	for _, n := range append([]catalogNode{node}, nestedVariations(node)...) {
		if _, has := n["version"]; onlyMissing && has {
			continue
		}
		stampOne(n, version, updatedAt)
	}
}

// stampOne gives one node, without its nested variations, the write's
// version and timestamp and marks it not deleted.
func stampOne(node catalogNode, version int64, updatedAt string) {
	node["version"] = json.Number(strconv.FormatInt(version, 10))
	node["updated_at"] = updatedAt
	node["is_deleted"] = false
}

// versionedCopy copies object and gives it, and each nested variation
// without a version, version and updatedAt. It also returns the highest
// version in the copy.
func versionedCopy(object *square.CatalogObject, version int64, updatedAt string) (
	*square.CatalogObject, int64, error,
) {
	node, err := toCatalogNode(object)
	if err != nil {
		return nil, 0, err
	}
	stampNode(node, version, updatedAt, true)
	highest := int64(0)
	for _, n := range append([]catalogNode{node}, nestedVariations(node)...) {
		if v, ok := nodeVersion(n); ok {
			highest = max(highest, v)
		}
	}
	copied, err := fromCatalogNode(node)
	return copied, highest, err
}

// nextCatalogVersion returns a version above every earlier one: the
// write time in Unix milliseconds, as Square's versions look, or the
// previous version plus one when the clock has not moved past it.
func (d *dataset) nextCatalogVersion(now time.Time) int64 {
	d.catalogVersion = max(d.catalogVersion+1, now.UnixMilli())
	return d.catalogVersion
}

// catalogIDEncoding spells generated ids in upper case letters and digits,
// like Square's 24-character catalog ids.
var catalogIDEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// newCatalogID returns an unused server id. Ids are derived from a
// counter, so a seeded run generates the same ids every time.
func (d *dataset) newCatalogID() string {
	for {
		d.catalogSeq++
		sum := sha256.Sum256([]byte("catalog-object-" + strconv.FormatInt(d.catalogSeq, 10)))
		id := catalogIDEncoding.EncodeToString(sum[:])[:24]
		if d.catalogIndex[id] == nil && d.catalogDeleted[id] == nil {
			return id
		}
	}
}

// formatCatalogTime formats t as Square's catalog timestamps: RFC 3339 in
// UTC with milliseconds.
func formatCatalogTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}

// removeCatalogObject drops a live object and the index entries of its
// nested variations.
func (d *dataset) removeCatalogObject(id string) {
	for _, childID := range d.catalogChildren[id] {
		delete(d.catalogIndex, childID)
	}
	delete(d.catalogChildren, id)
	delete(d.catalog, id)
	delete(d.catalogIndex, id)
}

// addTombstone records object, already marked deleted, under id and the
// ids of its nested variations.
func (d *dataset) addTombstone(id string, object *square.CatalogObject) {
	d.catalogDeleted[id] = object
	if object.Item == nil || object.Item.ItemData == nil {
		return
	}
	for _, variation := range object.Item.ItemData.Variations {
		if variation.ItemVariation != nil {
			d.catalogDeleted[variation.ItemVariation.ID] = variation
		}
	}
}

// markDeleted returns a copy of object, nested variations included,
// marked deleted at version and updatedAt.
func markDeleted(object *square.CatalogObject, version int64, updatedAt string) (*square.CatalogObject, error) {
	node, err := toCatalogNode(object)
	if err != nil {
		return nil, err
	}
	stampNode(node, version, updatedAt, false)
	for _, n := range append([]catalogNode{node}, nestedVariations(node)...) {
		n["is_deleted"] = true
	}
	return fromCatalogNode(node)
}
