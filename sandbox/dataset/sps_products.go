package dataset

import (
	"math/rand/v2"
	"time"

	"github.com/stonecity/sync/clients/sps"
)

// Sizes of the SPS product catalogue used when Options leave them at zero
// or out of range.
const (
	// DefaultSPSProducts is the number of SPS product records.
	DefaultSPSProducts = 11800
	// MinSPSProducts is the smallest product count that has room for
	// every messy case. Generate raises smaller positive counts to it.
	MinSPSProducts = 200
	// MaxSPSProducts is the largest product count Generate honours.
	MaxSPSProducts = 100000
)

// productSizes holds how many SPS product records of each kind a dataset
// contains. The figures in the comments are for the default 11,800.
type productSizes struct {
	products  int // all product records (11,800)
	dupGroups int // pairs of records whose SKUs differ only in case or spacing (40)
	emptySKU  int // records with an empty or blank SKU (0, or half of Options.SPSInvalidProducts)
	emptyName int // records with an empty or blank name (the other half)
}

func productSizesFor(products, invalid int) productSizes {
	switch {
	case products <= 0:
		products = DefaultSPSProducts
	case products < MinSPSProducts:
		products = MinSPSProducts
	}
	products = min(products, MaxSPSProducts)

	return productSizes{
		products:  products,
		dupGroups: scaled(products, 40.0/DefaultSPSProducts, 10),
		emptySKU:  max(invalid, 0) / 2,
		emptyName: max(invalid, 0) - max(invalid, 0)/2,
	}
}

// plannedProduct is one generated SPS product with the facts the
// generator recorded while building it.
type plannedProduct struct {
	sps.Product
	// key is the SKU as generated before any messing with case or
	// spacing; "" for a record with an empty SKU.
	key string
	// valid is false for a record with an empty SKU or name.
	valid bool
	// mentionsPrice is true when the description quotes the product's
	// own prices.
	mentionsPrice bool
}

// productGroup is a pair of records with the same key: the original and
// its twin, and which of the two a sync must keep.
type productGroup struct {
	original, twin int // indexes into the records
	kept           int // original or twin
}

// productSet is the generated catalogue and its duplicate groups.
type productSet struct {
	records []plannedProduct // sorted by increasing id
	groups  []productGroup
}

// productBuilder accumulates products from one random stream.
type productBuilder struct {
	r      *rand.Rand
	g      *generator
	stones []productStone
	taken  map[string]bool // keys already used
}

// buildSPSProducts returns the product catalogue with ids increasing in
// record order. It holds products of every line in the catalogue's
// proportions, including the SKUs that quote lines use. About 8 % are
// inactive, some pairs have SKUs that differ only in case or spacing, and
// a few records have no SKU or name.
func (g *generator) buildSPSProducts() productSet {
	b := &productBuilder{
		r:      g.stream(streamSPSProducts),
		g:      g,
		stones: productStones(),
		taken:  make(map[string]bool),
	}
	sizes := g.productSizes

	base := sizes.products - sizes.dupGroups - sizes.emptySKU - sizes.emptyName
	records := b.coreProducts(base)
	for len(records) < base {
		records = append(records, b.randomProduct())
	}

	records, groups := b.addTwins(records, sizes.dupGroups)
	records = append(records, b.invalidProducts(sizes.emptySKU, sizes.emptyName)...)

	order := b.r.Perm(len(records))
	shuffled := make([]plannedProduct, len(records))
	position := make([]int, len(records))
	for to, from := range order {
		shuffled[to] = records[from]
		position[from] = to
	}
	for i := range groups {
		groups[i].original = position[groups[i].original]
		groups[i].twin = position[groups[i].twin]
		groups[i].kept = position[groups[i].kept]
	}

	set := productSet{records: shuffled, groups: groups}
	b.assignIDs(&set)

	return set
}

// assignIDs numbers the records in order with small gaps, and makes the
// lower id win each group whose two records are both active and have the
// same modifiedDate.
func (b *productBuilder) assignIDs(set *productSet) {
	id := int64(between(b.r, 200001, 201000))
	for i := range set.records {
		set.records[i].ID = id
		id += int64(between(b.r, 1, 3))
	}

	for i := range set.groups {
		grp := &set.groups[i]
		original, twin := set.records[grp.original], set.records[grp.twin]
		sameStatus := original.Status == twin.Status
		if sameStatus && original.ModifiedDate.Time().Equal(twin.ModifiedDate.Time()) {
			grp.kept = min(grp.original, grp.twin) // ids increase with the index
		}
	}
}

// coreProducts returns, up to limit, the products whose SKUs quote lines
// use: 2 cm and 3 cm slabs of every slab stone, 12x24 tiles of every
// stone, and the Square catalog's supplies.
func (b *productBuilder) coreProducts(limit int) []plannedProduct {
	var records []plannedProduct
	add := func(p plannedProduct) {
		if len(records) < limit {
			records = append(records, p)
		}
	}

	// productStones lists the Square catalog's stones first.
	for _, s := range b.stones[:len(stones)] {
		if s.kind.slabHigh > 0 {
			add(b.stoneProduct(productLines[0], s, "2cm", quoteSKU(s, "2CM")))
			add(b.stoneProduct(productLines[0], s, "3cm", quoteSKU(s, "3CM")))
		}
	}
	for _, s := range b.stones[:len(stones)] {
		add(b.stoneProduct(productLines[1], s, "", quoteSKU(s, "12X24")))
	}
	for _, s := range supplies {
		add(b.catalogSupply(s))
	}

	return records
}

// quoteSKU returns the SKU that quote lines give stone s with suffix.
func quoteSKU(s productStone, suffix string) string {
	return skuBase(s.stone) + "-" + suffix
}

// randomProduct returns a product of a line drawn by weight: a stone
// product or, for about one in eight, a care product or setting
// material.
func (b *productBuilder) randomProduct() plannedProduct {
	r := b.r
	if chance(r, 0.125) {
		return b.supplyProduct(pick(r, supplyLines))
	}

	line := productLines[weighted(r, productLineWeights())]
	for {
		s := pick(r, b.stones)
		if containsString(line.kinds, s.kind.code) {
			return b.stoneProduct(line, s, "", "")
		}
	}
}

func productLineWeights() []int {
	w := make([]int, len(productLines))
	for i, l := range productLines {
		w[i] = l.weight
	}

	return w
}

func containsString(list []string, s string) bool {
	for _, item := range list {
		if item == s {
			return true
		}
	}

	return false
}

// modifiedDate returns when a product was last saved in SPS: within the
// three years before Now, in one of SPS's date formats, and "" on about
// one record in a hundred.
func (b *productBuilder) modifiedDate() sps.Time {
	r := b.r
	if chance(r, 0.01) {
		return sps.EmptyTime()
	}

	at := b.g.now.Add(-randomDuration(r, time.Hour, 3*365*24*time.Hour))
	return messyTime(r, at, b.g.store)
}

// status returns "Inactive" for about 8 % of products.
func (b *productBuilder) status() string {
	if chance(b.r, 0.08) {
		return spsProductInactive
	}

	return spsProductActive
}

// SPS product statuses.
const (
	spsProductActive   = "Active"
	spsProductInactive = "Inactive"
)

// spsProductsOf returns the SPS records of planned.
func spsProductsOf(planned []plannedProduct) []sps.Product {
	out := make([]sps.Product, len(planned))
	for i, p := range planned {
		out[i] = p.Product
	}

	return out
}
