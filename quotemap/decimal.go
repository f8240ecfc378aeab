package quotemap

import (
	"strconv"
	"strings"
	"time"

	"github.com/stonecity/sync/clients/sps"
)

// canonicalDecimal returns s in the form HubSpot stores a number: an
// optional "-", the whole part without leading zeros and the fraction
// without trailing zeros, so "0042.500" gives "42.5" and "-0.0" gives "0".
// ok is false unless s, trimmed, is an optional sign followed by digits with
// at most one ".". So "", "1,500", "1e3", "NaN" and "Inf" are rejected.
func canonicalDecimal(s string) (string, bool) {
	s = strings.TrimSpace(s)
	s, negative := strings.CutPrefix(s, "-")
	if !negative {
		s = strings.TrimPrefix(s, "+")
	}
	if s == "" || s == "." || strings.Count(s, ".") > 1 || strings.Trim(s, "0123456789.") != "" {
		return "", false
	}

	whole, fraction, _ := strings.Cut(s, ".")
	whole = strings.TrimLeft(whole, "0")
	fraction = strings.TrimRight(fraction, "0")
	if whole == "" {
		whole = "0"
	}

	out := whole
	if fraction != "" {
		out += "." + fraction
	}
	if negative && out != "0" {
		out = "-" + out
	}
	return out, true
}

// decimalKey returns d in canonical form for hashing: canonicalDecimal when
// it applies, else the trimmed text as sent, and "" when unset.
func decimalKey(d sps.Decimal) string {
	if canonical, ok := canonicalDecimal(d.String()); ok {
		return canonical
	}
	return strings.TrimSpace(d.String())
}

// parseDatetime reads a HubSpot datetime or date value: RFC 3339 with or
// without fractional seconds, YYYY-MM-DD (midnight UTC), or milliseconds
// since the Unix epoch.
func parseDatetime(value string) (time.Time, bool) {
	value = strings.TrimSpace(value)
	if value != "" && strings.Trim(value, "0123456789") == "" {
		millis, err := strconv.ParseInt(value, 10, 64)
		return time.UnixMilli(millis), err == nil
	}

	if t, err := time.Parse(time.RFC3339Nano, value); err == nil {
		return t, true
	}
	t, err := time.Parse(time.DateOnly, value)
	return t, err == nil
}
