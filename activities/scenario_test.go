package activities

import (
	"fmt"
	"sort"
	"testing"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	hubsim "github.com/stonecity/sync/sandbox/hubspot"
)

// mixedOrders is the size of the mixed page: two deal batches, three
// line item batches.
const mixedOrders = 150

// testVariationID is the catalog variation the mixed page's first lines
// reference; its SKU is testSKU.
const (
	testVariationID = "VAR-CARRARA-12"
	testSKU         = "CAR-1224-POL"
)

// loadMixedPage loads a page that reaches every stage of SyncOrderPage.
// New buyers at company domains get new companies. Buyers who match web
// form contacts by e-mail have free-mail company names, so their contacts
// are updated and associated, and one company is found by name. Half of
// the phone-only buyers match form contacts by phone. Some orders are
// VIP, every order has two lines, and one catalog variation has a SKU.
func loadMixedPage(t *testing.T, h *orderHarness) {
	t.Helper()
	var portal hubsim.Portal
	portal.Objects = append(portal.Objects, hubsim.Object{ObjectType: "companies", ID: "800001",
		Properties: map[string]string{"name": "ATELIER 1"}})

	var customers []*square.Customer
	var orders []*square.Order
	for i := range mixedOrders {
		customerID := fmt.Sprintf("CUST%03d", i)
		switch i % 3 {
		case 0:
			customers = append(customers, squareCustomer(customerID, fmt.Sprintf("New %d", i),
				fmt.Sprintf("buyer%d@firm%d.example", i, i%5), "", fmt.Sprintf("Firm %d", i%5)))
		case 1:
			email := fmt.Sprintf("Form%d@Gmail.com", i)
			customers = append(customers, squareCustomer(customerID, fmt.Sprintf("Form %d", i),
				" "+email+" ", "", fmt.Sprintf("Atelier %d", i%4)))
			portal.Objects = append(portal.Objects, hubsim.Object{ObjectType: "contacts",
				ID: fmt.Sprint(900000 + i), Properties: map[string]string{
					"email": fmt.Sprintf("form%d@gmail.com", i), "firstname": "Web form"}})
		case 2:
			customers = append(customers, squareCustomer(customerID, fmt.Sprintf("Phone %d", i),
				"", fmt.Sprintf("+1 206-555-%04d", i), ""))
			if i%2 == 0 {
				portal.Objects = append(portal.Objects, hubsim.Object{ObjectType: "contacts",
					ID: fmt.Sprint(900000 + i), Properties: map[string]string{
						"phone": fmt.Sprintf("(206) 555-%04d", i), "hs_lead_status": "NEW"}})
			}
		}

		total := int64(2000 + i)
		if i%10 == 0 {
			total = 600_000
		}
		id := fmt.Sprintf("ORDER%03d", i)
		first := testLineItem(id+"-A", "Carrara Tile", "2", total/2, square.CurrencyUsd)
		first.CatalogObjectID = square.String(testVariationID)
		lines := []*square.OrderLineItem{first,
			testLineItem(id+"-B", "Grout", "1", total-2*(total/2), square.CurrencyUsd)}
		orders = append(orders, testSaleOrder(testOrderSpec{id: id, customerID: customerID, minutes: i,
			total: total, lines: lines}))
	}

	require.NoError(t, h.hub.LoadPortal(portal))
	require.NoError(t, h.square.LoadCatalog([]*square.CatalogObject{catalogItem()}))
	h.load(customers, orders...)
}

func catalogItem() *square.CatalogObject {
	return &square.CatalogObject{
		Type: "ITEM",
		Item: &square.CatalogObjectItem{
			ID: "ITEM-CARRARA",
			ItemData: &square.CatalogItem{
				Name: square.String("Carrara Tile"),
				Variations: []*square.CatalogObject{{
					Type: "ITEM_VARIATION",
					ItemVariation: &square.CatalogObjectItemVariation{
						ID: testVariationID,
						ItemVariationData: &square.CatalogItemVariation{
							ItemID: square.String("ITEM-CARRARA"),
							Name:   square.String("12x24 polished"),
							Sku:    square.String(testSKU),
						},
					},
				}},
			},
		},
	}
}

// portalShape summarises what a sync left in HubSpot, without record ids,
// so two runs of the same page can be compared.
type portalShape struct {
	Deals, Contacts, Companies, LineItems        int
	DealContacts, DealCompanies, DealLineItems   int
	ContactCompanies                             int
	SquarePOSContacts, VIPContacts, SKULineItems int
	// PurchaseDates lists each contact e-mail or phone with its
	// last_purchase_date.
	PurchaseDates []string
}

func shapeOf(h *orderHarness) portalShape {
	var s portalShape
	s.Deals = len(h.hub.Objects("deals"))
	s.Companies = len(h.hub.Objects("companies"))
	s.DealContacts = len(h.hub.Associations("deals", "contacts"))
	s.DealCompanies = len(h.hub.Associations("deals", "companies"))
	s.DealLineItems = len(h.hub.Associations("deals", "line_items"))
	s.ContactCompanies = len(h.hub.Associations("contacts", "companies"))
	for _, li := range h.hub.Objects("line_items") {
		s.LineItems++
		if li.Properties["hs_sku"] == testSKU {
			s.SKULineItems++
		}
	}
	for _, c := range h.hub.Objects("contacts") {
		s.Contacts++
		if c.Properties["hs_lead_status"] == "SQUARE_POS" {
			s.SquarePOSContacts++
		}
		if c.Properties["vip_customer"] == "true" {
			s.VIPContacts++
		}
		key := c.Properties["email"] + c.Properties["phone"]
		s.PurchaseDates = append(s.PurchaseDates, key+"="+c.Properties["last_purchase_date"])
	}
	sort.Strings(s.PurchaseDates)
	return s
}

// requireOneDealPerOrder fails unless every order id has exactly one deal
// with its two line items.
func requireOneDealPerOrder(t *testing.T, h *orderHarness, orderIDs []string) {
	t.Helper()
	deals := h.dealsByOrder()
	for _, id := range orderIDs {
		require.Len(t, deals[id], 1, "deals of order %s", id)
		lines := h.associated("deals", deals[id][0].ID, "line_items")
		assert.Len(t, lines, 2, "line items of order %s", id)
	}
	assert.Len(t, deals, len(orderIDs), "deals of other orders")
}

func mixedOrderIDs() []string {
	ids := make([]string, mixedOrders)
	for i := range ids {
		ids[i] = fmt.Sprintf("ORDER%03d", i)
	}
	return ids
}
