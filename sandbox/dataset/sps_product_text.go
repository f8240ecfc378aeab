package dataset

import (
	"strings"

	"github.com/stonecity/sync/clients/sps"
)

// stoneProductName names a stone product the way the yard's staff type
// it: "Calacatta Gold Marble Polished 3cm Slab", "Noce Travertine Floor
// Tile 12x24 Honed".
func stoneProductName(line productLine, s stone, finish, thickness, dimensions string) string {
	words := []string{s.name, s.kind.word}
	switch line.unit {
	case "slab":
		words = append(words, finish, thickness, "Slab")
	case "sheet":
		words = append(words, dimensions, "Mosaic", finish)
	default:
		words = append(words, line.kind, dimensions, finish)
	}

	return strings.Join(strings.Fields(strings.Join(words, " ")), " ")
}

// colorName spells a colour code, and leaves it out or writes it in
// lower case on a few records.
func (b *productBuilder) colorName(code string) string {
	switch n := b.r.IntN(100); {
	case n < 4:
		return ""
	case n < 7:
		return strings.ToLower(colorNames[code])
	default:
		return colorNames[code]
	}
}

// supplier returns a supplier of origin, "" on a few records.
func (b *productBuilder) supplier(origin string) string {
	list := suppliersByOrigin[origin]
	if len(list) == 0 || chance(b.r, 0.03) {
		return ""
	}

	return pick(b.r, list)
}

// brand returns a brand for manufactured surfaces and, for a third of
// natural stone, the store's own label.
func (b *productBuilder) brand(kindCode string) string {
	if list := brandsByKind[kindCode]; len(list) > 0 {
		return pick(b.r, list)
	}
	if chance(b.r, 0.3) {
		return "Stone City Select"
	}

	return ""
}

// imageURL returns the product photo's address, "" for about one product
// in eight. The host is under the reserved .example domain: nothing
// fetches it.
func (b *productBuilder) imageURL(sku string) string {
	if chance(b.r, 0.12) {
		return ""
	}

	return "https://images.stonecity.example/products/" + strings.ToLower(sku) + ".jpg"
}

// messyName returns name as typed, upper-cased on a few records and with
// doubled or trailing spaces on a few more.
func (b *productBuilder) messyName(name string) string {
	switch n := b.r.IntN(100); {
	case n < 3:
		return strings.ToUpper(name)
	case n < 5:
		return strings.Replace(name, " ", "  ", 1)
	case n < 7:
		return name + " "
	default:
		return name
	}
}

// messySKU returns sku as typed: spaces instead of hyphens on about one
// record in twelve, lower case or outer spaces on a few. Each form has the
// same key as sku: trimmed, white-space runs as "-", upper-cased.
func (b *productBuilder) messySKU(sku string) string {
	switch n := b.r.IntN(100); {
	case n < 8:
		return strings.ReplaceAll(sku, "-", " ")
	case n < 10:
		return strings.ToLower(sku)
	case n < 12:
		return sku + " "
	default:
		return sku
	}
}

// twinSKU returns a different writing of the key of a duplicate pair:
// lower case with a leading space, doubled spaces, a no-break space, or
// hyphens and spaces mixed. It never equals original.
func twinSKU(key, original string, variant int) string {
	spaced := strings.ReplaceAll(key, "-", " ")
	candidates := []string{
		" " + strings.ToLower(key),
		strings.Replace(spaced, " ", "  ", 1),
		strings.Replace(spaced, " ", "\u00a0", 1),
		strings.ToLower(spaced) + "\t",
		strings.Replace(key, "-", " ", 1),
	}
	for i := range candidates {
		candidate := candidates[(variant+i)%len(candidates)]
		if candidate != original {
			return candidate
		}
	}

	return key + " "
}

// description returns the product's free text and whether it quotes the
// product's prices, which about 6 % of descriptions with both prices do.
// About 4 % are empty; about 1 % run to 4,000–4,096 characters and 1 %
// beyond Square's 4,096.
func (b *productBuilder) description(p sps.Product, unit, material string, wholesale, contractor int64) (string, bool) {
	r := b.r
	n := r.IntN(1000)
	if n < 40 {
		return "", false
	}

	text := b.plainDescription(p, unit, material)
	switch {
	case n < 50:
		return padDescription(r, text, between(r, 4000, 4090)), false
	case n < 60:
		return padDescription(r, text, between(r, 4100, 6500)), false
	case n < 120 && p.PriceWholesale.IsSet() && p.PriceContractor.IsSet():
		return text + " " + priceMention(r, unit, wholesale, contractor), true
	default:
		return text, false
	}
}
