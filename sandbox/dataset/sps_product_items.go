package dataset

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/stonecity/sync/clients/sps"
)

// stoneProduct returns a product of line cut from s. thickness and sku
// override the random choices when not "".
func (b *productBuilder) stoneProduct(line productLine, s productStone, thickness, sku string) plannedProduct {
	r := b.r
	finish := pick(r, line.finishes)
	if thickness == "" {
		thickness = pick(r, line.thicknesses)
	}
	dimensions := pick(r, line.dimensions)
	if sku == "" {
		sku = b.stoneSKU(line, s, finish, thickness, dimensions)
	}
	b.taken[sku] = true

	subcategory := line.subcategory
	if subcategory == "" {
		subcategory = s.kind.word
	}
	origin := ""
	if len(s.origins) > 0 {
		origin = pick(r, s.origins)
	}

	p := sps.Product{
		SKU:         sku,
		Name:        stoneProductName(line, s.stone, finish, thickness, dimensions),
		Category:    line.category,
		Subcategory: subcategory,
		Type:        line.kind,
		Color:       b.colorName(s.color),
		Finish:      finish,
		Thickness:   thickness,
		Dimensions:  dimensions,
		Supplier:    b.supplier(origin),
		Brand:       b.brand(s.kind.code),
		Origin:      origin,
	}
	wholesale := b.wholesaleCents(line.low, line.high)
	if line.unit == "slab" && strings.EqualFold(thickness, "3cm") {
		wholesale = distinctCents(wholesale*13/10, b.r.IntN(99)+1)
	}

	return b.finishProduct(p, wholesale, line.unit, s.name)
}

// stoneSKU returns an unused SKU for a stone product: kind, stone and
// colour codes, then the line, size, thickness and finish codes the line
// needs. A slab SKU often carries a bundle lot number, and any SKU already
// taken gets one.
func (b *productBuilder) stoneSKU(line productLine, s productStone, finish, thickness, dimensions string) string {
	parts := []string{skuBase(s.stone)}
	if line.unit != "slab" {
		parts = append(parts, line.code, skuCode(dimensions))
	}
	parts = append(parts, skuCode(thickness))
	if finish != "Polished" {
		parts = append(parts, strings.ToUpper(finish[:3]))
	}
	sku := joinSKU(parts)
	if line.unit == "slab" && chance(b.r, 0.4) {
		sku += "-L" + strconv.Itoa(between(b.r, 1000, 9999))
	}

	return b.unusedSKU(sku)
}

// unusedSKU returns sku, or sku with a lot number when sku is taken.
func (b *productBuilder) unusedSKU(sku string) string {
	candidate := sku
	for b.taken[candidate] {
		candidate = sku + "-L" + strconv.Itoa(between(b.r, 1000, 99999))
	}

	return candidate
}

// skuCode writes text as a SKU part: letters upper-cased, digits kept, an
// inch mark as "IN", everything else dropped. "3/8\"" gives "38IN".
func skuCode(text string) string {
	var sb strings.Builder
	for _, c := range text {
		switch {
		case c == '"':
			sb.WriteString("IN")
		case unicode.IsLetter(c) || unicode.IsDigit(c):
			sb.WriteRune(unicode.ToUpper(c))
		}
	}

	return sb.String()
}

// joinSKU joins the non-empty parts with "-".
func joinSKU(parts []string) string {
	var kept []string
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}

	return strings.Join(kept, "-")
}

// supplyProduct returns a care product or setting material of line.
func (b *productBuilder) supplyProduct(line supplyLine) plannedProduct {
	r := b.r
	name, size := pick(r, line.names), pick(r, line.sizes)
	color := ""
	if len(line.colors) > 0 {
		color = pick(r, line.colors)
	}
	brand := pick(r, line.brands)

	sku := joinSKU([]string{line.code, initials(name), skuCode(size), truncateCode(skuCode(color), 6)})
	sku = b.unusedSKU(sku)
	b.taken[sku] = true

	fullName := brand + " " + name + ", " + size
	if color != "" {
		fullName += " – " + color
	}
	p := sps.Product{
		SKU:         sku,
		Name:        fullName,
		Category:    line.category,
		Subcategory: line.subcategory,
		Type:        singular(line.subcategory),
		Color:       color,
		Dimensions:  size,
		Supplier:    b.supplier("USA"),
		Brand:       brand,
		Origin:      "USA",
	}

	return b.finishProduct(p, b.wholesaleCents(line.low, line.high), "each", name)
}

// catalogSupply returns the SPS product of a supply that the Square
// catalog and quote lines sell under the same SKU.
func (b *productBuilder) catalogSupply(s supply) plannedProduct {
	b.taken[s.sku] = true
	category, subcategory := "Setting Materials", "Tools"
	switch {
	case strings.Contains(s.name, "Sink"):
		category, subcategory = "Sinks", "Stainless & Fireclay"
	case strings.Contains(s.name, "Seal") || strings.Contains(s.name, "Clean") ||
		strings.Contains(s.name, "Polish") || strings.Contains(s.name, "Care"):
		category, subcategory = "Care Products", "Care"
	}

	p := sps.Product{
		SKU:         s.sku,
		Name:        s.name,
		Category:    category,
		Subcategory: subcategory,
		Type:        singular(subcategory),
		Supplier:    b.supplier("USA"),
		Brand:       "Stone City Select",
		Origin:      "USA",
	}
	wholesale := distinctCents(s.price*6/10, b.r.IntN(99)+1)

	return b.finishProduct(p, wholesale, "each", s.name)
}

// finishProduct adds the fields every product gets: status, prices,
// description, image, modifiedDate and messy writing of name and SKU.
// material names the stone or product in the description.
func (b *productBuilder) finishProduct(p sps.Product, wholesale int64, unit, material string) plannedProduct {
	r := b.r
	contractor := contractorCents(r, wholesale)
	p.PriceWholesale = b.priceDecimal(wholesale)
	p.PriceContractor = b.priceDecimal(contractor)
	p.Status = b.status()
	p.ModifiedDate = b.modifiedDate()
	p.ImageURL = b.imageURL(p.SKU)

	planned := plannedProduct{Product: p, key: p.SKU, valid: true}
	planned.Description, planned.mentionsPrice = b.description(p, unit, material, wholesale, contractor)
	planned.Name = b.messyName(p.Name)
	planned.SKU = b.messySKU(p.SKU)

	return planned
}

func initials(name string) string {
	var sb strings.Builder
	for _, word := range strings.Fields(name) {
		for _, c := range word {
			if unicode.IsLetter(c) {
				sb.WriteRune(unicode.ToUpper(c))
				break
			}
		}
	}

	return truncateCode(sb.String(), 4)
}

func truncateCode(code string, n int) string {
	if len(code) > n {
		return code[:n]
	}

	return code
}

// singular drops a plural "s" from a subcategory to name the product
// type: "Sealers" gives "Sealer", "Grout" stays.
func singular(word string) string {
	if strings.HasSuffix(word, "shes") {
		return strings.TrimSuffix(word, "es")
	}

	return strings.TrimSuffix(word, "s")
}
