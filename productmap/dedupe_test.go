package productmap

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func dedupeProduct(id int64, key string, active bool, day int) Product {
	return Product{ID: id, SKU: key, Key: key, Name: "P", Active: active,
		ModifiedDate: time.Date(2026, 1, day, 0, 0, 0, 0, time.UTC)}
}

func TestDedupe(t *testing.T) {
	cases := []struct {
		name      string
		products  []Product
		wantKept  []int64
		wantDupes []Duplicate
	}{
		{"no duplicates", []Product{dedupeProduct(1, "A", true, 1), dedupeProduct(2, "B", false, 1)},
			[]int64{1, 2}, nil},
		{"active beats newer inactive", []Product{dedupeProduct(1, "A", false, 9), dedupeProduct(2, "A", true, 1)},
			[]int64{2}, []Duplicate{{ProductID: 1, Key: "A", KeptID: 2}}},
		{"later date wins", []Product{dedupeProduct(5, "A", true, 2), dedupeProduct(3, "A", true, 1)},
			[]int64{5}, []Duplicate{{ProductID: 3, Key: "A", KeptID: 5}}},
		{"lower id wins a tie", []Product{dedupeProduct(8, "A", true, 4), dedupeProduct(7, "A", true, 4)},
			[]int64{7}, []Duplicate{{ProductID: 8, Key: "A", KeptID: 7}}},
		{"both inactive: later date wins", []Product{dedupeProduct(1, "A", false, 1), dedupeProduct(2, "A", false, 3)},
			[]int64{2}, []Duplicate{{ProductID: 1, Key: "A", KeptID: 2}}},
		{"three records", []Product{
			dedupeProduct(1, "A", true, 1), dedupeProduct(2, "B", true, 1),
			dedupeProduct(3, "A", true, 5), dedupeProduct(4, "A", false, 9),
		}, []int64{2, 3}, []Duplicate{{ProductID: 1, Key: "A", KeptID: 3}, {ProductID: 4, Key: "A", KeptID: 3}}},
		{"empty input", nil, nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			kept, dupes := Dedupe(tc.products)

			var keptIDs []int64
			for _, p := range kept {
				keptIDs = append(keptIDs, p.ID)
			}
			assert.Equal(t, tc.wantKept, keptIDs, "kept")
			assert.Equal(t, tc.wantDupes, dupes, "duplicates")
		})
	}
}

func TestDedupeIgnoresInputOrder(t *testing.T) {
	a := dedupeProduct(10, "K", true, 3)
	b := dedupeProduct(11, "K", true, 3)
	c := dedupeProduct(12, "K", false, 8)

	for _, order := range [][]Product{{a, b, c}, {c, b, a}, {b, c, a}} {
		kept, dupes := Dedupe(order)

		assert.Len(t, kept, 1, "one kept")
		assert.Equal(t, int64(10), kept[0].ID, "winner")
		assert.Len(t, dupes, 2, "two losers")
	}
}
