package productmap

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/sps"
)

// spsProduct returns a complete, valid SPS product.
func spsProduct() sps.Product {
	return sps.Product{
		ID:              204417,
		SKU:             " cal oro-3cm ",
		Name:            " Calacatta Oro — Book-matched ",
		Description:     "Italian marble. Contractor price $84.37/sf",
		Category:        "Slabs",
		Subcategory:     "Marble",
		Type:            "Slab",
		Color:           "White",
		Finish:          "Polished",
		Thickness:       "3cm",
		Dimensions:      "126 x 63 in",
		PriceWholesale:  sps.MustDecimal("1204.16"),
		PriceContractor: sps.MustDecimal("1565.41"),
		Supplier:        "Marmi Apuani S.r.l.",
		Brand:           "Stone City Select",
		Origin:          "Italy",
		ImageURL:        "https://images.stonecity.example/products/cal-oro-3cm.jpg",
		Status:          "Active",
		ModifiedDate:    sps.NewTime(time.Date(2026, 11, 3, 15, 4, 5, 0, time.UTC)),
	}
}

func TestFromSPSConvertsEveryField(t *testing.T) {
	got, err := FromSPS(spsProduct())
	require.NoError(t, err)

	assert.Equal(t, int64(204417), got.ID, "id")
	assert.Equal(t, "cal oro-3cm", got.SKU, "sku trimmed")
	assert.Equal(t, "CAL-ORO-3CM", got.Key, "key")
	assert.Equal(t, "Calacatta Oro — Book-matched", got.Name, "name trimmed")
	assert.Equal(t, "Italian marble. Contractor price $84.37/sf", got.Description, "description")
	assert.Equal(t, "Slabs", got.Category, "category")
	assert.Equal(t, "Marble", got.Subcategory, "subcategory")
	assert.Equal(t, "Slab", got.Type, "type")
	assert.Equal(t, "White", got.Color, "color")
	assert.Equal(t, "Polished", got.Finish, "finish")
	assert.Equal(t, "3cm", got.Thickness, "thickness")
	assert.Equal(t, "126 x 63 in", got.Dimensions, "dimensions")
	assert.Equal(t, "Marmi Apuani S.r.l.", got.Supplier, "supplier")
	assert.Equal(t, "Stone City Select", got.Brand, "brand")
	assert.Equal(t, "Italy", got.Origin, "origin")
	assert.Equal(t, "https://images.stonecity.example/products/cal-oro-3cm.jpg", got.ImageURL, "image URL")
	assert.True(t, got.Active, "active")
	require.NotNil(t, got.WholesaleCents, "wholesale")
	assert.Equal(t, int64(120416), *got.WholesaleCents, "wholesale cents")
	require.NotNil(t, got.ContractorCents, "contractor")
	assert.Equal(t, int64(156541), *got.ContractorCents, "contractor cents")
	assert.Equal(t, time.Date(2026, 11, 3, 15, 4, 5, 0, time.UTC), got.ModifiedDate, "modified date")
}

func TestFromSPSStatus(t *testing.T) {
	cases := []struct {
		name, status string
		want         bool
	}{
		{"active", "Active", true},
		{"upper case with spaces", " ACTIVE ", true},
		{"inactive", "Inactive", false},
		{"empty", "", false},
		{"unknown", "Discontinued", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := spsProduct()
			p.Status = tc.status

			got, err := FromSPS(p)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got.Active)
		})
	}
}

func TestFromSPSPrices(t *testing.T) {
	cents := func(n int64) *int64 { return &n }
	cases := []struct {
		name  string
		price sps.Decimal
		want  *int64
	}{
		{"two decimals", sps.MustDecimal("84.37"), cents(8437)},
		{"one decimal", sps.MustDecimal("84.5"), cents(8450)},
		{"four decimals", sps.MustDecimal("84.3700"), cents(8437)},
		{"whole dollars", sps.MustDecimal("84"), cents(8400)},
		{"half a cent rounds up", sps.MustDecimal("84.375"), cents(8438)},
		{"below half a cent rounds down", sps.MustDecimal("84.3749"), cents(8437)},
		{"zero", sps.MustDecimal("0"), cents(0)},
		{"leading zeros", sps.MustDecimal("0042.50"), cents(4250)},
		{"empty string", sps.EmptyDecimal(), nil},
		{"null", sps.Decimal{}, nil},
		{"fifteen digits of dollars", sps.MustDecimal("999999999999999.99"), cents(99999999999999999)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := spsProduct()
			p.PriceWholesale = tc.price

			got, err := FromSPS(p)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got.WholesaleCents)
		})
	}
}

func TestFromSPSErrors(t *testing.T) {
	cases := []struct {
		name      string
		change    func(p *sps.Product)
		wantField string
		wantText  string
	}{
		{"zero id", func(p *sps.Product) { p.ID = 0 }, "id", "SPS product without id: invalid id: must be a positive integer"},
		{"negative id", func(p *sps.Product) { p.ID = -4 }, "id", "SPS product -4: invalid id: must be a positive integer"},
		{"empty sku", func(p *sps.Product) { p.SKU = "" }, "sku", "SPS product 204417: invalid sku: is empty"},
		{"blank sku", func(p *sps.Product) { p.SKU = " \t\u00a0" }, "sku", "SPS product 204417: invalid sku: is empty"},
		{"control character in sku", func(p *sps.Product) { p.SKU = "CAL\x00ORO" }, "sku",
			"SPS product 204417: invalid sku: contains a control character"},
		{"long sku", func(p *sps.Product) { p.SKU = strings.Repeat("A", 101) }, "sku",
			"SPS product 204417: invalid sku: is longer than 100 bytes"},
		{"empty name", func(p *sps.Product) { p.Name = "" }, "name", "SPS product 204417: invalid name: is empty"},
		{"blank name", func(p *sps.Product) { p.Name = "  " }, "name", "SPS product 204417: invalid name: is empty"},
		{"wholesale not a number", func(p *sps.Product) { p.PriceWholesale = sps.MustDecimal("NaN") }, "priceWholesale",
			`SPS product 204417: invalid priceWholesale: is not a decimal number: "NaN"`},
		{"wholesale negative", func(p *sps.Product) { p.PriceWholesale = sps.MustDecimal("-1.50") }, "priceWholesale",
			"SPS product 204417: invalid priceWholesale: is negative: -1.50"},
		{"contractor infinite", func(p *sps.Product) { p.PriceContractor = sps.MustDecimal("Inf") }, "priceContractor",
			`SPS product 204417: invalid priceContractor: is not a decimal number: "Inf"`},
		{"contractor too large", func(p *sps.Product) { p.PriceContractor = sps.MustDecimal("1000000000000000") },
			"priceContractor", "SPS product 204417: invalid priceContractor: is too large: 1000000000000000"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := spsProduct()
			tc.change(&p)

			_, err := FromSPS(p)
			var fieldErr *FieldError
			require.True(t, errors.As(err, &fieldErr), "error %v is a *FieldError", err)
			assert.Equal(t, p.ID, fieldErr.ProductID, "product id")
			assert.Equal(t, tc.wantField, fieldErr.Field, "field")
			assert.Equal(t, tc.wantText, err.Error(), "message")
		})
	}
}

func TestFromSPSCleansText(t *testing.T) {
	p := spsProduct()
	p.Description = "bad \xff byte "
	p.Color = "\t"

	got, err := FromSPS(p)
	require.NoError(t, err)

	assert.Equal(t, "bad \uFFFD byte", got.Description, "invalid UTF-8 replaced")
	assert.Equal(t, "", got.Color, "blank text becomes empty")
}

func TestFromSPSWithoutModifiedDate(t *testing.T) {
	p := spsProduct()
	p.ModifiedDate = sps.EmptyTime()

	got, err := FromSPS(p)
	require.NoError(t, err)
	assert.True(t, got.ModifiedDate.IsZero())
}
