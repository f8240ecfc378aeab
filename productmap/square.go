package productmap

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Square catalog limits in Unicode code points, from Square's OpenAPI spec
// as shipped in square-go-sdk v1.5.0 (CatalogItem.name, CatalogItem.description
// and CatalogItemVariation.name).
const (
	SquareMaxNameRunes          = 512
	SquareMaxDescriptionRunes   = 4096
	SquareMaxVariationNameRunes = 255
)

// squareDefaultVariation names the variation of a product with neither
// thickness nor finish.
const squareDefaultVariation = "Regular"

// SquareItem is the desired shape of a product in the Square catalog: one
// ITEM with one ITEM_VARIATION, without ids or versions.
type SquareItem struct {
	// Name is the ITEM name, at most SquareMaxNameRunes code points.
	Name string
	// Description is the ITEM description, at most
	// SquareMaxDescriptionRunes code points.
	Description string
	// VariationName is the ITEM_VARIATION name, at most
	// SquareMaxVariationNameRunes code points.
	VariationName string
	// SKU is the variation SKU: the product Key.
	SKU string
	// PriceCents is the variation price in US cents, nil for variable
	// pricing.
	PriceCents *int64
}

// SquareItemFor returns the Square item for p. Text over a Square limit is
// cut at a rune boundary and ends with "…". The variation is named after
// the thickness and finish ("3cm Polished"), or "Regular" when both are
// empty. The price is the contractor price.
//
// NOTE: the price level is an assumption, because the SPS price the store
// charges at its Square counter is not confirmed.
func SquareItemFor(p Product) SquareItem {
	variation := strings.TrimSpace(p.Thickness + " " + p.Finish)
	if variation == "" {
		variation = squareDefaultVariation
	}

	var price *int64
	if p.ContractorCents != nil {
		cents := *p.ContractorCents
		price = &cents
	}

	return SquareItem{
		Name:          truncateRunes(p.Name, SquareMaxNameRunes),
		Description:   truncateRunes(p.Description, SquareMaxDescriptionRunes),
		VariationName: truncateRunes(variation, SquareMaxVariationNameRunes),
		SKU:           p.Key,
		PriceCents:    price,
	}
}

// truncateRunes returns s when it has at most limit runes, and otherwise
// its first limit-1 runes, without trailing white space, followed by "…".
// The result never has more than limit runes. limit must be at least 1.
func truncateRunes(s string, limit int) string {
	if utf8.RuneCountInString(s) <= limit {
		return s
	}

	count := 0
	for i := range s {
		if count == limit-1 {
			return strings.TrimRightFunc(s[:i], unicode.IsSpace) + "…"
		}
		count++
	}
	return s
}
