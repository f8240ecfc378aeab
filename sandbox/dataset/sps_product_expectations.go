package dataset

import (
	"cmp"
	"slices"
	"unicode/utf8"
)

// squareMaxDescription is the longest item description Square accepts,
// in Unicode code points (CatalogItem.description in Square's OpenAPI
// spec).
const squareMaxDescription = 4096

// ProductExpectations are the counts that one product sync over every SPS
// product must produce. They come from how the generator built each
// record, not from the sync's own rules. A product's key is its SKU
// trimmed, with runs of white space as "-" and upper-cased. A record is
// valid when its SKU and name are not blank. Among valid records with one
// key, an active record beats an inactive one, then the later
// modifiedDate wins, then the lower id.
type ProductExpectations struct {
	// Products is the number of product records.
	Products int `json:"products"`
	// ActiveProducts and InactiveProducts count the records by status,
	// invalid ones included.
	ActiveProducts   int `json:"activeProducts"`
	InactiveProducts int `json:"inactiveProducts"`
	// ActiveKeys is the number of distinct keys with at least one active,
	// valid record. Every sink must end with exactly one product per
	// active key.
	ActiveKeys int `json:"activeKeys"`
	// InactiveOnlyKeys is the number of keys whose valid records are all
	// inactive; no sink may hold them.
	InactiveOnlyKeys int `json:"inactiveOnlyKeys"`
	// DuplicateProducts is the number of active valid records that lose
	// to another record with the same key.
	DuplicateProducts int `json:"duplicateProducts"`
	// Duplicates lists every valid record that loses to another with the
	// same key, active or not, with the id of the winner, by loser id.
	Duplicates []ProductDuplicate `json:"duplicates"`
	// InvalidProducts lists the ids of the records with a blank SKU or
	// name, in increasing order.
	InvalidProducts []int64 `json:"invalidProducts"`
	// PricedActiveKeys is the number of active keys whose kept record has
	// a wholesale or contractor price.
	PricedActiveKeys int `json:"pricedActiveKeys"`
	// ContractorPricedActiveKeys is the number of active keys whose kept
	// record has a contractor price, the price Square gets.
	ContractorPricedActiveKeys int `json:"contractorPricedActiveKeys"`
	// PriceMentions is the number of active keys whose kept record's
	// description quotes its own prices.
	PriceMentions int `json:"priceMentions"`
	// OverlongDescriptions is the number of active keys whose kept
	// record's description exceeds Square's 4,096 characters.
	OverlongDescriptions int `json:"overlongDescriptions"`
}

// ProductDuplicate is a product record that loses to another record with
// the same key.
type ProductDuplicate struct {
	ProductID int64 `json:"productId"`
	KeptID    int64 `json:"keptId"`
}

// productExpectationsOf counts set by construction: every valid record
// has its own key except the pairs in set.groups.
func productExpectationsOf(set productSet) ProductExpectations {
	exp := ProductExpectations{Products: len(set.records)}
	loser := make(map[int]int) // record index → index of the kept record
	for _, grp := range set.groups {
		lost := grp.original
		if grp.kept == grp.original {
			lost = grp.twin
		}
		loser[lost] = grp.kept
	}

	for i, p := range set.records {
		active := p.Status == spsProductActive
		if active {
			exp.ActiveProducts++
		} else {
			exp.InactiveProducts++
		}
		if !p.valid {
			exp.InvalidProducts = append(exp.InvalidProducts, p.ID)
			continue
		}

		if kept, lost := loser[i]; lost {
			exp.Duplicates = append(exp.Duplicates, ProductDuplicate{ProductID: p.ID, KeptID: set.records[kept].ID})
			if active {
				exp.DuplicateProducts++
			}
			continue
		}
		countKept(&exp, p)
	}
	slices.SortFunc(exp.Duplicates, func(a, b ProductDuplicate) int { return cmp.Compare(a.ProductID, b.ProductID) })

	return exp
}

// countKept adds the record a sync keeps for its key to exp.
func countKept(exp *ProductExpectations, p plannedProduct) {
	if p.Status != spsProductActive {
		exp.InactiveOnlyKeys++
		return
	}

	exp.ActiveKeys++
	if p.PriceWholesale.IsSet() || p.PriceContractor.IsSet() {
		exp.PricedActiveKeys++
	}
	if p.PriceContractor.IsSet() {
		exp.ContractorPricedActiveKeys++
	}
	if p.mentionsPrice {
		exp.PriceMentions++
	}
	if utf8.RuneCountInString(p.Description) > squareMaxDescription {
		exp.OverlongDescriptions++
	}
}
