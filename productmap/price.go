package productmap

import (
	"strconv"
	"strings"

	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/hubspotvalue"
)

// maxWholeDigits bounds the dollars of a price: 15 digits of dollars in
// cents stay far below the int64 limit.
const maxWholeDigits = 15

// priceCents converts an SPS price to cents; nil when SPS sends "" or
// null. field names the SPS field in a *FieldError.
func priceCents(id int64, field string, d sps.Decimal) (*int64, error) {
	if !d.IsSet() {
		return nil, nil
	}

	canonical, ok := hubspotvalue.CanonicalNumber(d.String())
	if !ok {
		return nil, &FieldError{ProductID: id, Field: field, Reason: "is not a decimal number: " + strconv.Quote(d.String())}
	}
	if strings.HasPrefix(canonical, "-") {
		return nil, &FieldError{ProductID: id, Field: field, Reason: "is negative: " + d.String()}
	}

	whole, fraction, _ := strings.Cut(canonical, ".")
	if len(whole) > maxWholeDigits {
		return nil, &FieldError{ProductID: id, Field: field, Reason: "is too large: " + d.String()}
	}

	cents := parseDigits(whole) * 100
	fraction += "000"
	cents += parseDigits(fraction[:2])
	if fraction[2] >= '5' {
		cents++
	}
	return &cents, nil
}

// parseDigits returns the value of s, a string of at most 18 ASCII
// digits; "" is 0.
func parseDigits(s string) int64 {
	var n int64
	for i := 0; i < len(s); i++ {
		n = n*10 + int64(s[i]-'0')
	}
	return n
}

// formatCents writes cents as a decimal with two places, such as
// "1234.50". Prices are never negative.
func formatCents(cents int64) string {
	whole := strconv.FormatInt(cents/100, 10)
	fraction := cents % 100
	return whole + "." + string(rune('0'+fraction/10)) + string(rune('0'+fraction%10))
}
