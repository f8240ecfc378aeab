package productmap

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// priceTemplates are ways ERP users write a price into free text, where
// %s is the amount with or without thousands separators.
var priceTemplates = []string{
	"$%s", "$ %s", "US$%s", "USD %s", "usd%s", "%s USD", "%s dollars", "%s$",
	"%s", "%s/sf", "$%s per slab", "(%s)", "%s per sq ft", "€%s", "£ %s",
}

// textAround are the words and punctuation a price is embedded in.
var textAround = []string{"Contractor price", "Was", "now", "Trade:", "—", ",", ".", ";", "Calacatta Oro", "3cm", "126 x 63 in", "\n"}

// TestScrubPricesRemovesRandomPrices embeds random prices in random text
// with every template and checks that no two-decimal form of the amount
// survives ScrubPrices or reaches a mirror document.
func TestScrubPricesRemovesRandomPrices(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for i := range 3000 {
		cents := r.Int64N(1_000_000_000) + 1
		if cents%100 == 0 {
			cents++
		}
		plain := formatCents(cents)
		amount := plain
		if r.IntN(2) == 0 {
			amount = groupThousands(plain)
		}

		text := randomWords(r) + " " + strings.ReplaceAll(pick(r, priceTemplates), "%s", amount) + " " + randomWords(r)
		scrubbed := ScrubPrices(text)
		for _, form := range []string{plain, groupThousands(plain)} {
			assert.NotContains(t, scrubbed, form, "case %d: %q", i, text)
		}

		p := Product{ID: 1, SKU: "A", Key: "A", Name: "N", Description: text, ContractorCents: &cents}
		body := string(MirrorJSON(MirrorDocumentFor(p)))
		assert.NotContains(t, body, plain, "case %d: mirror of %q", i, text)
	}
}

func randomWords(r *rand.Rand) string {
	var b strings.Builder
	for range r.IntN(4) {
		b.WriteString(pick(r, textAround))
		if r.IntN(3) > 0 {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func pick(r *rand.Rand, list []string) string {
	return list[r.IntN(len(list))]
}
