package dataset

import (
	"fmt"
	"slices"
	"strings"

	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/sandbox/hubspot"
)

// Sizes of the SPS part used when Options leave them at zero or out of
// range.
const (
	// DefaultSPSCustomers is the number of SPS customer records.
	DefaultSPSCustomers = 28000
	// MinSPSCustomers is the smallest customer count that has room for
	// every messy case. Generate raises smaller positive counts to it.
	MinSPSCustomers = 200
	// MaxSPSCustomers is the largest customer count Generate honours.
	MaxSPSCustomers = 100000
	// DefaultSPSQuotes is the number of SPS quotes.
	DefaultSPSQuotes = 3000
	// MaxSPSQuotes is the largest quote count Generate honours.
	MaxSPSQuotes = 50000
)

// SPS is the starting state of the SPS simulator.
type SPS struct {
	// Customers contains every customer record, sorted by increasing id.
	// Most are inactive. The active ones include B2B firms, retail
	// buyers and placeholder records such as "Cash Sale".
	Customers []sps.Customer `json:"customers"`
	// Quotes contains the quotes of the year before Options.Now, sorted by
	// increasing id and quote date. Every customerID names a customer in
	// Customers.
	Quotes []sps.Quote `json:"quotes"`
	// Products contains the product catalogue, sorted by increasing id:
	// about 8 % inactive, duplicate-looking SKUs and a few records
	// without SKU or name.
	Products []sps.Product `json:"products"`
	// SalesReps lists the distinct non-empty salesRepName values of all
	// customers in byte order, including the variants that differ from
	// a real rep's name only in case or spacing.
	SalesReps []string `json:"salesReps"`
}

// spsSizes holds how many SPS records of each kind a dataset contains.
// The figures in the comments are for the default 28,000 customers and
// 3,000 quotes.
type spsSizes struct {
	customers    int // all customer records (28,000)
	quotes       int // quotes (3,000)
	activeB2B    int // active B2B customers, every special case included (1,602)
	branchPairs  int // pairs of active B2B customers of one firm sharing a billing e-mail (8)
	noRepName    int // active B2B customers with an empty salesRepName (40)
	retailTwins  int // active retail customers who are also a B2B customer's contact (16)
	activeRetail int // active retail individuals, the twins included (2,604)
	sameName     int // active customers with a B2B type whose name is the contact name (34)
	inactiveB2B  int // inactive customers with a company name (8,120)
	revised      int // quotes modified again in the two days before Now (60)
}

func spsSizesFor(customers, quotes int) spsSizes {
	switch {
	case customers <= 0:
		customers = DefaultSPSCustomers
	case customers < MinSPSCustomers:
		customers = MinSPSCustomers
	}
	customers = min(customers, MaxSPSCustomers)
	if quotes <= 0 {
		quotes = DefaultSPSQuotes
	}
	quotes = min(quotes, MaxSPSQuotes)

	s := spsSizes{
		customers:    customers,
		quotes:       quotes,
		activeB2B:    scaled(customers, 0.0572, 40),
		activeRetail: scaled(customers, 0.093, 10),
		sameName:     scaled(customers, 0.0012, 2),
		inactiveB2B:  scaled(customers, 0.29, 10),
		revised:      scaled(quotes, 0.02, 1),
	}
	s.branchPairs = scaled(s.activeB2B, 0.005, 1)
	s.noRepName = scaled(s.activeB2B, 0.025, 2)
	s.retailTwins = min(scaled(s.activeB2B, 0.01, 1), s.activeRetail)

	return s
}

// buildSPS returns the SPS customers and quotes and appends to portal the
// HubSpot companies and contacts that customer sync must match. Each part
// draws from its own random stream, so the Square and HubSpot records
// generated before it stay the same. The e-mail addresses and phone
// numbers come from the shared registry, so none of them belongs to a
// Square customer or an earlier HubSpot contact.
func (g *generator) buildSPS(cs customerSet, portal *hubspot.Portal) SPS {
	names := newSPSNamer()
	names.reserveSquare(cs, *portal)

	customers := g.buildSPSCustomers(names)
	g.addSPSPortal(portal, customers.cases, names)
	quotes := g.buildSPSQuotes(customers)
	products := g.buildSPSProducts()
	g.productExpect = productExpectationsOf(products)

	return SPS{
		Customers: customers.records,
		Quotes:    quotes,
		Products:  spsProductsOf(products.records),
		SalesReps: distinctRepNames(customers.records),
	}
}

// distinctRepNames returns the sorted distinct non-empty salesRepName
// values of customers, kept exactly as written.
func distinctRepNames(customers []sps.Customer) []string {
	seen := make(map[string]bool)
	var reps []string
	for _, c := range customers {
		if c.SalesRepName != "" && !seen[c.SalesRepName] {
			seen[c.SalesRepName] = true
			reps = append(reps, c.SalesRepName)
		}
	}
	slices.Sort(reps)

	return reps
}

// formatCents writes an amount of cents as a decimal with two places,
// such as "1250.50". Amounts are never negative.
func formatCents(cents int64) string {
	return fmt.Sprintf("%d.%02d", cents/100, cents%100)
}

// formatQuantity writes n hundredths of a unit as SPS shows quantities:
// "3", "42.5" or "42.25".
func formatQuantity(n int64) string {
	s := fmt.Sprintf("%d.%02d", n/100, n%100)
	s = strings.TrimRight(s, "0")

	return strings.TrimSuffix(s, ".")
}

// lineCents returns quantity (in hundredths of a unit) times unitCents,
// rounded half up to whole cents. Both are never negative.
func lineCents(quantity, unitCents int64) int64 {
	return (quantity*unitCents + 50) / 100
}
