// Package dataset generates the starting data of the Square, HubSpot and
// SPS simulators. For Square it makes a store location, its catalog,
// customers and completed orders. For HubSpot it makes the web-form
// contacts, companies and pipelines already in the portal, and for SPS the
// customers, quotes and products. The output is deterministic for a given
// seed and clock. It is messy on purpose: odd case, Unicode, long values, phones in
// many formats, duplicate identities, late offline orders, returns,
// placeholder customers and empty strings in numeric fields. It also
// carries the counts that order, customer, quote and product sync must
// produce from it.
package dataset

import (
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	square "github.com/square/square-go-sdk"

	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/sandbox/hubspot"
)

// Defaults used when Options leave a field at zero.
const (
	// DefaultOrders is the number of completed sale orders.
	DefaultOrders = 1500
	// DefaultDays is the length of the order window in days.
	DefaultDays = 60
)

// DefaultNow is the clock used when Options.Now is zero, so that a zero
// Options value still yields the same output on every run.
var DefaultNow = time.Date(2026, time.December, 4, 11, 0, 0, 0, time.UTC)

// Options sets the seed, clock and size of a generated dataset.
type Options struct {
	// Seed selects the random streams: the same Seed and Now produce
	// byte-identical output.
	Seed int64
	// Now is the end of the order window. Every order closes, and every
	// late order arrives, at or before Now. It is used as given, without
	// truncation; zero means DefaultNow.
	Now time.Time
	// Orders is the number of completed sale orders; zero or negative
	// means DefaultOrders, and values above MaxOrders mean MaxOrders.
	// Customers and HubSpot records scale with it.
	Orders int
	// Days is the length of the order window before Now; zero or
	// negative means DefaultDays.
	Days int
	// SPSCustomers is the number of SPS customer records. Zero or
	// negative means DefaultSPSCustomers, positive values below
	// MinSPSCustomers mean MinSPSCustomers, and values above
	// MaxSPSCustomers mean MaxSPSCustomers. Active B2B accounts are about
	// 5.7 % of them.
	SPSCustomers int
	// SPSQuotes is the number of SPS quotes. Zero or negative means
	// DefaultSPSQuotes, and values above MaxSPSQuotes mean MaxSPSQuotes.
	SPSQuotes int
	// SPSProducts is the number of SPS product records. Zero or negative
	// means DefaultSPSProducts, positive values below MinSPSProducts mean
	// MinSPSProducts, and values above MaxSPSProducts mean MaxSPSProducts.
	SPSProducts int
	// SPSInvalidProducts adds product records that no sync can take, half
	// with an empty SKU and half with an empty name, among SPSProducts.
	// The default dataset has none, so its product sync fails no record.
	SPSInvalidProducts int
}

// Dataset is the generated starting state of the simulators plus the
// counts that the syncs should produce from it.
type Dataset struct {
	Square Square `json:"square"`
	// HubSpot holds the portal's records: first those of the Square
	// part, then the companies and contacts of the SPS part.
	HubSpot hubspot.Portal `json:"hubspot"`
	Expect  Expectations   `json:"expect"`
	SPS     SPS            `json:"sps"`
}

// Square is the starting state of the Square simulator.
type Square struct {
	// Locations holds the single store location.
	Locations []*square.Location `json:"locations"`
	// Customers holds the customer directory, including duplicate
	// profiles of the same person.
	Customers []*square.Customer `json:"customers"`
	// Orders holds sale orders and return orders, all COMPLETED with
	// closed_at set, sorted by closed_at and then id. A return order is
	// one with a non-empty Returns list.
	Orders []*square.Order `json:"orders"`
	// Arrivals maps the id of each late offline order to the time it
	// reached Square, 1 to 72 hours after its closed_at and never after
	// Now. Orders not listed are visible from their closed_at.
	Arrivals map[string]time.Time `json:"arrivals"`
	// Catalog holds ITEM objects with their ITEM_VARIATION objects
	// nested; order line items reference the variation ids.
	Catalog []*square.CatalogObject `json:"catalog"`
	// DeletedCustomerIDs lists customer ids that orders still reference
	// but whose profiles were merged away, so a GET returns 404.
	DeletedCustomerIDs []string `json:"deletedCustomerIds"`
}

// Expectations are the counts that one order sync over the whole window,
// and one customer sync and one quote sync over all SPS records, must
// produce from the dataset.
type Expectations struct {
	// SaleOrders is the number of completed sale orders; each must become
	// exactly one HubSpot deal.
	SaleOrders int `json:"saleOrders"`
	// ReturnOrders is the number of return orders, which order sync skips.
	ReturnOrders int `json:"returnOrders"`
	// OrdersWithoutCustomer is the number of sale orders without a
	// customer_id; their deals have no contact.
	OrdersWithoutCustomer int `json:"ordersWithoutCustomer"`
	// VIPOrders is the number of sale orders whose total_money is at
	// least 5,000.00 USD (500000 cents), tips included.
	VIPOrders int `json:"vipOrders"`
	// DistinctBuyers is the number of distinct people among the existing
	// customers of sale orders, after matching by e-mail key and phone
	// key. A customer with neither key counts as one person.
	DistinctBuyers int `json:"distinctBuyers"`
	// NewContacts is the number of contacts order sync must create:
	// DistinctBuyers minus the buyers that match a pre-existing HubSpot
	// contact.
	NewContacts int `json:"newContacts"`
	// MatchedFormContacts is the number of pre-existing HubSpot contacts
	// that sale-order customers match by e-mail or phone.
	MatchedFormContacts int `json:"matchedFormContacts"`

	// SPSActiveB2B is the number of active B2B SPS customers: status
	// Active, type Contractor, Trade, Wholesale, Fabricator or Designer, a
	// name that is no placeholder and differs from the contact name.
	// Customer sync must link each to exactly one HubSpot company, except
	// the SPSAmbiguousNames ones, so it equals SPSMatchedByName +
	// SPSMatchedByDomain + SPSNewCompanies + SPSAmbiguousNames.
	SPSActiveB2B int `json:"spsActiveB2B"`
	// SPSMatchedByName is the number of those customers whose normalised
	// name (case, spacing, punctuation and legal suffixes ignored)
	// matches exactly one pre-existing HubSpot company without
	// sps_customer_id.
	SPSMatchedByName int `json:"spsMatchedByName"`
	// SPSMatchedByDomain is the number of those customers that match no
	// company by name but exactly one by the domain of their e-mail
	// address, which is not free mail.
	SPSMatchedByDomain int `json:"spsMatchedByDomain"`
	// SPSNewCompanies is the number of companies customer sync must
	// create: one per active B2B customer matched neither way.
	SPSNewCompanies int `json:"spsNewCompanies"`
	// SPSAmbiguousNames is the number of active B2B customers whose
	// normalised name matches two or more HubSpot companies. Customer
	// sync must report them for review and link or create nothing.
	SPSAmbiguousNames int `json:"spsAmbiguousNames"`
	// SPSQuotesByStage counts the quotes by the deal stage label that
	// quote sync must give them. Stage "won" or status "Accepted" gives
	// "Accepted", and stage "lost" gives "Lost". A won or lost stage
	// decides over the status. Otherwise status "Quoted" gives "Quoted"
	// and anything else "unknown". All four keys are present.
	SPSQuotesByStage map[string]int `json:"spsQuotesByStage"`
	// SPSProducts holds the counts that product sync must produce from
	// the SPS product catalogue.
	SPSProducts ProductExpectations `json:"spsProducts"`
}

// Random stream ids: each part of the dataset draws from its own stream,
// so changing how one part is generated leaves the others unchanged.
const (
	streamLocation uint64 = iota + 1
	streamCatalog
	streamCustomers
	streamOrders
	streamHubSpot
	streamSPSCustomers
	streamSPSHubSpot
	streamSPSQuotes
	streamSPSProducts
)

// generator carries the options and shared state of one Generate call.
type generator struct {
	now    time.Time // Options.Now in UTC
	start  time.Time // start of the order window (exclusive)
	days   int       // length of the order window
	store  *time.Location
	sizes  sizes
	seed   int64
	ids    *idMaker
	people *identityRegistry
	// spsSizes holds the record counts of the SPS part.
	spsSizes spsSizes
	// productSizes holds the record counts of the SPS product catalogue.
	productSizes productSizes
	// productExpect holds the product counts, set by buildSPS.
	productExpect ProductExpectations
}

// Generate builds a dataset from opts. It has no error result because
// out-of-range options fall back to defaults or limits. Very small sizes
// still produce a consistent dataset but may lack some of the rarer cases.
// The SPS part is generated last from its own random streams, so the
// Square records and the HubSpot records before it do not depend on it.
func Generate(opts Options) *Dataset {
	g := newGenerator(opts)

	location := storeLocation(g.stream(streamLocation), g.ids, g.start)
	catalog := g.buildCatalog()
	customers := g.buildCustomers()
	orders := g.buildOrders(location, catalog, customers)
	portal := g.buildPortal(customers)
	spsData := g.buildSPS(customers, &portal)

	sq := Square{
		Locations:          []*square.Location{location},
		Customers:          byCreation(customers.records),
		Orders:             orders.all,
		Arrivals:           orders.arrivals,
		Catalog:            catalog.objects,
		DeletedCustomerIDs: orders.deletedCustomerIDs,
	}

	exp := computeExpectations(sq, portal)
	countSPS(&exp, spsData, portal)
	exp.SPSProducts = g.productExpect

	return &Dataset{
		Square:  sq,
		HubSpot: portal,
		Expect:  exp,
		SPS:     spsData,
	}
}

// byCreation returns the customers sorted by created_at, then id, the
// order of a directory that grew over time.
func byCreation(customers []*square.Customer) []*square.Customer {
	sorted := slices.Clone(customers)
	slices.SortFunc(sorted, func(a, b *square.Customer) int {
		if c := strings.Compare(*a.CreatedAt, *b.CreatedAt); c != 0 {
			return c
		}
		return strings.Compare(*a.ID, *b.ID)
	})

	return sorted
}

func newGenerator(opts Options) *generator {
	if opts.Orders <= 0 {
		opts.Orders = DefaultOrders
	}
	if opts.Days <= 0 {
		opts.Days = DefaultDays
	}
	if opts.Now.IsZero() {
		opts.Now = DefaultNow
	}

	now := opts.Now.UTC()

	return &generator{
		now:    now,
		start:  now.Add(-time.Duration(opts.Days) * 24 * time.Hour),
		days:   opts.Days,
		store:  loadStoreTimeZone(),
		sizes:  sizesFor(opts.Orders),
		seed:   opts.Seed,
		ids:    newIDMaker(),
		people: newIdentityRegistry(),

		spsSizes:     spsSizesFor(opts.SPSCustomers, opts.SPSQuotes),
		productSizes: productSizesFor(opts.SPSProducts, opts.SPSInvalidProducts),
	}
}

// stream returns a fresh random source for one part of the dataset.
func (g *generator) stream(id uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(g.seed), id))
}

// PortalPipelines returns Stone City's two deal pipelines with the ids in
// p: "Square POS" with its single closed-won stage, and "Quotes" with the
// Quoted, Accepted (won) and Lost stages.
func PortalPipelines(p config.HubSpotPortal) []hubspot.Pipeline {
	return []hubspot.Pipeline{
		{
			ID:           p.SquarePipelineID,
			Label:        "Square POS",
			DisplayOrder: 1,
			Stages: []hubspot.Stage{
				{ID: p.SquareClosedWonStageID, Label: "Closed won", Probability: 1.0, IsClosed: true},
			},
		},
		{
			ID:           p.QuotesPipelineID,
			Label:        "Quotes",
			DisplayOrder: 2,
			Stages: []hubspot.Stage{
				{ID: p.QuoteQuotedStageID, Label: "Quoted", DisplayOrder: 0, Probability: 0.5},
				{ID: p.QuoteAcceptedStageID, Label: "Accepted (won)", DisplayOrder: 1, Probability: 1.0, IsClosed: true},
				{ID: p.QuoteLostStageID, Label: "Lost", DisplayOrder: 2, Probability: 0.0, IsClosed: true},
			},
		},
	}
}
