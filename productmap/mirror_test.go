package productmap

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMirrorDocumentFor(t *testing.T) {
	p := hashProduct(t)
	p.Name = "Calacatta Oro 1565.41 mm"
	p.ModifiedDate = time.Date(2026, 11, 3, 15, 4, 5, 999, time.FixedZone("EST", -5*3600))

	d := MirrorDocumentFor(p)

	assert.Equal(t, "cal oro-3cm", d.SKU, "sku")
	assert.Equal(t, "CAL-ORO-3CM", d.Key, "key")
	assert.Equal(t, "Calacatta Oro mm", d.Name, "own price removed even before a unit")
	assert.Equal(t, "Italian marble. Contractor price", d.Description, "description scrubbed")
	assert.Equal(t, "Slabs", d.Category, "category")
	assert.Equal(t, "Marble", d.Subcategory, "subcategory")
	assert.Equal(t, "Slab", d.Type, "type")
	assert.Equal(t, "White", d.Color, "color")
	assert.Equal(t, "Polished", d.Finish, "finish")
	assert.Equal(t, "3cm", d.Thickness, "thickness")
	assert.Equal(t, "126 x 63 in", d.Dimensions, "dimensions")
	assert.Equal(t, "Stone City Select", d.Brand, "brand")
	assert.Equal(t, "Italy", d.Origin, "origin")
	assert.Equal(t, p.ImageURL, d.ImageURL, "image URL")
	assert.Equal(t, "2026-11-03T20:04:05Z", d.UpdatedAt, "updatedAt in UTC, whole seconds")
}

func TestMirrorJSONHasNoPriceOrSupplier(t *testing.T) {
	p := hashProduct(t)
	p.Description = "Wholesale USD 1,204.16 per slab; contractor 1565.41."

	body := string(MirrorJSON(MirrorDocumentFor(p)))

	var fields map[string]any
	require.NoError(t, json.Unmarshal([]byte(body), &fields))
	for _, name := range []string{"priceWholesale", "priceContractor", "wholesaleCents", "contractorCents",
		"price_wholesale", "price_contractor", "supplier"} {
		assert.NotContains(t, fields, name, "field %s", name)
	}
	for _, value := range []string{"1204.16", "1,204.16", "1565.41", "1,565.41", "Marmi Apuani"} {
		assert.NotContains(t, body, value, "value %s", value)
	}
}

func TestMirrorJSONIsCanonical(t *testing.T) {
	p := hashProduct(t)
	first := MirrorJSON(MirrorDocumentFor(p))
	second := MirrorJSON(MirrorDocumentFor(hashProduct(t)))

	assert.Equal(t, first, second, "same document, same bytes")
	assert.True(t, json.Valid(first), "valid JSON")
	assert.True(t, strings.HasPrefix(string(first), `{"sku":"cal oro-3cm","key":"CAL-ORO-3CM",`), "field order")

	p.ModifiedDate = time.Time{}
	assert.NotContains(t, string(MirrorJSON(MirrorDocumentFor(p))), "updatedAt", "no date, no updatedAt")
}

func TestMirrorKey(t *testing.T) {
	cases := []struct {
		name, key, want string
	}{
		{"plain", "CAL-ORO-3CM", "by-sku/CAL-ORO-3CM.json"},
		{"slash", "A/B", "by-sku/A%2FB.json"},
		{"accent", "CRÈME", "by-sku/CR%C3%88ME.json"},
		{"percent", "50%", "by-sku/50%25.json"},
		{"control and space", "A B\x01", "by-sku/A%20B%01.json"},
		{"dots and underscore", "A.B_C", "by-sku/A.B_C.json"},
		{"plus and ampersand", "A+B&C", "by-sku/A%2BB%26C.json"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := MirrorKey(tc.key)
			assert.Equal(t, tc.want, got, "object name")

			back, ok := KeyFromMirrorKey(got)
			assert.True(t, ok, "reversible")
			assert.Equal(t, tc.key, back, "round trip")
		})
	}
}

func TestKeyFromMirrorKeyRejects(t *testing.T) {
	for _, object := range []string{
		MirrorIndexKey, "by-sku/A", "other/A.json", "by-sku/A%2.json", "by-sku/A%zz.json",
		"by-sku/a%2fb.json", "by-sku/A B.json", "by-sku/A/B.json",
	} {
		t.Run(object, func(t *testing.T) {
			_, ok := KeyFromMirrorKey(object)
			assert.False(t, ok)
		})
	}
}

func TestMirrorIndexJSON(t *testing.T) {
	entries := []IndexEntry{
		{SKU: "b", Key: "B", Name: "Beta $12.50", Category: "Tile", Object: MirrorKey("B")},
		{SKU: " a", Key: "A", Name: "Alpha", Category: "Slabs", Object: MirrorKey("A")},
	}
	reversed := []IndexEntry{entries[1], entries[0]}

	body := MirrorIndexJSON(entries)

	assert.Equal(t, body, MirrorIndexJSON(reversed), "order of entries does not matter")
	want := `{"count":2,"products":[` +
		`{"sku":" a","key":"A","name":"Alpha","category":"Slabs","object":"by-sku/A.json"},` +
		`{"sku":"b","key":"B","name":"Beta","category":"Tile","object":"by-sku/B.json"}]}`
	assert.Equal(t, want, string(body), "sorted by key, prices scrubbed")
	assert.Equal(t, "Beta $12.50", entries[0].Name, "input not modified")
}

func TestMirrorIndexJSONEmpty(t *testing.T) {
	assert.Equal(t, `{"count":0,"products":[]}`, string(MirrorIndexJSON(nil)))
}

func TestIndexEntryFor(t *testing.T) {
	p := hashProduct(t)
	p.Name = "Oro $1,565.41"

	e := IndexEntryFor(p)

	assert.Equal(t, IndexEntry{SKU: "cal oro-3cm", Key: "CAL-ORO-3CM", Name: "Oro", Category: "Slabs",
		Object: "by-sku/CAL-ORO-3CM.json"}, e)
}
