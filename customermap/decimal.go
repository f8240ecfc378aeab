package customermap

import "strings"

// plainDecimal returns s as HubSpot accepts a number: an optional "-",
// digits without leading zeros, and a fraction without trailing zeros, so
// "+001500.50" gives "1500.5" and "-0.00" gives "0". ok is false unless s,
// after trimming spaces, is an optional sign and digits with at most one
// ".", which rejects "", "1,500", "1e3", "NaN" and "Inf".
func plainDecimal(s string) (string, bool) {
	s = strings.TrimSpace(s)
	s, negative := strings.CutPrefix(s, "-")
	if !negative {
		s = strings.TrimPrefix(s, "+")
	}

	whole, fraction, _ := strings.Cut(s, ".")
	if whole == "" && fraction == "" {
		return "", false
	}
	if !digitsOrEmpty(whole) || !digitsOrEmpty(fraction) {
		return "", false
	}

	whole = strings.TrimLeft(whole, "0")
	if whole == "" {
		whole = "0"
	}
	fraction = strings.TrimRight(fraction, "0")

	plain := whole
	if fraction != "" {
		plain += "." + fraction
	}
	if negative && plain != "0" {
		plain = "-" + plain
	}
	return plain, true
}

func digitsOrEmpty(s string) bool {
	return s == "" || isDigits(s)
}
