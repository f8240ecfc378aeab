package productmap

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"slices"
)

// squareFingerprintVersion starts every fingerprint input, so a change of
// the fingerprinted fields gives new fingerprints.
const squareFingerprintVersion = "square-item-v1"

// SyncedProduct is the price-free record of one product as a product sync
// run synced it. It contains only what a later run needs to remove the
// product's objects from the sinks.
type SyncedProduct struct {
	// ID is the SPS product id.
	ID int64 `json:"id"`
	// Key is the product's SKU key in that run.
	Key string `json:"key"`
	// Active is the product's status in that run.
	Active bool `json:"active"`
	// SquareItem is the SquareFingerprint of the item product sync writes
	// for the product in that run.
	SquareItem string `json:"squareItem"`
}

// Synced returns the record of p: its id, key, status and the fingerprint
// of its Square item. It contains no price and no free text.
func Synced(p Product) SyncedProduct {
	return SyncedProduct{ID: p.ID, Key: p.Key, Active: p.Active, SquareItem: SquareItemFor(p).Fingerprint()}
}

// SquareFingerprint returns a hex SHA-256 of an item name, a variation
// name and a variation SKU: the fields that show an item is the one
// product sync made for a product. The digest replaces the text,
// because ERP users type prices into product names. Each field is written
// with its length in front, so moving text between fields changes it.
func SquareFingerprint(name, variationName, sku string) string {
	h := sha256.New()
	writeField(h, squareFingerprintVersion)
	writeField(h, name)
	writeField(h, variationName)
	writeField(h, sku)
	return hex.EncodeToString(h.Sum(nil))
}

// Fingerprint returns the SquareFingerprint of the item's name, variation
// name and SKU.
func (s SquareItem) Fingerprint() string {
	return SquareFingerprint(s.Name, s.VariationName, s.SKU)
}

// Removal is a product whose objects from an earlier run must leave the
// sinks: every object when SPS no longer lists the product (Gone), and
// otherwise the Square item of a key or shape the product no longer has.
type Removal struct {
	// ID is the SPS product id.
	ID int64 `json:"id"`
	// Key is the SKU key the earlier run synced the product under.
	Key string `json:"key"`
	// SquareItem is the SquareFingerprint of the item the earlier run
	// wrote. Only an item with this fingerprint may be deleted.
	SquareItem string `json:"squareItem"`
	// Gone is true when SPS no longer lists the product at all.
	Gone bool `json:"gone"`
}

// PlanRemovals compares the records of earlier runs with a new pull.
// listed holds every id SPS returned, valid or not, and current the valid
// products by id, duplicates included. A recorded product becomes a
// removal when:
//   - SPS no longer lists its id (Gone),
//   - its product now has another key, or
//   - its product is now inactive under the same key but with another
//     Square item, so the inactive product's current item would not match
//     the item the earlier run wrote.
//
// A listed id without a valid product (it failed validation) is not a
// removal, because an invalid record must not delete anything. Removals
// come sorted by id, then key, each once.
func PlanRemovals(previous []SyncedProduct, listed map[int64]bool, current map[int64]Product) []Removal {
	var out []Removal
	for _, rec := range previous {
		removal := Removal{ID: rec.ID, Key: rec.Key, SquareItem: rec.SquareItem}
		if !listed[rec.ID] {
			removal.Gone = true
			out = append(out, removal)
			continue
		}
		p, valid := current[rec.ID]
		switch {
		case !valid:
		case p.Key != rec.Key:
			out = append(out, removal)
		case !p.Active && Synced(p).SquareItem != rec.SquareItem:
			out = append(out, removal)
		}
	}
	slices.SortFunc(out, compareRemovals)
	return slices.Compact(out)
}

func compareRemovals(a, b Removal) int {
	return cmp.Or(cmp.Compare(a.ID, b.ID), cmp.Compare(a.Key, b.Key), cmp.Compare(a.SquareItem, b.SquareItem),
		compareBool(a.Gone, b.Gone))
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	default:
		return -1
	}
}

// NextSynced returns the record a run writes when every sink succeeded:
// one entry per snapshot product. It keeps the previous entries of ids
// that SPS still lists but the snapshot leaves out (invalid records and
// duplicates), so deleting such a product later still removes what an
// earlier run wrote for it. The result is sorted by id, then key.
func NextSynced(snapshot []Product, previous []SyncedProduct, listed map[int64]bool) []SyncedProduct {
	inSnapshot := make(map[int64]bool, len(snapshot))
	out := make([]SyncedProduct, 0, len(snapshot))
	for _, p := range snapshot {
		inSnapshot[p.ID] = true
		out = append(out, Synced(p))
	}
	for _, rec := range previous {
		if listed[rec.ID] && !inSnapshot[rec.ID] {
			out = append(out, rec)
		}
	}
	return sortSynced(out)
}

// FailedKeys returns the SKU keys, sorted and each once, of the active
// products in previous whose ids SPS still lists but valid lacks, because
// their record failed this run. The mirror keeps their documents, so a
// bad value in SPS does not take a product off the website.
func FailedKeys(previous []SyncedProduct, listed map[int64]bool, valid map[int64]Product) []string {
	keys := []string{}
	for _, rec := range previous {
		if _, ok := valid[rec.ID]; rec.Active && listed[rec.ID] && !ok {
			keys = append(keys, rec.Key)
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// MergeSynced returns the union of two records, for a run in which a sink
// failed or did not run: that sink may still hold objects of the older
// record. Entries with the same id, key and Square item appear once, with
// the status from next.
func MergeSynced(older, next []SyncedProduct) []SyncedProduct {
	type identity struct {
		id              int64
		key, squareItem string
	}
	seen := make(map[identity]bool, len(next))
	out := make([]SyncedProduct, 0, len(older)+len(next))
	for _, rec := range next {
		seen[identity{rec.ID, rec.Key, rec.SquareItem}] = true
		out = append(out, rec)
	}
	for _, rec := range older {
		if !seen[identity{rec.ID, rec.Key, rec.SquareItem}] {
			seen[identity{rec.ID, rec.Key, rec.SquareItem}] = true
			out = append(out, rec)
		}
	}
	return sortSynced(out)
}

func sortSynced(records []SyncedProduct) []SyncedProduct {
	slices.SortStableFunc(records, func(a, b SyncedProduct) int {
		return cmp.Or(cmp.Compare(a.ID, b.ID), cmp.Compare(a.Key, b.Key))
	})
	return records
}
