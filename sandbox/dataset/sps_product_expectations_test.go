package dataset

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/sps"
)

// testProductKey is the SKU key written out independently of the
// generator: trimmed, runs of white space as "-", upper-cased.
func testProductKey(sku string) string {
	return strings.ToUpper(strings.Join(strings.Fields(sku), "-"))
}

func testProductValid(p sps.Product) bool {
	return testProductKey(p.SKU) != "" && strings.TrimSpace(p.Name) != ""
}

// testProductBeats reports whether a wins over b for the same key: active
// first, then the later modifiedDate, then the lower id.
func testProductBeats(a, b sps.Product) bool {
	aActive, bActive := a.Status == "Active", b.Status == "Active"
	switch {
	case aActive != bActive:
		return aActive
	case !a.ModifiedDate.Time().Equal(b.ModifiedDate.Time()):
		return a.ModifiedDate.Time().After(b.ModifiedDate.Time())
	default:
		return a.ID < b.ID
	}
}

// recountProducts computes the product expectations from the records
// alone, with the rules written out in this file.
func recountProducts(products []sps.Product) ProductExpectations {
	exp := ProductExpectations{Products: len(products)}
	winners := map[string]sps.Product{}
	for _, p := range products {
		if p.Status == "Active" {
			exp.ActiveProducts++
		} else {
			exp.InactiveProducts++
		}
		if !testProductValid(p) {
			exp.InvalidProducts = append(exp.InvalidProducts, p.ID)
			continue
		}
		key := testProductKey(p.SKU)
		if w, seen := winners[key]; !seen || testProductBeats(p, w) {
			winners[key] = p
		}
	}

	for _, p := range products {
		if !testProductValid(p) {
			continue
		}
		w := winners[testProductKey(p.SKU)]
		if w.ID == p.ID {
			continue
		}
		exp.Duplicates = append(exp.Duplicates, ProductDuplicate{ProductID: p.ID, KeptID: w.ID})
		if p.Status == "Active" {
			exp.DuplicateProducts++
		}
	}

	for _, w := range winners {
		if w.Status != "Active" {
			exp.InactiveOnlyKeys++
			continue
		}
		exp.ActiveKeys++
		if w.PriceWholesale.IsSet() || w.PriceContractor.IsSet() {
			exp.PricedActiveKeys++
		}
		if w.PriceContractor.IsSet() {
			exp.ContractorPricedActiveKeys++
		}
		if quotesOwnPrice(w) {
			exp.PriceMentions++
		}
		if utf8.RuneCountInString(w.Description) > 4096 {
			exp.OverlongDescriptions++
		}
	}

	return exp
}

func TestSPSProductExpectationsMatchRecount(t *testing.T) {
	for _, tc := range productSizeCases {
		t.Run(tc.name, func(t *testing.T) {
			d := spsDatasetFor(t, tc.opts)
			want, got := recountProducts(d.SPS.Products), d.Expect.SPSProducts

			assert.Equal(t, want.Products, got.Products, "products")
			assert.Equal(t, want.ActiveProducts, got.ActiveProducts, "active products")
			assert.Equal(t, want.InactiveProducts, got.InactiveProducts, "inactive products")
			assert.Equal(t, want.ActiveKeys, got.ActiveKeys, "active keys")
			assert.Equal(t, want.InactiveOnlyKeys, got.InactiveOnlyKeys, "inactive-only keys")
			assert.Equal(t, want.DuplicateProducts, got.DuplicateProducts, "duplicate products")
			assert.Equal(t, want.Duplicates, got.Duplicates, "duplicates")
			assert.Equal(t, want.InvalidProducts, got.InvalidProducts, "invalid products")
			assert.Equal(t, want.PricedActiveKeys, got.PricedActiveKeys, "priced active keys")
			assert.Equal(t, want.ContractorPricedActiveKeys, got.ContractorPricedActiveKeys, "contractor-priced keys")
			assert.Equal(t, want.PriceMentions, got.PriceMentions, "price mentions")
			assert.Equal(t, want.OverlongDescriptions, got.OverlongDescriptions, "overlong descriptions")
		})
	}
}

func TestSPSProductExpectationsFullSize(t *testing.T) {
	exp := fullDataset(t).Expect.SPSProducts

	assert.Equal(t, DefaultSPSProducts, exp.Products, "products")
	assert.Len(t, exp.Duplicates, 40, "duplicate pairs")
	assert.Equal(t, 24, exp.DuplicateProducts, "active losers")
	assert.Empty(t, exp.InvalidProducts, "invalid records: only on request")
	assert.InDelta(t, 0.08, float64(exp.InactiveProducts)/float64(exp.Products), 0.015, "inactive share")
	assert.Equal(t, exp.Products-len(exp.InvalidProducts)-len(exp.Duplicates), exp.ActiveKeys+exp.InactiveOnlyKeys,
		"every valid record that is no duplicate has its own key")
	assert.Less(t, exp.PricedActiveKeys, exp.ActiveKeys, "some active keys have no price")
	assert.Greater(t, exp.PricedActiveKeys, exp.ActiveKeys*9/10, "most active keys have a price")
	assert.Positive(t, exp.PriceMentions, "price mentions")
	assert.Positive(t, exp.OverlongDescriptions, "overlong descriptions")
}

func TestSPSProductDuplicatePairs(t *testing.T) {
	d := fullDataset(t)
	byID := map[int64]sps.Product{}
	for _, p := range d.SPS.Products {
		byID[p.ID] = p
	}

	var bothActive, oneInactive, sameDate int
	for _, dup := range d.Expect.SPSProducts.Duplicates {
		loser, kept := byID[dup.ProductID], byID[dup.KeptID]
		require.NotZero(t, loser.ID, "loser %d exists", dup.ProductID)
		require.NotZero(t, kept.ID, "kept %d exists", dup.KeptID)

		assert.NotEqual(t, loser.SKU, kept.SKU, "pair %d/%d SKUs written differently", loser.ID, kept.ID)
		assert.Equal(t, testProductKey(loser.SKU), testProductKey(kept.SKU), "pair %d/%d same key", loser.ID, kept.ID)
		assert.Equal(t, "Active", kept.Status, "kept %d is active", kept.ID)
		switch {
		case loser.Status != "Active":
			oneInactive++
		case loser.ModifiedDate.Time().Equal(kept.ModifiedDate.Time()):
			sameDate++
			assert.Less(t, kept.ID, loser.ID, "same date: the lower id %d wins", kept.ID)
		default:
			bothActive++
			assert.True(t, kept.ModifiedDate.Time().After(loser.ModifiedDate.Time()), "kept %d is newer", kept.ID)
		}
	}

	assert.Equal(t, 20, bothActive, "both active, newer wins")
	assert.Equal(t, 4, sameDate, "both active, same date")
	assert.Equal(t, 16, oneInactive, "one inactive")
}

func TestSPSProductInvalidRecords(t *testing.T) {
	d := spsDatasetFor(t, productSizeCases[2].opts)
	invalid := d.Expect.SPSProducts.InvalidProducts

	var emptySKU, emptyName int
	for _, p := range d.SPS.Products {
		if !slices.Contains(invalid, p.ID) {
			continue
		}
		if strings.TrimSpace(p.SKU) == "" {
			emptySKU++
		}
		if strings.TrimSpace(p.Name) == "" {
			emptyName++
		}
	}

	assert.Equal(t, 5, emptySKU, "empty SKUs")
	assert.Equal(t, 5, emptyName, "empty names")
	assert.True(t, slices.IsSorted(invalid), "ids sorted")
}

// quotesOwnPrice reports whether the description of p holds one of its
// set prices with two decimals, with or without thousands separators.
func quotesOwnPrice(p sps.Product) bool {
	for _, d := range []sps.Decimal{p.PriceWholesale, p.PriceContractor} {
		cents, ok := centsOf(d)
		if ok && (strings.Contains(p.Description, formatCents(cents)) || strings.Contains(p.Description, groupedCents(cents))) {
			return true
		}
	}
	return false
}
