package productmap

import (
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func hashProduct(t *testing.T) Product {
	t.Helper()
	p, err := FromSPS(spsProduct())
	require.NoError(t, err)
	return p
}

func TestContentHashChangesWithEveryField(t *testing.T) {
	cents := func(n int64) *int64 { return &n }
	cases := []struct {
		name   string
		change func(p *Product)
	}{
		{"id", func(p *Product) { p.ID++ }},
		{"sku", func(p *Product) { p.SKU = "CAL-ORO-3CM" }},
		{"key", func(p *Product) { p.Key = "CAL-ORO" }},
		{"name", func(p *Product) { p.Name += "!" }},
		{"description", func(p *Product) { p.Description = "" }},
		{"category", func(p *Product) { p.Category = "Tile" }},
		{"subcategory", func(p *Product) { p.Subcategory = "Granite" }},
		{"type", func(p *Product) { p.Type = "Remnant" }},
		{"color", func(p *Product) { p.Color = "Gold" }},
		{"finish", func(p *Product) { p.Finish = "Honed" }},
		{"thickness", func(p *Product) { p.Thickness = "2cm" }},
		{"dimensions", func(p *Product) { p.Dimensions = "" }},
		{"supplier", func(p *Product) { p.Supplier = "厦门石材进出口有限公司" }},
		{"brand", func(p *Product) { p.Brand = "" }},
		{"origin", func(p *Product) { p.Origin = "Spain" }},
		{"image URL", func(p *Product) { p.ImageURL = "" }},
		{"active", func(p *Product) { p.Active = false }},
		{"wholesale price", func(p *Product) { p.WholesaleCents = cents(120417) }},
		{"wholesale removed", func(p *Product) { p.WholesaleCents = nil }},
		{"contractor price", func(p *Product) { p.ContractorCents = cents(1) }},
		{"contractor zero instead of none", func(p *Product) { p.WholesaleCents, p.ContractorCents = nil, cents(0) }},
		{"text moved between fields", func(p *Product) { p.Color, p.Finish = p.Color+p.Finish, "" }},
	}
	base := ContentHash(hashProduct(t))
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := hashProduct(t)
			tc.change(&p)

			assert.NotEqual(t, base, ContentHash(p))
		})
	}
}

func TestContentHashIsStable(t *testing.T) {
	p := hashProduct(t)
	same := hashProduct(t)
	later := hashProduct(t)
	later.ModifiedDate = later.ModifiedDate.Add(48 * time.Hour)

	assert.Regexp(t, regexp.MustCompile(`^[0-9a-f]{64}$`), ContentHash(p), "hex SHA-256")
	assert.Equal(t, ContentHash(p), ContentHash(same), "same product")
	assert.Equal(t, ContentHash(p), ContentHash(later), "modifiedDate is not hashed")
}
