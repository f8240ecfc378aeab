package productmap

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestHubSpotProperties(t *testing.T) {
	p := hashProduct(t)
	p.Brand = ""

	props := HubSpotProperties(p)

	want := map[string]string{
		"sps_id":           "204417",
		"name":             "Calacatta Oro — Book-matched",
		"hs_sku":           "cal oro-3cm",
		"description":      "Italian marble. Contractor price $84.37/sf",
		"sps_category":     "Slabs",
		"sps_subcategory":  "Marble",
		"sps_type":         "Slab",
		"sps_color":        "White",
		"sps_finish":       "Polished",
		"sps_thickness":    "3cm",
		"sps_dimensions":   "126 x 63 in",
		"price_wholesale":  "1204.16",
		"price_contractor": "1565.41",
		"sps_supplier":     "Marmi Apuani S.r.l.",
		"sps_brand":        "",
		"sps_origin":       "Italy",
		"sps_content_hash": ContentHash(p),
	}
	assert.Equal(t, want, props)
}

func TestHubSpotPropertiesPrices(t *testing.T) {
	cents := func(n int64) *int64 { return &n }
	cases := []struct {
		name       string
		wholesale  *int64
		wantValue  string
		wantExists bool
	}{
		{"cents", cents(8437), "84.37", true},
		{"whole dollars", cents(8400), "84.00", true},
		{"under a dollar", cents(5), "0.05", true},
		{"zero", cents(0), "0.00", true},
		{"thousands without separator", cents(123456), "1234.56", true},
		{"no price", nil, "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := hashProduct(t)
			p.WholesaleCents = tc.wholesale

			value, exists := HubSpotProperties(p)[PropPriceWholesale]
			assert.Equal(t, tc.wantExists, exists, "present")
			assert.Equal(t, tc.wantValue, value, "value")
		})
	}
}
