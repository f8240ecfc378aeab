package productmap

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pricedProduct returns a valid product with both prices set and a price
// typed into its name and description.
func pricedProduct(t *testing.T) Product {
	t.Helper()
	p := hashProduct(t)
	p.Name = "Calacatta Oro $84.37/sf"
	require.NotNil(t, p.WholesaleCents)
	require.NotNil(t, p.ContractorCents)
	return p
}

// recordPriceField matches a JSON key that names a price or a cost.
var recordPriceField = regexp.MustCompile(`(?i)"[^"]*(price|cost|cents|wholesale|contractor)[^"]*"\s*:`)

func TestSyncedRecordHoldsNoPrice(t *testing.T) {
	p := pricedProduct(t)
	body, err := json.Marshal([]SyncedProduct{Synced(p)})
	require.NoError(t, err)
	text := string(body)

	assert.False(t, recordPriceField.MatchString(text), "price field in %s", text)
	for _, cents := range []int64{*p.WholesaleCents, *p.ContractorCents, 8437} {
		for _, form := range []string{
			fmt.Sprintf("%d.%02d", cents/100, cents%100),
			fmt.Sprintf("%d", cents),
		} {
			assert.NotContains(t, text, form, "price %d written as %s", cents, form)
		}
	}
	assert.NotContains(t, text, p.Name, "free text of the name")
	assert.Contains(t, text, `"key":"CAL-ORO-3CM"`)
	assert.Contains(t, text, `"id":204417`)
	assert.Contains(t, text, `"active":true`)
}

func TestSquareFingerprintFollowsFields(t *testing.T) {
	base := SquareFingerprint("Granite", "3cm Polished", "GRN-1")
	cases := []struct {
		name                      string
		item, variation, sku      string
		wantSameAsBaseFingerprint bool
	}{
		{"same fields", "Granite", "3cm Polished", "GRN-1", true},
		{"item name", "Granite 2", "3cm Polished", "GRN-1", false},
		{"variation name", "Granite", "2cm Polished", "GRN-1", false},
		{"sku", "Granite", "3cm Polished", "GRN-2", false},
		{"text moved between fields", "Granite3", "cm Polished", "GRN-1", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := SquareFingerprint(tc.item, tc.variation, tc.sku)
			assert.Equal(t, tc.wantSameAsBaseFingerprint, got == base)
		})
	}
}

func TestSquareItemFingerprintMatchesItemFields(t *testing.T) {
	p := hashProduct(t)
	item := SquareItemFor(p)

	assert.Equal(t, SquareFingerprint(item.Name, item.VariationName, item.SKU), item.Fingerprint())
	assert.Equal(t, item.Fingerprint(), Synced(p).SquareItem)
}

// removalProduct returns a valid product with the given id, SKU and
// status.
func removalProduct(id int64, sku string, active bool) Product {
	return Product{ID: id, SKU: sku, Key: Key(sku), Name: fmt.Sprintf("Product %d", id), Thickness: "3cm",
		Active: active}
}

func TestPlanRemovals(t *testing.T) {
	kept := removalProduct(1, "KEPT", true)
	renamedBefore := removalProduct(2, "OLD-SKU", true)
	renamedAfter := removalProduct(2, "NEW-SKU", true)
	gone := removalProduct(3, "GONE", true)
	retiredBefore := removalProduct(4, "RETIRE", true)
	retiredAfter := retiredBefore
	retiredAfter.Active = false
	retiredAfter.Name = "Product 4 discontinued"
	inactive := removalProduct(5, "INACTIVE", false)
	invalid := removalProduct(6, "INVALID", true)
	previous := []SyncedProduct{Synced(kept), Synced(renamedBefore), Synced(gone), Synced(retiredBefore),
		Synced(inactive), Synced(invalid)}
	listed := map[int64]bool{1: true, 2: true, 4: true, 5: true, 6: true}
	current := map[int64]Product{1: kept, 2: renamedAfter, 4: retiredAfter, 5: inactive}

	removals := PlanRemovals(previous, listed, current)

	require.Len(t, removals, 3)
	assert.Equal(t, Removal{ID: 2, Key: "OLD-SKU", SquareItem: Synced(renamedBefore).SquareItem}, removals[0],
		"renamed SKU")
	assert.Equal(t, Removal{ID: 3, Key: "GONE", SquareItem: Synced(gone).SquareItem, Gone: true}, removals[1],
		"deleted outright")
	assert.Equal(t, Removal{ID: 4, Key: "RETIRE", SquareItem: Synced(retiredBefore).SquareItem}, removals[2],
		"inactive with a new name")
}

func TestPlanRemovalsWithoutRecord(t *testing.T) {
	current := map[int64]Product{1: removalProduct(1, "A", true)}

	assert.Empty(t, PlanRemovals(nil, map[int64]bool{1: true}, current))
}

func TestPlanRemovalsListsEachOnce(t *testing.T) {
	gone := Synced(removalProduct(3, "GONE", true))

	removals := PlanRemovals([]SyncedProduct{gone, gone}, map[int64]bool{}, nil)

	assert.Len(t, removals, 1)
}

func TestNextSyncedKeepsUnlistedInvalidOut(t *testing.T) {
	snapshot := []Product{removalProduct(2, "B", true), removalProduct(1, "A", false)}
	invalid := Synced(removalProduct(6, "INVALID", true))
	deleted := Synced(removalProduct(7, "DELETED", true))
	stale := Synced(removalProduct(1, "OLD-A", true))
	listed := map[int64]bool{1: true, 2: true, 6: true}

	next := NextSynced(snapshot, []SyncedProduct{invalid, deleted, stale}, listed)

	assert.Equal(t, []SyncedProduct{Synced(snapshot[1]), Synced(snapshot[0]), invalid}, next)
}

func TestMergeSyncedKeepsBothKeys(t *testing.T) {
	before := Synced(removalProduct(2, "OLD-SKU", true))
	after := Synced(removalProduct(2, "NEW-SKU", true))
	activeA := Synced(removalProduct(1, "A", true))
	inactiveA := Synced(removalProduct(1, "A", false))

	merged := MergeSynced([]SyncedProduct{before, activeA}, []SyncedProduct{inactiveA, after})

	assert.Equal(t, []SyncedProduct{inactiveA, after, before}, merged)
}

func TestSyncedRecordFields(t *testing.T) {
	body, err := json.Marshal(SyncedProduct{})
	require.NoError(t, err)
	var fields map[string]any
	require.NoError(t, json.Unmarshal(body, &fields))

	var names []string
	for name := range fields {
		names = append(names, name)
	}
	assert.ElementsMatch(t, []string{"id", "key", "active", "squareItem"}, names, strings.Join(names, ","))
}

func TestFailedKeysAreListedActiveProductsThatFailed(t *testing.T) {
	previous := []SyncedProduct{
		{ID: 1, Key: "GRN-1", Active: true},  // listed, valid: not failed
		{ID: 2, Key: "GRN-2", Active: true},  // listed, failed
		{ID: 3, Key: "GRN-3", Active: false}, // listed, failed, but had no document
		{ID: 4, Key: "GRN-4", Active: true},  // no longer listed: a removal, not a failure
		{ID: 5, Key: "GRN-2", Active: true},  // listed, failed, same key as product 2
	}
	listed := map[int64]bool{1: true, 2: true, 3: true, 5: true}
	valid := map[int64]Product{1: {ID: 1, Key: "GRN-1"}}

	assert.Equal(t, []string{"GRN-2"}, FailedKeys(previous, listed, valid))
	assert.Equal(t, []string{}, FailedKeys(nil, listed, valid), "no earlier record")
}
