package money

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// powersOfTen covers every exponent in the ISO 4217 table (0 to 4).
var powersOfTen = [...]int64{1, 10, 100, 1_000, 10_000}

// FormatMinor formats an amount in minor units as a plain decimal string in
// major units, the form HubSpot number properties accept: 123456 USD gives
// "1234.56", -5 USD "-0.05", 100 JPY "100" and 1 KWD "0.001". The result
// has exactly Exponent(currency) fraction digits, a leading "-" for
// negative amounts, and no grouping or currency sign. Every int64,
// math.MinInt64 included, formats exactly. An unknown currency returns the
// error from Exponent.
func FormatMinor(amount int64, currency string) (string, error) {
	exponent, err := Exponent(currency)
	if err != nil {
		return "", fmt.Errorf("format %d minor units: %w", amount, err)
	}

	if exponent == 0 {
		return strconv.FormatInt(amount, 10), nil
	}

	// Negating as uint64 is exact for math.MinInt64, whose magnitude does not
	// fit in an int64.
	magnitude := uint64(amount)
	if amount < 0 {
		magnitude = -magnitude
	}

	digits := strconv.FormatUint(magnitude, 10)
	if len(digits) <= exponent {
		digits = strings.Repeat("0", exponent-len(digits)+1) + digits
	}

	split := len(digits) - exponent
	formatted := digits[:split] + "." + digits[split:]
	if amount < 0 {
		formatted = "-" + formatted
	}
	return formatted, nil
}

// AtLeast reports whether amount, in minor units of currency, is at least
// major whole units of that currency: AtLeast(500000, "USD", 5000) is true.
// The comparison is exact for every int64 input, including thresholds whose
// minor-unit value would overflow int64. An unknown currency returns the
// error from Exponent.
func AtLeast(amount int64, currency string, major int64) (bool, error) {
	exponent, err := Exponent(currency)
	if err != nil {
		return false, fmt.Errorf("compare %d minor units with %d major units: %w", amount, major, err)
	}

	scale := powersOfTen[exponent]
	if major > math.MaxInt64/scale {
		// The threshold exceeds every representable amount.
		return false, nil
	}
	if major < math.MinInt64/scale {
		// The threshold lies below every representable amount.
		return true, nil
	}

	return amount >= major*scale, nil
}
