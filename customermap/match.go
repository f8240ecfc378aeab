package customermap

import (
	"slices"
	"strings"

	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/normalize"
)

// Match tiers, the values of MatchResult.By and MatchResult.AmbiguousBy.
const (
	// MatchBySPSCustomerID is a match on the company's sps_customer_id.
	// The caller finds these with a batch read by that unique property;
	// CompanyIndex never returns it.
	MatchBySPSCustomerID = PropSPSCustomerID
	// MatchByName is a match on NameKey of the company name.
	MatchByName = "name"
	// MatchByDomain is a match on the company domain of the customer's
	// e-mail address.
	MatchByDomain = "domain"
)

// MatchResult is the HubSpot company an SPS customer matched, if any.
type MatchResult struct {
	// CompanyID is the matched HubSpot company id, "" when none matched.
	CompanyID string
	// By is the tier that matched, MatchByName or MatchByDomain, or "" when
	// CompanyID is "".
	By string
	// Ambiguous are the ids of every company that matched when more than one
	// did, in ascending order, and CompanyID is "" then. The caller should
	// report them for review rather than pick one or create another company.
	Ambiguous []string
	// AmbiguousBy is the tier that matched more than one company, or "".
	AmbiguousBy string
}

// IndexedCompany is an existing HubSpot company as CompanyIndex needs it.
type IndexedCompany struct {
	// ID is the HubSpot company id.
	ID string
	// Name is the company's name property.
	Name string
	// Domain is the company's domain property, with or without "www.".
	Domain string
}

// CompanyIndex finds the existing HubSpot company an SPS customer is, by
// name and then by domain, and tracks which companies a customer has
// claimed. Build it from the companies that have no sps_customer_id, since
// a company with one is matched by that id. A CompanyIndex is not safe for
// concurrent use.
type CompanyIndex struct {
	byName   map[string][]string
	byDomain map[string][]string
	claimed  map[string]bool
}

// NewCompanyIndex indexes companies by NameKey of their name and by their
// domain without "www.". Companies with an empty ID are left out, and a
// company listed twice counts once.
func NewCompanyIndex(companies []IndexedCompany) *CompanyIndex {
	index := &CompanyIndex{
		byName:   make(map[string][]string),
		byDomain: make(map[string][]string),
		claimed:  make(map[string]bool),
	}
	for _, company := range companies {
		id := strings.TrimSpace(company.ID)
		if id == "" {
			continue
		}
		addID(index.byName, NameKey(company.Name), id)
		addID(index.byDomain, domainKey(company.Domain), id)
	}
	return index
}

// addID adds id to the ids under key, keeping them sorted and distinct.
// An empty key is never indexed.
func addID(ids map[string][]string, key, id string) {
	if key == "" {
		return
	}
	position, found := slices.BinarySearchFunc(ids[key], id, compareIDs)
	if !found {
		ids[key] = slices.Insert(ids[key], position, id)
	}
}

// compareIDs orders HubSpot ids numerically: a shorter run of digits is
// the smaller number. Ids that are not digits still get a total order.
func compareIDs(a, b string) int {
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	return strings.Compare(a, b)
}

// Match finds the existing company an SPS customer is. The name tier comes
// first: exactly one company with the customer's NameKey is a match, and
// two or more are ambiguous, which ends the search, because a wrong guess
// merges two customers' data. Then the domain tier: the company domain of
// the customer's e-mail address (never a free-mail provider) against the
// companies' domains, with the same rule. Match does not consider claims,
// so a company already claimed is still returned and the caller's Claim
// fails.
func (x *CompanyIndex) Match(c sps.Customer) MatchResult {
	domain, _ := normalize.CompanyDomain(c.Email)
	return x.MatchKeys(NameKey(c.Name), domain)
}

// MatchKeys is Match for a customer known by its NameKey and its company
// e-mail domain ("" for free-mail or no e-mail). It only reads the index,
// so concurrent calls are safe as long as Claim is not called.
func (x *CompanyIndex) MatchKeys(nameKey, domain string) MatchResult {
	if result, done := lookup(x.byName, nameKey, MatchByName); done {
		return result
	}
	if domain == "" {
		return MatchResult{}
	}
	result, _ := lookup(x.byDomain, domainKey(domain), MatchByDomain)
	return result
}

// lookup returns the result of one tier; done is false when nothing
// matched, so the next tier runs.
func lookup(ids map[string][]string, key, tier string) (result MatchResult, done bool) {
	if key == "" {
		return MatchResult{}, false
	}
	switch matched := ids[key]; len(matched) {
	case 0:
		return MatchResult{}, false
	case 1:
		return MatchResult{CompanyID: matched[0], By: tier}, true
	default:
		return MatchResult{Ambiguous: slices.Clone(matched), AmbiguousBy: tier}, true
	}
}

// Claim marks a company as taken by one SPS customer and reports whether
// the claim succeeded. It returns false for "" and for a company already
// claimed: two SPS customers of one firm that share an e-mail domain must
// not both take the firm's company, so the later one gets a new company.
// Results are deterministic when callers claim in ascending SPS id order.
func (x *CompanyIndex) Claim(companyID string) bool {
	if companyID == "" || x.claimed[companyID] {
		return false
	}
	x.claimed[companyID] = true
	return true
}
