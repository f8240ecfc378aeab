package quotebuild

import (
	"errors"
	"fmt"
	"strings"
)

// CanonicalDecimal returns the non-negative decimal s in canonical form:
// surrounding spaces, leading zeros and trailing fractional zeros dropped
// ("0012.500" → "12.5", "0.0" → "0"). It accepts digits with one optional
// "." and at most MaxDecimalPlaces places, and rejects a sign, an
// exponent, grouping commas, and more than 9 integer digits.
func CanonicalDecimal(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", errors.New("empty")
	}
	whole, frac, hasDot := strings.Cut(s, ".")
	if hasDot && frac == "" && whole == "" {
		return "", errors.New("not a decimal number")
	}
	if !allDigits(whole) || !allDigits(frac) {
		return "", errors.New("not a non-negative decimal number")
	}
	if len(frac) > MaxDecimalPlaces {
		return "", fmt.Errorf("more than %d decimal places", MaxDecimalPlaces)
	}

	whole = strings.TrimLeft(whole, "0")
	if len(whole) > maxIntegerDigits {
		return "", fmt.Errorf("more than %d digits before the decimal point", maxIntegerDigits)
	}
	if whole == "" {
		whole = "0"
	}
	frac = strings.TrimRight(frac, "0")
	if frac == "" {
		return whole, nil
	}
	return whole + "." + frac, nil
}

// allDigits reports whether s has only ASCII digits, which is true of "".
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
