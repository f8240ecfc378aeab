package productmap

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSquareItemFor(t *testing.T) {
	p := hashProduct(t)

	item := SquareItemFor(p)

	assert.Equal(t, "Calacatta Oro — Book-matched", item.Name, "name")
	assert.Equal(t, p.Description, item.Description, "description")
	assert.Equal(t, "3cm Polished", item.VariationName, "variation name")
	assert.Equal(t, "CAL-ORO-3CM", item.SKU, "SKU is the key")
	require.NotNil(t, item.PriceCents, "price")
	assert.Equal(t, int64(156541), *item.PriceCents, "contractor price")

	*item.PriceCents = 1
	assert.Equal(t, int64(156541), *p.ContractorCents, "the item's price is a copy")
}

func TestSquareItemVariationName(t *testing.T) {
	cases := []struct {
		name, thickness, finish, want string
	}{
		{"both", "2cm", "Honed", "2cm Honed"},
		{"thickness only", "1/2\"", "", "1/2\""},
		{"finish only", "", "Leathered", "Leathered"},
		{"neither", "", "", "Regular"},
		{"too long", strings.Repeat("x", 300), "", strings.Repeat("x", 254) + "…"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := hashProduct(t)
			p.Thickness, p.Finish = tc.thickness, tc.finish

			assert.Equal(t, tc.want, SquareItemFor(p).VariationName)
		})
	}
}

func TestSquareItemWithoutContractorPrice(t *testing.T) {
	p := hashProduct(t)
	p.ContractorCents = nil

	assert.Nil(t, SquareItemFor(p).PriceCents)
}

func TestSquareItemTruncation(t *testing.T) {
	cases := []struct {
		name      string
		text      string
		wantRunes int
		wantEnd   string
	}{
		{"at the limit", strings.Repeat("é", 4096), 4096, "é"},
		{"one over", strings.Repeat("é", 4097), 4096, "é…"},
		{"multi-byte runes", strings.Repeat("石", 5000), 4096, "石…"},
		{"space before the cut", strings.Repeat("a", 4094) + "   bbbb", 4095, "a…"},
		{"short", "short", 5, "short"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := hashProduct(t)
			p.Description = tc.text

			got := SquareItemFor(p).Description
			assert.True(t, utf8.ValidString(got), "valid UTF-8")
			assert.Equal(t, tc.wantRunes, utf8.RuneCountInString(got), "runes")
			assert.True(t, strings.HasSuffix(got, tc.wantEnd), "ends with %q", tc.wantEnd)
		})
	}
}

func TestSquareItemNameLimit(t *testing.T) {
	p := hashProduct(t)
	p.Name = strings.Repeat("Ñ", 600)

	name := SquareItemFor(p).Name

	assert.Equal(t, SquareMaxNameRunes, utf8.RuneCountInString(name), "runes")
	assert.True(t, strings.HasSuffix(name, "…"), "ellipsis")
}
