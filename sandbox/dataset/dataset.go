// Package dataset generates the starting data of the Square and HubSpot
// simulators: a store location, its catalog, customers and completed
// orders in Square, and the web-form contacts, companies and pipelines
// already in HubSpot. The output is deterministic for a given seed and
// clock. It is messy on purpose: odd case, Unicode, long values, phones in
// many formats, duplicate identities, late offline orders and returns.
// It also carries the counts that order sync must produce from it.
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
}

// Dataset is the generated starting state of both simulators plus the
// counts that order sync should produce from it.
type Dataset struct {
	Square  Square         `json:"square"`
	HubSpot hubspot.Portal `json:"hubspot"`
	Expect  Expectations   `json:"expect"`
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

// Expectations are the counts that one order sync over the whole window
// must produce from the dataset.
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
}

// Random stream ids: each part of the dataset draws from its own stream,
// so changing how one part is generated leaves the others unchanged.
const (
	streamLocation uint64 = iota + 1
	streamCatalog
	streamCustomers
	streamOrders
	streamHubSpot
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
}

// Generate builds a dataset from opts. It has no error result because
// out-of-range options fall back to defaults or limits. Very small sizes
// still produce a consistent dataset but may lack some of the rarer cases.
func Generate(opts Options) *Dataset {
	g := newGenerator(opts)

	location := storeLocation(g.stream(streamLocation), g.ids, g.start)
	catalog := g.buildCatalog()
	customers := g.buildCustomers()
	orders := g.buildOrders(location, catalog, customers)
	portal := g.buildPortal(customers)

	sq := Square{
		Locations:          []*square.Location{location},
		Customers:          byCreation(customers.records),
		Orders:             orders.all,
		Arrivals:           orders.arrivals,
		Catalog:            catalog.objects,
		DeletedCustomerIDs: orders.deletedCustomerIDs,
	}

	return &Dataset{
		Square:  sq,
		HubSpot: portal,
		Expect:  computeExpectations(sq, portal),
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
