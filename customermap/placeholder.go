package customermap

import (
	"strings"

	"github.com/stonecity/sync/normalize"
)

// Placeholder names are compared as compact keys: the words of
// normalize.CompanyName joined without spaces, so case, punctuation,
// spacing, a leading "the" and legal suffixes do not matter ("Walk-In
// Customer", "walk in customer" and "WALKIN CUSTOMER, INC." all give
// "walkincustomer"). Trailing numbers are dropped first, so "Cash Sale #3"
// matches "cashsale".

// recordPlaceholders are names that mark a stand-in record for sales
// without a real customer. They make a record a placeholder in the name and
// in the contact name.
var recordPlaceholders = map[string]bool{
	"walkin": true, "walkins": true, "walkincustomer": true, "walkincustomers": true,
	"walkinsale": true, "walkinaccount": true,
	"cash": true, "cashsale": true, "cashsales": true, "cashcustomer": true, "cashaccount": true,
	"countersale": true, "countersales": true, "countercustomer": true,
	"misc": true, "misccustomer": true, "misccust": true, "miscaccount": true,
	"miscellaneous": true, "miscellaneouscustomer": true,
	"donotuse": true, "dontuse": true,
	"test": true, "testcustomer": true, "testaccount": true, "testrecord": true,
	"unknowncustomer": true, "onetimecustomer": true, "guest": true, "guestcustomer": true,
	"customer": true, "retailcustomer": true, "nocustomer": true,
}

// blankMarkers are the stand-ins people type into a required field that has
// no value. As a name they make the record a placeholder. As a contact name
// they mean that the record has no contact, because a real company whose
// contact is "N/A" is still a customer.
var blankMarkers = map[string]bool{
	"unknown": true, "na": true, "none": true, "tbd": true, "noname": true,
	"nocontact": true, "null": true, "x": true, "xx": true, "xxx": true,
}

// leadingPlaceholders are compact keys that make a placeholder when they
// begin the name at a word boundary, as in "Walk-in Customer - Main St" or
// "Cash Sale (Card)".
var leadingPlaceholders = []string{
	"walkincustomer", "cashsale", "countersale", "misccustomer",
	"miscellaneouscustomer", "testcustomer", "donotuse", "dontuse",
}

// anywherePlaceholders are compact keys that make a placeholder wherever
// they appear at word boundaries, as in "Rivera Tile (DO NOT USE)", the
// usual mark on a retired duplicate record.
var anywherePlaceholders = []string{"donotuse", "dontuse"}

// placeholderWords returns the words of name's company key without
// trailing numbers.
func placeholderWords(name string) []string {
	words := strings.Fields(normalize.CompanyName(name))
	for len(words) > 1 && isDigits(words[len(words)-1]) {
		words = words[:len(words)-1]
	}
	return words
}

// isRecordPlaceholder reports whether name is a stand-in record name such
// as "Walk-in Customer", "Cash Sale #2" or "Smith Tile - DO NOT USE".
func isRecordPlaceholder(name string) bool {
	words := placeholderWords(name)
	if len(words) == 0 {
		return false
	}
	if recordPlaceholders[strings.Join(words, "")] {
		return true
	}
	for _, phrase := range leadingPlaceholders {
		if phraseAt(words, 0, phrase) {
			return true
		}
	}
	for start := range words {
		for _, phrase := range anywherePlaceholders {
			if phraseAt(words, start, phrase) {
				return true
			}
		}
	}
	return false
}

// isBlankMarker reports whether name is a stand-in for "no value", such as
// "N/A", "Unknown" or "TBD".
func isBlankMarker(name string) bool {
	return blankMarkers[strings.Join(placeholderWords(name), "")]
}

// phraseAt reports whether the words from start on, joined without spaces,
// begin with phrase and the phrase ends at a word boundary.
func phraseAt(words []string, start int, phrase string) bool {
	var joined strings.Builder
	for _, word := range words[start:] {
		joined.WriteString(word)
		switch {
		case joined.Len() == len(phrase):
			return joined.String() == phrase
		case joined.Len() > len(phrase):
			return false
		}
	}
	return false
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
