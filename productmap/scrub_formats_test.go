package productmap

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestScrubPricesSignAfterSpace(t *testing.T) {
	cases := []struct {
		name, text, want string
	}{
		{"euro after space", "Prix 84 € le m²", "Prix le m²"},
		{"dollar after space", "Was 84 $ each", "Was each"},
		{"pound after space", "Offcut 40 £, collect", "Offcut, collect"},
		{"decimal comma euro", "Price 84,37 €/sf", "Price"},
		{"decimal comma euro code", "Prix: 84,37 EUR la dalle", "Prix: la dalle"},
		{"dotted thousands euro", "Preis 1.204,16 € pro Platte", "Preis pro Platte"},
		{"decimal comma dollar", "Trade $84,37 today", "Trade today"},
		{"dotted thousands dollar", "Trade $1.204,16 today", "Trade today"},
		{"comma thousands kept as one amount", "Was $1,204.16 now", "Was now"},
		{"whole dollars before comma", "Sample fee $25, refundable", "Sample fee, refundable"},
		{"decimal comma without currency kept", "Tile 12,50 x 24", "Tile 12,50 x 24"},
		{"amount before spaced sign", "Pack of 12 $ off", "Pack of off"},
		{"size before dollar amount kept", "Slab 126 x 63 $1,204.16", "Slab 126 x 63"},
		{"count before dollar amount kept", "Sizes 12 $84 each", "Sizes 12 each"},
		{"count after glued sign kept", "Price 1204.16$ 12 pcs", "Price 12 pcs"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, ScrubPrices(tc.text))
		})
	}
}

func TestMirrorDocumentRemovesOwnDecimalCommaPrice(t *testing.T) {
	wholesale, contractor := int64(8437), int64(120416)
	p := Product{ID: 1, SKU: "A", Key: "A", Name: "Slab", WholesaleCents: &wholesale,
		ContractorCents: &contractor, Description: "Großhandel 84,37 je m2, Handwerker 1.204,16 je Platte"}

	doc := MirrorDocumentFor(p)

	assert.NotContains(t, doc.Description, "84,37", "wholesale")
	assert.NotContains(t, doc.Description, "1.204,16", "contractor")
	assert.Equal(t, "Großhandel je m2, Handwerker je Platte", doc.Description, "description")
}
