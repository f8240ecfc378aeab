// Package hubspotvalue compares HubSpot property values the way HubSpot
// stores them, so that sync code writes a property only when its value
// really changed. HubSpot returns every property as a string, and a number
// written as "1500" may come back as "1500.00". The package is pure: it
// performs no I/O.
package hubspotvalue

import (
	"strconv"
	"strings"
	"time"
)

// Kind is the HubSpot property type that decides how Same compares two
// values. The zero value is String, so a property missing from a kinds
// table compares as a string.
type Kind int

// Property kinds, named after HubSpot's property types.
const (
	// String values are equal when they match after trimming spaces.
	String Kind = iota
	// Number values are equal when CanonicalNumber gives the same result.
	Number
	// Bool values are equal when they match ignoring case.
	Bool
	// Datetime values are equal when ParseInstant gives the same instant.
	Datetime
	// Date values are equal when ParseInstant gives the same instant.
	// HubSpot stores a date as midnight UTC.
	Date
)

// Same reports whether HubSpot stores want and have as the same value of a
// property of the given kind. Values that match after trimming spaces are
// always the same. Otherwise a value that does not parse as its kind, and
// any value of a String or unknown kind, differs. Same is symmetric.
func Same(kind Kind, want, have string) bool {
	want = strings.TrimSpace(want)
	have = strings.TrimSpace(have)
	if want == have {
		return true
	}

	switch kind {
	case Number:
		wantNumber, wantOK := CanonicalNumber(want)
		haveNumber, haveOK := CanonicalNumber(have)
		return wantOK && haveOK && wantNumber == haveNumber
	case Bool:
		return strings.EqualFold(want, have)
	case Datetime, Date:
		wantTime, wantOK := ParseInstant(want)
		haveTime, haveOK := ParseInstant(have)
		return wantOK && haveOK && wantTime.Equal(haveTime)
	default:
		return false
	}
}

// CanonicalNumber returns s in the form HubSpot stores a number: an
// optional "-", the whole part without leading zeros and the fraction
// without trailing zeros, so "+0042.500" gives "42.5" and "-0.00" gives
// "0". ok is false unless s, after trimming spaces, is an optional sign
// followed by ASCII digits with at most one ".". So "", ".", "1,500",
// "1e3", "NaN" and "Inf" are rejected.
func CanonicalNumber(s string) (canonical string, ok bool) {
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

	canonical = whole
	if fraction != "" {
		canonical += "." + fraction
	}
	if negative && canonical != "0" {
		canonical = "-" + canonical
	}
	return canonical, true
}

// ParseInstant reads a HubSpot datetime or date value after trimming
// spaces: milliseconds since the Unix epoch, RFC 3339 with or without
// fractional seconds, or YYYY-MM-DD as midnight UTC. ok is false for any
// other text, for a negative epoch and for one that overflows int64.
func ParseInstant(value string) (instant time.Time, ok bool) {
	value = strings.TrimSpace(value)
	if isDigits(value) {
		millis, err := strconv.ParseInt(value, 10, 64)
		if err != nil {
			return time.Time{}, false
		}
		return time.UnixMilli(millis), true
	}

	if t, err := time.Parse(time.RFC3339Nano, value); err == nil {
		return t, true
	}
	t, err := time.Parse(time.DateOnly, value)
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func digitsOrEmpty(s string) bool {
	return s == "" || isDigits(s)
}
