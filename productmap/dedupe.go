package productmap

// Duplicate is a product that Dedupe dropped because another product has
// the same Key.
type Duplicate struct {
	// ProductID is the SPS id of the dropped product.
	ProductID int64 `json:"productId"`
	// Key is the SKU key both products share.
	Key string `json:"key"`
	// KeptID is the SPS id of the product kept for Key.
	KeptID int64 `json:"keptId"`
}

// Dedupe keeps one product per Key field. An active product beats an
// inactive one, then the later ModifiedDate wins, then the lower id. kept
// holds the winners in input order; duplicates lists every loser in input
// order with the id of the winner. The result does not depend on the
// input order, except for the order of the two slices.
func Dedupe(products []Product) (kept []Product, duplicates []Duplicate) {
	winners := make(map[string]int, len(products))
	for i, p := range products {
		best, seen := winners[p.Key]
		if !seen || beats(p, products[best]) {
			winners[p.Key] = i
		}
	}

	for i, p := range products {
		best := winners[p.Key]
		if best == i {
			kept = append(kept, p)
			continue
		}
		duplicates = append(duplicates, Duplicate{ProductID: p.ID, Key: p.Key, KeptID: products[best].ID})
	}
	return kept, duplicates
}

// beats reports whether a wins over b for the same key.
func beats(a, b Product) bool {
	if a.Active != b.Active {
		return a.Active
	}
	if !a.ModifiedDate.Equal(b.ModifiedDate) {
		return a.ModifiedDate.After(b.ModifiedDate)
	}
	return a.ID < b.ID
}
