package dataset

import (
	"strings"

	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/sandbox/hubspot"
)

// Deal stage labels of SPSQuotesByStage.
const (
	stageQuoted   = "Quoted"
	stageAccepted = "Accepted"
	stageLost     = "Lost"
	stageUnknown  = "unknown"
)

// countSPS fills the SPS counts of exp from the SPS records and the
// starting portal. Customer sync matches each active B2B customer against
// the portal's companies without sps_customer_id. It tries companyKey of
// the name first: exactly one company must match, and two or more make
// the customer ambiguous. It then tries the domain of the e-mail address
// unless that is free mail, and exactly one company must have the
// domain. Any other customer needs a new company. An ambiguous customer
// is reported for review and also gets a new company.
func countSPS(exp *Expectations, data SPS, portal hubspot.Portal) {
	byName := make(map[string]int)
	byDomain := make(map[string]int)
	for _, o := range portal.Objects {
		if o.ObjectType != "companies" || o.Properties["sps_customer_id"] != "" {
			continue
		}
		byName[companyKey(o.Properties["name"])]++
		if d := strings.ToLower(strings.TrimSpace(o.Properties["domain"])); d != "" {
			byDomain[d]++
		}
	}

	for _, c := range data.Customers {
		if !isActiveB2B(c) {
			continue
		}
		exp.SPSActiveB2B++

		domain := emailDomain(strings.TrimSpace(c.Email))
		switch names := byName[companyKey(c.Name)]; {
		case names > 1:
			exp.SPSAmbiguousNames++
		case names == 1:
			exp.SPSMatchedByName++
		case domain != "" && !isSPSFreeMail(domain) && byDomain[domain] == 1:
			exp.SPSMatchedByDomain++
		default:
			exp.SPSNewCompanies++
		}
	}

	exp.SPSQuotesByStage = map[string]int{stageQuoted: 0, stageAccepted: 0, stageLost: 0, stageUnknown: 0}
	for _, q := range data.Quotes {
		exp.SPSQuotesByStage[quoteStageLabel(q)]++
	}
}

// isActiveB2B reports whether customer sync must give c a HubSpot
// company: status Active, a B2B type, a name that is no placeholder and
// differs from the contact name (ignoring case and outer spaces).
func isActiveB2B(c sps.Customer) bool {
	if !strings.EqualFold(strings.TrimSpace(c.Status), spsActive) || !isB2BType(c.Type) {
		return false
	}

	name := strings.TrimSpace(c.Name)
	switch {
	case name == "" || strings.EqualFold(name, strings.TrimSpace(c.ContactName)):
		return false
	default:
		return !isPlaceholderName(name)
	}
}

// isB2BType reports whether customerType is one of b2bTypes, ignoring
// case and outer spaces.
func isB2BType(customerType string) bool {
	customerType = strings.TrimSpace(customerType)
	for _, t := range b2bTypes {
		if strings.EqualFold(customerType, t) {
			return true
		}
	}

	return false
}

// placeholderKeys holds the looseFirmKey of each spsPlaceholderNames
// entry.
var placeholderKeys = func() map[string]bool {
	keys := make(map[string]bool, len(spsPlaceholderNames))
	for _, name := range spsPlaceholderNames {
		keys[looseFirmKey(name)] = true
	}
	return keys
}()

// isPlaceholderName reports whether name is one of spsPlaceholderNames,
// ignoring case, spaces and punctuation.
func isPlaceholderName(name string) bool {
	return placeholderKeys[looseFirmKey(name)]
}

// isSPSFreeMail reports whether domain is one of the free-mail providers
// in spsFreeMailDomains or freeMailDomains.
func isSPSFreeMail(domain string) bool {
	for _, list := range [][]string{spsFreeMailDomains, freeMailDomains} {
		for _, d := range list {
			if d == domain {
				return true
			}
		}
	}

	return false
}

// quoteStageLabel maps a quote to its deal stage label. A stage of "won"
// or "lost" decides first. Otherwise status "Accepted" gives Accepted,
// "Quoted" gives Quoted, and anything else is unknown.
func quoteStageLabel(q sps.Quote) string {
	stage := ""
	if q.Stage != nil {
		stage = strings.ToLower(strings.TrimSpace(*q.Stage))
	}

	switch {
	case stage == "won":
		return stageAccepted
	case stage == "lost":
		return stageLost
	case q.TransactionStatus == "Accepted":
		return stageAccepted
	case q.TransactionStatus == "Quoted":
		return stageQuoted
	default:
		return stageUnknown
	}
}
