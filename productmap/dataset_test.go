package productmap

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/sandbox/dataset"
)

var (
	generatedOnce sync.Once
	generated     *dataset.Dataset
)

// generatedDataset returns a dataset with the full product catalogue and
// small other parts, generated once per test binary.
func generatedDataset() *dataset.Dataset {
	generatedOnce.Do(func() {
		generated = dataset.Generate(dataset.Options{
			Seed: 3, Now: time.Date(2026, 12, 4, 11, 0, 0, 0, time.UTC),
			Orders: 20, SPSCustomers: dataset.MinSPSCustomers, SPSQuotes: 20, SPSInvalidProducts: 10,
		})
	})
	return generated
}

// convertAll runs FromSPS over the generated products and returns the
// valid ones and the ids of the rejected ones.
func convertAll(t *testing.T, records []sps.Product) ([]Product, []int64) {
	t.Helper()
	var valid []Product
	var rejected []int64
	for _, r := range records {
		p, err := FromSPS(r)
		if err != nil {
			var fieldErr *FieldError
			require.True(t, errors.As(err, &fieldErr), "product %d error is a *FieldError", r.ID)
			rejected = append(rejected, r.ID)
			continue
		}
		valid = append(valid, p)
	}
	return valid, rejected
}

func TestGeneratedProductsMatchExpectations(t *testing.T) {
	d := generatedDataset()
	exp := d.Expect.SPSProducts

	valid, rejected := convertAll(t, d.SPS.Products)
	kept, duplicates := Dedupe(valid)

	active, priced, contractorPriced, overlong := 0, 0, 0, 0
	for _, p := range kept {
		if !p.Active {
			continue
		}
		active++
		if p.WholesaleCents != nil || p.ContractorCents != nil {
			priced++
		}
		if p.ContractorCents != nil {
			contractorPriced++
		}
		if SquareItemFor(p).Description != p.Description {
			overlong++
		}
	}
	var activeLosers int
	byID := map[int64]Product{}
	for _, p := range valid {
		byID[p.ID] = p
	}
	for _, dup := range duplicates {
		if byID[dup.ProductID].Active {
			activeLosers++
		}
	}

	assert.Equal(t, exp.InvalidProducts, rejected, "rejected records")
	assert.Equal(t, exp.ActiveKeys, active, "active keys")
	assert.Equal(t, exp.ActiveKeys+exp.InactiveOnlyKeys, len(kept), "kept products")
	assert.Len(t, duplicates, len(exp.Duplicates), "duplicates")
	assert.Equal(t, exp.DuplicateProducts, activeLosers, "active duplicates")
	assert.Equal(t, exp.PricedActiveKeys, priced, "priced active keys")
	assert.Equal(t, exp.ContractorPricedActiveKeys, contractorPriced, "contractor-priced active keys")
	assert.Equal(t, exp.OverlongDescriptions, overlong, "descriptions Square cuts")
	for _, dup := range duplicates {
		i := slices.IndexFunc(exp.Duplicates, func(e dataset.ProductDuplicate) bool { return e.ProductID == dup.ProductID })
		require.GreaterOrEqual(t, i, 0, "duplicate %d expected", dup.ProductID)
		assert.Equal(t, exp.Duplicates[i].KeptID, dup.KeptID, "duplicate %d kept id", dup.ProductID)
	}
}

// priceForms returns the ways a price of p can be written that a leak
// search looks for: as SPS sent it, with two decimals, with thousands
// separators and with a dollar sign. Cents without a separator are left
// out because they match too much unrelated text.
func priceForms(record sps.Product, p Product) []string {
	var forms []string
	for _, d := range []sps.Decimal{record.PriceWholesale, record.PriceContractor} {
		if d.IsSet() {
			forms = append(forms, d.String())
		}
	}
	for _, cents := range []*int64{p.WholesaleCents, p.ContractorCents} {
		if cents != nil {
			plain := formatCents(*cents)
			forms = append(forms, plain, "$"+plain, groupThousands(plain), "$"+groupThousands(plain))
		}
	}
	return forms
}

func TestGeneratedMirrorHasNoPrices(t *testing.T) {
	d := generatedDataset()
	records := map[int64]sps.Product{}
	for _, r := range d.SPS.Products {
		records[r.ID] = r
	}
	valid, _ := convertAll(t, d.SPS.Products)
	kept, _ := Dedupe(valid)

	var entries []IndexEntry
	var index strings.Builder
	for _, p := range kept {
		body := string(MirrorJSON(MirrorDocumentFor(p)))
		for _, form := range priceForms(records[p.ID], p) {
			if strings.Contains(body, form) {
				t.Errorf("product %d: mirror document contains price %q: %s", p.ID, form, body)
			}
		}
		entries = append(entries, IndexEntryFor(p))
	}
	index.Write(MirrorIndexJSON(entries))
	// The generated names, categories and SKUs hold no decimal numbers,
	// so any amount in the index would be a leaked price.
	assert.Empty(t, moneyShaped.FindAllString(index.String(), 5), "amounts in the index")
}

var moneyShaped = regexp.MustCompile(`\d[.,]\d`)
