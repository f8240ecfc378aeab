package dataset

import (
	"math/rand/v2"
	"strings"
	"unicode/utf8"

	"github.com/stonecity/sync/clients/sps"
)

// Sentences of product descriptions. None contains a decimal number, so
// a search for a price finds only the prices that descriptions quote.
var (
	usageSentences = []string{
		"Suitable for kitchen countertops, islands and vanities.",
		"Ideal for floors, walls and shower surrounds.",
		"Rated for interior and covered exterior use.",
		"Seal before use and reseal every year.",
		"Book-matched pairs available — ask your rep.",
		"Colour and veining vary from lot to lot; view the bundle before you buy.",
		"Frost resistant; suited to patios and pool decks.",
		"Not recommended for high-traffic commercial floors.",
	}
	careSentences = []string{
		"Clean with a pH-neutral cleaner; avoid vinegar, bleach and ammonia.",
		"Wipe spills promptly: acids such as wine, citrus and coffee can etch a polished surface.",
		"Use a cutting board and trivets; the surface resists heat but sudden changes can crack it.",
		"Résistant à la chaleur — nettoyer avec un savon doux.",
		"Für Innen- und Außenbereiche geeignet, frostbeständig.",
		"Reseal when water no longer beads on the surface, typically every twelve to eighteen months.",
	}
)

// plainDescription returns one to three sentences about a product.
func (b *productBuilder) plainDescription(p sps.Product, unit, material string) string {
	r := b.r
	var sb strings.Builder
	sb.WriteString(material)
	if p.Origin != "" {
		sb.WriteString(" from " + p.Origin)
	}
	if p.Finish != "" {
		sb.WriteString(", " + strings.ToLower(p.Finish) + " finish")
	}
	if p.Thickness != "" {
		sb.WriteString(", " + p.Thickness + " thick")
	}
	if unit == "each" {
		sb.WriteString(". Sold each.")
	} else {
		sb.WriteString(". Sold per " + unit + ".")
	}
	for _, i := range r.Perm(len(usageSentences))[:between(r, 0, 2)] {
		sb.WriteString(" " + usageSentences[i])
	}

	return sb.String()
}

// padDescription lengthens text with care paragraphs to exactly runes
// characters, ending inside a word when it must, as an ERP text field
// that was pasted into from a data sheet.
func padDescription(r *rand.Rand, text string, runes int) string {
	var sb strings.Builder
	sb.WriteString(text)
	count := utf8.RuneCountInString(text)
	for count < runes {
		sentence := "\n\n" + pick(r, careSentences)
		sb.WriteString(sentence)
		count += utf8.RuneCountInString(sentence)
	}

	out := sb.String()
	for count > runes {
		_, size := utf8.DecodeLastRuneInString(out)
		out = out[:len(out)-size]
		count--
	}

	return out
}

// priceMention returns a sentence that quotes the product's prices as ERP
// users type them: with "$", "USD" before or after, thousands separators,
// a rate such as "/sf" or "per slab", or a rounded "$1.2k".
func priceMention(r *rand.Rand, unit string, wholesale, contractor int64) string {
	rate := map[string]string{"slab": " per slab", "sq ft": "/sf", "sheet": " per sheet", "piece": "/pc", "each": " each"}[unit]
	switch r.IntN(6) {
	case 0:
		return "Contractor price $" + formatCents(contractor) + rate + "."
	case 1:
		return "Wholesale USD " + groupedCents(wholesale) + rate + "."
	case 2:
		return "Trade: " + formatCents(contractor) + " USD" + rate + ", wholesale " + formatCents(wholesale) + "."
	case 3:
		return "Price " + groupedCents(contractor) + rate + " (contractor)."
	case 4:
		return "Was $" + groupedCents(contractor) + ", now US$" + formatCents(wholesale) + " for stock clearance."
	default:
		return "About $" + roundedThousands(wholesale) + rate + "; contractor $" + groupedCents(contractor) + "."
	}
}

// roundedThousands writes cents as thousands of dollars with one
// decimal, "1.2k", or as whole dollars below a thousand.
func roundedThousands(cents int64) string {
	dollars := cents / 100
	if dollars < 1000 {
		return itoa64(dollars)
	}

	tenths := (dollars + 50) / 100
	return itoa64(tenths/10) + "." + itoa64(tenths%10) + "k"
}
