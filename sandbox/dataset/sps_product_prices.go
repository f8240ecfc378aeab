package dataset

import (
	"math/rand/v2"
	"strconv"

	"github.com/stonecity/sync/clients/sps"
)

// wholesaleCents returns a wholesale price in [low, high] cents whose
// cents part is never .00, so a test can search text for it.
func (b *productBuilder) wholesaleCents(low, high int64) int64 {
	return distinctCents(between64(b.r, low, high), b.r.IntN(99)+1)
}

// distinctCents returns cents with its cents part replaced by fraction
// (1 to 99) when it is .00.
func distinctCents(cents int64, fraction int) int64 {
	if cents%100 == 0 {
		cents += int64(fraction)
	}

	return cents
}

// contractorCents returns the contractor price for a wholesale price: 15
// to 45 % above it, never with a .00 cents part.
func contractorCents(r *rand.Rand, wholesale int64) int64 {
	c := wholesale * int64(between(r, 115, 145)) / 100
	if c <= wholesale {
		c = wholesale + 101
	}

	return distinctCents(c, r.IntN(99)+1)
}

// priceDecimal returns a price as SPS sends it: mostly two decimals, a
// few with one decimal where the cents end in 0 or with four decimals as
// a database column prints them, about 3 % "" and 1 % null.
//
// NOTE: SPS may also send prices as strings with thousands separators
// such as "1,234.50". sps.Decimal rejects those, so a page holding one
// would fail to decode, and the generator makes none.
func (b *productBuilder) priceDecimal(cents int64) sps.Decimal {
	r := b.r
	switch n := r.IntN(100); {
	case n < 3:
		return sps.EmptyDecimal()
	case n < 4:
		return sps.Decimal{}
	case n < 10 && cents%10 == 0:
		return decimalOf(strconv.FormatInt(cents/100, 10) + "." + strconv.FormatInt(cents%100/10, 10))
	case n < 13:
		return decimalOf(formatCents(cents) + "00")
	default:
		return decimalOf(formatCents(cents))
	}
}

// groupedCents writes cents like formatCents with a "," between groups of
// three digits: "1,204.16".
func groupedCents(cents int64) string {
	plain := formatCents(cents)
	whole, fraction := plain[:len(plain)-3], plain[len(plain)-3:]
	var out []byte
	for i := range len(whole) {
		if i > 0 && (len(whole)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, whole[i])
	}

	return string(out) + fraction
}
