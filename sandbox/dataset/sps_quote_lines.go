package dataset

import (
	"math/rand/v2"

	"github.com/stonecity/sync/clients/sps"
)

// spsItemIDBase offsets the SPS item ids of quote lines: the item of
// stones[i] is spsItemIDBase+i and that of supplies[i] is
// spsItemIDBase+1000+i.
const spsItemIDBase = 40000

// labourLines are the fabrication charges on a quote, priced in cents per
// unit. They have no SPS item, so their itemId is "" or null.
var labourLines = []struct {
	sku, description string
	low, high        int64 // unit price range in cents
	perSquareFoot    bool
}{
	{"FAB-SQFT", "Fabrication and install, per sq ft", 4500, 8500, true},
	{"FAB-EDGE", "Edge profile, per linear ft", 1200, 3500, true},
	{"FAB-CUTOUT", "Sink cut-out", 15000, 30000, false},
	{"", "Template fee", 15000, 35000, false},
	{"", "Delivery", 7500, 25000, false},
}

// lines returns one to six quote lines (slabs, tiles, supplies and
// fabrication charges) and the sum of their amounts in cents, each
// rounded to the cent. Quantities are whole slabs and pieces or square
// feet in quarters.
func (b *spsQuoteBuilder) lines() ([]sps.QuoteLine, int64) {
	r := b.r
	n := between(r, 1, 6)
	lines := make([]sps.QuoteLine, 0, n)
	var total int64
	for range n {
		var line pricedLine
		switch k := r.IntN(10); {
		case k < 4:
			line = slabLine(r)
		case k < 6:
			line = tileLine(r)
		case k < 7:
			i := r.IntN(len(supplies))
			s := supplies[i]
			line = quoteLine(r, spsItemIDBase+1000+int64(i), s.sku, s.name,
				int64(between(r, 1, 12))*100, s.price)
		default:
			line = labourLine(r)
		}
		lines = append(lines, line.QuoteLine)
		total += line.cents
	}

	return lines, total
}

// pricedLine is a quote line with its amount in cents.
type pricedLine struct {
	sps.QuoteLine
	cents int64
}

// slabLine quotes one to eight slabs of a stone that is sold as slabs.
func slabLine(r *rand.Rand) pricedLine {
	for {
		i := r.IntN(len(stones))
		s := stones[i]
		if s.kind.slabHigh == 0 {
			continue
		}

		thickness, price := "2CM", between64(r, s.kind.slabLow/100, s.kind.slabHigh/100)*100
		if chance(r, 0.6) {
			thickness, price = "3CM", price*13/10
		}
		sku := skuBase(s) + "-" + thickness
		description := s.name + " " + s.kind.word + " Slab " + thickness

		return quoteLine(r, spsItemIDBase+int64(i), sku, description, int64(between(r, 1, 8))*100, price)
	}
}

// tileLine quotes square feet of a stone cut to tiles or pavers.
func tileLine(r *rand.Rand) pricedLine {
	i := r.IntN(len(stones))
	s := stones[i]
	sku := skuBase(s) + "-12X24"
	description := s.name + " " + s.kind.word + " Tile 12x24"
	squareFeet := int64(between(r, 40, 1200)) * 25

	return quoteLine(r, spsItemIDBase+int64(i), sku, description, squareFeet, between64(r, 6, 28)*100-1)
}

// labourLine quotes a fabrication charge without an SPS item.
func labourLine(r *rand.Rand) pricedLine {
	l := pick(r, labourLines)
	quantity := int64(between(r, 1, 2)) * 100
	if l.perSquareFoot {
		quantity = int64(between(r, 80, 600)) * 25
	}

	line := quoteLine(r, 0, l.sku, l.description, quantity, between64(r, l.low, l.high))
	line.ItemID = emptyOrNull(r, 0.5)

	return line
}

// quoteLine returns a line of quantity hundredths of a unit at unitCents
// each. Unit prices of whole dollars are written without cents on some
// lines.
func quoteLine(r *rand.Rand, itemID int64, sku, description string, quantity, unitCents int64) pricedLine {
	price := formatCents(unitCents)
	if unitCents%100 == 0 && chance(r, 0.5) {
		price = itoa64(unitCents / 100)
	}

	line := sps.QuoteLine{
		ItemID:      decimalOf(itoa64(itemID)),
		SKU:         sku,
		Description: description,
		Quantity:    decimalOf(formatQuantity(quantity)),
		UnitPrice:   decimalOf(price),
	}

	return pricedLine{QuoteLine: line, cents: lineCents(quantity, unitCents)}
}

// quoteTotal returns the total of a quote whose lines come to cents,
// with no tax. About 2 % of quotes get "" instead.
func quoteTotal(r *rand.Rand, cents int64) sps.Decimal {
	if chance(r, 0.02) {
		return sps.EmptyDecimal()
	}

	return decimalOf(formatCents(cents))
}
