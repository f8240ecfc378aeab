package activities

import (
	"encoding/json"
	"fmt"
	"sort"

	square "github.com/square/square-go-sdk"

	squareclient "github.com/stonecity/sync/clients/square"
	"github.com/stonecity/sync/productmap"
)

// squareEntry is one catalog ITEM matched to a SKU key through one of its
// variations.
type squareEntry struct {
	item      *square.CatalogObject
	variation *square.CatalogObject
}

func (e squareEntry) itemID() string { return e.item.GetItem().GetID() }

// squareChange is one item to upsert: a new item for one product, an
// update of a product's own item, or one update of a shared item that
// sets the prices of several products' variations.
type squareChange struct {
	products []productmap.Product
	// existing is nil for a new item.
	existing *squareEntry
	objects  []*square.CatalogObject
}

// squarePlan is the work of the Square sink after one listing.
type squarePlan struct {
	changes []squareChange
	// deletes are the ids of items to delete, sorted.
	deletes []string
	// unchanged are the keys whose item already matches.
	unchanged []string
	// removed maps the ids in deletes that belong to a removal to it.
	removed map[string]productmap.Removal
}

// squareCatalog indexes listed catalog items by the SKU key of their
// variations.
type squareCatalog struct {
	byKey map[string][]squareEntry
}

func newSquareCatalog() *squareCatalog {
	return &squareCatalog{byKey: map[string][]squareEntry{}}
}

// add indexes one page of listed items. Deleted items and variations
// without a SKU are ignored.
func (c *squareCatalog) add(items []*square.CatalogObject) {
	for _, obj := range items {
		item := obj.GetItem()
		if item == nil || item.GetIsDeleted() != nil && *item.GetIsDeleted() {
			continue
		}
		seen := map[string]bool{}
		for _, v := range item.GetItemData().GetVariations() {
			key := productmap.Key(deref(v.GetItemVariation().GetItemVariationData().GetSku()))
			if key == "" || seen[key] {
				continue
			}
			seen[key] = true
			c.byKey[key] = append(c.byKey[key], squareEntry{item: obj, variation: v})
		}
	}
}

// planSquare compares the desired items of the active products with the
// catalog. A product's own item (one variation) gets the item name,
// description, variation name, SKU and price of the product. An item with
// several variations is shared, because the store manages it in Square:
// only the prices of its variations with SPS SKUs follow SPS, in one
// update of that item. A key on several items keeps a product's own item
// first, then the lowest id.
//
// An item is deleted only when it is a product's own item and carries the
// names and SKU product sync writes, so the store's own items stay. That
// covers the items of keys whose products are all inactive, the extra
// items of an active key and the items of removals (see planSquareDeletes).
// Other items of SKUs SPS does not list are left alone, because the
// catalog also contains items sold outside SPS.
func planSquare(active []productmap.Product, inactiveKeys map[string]productmap.Product,
	removals []productmap.Removal, catalog *squareCatalog) squarePlan {
	var plan squarePlan
	deletes := map[string]bool{}
	shared := map[string]*squareChange{}
	var sharedOrder []string
	for _, p := range active {
		entries := catalog.byKey[p.Key]
		// A product's own item is kept before a shared one, then the
		// lowest id.
		sort.Slice(entries, func(i, j int) bool {
			if ownItem(entries[i]) != ownItem(entries[j]) {
				return ownItem(entries[i])
			}
			return entries[i].itemID() < entries[j].itemID()
		})
		desired := productmap.SquareItemFor(p)
		if len(entries) == 0 {
			plan.changes = append(plan.changes, squareChange{products: []productmap.Product{p},
				objects: newSquareObjects(p, desired)})
			continue
		}

		keep := entries[0]
		for _, extra := range entries[1:] {
			if ownItem(extra) && madeForProduct(extra, desired) {
				deletes[extra.itemID()] = true
			}
		}
		switch {
		case !ownItem(keep):
			if squarePriceMatches(keep.variation, desired) {
				plan.unchanged = append(plan.unchanged, p.Key)
				continue
			}
			change, ok := shared[keep.itemID()]
			if !ok {
				change = &squareChange{existing: &keep, objects: []*square.CatalogObject{cloneCatalogObject(keep.item)}}
				shared[keep.itemID()] = change
				sharedOrder = append(sharedOrder, keep.itemID())
			}
			change.products = append(change.products, p)
			setSharedVariationPrice(change.objects[0], keep.variation, desired)
		case squareItemMatches(keep, desired):
			plan.unchanged = append(plan.unchanged, p.Key)
		default:
			plan.changes = append(plan.changes, squareChange{products: []productmap.Product{p}, existing: &keep,
				objects: []*square.CatalogObject{updatedSquareItem(keep, desired)}})
		}
	}
	for _, id := range sharedOrder {
		plan.changes = append(plan.changes, *shared[id])
	}
	plan.removed = planSquareDeletes(active, inactiveKeys, removals, catalog, deletes)
	plan.deletes = sortedKeys(deletes)
	return plan
}

// planSquareDeletes adds to deletes the own items product sync made for
// the inactive keys' products, and those it made in an earlier run for a
// removal: the item under the removal's key whose fingerprint is the
// recorded one. A removal's key that an active product has now is left to
// that product. It returns the removal of each item it adds for one.
func planSquareDeletes(active []productmap.Product, inactiveKeys map[string]productmap.Product,
	removals []productmap.Removal, catalog *squareCatalog, deletes map[string]bool) map[string]productmap.Removal {
	for key, p := range inactiveKeys {
		for _, e := range catalog.byKey[key] {
			if ownItem(e) && madeForProduct(e, productmap.SquareItemFor(p)) {
				deletes[e.itemID()] = true
			}
		}
	}

	activeKeys := make(map[string]bool, len(active))
	for _, p := range active {
		activeKeys[p.Key] = true
	}
	removed := map[string]productmap.Removal{}
	for _, r := range removals {
		if activeKeys[r.Key] {
			continue
		}
		for _, e := range catalog.byKey[r.Key] {
			if ownItem(e) && squareFingerprint(e) == r.SquareItem {
				deletes[e.itemID()] = true
				removed[e.itemID()] = r
			}
		}
	}
	return removed
}

// madeForProduct reports whether an item carries the name, and its
// variation the SKU and variation name, that product sync writes for a
// product.
func madeForProduct(e squareEntry, desired productmap.SquareItem) bool {
	return squareFingerprint(e) == desired.Fingerprint()
}

// squareFingerprint returns the productmap.SquareFingerprint of an item's
// name and its matched variation's name and SKU.
func squareFingerprint(e squareEntry) string {
	v := e.variation.GetItemVariation().GetItemVariationData()
	return productmap.SquareFingerprint(deref(e.item.GetItem().GetItemData().GetName()), deref(v.GetName()),
		deref(v.GetSku()))
}

// ownItem reports whether an item belongs to one product: it has exactly
// one variation.
func ownItem(e squareEntry) bool {
	return len(e.item.GetItem().GetItemData().GetVariations()) == 1
}

// setSharedVariationPrice sets the desired price on the variation of item
// (a clone of a shared item) that matched the product, keeping the
// variation's name and SKU as the store set them.
func setSharedVariationPrice(item *square.CatalogObject, matched *square.CatalogObject,
	desired productmap.SquareItem) {
	for _, v := range item.Item.ItemData.Variations {
		if v.GetItemVariation().GetID() == matched.GetItemVariation().GetID() {
			setVariationPrice(v.ItemVariation.ItemVariationData, desired)
		}
	}
}

// squareItemMatches reports whether an existing item and its variation
// already carry the desired fields.
func squareItemMatches(e squareEntry, desired productmap.SquareItem) bool {
	data := e.item.GetItem().GetItemData()
	variation := e.variation.GetItemVariation().GetItemVariationData()
	if deref(data.GetName()) != desired.Name || deref(data.GetDescription()) != desired.Description {
		return false
	}
	if deref(variation.GetName()) != desired.VariationName || deref(variation.GetSku()) != desired.SKU {
		return false
	}
	return squarePriceMatches(e.variation, desired)
}

// squarePriceMatches reports whether a variation already has the desired
// price, or variable pricing when the product has none.
func squarePriceMatches(v *square.CatalogObject, desired productmap.SquareItem) bool {
	variation := v.GetItemVariation().GetItemVariationData()
	if desired.PriceCents == nil {
		return variation.GetPriceMoney() == nil &&
			variation.GetPricingType() != nil && *variation.GetPricingType() == square.CatalogPricingTypeVariablePricing
	}
	price := variation.GetPriceMoney()
	return price != nil && price.GetAmount() != nil && *price.GetAmount() == *desired.PriceCents &&
		price.GetCurrency() != nil && *price.GetCurrency() == square.CurrencyUsd &&
		variation.GetPricingType() != nil && *variation.GetPricingType() == square.CatalogPricingTypeFixedPricing
}

// newSquareObjects returns a new ITEM with its one ITEM_VARIATION, under
// temporary ids derived from the product id.
func newSquareObjects(p productmap.Product, desired productmap.SquareItem) []*square.CatalogObject {
	itemID := fmt.Sprintf("#item-%d", p.ID)
	variation := &square.CatalogItemVariation{ItemID: square.String(itemID)}
	setVariationFields(variation, desired)
	item := &square.CatalogObject{Item: &square.CatalogObjectItem{
		ID:                    itemID,
		PresentAtAllLocations: square.Bool(true),
		ItemData: &square.CatalogItem{
			Name:        square.String(desired.Name),
			Description: optionalString(desired.Description),
			Variations: []*square.CatalogObject{{ItemVariation: &square.CatalogObjectItemVariation{
				ID:                    fmt.Sprintf("#variation-%d", p.ID),
				PresentAtAllLocations: square.Bool(true),
				ItemVariationData:     variation,
			}}},
		},
	}}
	return []*square.CatalogObject{item}
}

// updatedSquareItem returns a copy of the existing item, with its version
// and every other field kept, carrying the desired fields. Square has no
// sparse updates, so the whole item is sent back.
func updatedSquareItem(e squareEntry, desired productmap.SquareItem) *square.CatalogObject {
	item := cloneCatalogObject(e.item)
	data := item.Item.ItemData
	data.Name = square.String(desired.Name)
	data.Description = optionalString(desired.Description)
	for _, v := range data.Variations {
		if v.GetItemVariation().GetID() == e.variation.GetItemVariation().GetID() {
			setVariationFields(v.ItemVariation.ItemVariationData, desired)
		}
	}
	return item
}

// setVariationFields sets the desired name, SKU and price; a product
// without a price is sold at a price entered at the register.
func setVariationFields(v *square.CatalogItemVariation, desired productmap.SquareItem) {
	v.Name = square.String(desired.VariationName)
	v.Sku = square.String(desired.SKU)
	setVariationPrice(v, desired)
}

// setVariationPrice sets the desired fixed price, or variable pricing for
// a product without a price.
func setVariationPrice(v *square.CatalogItemVariation, desired productmap.SquareItem) {
	if desired.PriceCents == nil {
		v.PricingType = square.CatalogPricingTypeVariablePricing.Ptr()
		v.PriceMoney = nil
		return
	}
	v.PricingType = square.CatalogPricingTypeFixedPricing.Ptr()
	v.PriceMoney = &square.Money{Amount: square.Int64(*desired.PriceCents), Currency: square.CurrencyUsd.Ptr()}
}

// cloneCatalogObject deep-copies an item through its JSON form, which
// keeps every field the SDK defines.
func cloneCatalogObject(obj *square.CatalogObject) *square.CatalogObject {
	data, err := json.Marshal(obj)
	if err != nil {
		return obj
	}
	var clone square.CatalogObject
	if err := json.Unmarshal(data, &clone); err != nil || clone.Item == nil || clone.Item.ItemData == nil {
		return obj
	}
	return &clone
}

// objectCount is the number of catalog objects a change sends, nested
// variations included, as Square counts them against the batch limit.
func (c squareChange) objectCount() int {
	n := 0
	for _, obj := range c.objects {
		n += squareclient.CatalogObjectCount(obj)
	}
	return n
}

func optionalString(s string) *string {
	if s == "" {
		return nil
	}
	return square.String(s)
}
