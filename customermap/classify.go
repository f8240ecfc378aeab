package customermap

import (
	"fmt"
	"slices"
	"strings"

	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/normalize"
)

// Class is the kind of SPS customer, which decides how customer sync
// treats it.
type Class string

// Classes of SPS customers.
const (
	// ClassB2B is a business customer, synced to a HubSpot company.
	ClassB2B Class = "b2b"
	// ClassRetail is an individual buyer. Production runs skip them,
	// because retail buyers reach HubSpot through order sync.
	ClassRetail Class = "retail"
	// ClassSkip is a placeholder or nameless record that is never synced.
	ClassSkip Class = "skip"
)

// Classification is the class of one SPS customer and why.
type Classification struct {
	// Class is the customer's class.
	Class Class
	// Reason is a short human-readable cause for the run report, such as
	// "company name equals contact name". It is never empty.
	Reason string
}

// tradeTypes are the SPS customer type words of trade buyers. A type
// matches when one of its words, without a plural "s", is in the set, so
// "Interior Designers" and "Wholesale - Tier 2" are trade types.
var tradeTypes = map[string]bool{
	"contractor": true, "trade": true, "wholesale": true, "wholesaler": true,
	"fabricator": true, "designer": true, "builder": true, "architect": true,
	"dealer": true, "distributor": true,
}

// personTitles are words that do not tell two spellings of a person's name
// apart: honorifics and generational suffixes.
var personTitles = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "mx": true, "dr": true,
	"jr": true, "sr": true, "ii": true, "iii": true, "iv": true,
}

// Classify decides whether an SPS customer is B2B, retail or a record to
// skip, in this order:
//
//   - skip: the name is a placeholder such as "Walk-in Customer", "Cash
//     Sale", "Counter Sale", "Misc Customer", "Test Customer", "DO NOT USE",
//     "Unknown" or "N/A", compared ignoring case, punctuation and trailing
//     numbers. The contact name is checked for the same placeholders except
//     "Unknown", "N/A" and similar blanks. A record is also skipped when
//     neither name nor contact name has a letter or digit.
//   - retail: the name is empty, or only punctuation and legal suffixes,
//     but the contact name is not.
//   - retail: the name equals the contact name, compared as person names
//     (case, punctuation, word order, titles and legal suffixes ignored),
//     whatever the type: a trade buyer trading under their own name has
//     no company name distinct from the contact name, so no company.
//   - b2b: the type is a trade type (Contractor, Trade, Wholesale,
//     Fabricator, Designer, Builder, Architect, Dealer, Distributor).
//   - retail: the type is Retail and there is no contact name, so nothing
//     shows the name to be a company.
//   - b2b: any other name, which differs from the contact name.
//
// A contact name such as "N/A" or "Unknown" counts as no contact name.
func Classify(c sps.Customer) Classification {
	name := normalize.PersonName(c.Name)
	contact := normalize.PersonName(c.ContactName)
	customerType := normalize.PersonName(c.Type)

	if isRecordPlaceholder(name) || isBlankMarker(name) {
		return Classification{ClassSkip, fmt.Sprintf("placeholder record %q", name)}
	}
	if isRecordPlaceholder(contact) {
		return Classification{ClassSkip, fmt.Sprintf("placeholder contact name %q", contact)}
	}

	contactKey := personKey(contact)
	if isBlankMarker(contact) {
		contactKey = ""
	}
	if NameKey(name) == "" {
		if contactKey == "" {
			return Classification{ClassSkip, "no name"}
		}
		return Classification{ClassRetail, "no company name"}
	}

	sameAsContact := contactKey != "" && personKey(name) == contactKey
	trade := isTradeType(customerType)
	switch {
	case trade && sameAsContact:
		return Classification{ClassRetail, "type " + customerType + " with name equal to contact name"}
	case trade:
		return Classification{ClassB2B, "type " + customerType + " with company name"}
	case sameAsContact:
		return Classification{ClassRetail, "company name equals contact name"}
	case isRetailType(customerType) && contactKey == "":
		return Classification{ClassRetail, "type " + customerType + " without contact name"}
	case isRetailType(customerType):
		return Classification{ClassB2B, "type " + customerType + " with company name distinct from contact name"}
	case contactKey == "":
		return Classification{ClassB2B, "company name without contact name"}
	default:
		return Classification{ClassB2B, "company name distinct from contact name"}
	}
}

// personKey returns the key under which two spellings of one person's name
// match: the words of normalize.CompanyName without titles, sorted, so
// "Smith, Joe" and "Mr. Joe Smith" give "joe smith".
func personKey(name string) string {
	words := strings.Fields(normalize.CompanyName(name))
	words = slices.DeleteFunc(words, func(word string) bool { return personTitles[word] })
	slices.Sort(words)
	return strings.Join(words, " ")
}

// typeWords returns the lower-case words of an SPS customer type, each
// without a plural "s".
func typeWords(customerType string) []string {
	words := strings.Fields(normalize.CompanyName(customerType))
	for i, word := range words {
		if len(word) > 3 {
			words[i] = strings.TrimSuffix(word, "s")
		}
	}
	return words
}

// isRetailType reports whether an SPS customer type names retail buyers,
// such as "Retail" or "Retail Customer".
func isRetailType(customerType string) bool {
	return slices.Contains(typeWords(customerType), "retail")
}

// isTradeType reports whether an SPS customer type names trade buyers. A
// type that also contains the word retail, such as "Retail Trade", is not
// one.
func isTradeType(customerType string) bool {
	words := typeWords(customerType)
	if slices.Contains(words, "retail") {
		return false
	}
	return slices.ContainsFunc(words, func(word string) bool { return tradeTypes[word] })
}
