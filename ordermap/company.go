package ordermap

import (
	square "github.com/square/square-go-sdk"

	"github.com/stonecity/sync/normalize"
)

// Prefixes of square_company_key values.
const (
	companyKeyDomainPrefix = "domain:"
	companyKeyNamePrefix   = "name:"
)

// CompanyKey returns the square_company_key for the customer's company:
// "domain:<domain>" from the e-mail address, or "name:<key>" from
// normalize.CompanyName when the address is at a free-mail provider.
// Company enrichment needs both a company name and an e-mail address, so
// ok is false when the customer is nil, the address is invalid, or the
// company name is empty or normalises to "".
func CompanyKey(c *square.Customer) (string, bool) {
	if c == nil {
		return "", false
	}

	nameKey := normalize.CompanyName(deref(c.CompanyName))
	email, validEmail := normalize.Email(deref(c.EmailAddress))
	if nameKey == "" || !validEmail {
		return "", false
	}

	if domain, ok := normalize.CompanyDomain(email); ok {
		return companyKeyDomainPrefix + domain, true
	}
	return companyKeyNamePrefix + nameKey, true
}
