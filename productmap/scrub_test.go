package productmap

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestScrubPrices(t *testing.T) {
	cases := []struct {
		name, text, want string
	}{
		{"dollar sign with rate", "Contractor price $84.37/sf", "Contractor price"},
		{"currency code before", "USD 1,204.16 per slab", ""},
		{"currency code after", "Only 84.37 USD.", "Only."},
		{"rounded thousands", "About $1.2k per slab; in stock", "About; in stock"},
		{"US dollar sign", "now US$84.37 for clearance", "now for clearance"},
		{"dollar sign after", "price 1204.16$ each", "price each"},
		{"euro and pound", "€ 90 or £75.50 delivered", "or delivered"},
		{"whole dollars", "Sample fee $25, refundable", "Sample fee, refundable"},
		{"dollars word", "costs 40 dollars a box", "costs a box"},
		{"bare two decimals", "Price 1,204.16 per slab (contractor).", "Price (contractor)."},
		{"bare with rate", "Trade 84.37/sf, retail 99.99/sf.", "Trade, retail."},
		{"two prices", "Was $1,565.41, now US$1204.16 for stock clearance.", "Was, now for stock clearance."},
		{"lower-case code", "usd 12.00 each", "each"},
		{"thickness kept", "Slab 1.25 in thick", "Slab 1.25 in thick"},
		{"weight kept", "Bag of 12.50 lb", "Bag of 12.50 lb"},
		{"dimensions kept", "Tile 12.00 x 24.00", "Tile 12.00 x 24.00"},
		{"three decimals kept", "Ratio 0.125 applies", "Ratio 0.125 applies"},
		{"version-like kept", "Spec 1.2.34 rev", "Spec 1.2.34 rev"},
		{"plain sizes kept", "126 x 63 in, 3cm, 12x24", "126 x 63 in, 3cm, 12x24"},
		{"tax word is not a dimension", "tax 84.37 extra", "tax extra"},
		{"no money", "Calacatta Oro — Book-matched", "Calacatta Oro — Book-matched"},
		{"spaces collapsed", "a   b", "a b"},
		{"newlines kept", "line one $5\n\nline two", "line one\n\nline two"},
		{"empty parentheses dropped", "Slab ($84.37) polished", "Slab polished"},
		{"empty", "", ""},
		{"invalid UTF-8", "a\xff $5", "a\uFFFD"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, ScrubPrices(tc.text))
		})
	}
}

func TestScrubPricesRates(t *testing.T) {
	cases := []struct {
		name, text, want string
	}{
		{"per square foot", "$8.43 per square foot today", "today"},
		{"per sq. ft.", "$8.43 per sq. ft. today", "today"},
		{"slash sq.ft", "$8.43/sq.ft, honed", ", honed"},
		{"per slab", "USD 1,204.16 per slab.", "."},
		{"slash piece", "12.34/pc or less", "or less"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, ScrubPrices(tc.text))
		})
	}
}
