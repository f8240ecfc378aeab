package normalize

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// legalSuffixes are the company-form words CompanyName strips from the end
// of a name. Dotted forms ("l.l.c.", "inc.") reach this check without their
// dots.
var legalSuffixes = wordSet(`
	llc inc incorporated corp corporation co company
	ltd limited lp llp pllc plc gmbh
`)

// CompanyName returns the key under which two spellings of one company
// match: "Rivera Tile, LLC", "RIVERA TILE LLC." and "Rivera Tile Inc" all
// give "rivera tile", and "The Stone Shop & Co." gives "stone shop".
//
// The name is first NFKC-normalised and lower-cased. "&" becomes "and", and
// dots and apostrophes are deleted, so "L.L.C." becomes "llc". Any other
// character that is not a letter, digit or combining mark separates words.
// Then a leading "the" is dropped while other words follow. Legal suffixes
// (see legalSuffixes) are dropped from the end repeatedly, each with an
// "and" right before it. The result is "" when nothing remains, and
// CompanyName is idempotent.
func CompanyName(name string) string {
	name = strings.ToLower(norm.NFKC.String(strings.ToValidUTF8(name, " ")))

	var cleaned strings.Builder
	for _, r := range name {
		switch {
		case r == '&':
			cleaned.WriteString(" and ")
		case isJoiningPunctuation(r):
			// Deleted without a space, so abbreviations stay one word.
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r):
			cleaned.WriteRune(r)
		default:
			cleaned.WriteByte(' ')
		}
	}

	words := strings.Fields(cleaned.String())
	for len(words) > 1 && words[0] == "the" {
		words = words[1:]
	}
	for len(words) > 0 && legalSuffixes[words[len(words)-1]] {
		words = words[:len(words)-1]
		if len(words) > 0 && words[len(words)-1] == "and" {
			words = words[:len(words)-1]
		}
	}

	// Deleting punctuation can put a combining mark next to a new base
	// letter, so compose again to keep the key stable on a second pass.
	return norm.NFKC.String(strings.Join(words, " "))
}

// isJoiningPunctuation reports whether r is a dot or an apostrophe, which
// CompanyName deletes instead of turning into a word break.
func isJoiningPunctuation(r rune) bool {
	switch r {
	case '.', '\'', '\u2018', '\u2019', '\u02bc', '`', '\u00b4':
		return true
	default:
		return false
	}
}

// PersonName returns a first or last name as HubSpot should show it: trimmed,
// with runs of whitespace and control characters collapsed to one space,
// invalid UTF-8 bytes removed and Unicode composed to NFC. Case is kept.
func PersonName(raw string) string {
	raw = norm.NFC.String(strings.ToValidUTF8(raw, ""))
	words := strings.FieldsFunc(raw, isSpaceOrControl)
	return strings.Join(words, " ")
}
