package dataset

import "math"

// sizes holds how many records of each kind a dataset contains. Every
// count scales with the number of sale orders from the full-size figures
// given in the comments (for 1,500 orders).
type sizes struct {
	orders       int   // completed sale orders
	returns      int   // return orders, 3 % (45)
	noCustomer   int   // sale orders without customer_id, 15 % (225)
	vip          int   // sale orders of at least $5,000, 1.5 % (23)
	late         int   // late offline orders, 2 % (30)
	deletedIDs   int   // merged-away customer ids (2)
	deletedRefs  int   // sale orders that reference them (3)
	tieGroups    []int // sizes of groups of sales that share one closed_at
	unknownTypes int   // orders paid with a tender type the SDK does not know (3)

	customers   int // Square customer records (600)
	dupPairs    int // people with two Square customer records (12)
	formMatched int // customers that a HubSpot form contact matches (80)
	keyless     int // customers with neither e-mail nor parseable phone (8)
	business    int // business buyers with a company name (60)
	sharedFirms int // companies with two business buyers (5)

	formContacts int // HubSpot contacts from web forms (300)
	companies    int // HubSpot companies without SPS ids (120)
}

// MaxOrders is the largest Options.Orders that Generate honours; larger
// values are lowered to it. Up to this size every phone number in the
// dataset is unique, and generation took about 3.5 s on a 2-core machine.
const MaxOrders = 100000

func sizesFor(orders int) sizes {
	orders = min(orders, MaxOrders)
	s := sizes{
		orders:       orders,
		returns:      scaled(orders, 0.03, 1),
		noCustomer:   scaled(orders, 0.15, 1),
		vip:          scaled(orders, 0.015, 1),
		late:         scaled(orders, 0.02, 1),
		deletedIDs:   2,
		deletedRefs:  3,
		tieGroups:    []int{2, 2, 3},
		unknownTypes: 2,

		customers:   scaled(orders, 0.4, 8),
		dupPairs:    scaled(orders, 0.008, 1),
		formMatched: scaled(orders, 0.0534, 2),
		keyless:     scaled(orders, 0.0054, 1),
		business:    scaled(orders, 0.04, 2),
		sharedFirms: scaled(orders, 0.0034, 1),
	}
	if orders >= 1000 {
		s.unknownTypes = 3
	}
	if orders < 40 {
		s.deletedRefs = 2
		s.tieGroups = []int{2}
	}

	special := 2*s.dupPairs + s.formMatched + s.keyless + s.business
	s.customers = max(s.customers, special+4)

	s.formContacts = max(scaled(orders, 0.2, 8), s.formMatched+6)
	s.companies = scaled(orders, 0.08, 6)

	return s
}

// scaled returns fraction of n rounded to the nearest whole number, and at
// least least.
func scaled(n int, fraction float64, least int) int {
	return max(least, int(math.Round(float64(n)*fraction)))
}
