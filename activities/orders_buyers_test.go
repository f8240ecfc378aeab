package activities

import (
	"testing"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"

	hubsim "github.com/stonecity/sync/sandbox/hubspot"
)

func TestSyncOrderPageEmailCaseOneContact(t *testing.T) {
	h := newOrderHarness(t)
	h.load([]*square.Customer{
		squareCustomer("C1", "Ann", "Ann.Lee@Example.com", "", ""),
		squareCustomer("C2", "Ann", "  ann.lee@example.COM ", "", ""),
	},
		testSaleOrder(testOrderSpec{id: "O1", customerID: "C1", total: 1000}),
		testSaleOrder(testOrderSpec{id: "O2", customerID: "C2", minutes: 60 * 24 * 2, total: 1000}),
	)

	a := h.runPage(pageInput(), nil)

	require.NoError(t, a.err)
	assert.Equal(t, 2, a.result.Created)
	contacts := h.contactsByEmail()["ann.lee@example.com"]
	require.Len(t, contacts, 1, "one contact for both Square customers")
	deals := h.dealsByOrder()
	for _, orderID := range []string{"O1", "O2"} {
		require.Len(t, deals[orderID], 1)
		assert.Equal(t, []string{contacts[0].ID}, h.associated("deals", deals[orderID][0].ID, "contacts"),
			"deal of order %s", orderID)
	}
	assert.Equal(t, "2026-11-22", contacts[0].Properties["last_purchase_date"], "the newer purchase")
}

func TestSyncOrderPageSameEmailAcrossPages(t *testing.T) {
	h := newOrderHarness(t)
	h.load([]*square.Customer{
		squareCustomer("C1", "Ann", "Ann.Lee@Example.com", "", ""),
		squareCustomer("C2", "Ann", "ANN.LEE@EXAMPLE.COM", "", ""),
	},
		testSaleOrder(testOrderSpec{id: "O1", customerID: "C1", total: 1000}),
		testSaleOrder(testOrderSpec{id: "O2", customerID: "C2", minutes: 60, total: 1000}),
	)
	in := pageInput()
	in.PageSize = 1

	first := h.runPage(in, nil)
	require.NoError(t, first.err)
	require.NotEmpty(t, first.result.NextCursor)
	in.Cursor = first.result.NextCursor
	second := h.runPage(in, nil)

	require.NoError(t, second.err)
	assert.Equal(t, 1, second.result.Created)
	assert.Len(t, h.contactsByEmail()["ann.lee@example.com"], 1)
}

// TestSyncOrderPageSharedPhoneContact covers two Square
// customers with different e-mails and one phone. HubSpot's unique
// phone_e164 makes them one contact, which must then carry the newest
// purchase, the VIP flag and the company of either buyer.
func TestSyncOrderPageSharedPhoneContact(t *testing.T) {
	h := newOrderHarness(t)
	h.load([]*square.Customer{
		squareCustomer("C1", "Ann", "ann@home.example", "(206) 555-0100", ""),
		squareCustomer("C2", "Ann", "ann@rivera-tile.example", "+1 206 555 0100", "Rivera Tile"),
	},
		testSaleOrder(testOrderSpec{id: "O1", customerID: "C1", total: 1000}),
		testSaleOrder(testOrderSpec{id: "O2", customerID: "C2", minutes: 60 * 24 * 3, total: 750_000}),
	)

	a := h.runPage(pageInput(), nil)

	require.NoError(t, a.err)
	assert.Equal(t, 2, a.result.Created)
	assert.Equal(t, 0, a.result.Failed, "failures: %v", a.result.Failures)
	contacts := h.hub.Objects("contacts")
	require.Len(t, contacts, 1, "phone_e164 is unique: one contact")
	contact := contacts[0]
	assert.Equal(t, "true", contact.Properties["vip_customer"], "order O2 is over $5,000")
	assert.Equal(t, "2026-11-23", contact.Properties["last_purchase_date"], "order O2 is the newest")
	companies := h.hub.Objects("companies")
	require.Len(t, companies, 1)
	assert.Equal(t, []string{companies[0].ID}, h.associated("contacts", contact.ID, "companies"))
	deals := h.dealsByOrder()
	for _, orderID := range []string{"O1", "O2"} {
		require.Len(t, deals[orderID], 1)
		assert.Equal(t, []string{contact.ID}, h.associated("deals", deals[orderID][0].ID, "contacts"),
			"deal of order %s", orderID)
	}
}

func TestSyncOrderPageMobilePhoneMatch(t *testing.T) {
	h := newOrderHarness(t)
	require.NoError(t, h.hub.LoadPortal(hubsim.Portal{Objects: []hubsim.Object{{
		ObjectType: "contacts", ID: "700001",
		Properties: map[string]string{"firstname": "Bo", "mobilephone": "206.555.0199"},
	}}}))
	h.load([]*square.Customer{squareCustomer("C1", "Bo", "", "+12065550199", "")},
		testSaleOrder(testOrderSpec{id: "O1", customerID: "C1", total: 1000}))

	a := h.runPage(pageInput(), nil)

	require.NoError(t, a.err)
	contacts := h.hub.Objects("contacts")
	assert.Len(t, contacts, 1, "the form contact's mobile phone matches")
	deals := h.dealsByOrder()
	require.Len(t, deals["O1"], 1)
	assert.Equal(t, []string{"700001"}, h.associated("deals", deals["O1"][0].ID, "contacts"))
}

// TestSyncOrderPageNationalNumberCollision covers two buyers
// whose phones differ only by country code: HubSpot's searchable number
// is the same for both, and each must still find its own form contact.
func TestSyncOrderPageNationalNumberCollision(t *testing.T) {
	h := newOrderHarness(t)
	require.NoError(t, h.hub.LoadPortal(hubsim.Portal{Objects: []hubsim.Object{
		{ObjectType: "contacts", ID: "700001", Properties: map[string]string{"phone": "+1 207-946-0958"}},
		{ObjectType: "contacts", ID: "700002", Properties: map[string]string{"phone": "+44 20 7946 0958"}},
	}}))
	h.load([]*square.Customer{
		squareCustomer("C1", "Cy", "", "(207) 946-0958", ""),
		squareCustomer("C2", "Di", "", "+44 20 7946 0958", ""),
	},
		testSaleOrder(testOrderSpec{id: "O1", customerID: "C1", total: 1000}),
		testSaleOrder(testOrderSpec{id: "O2", customerID: "C2", minutes: 1, total: 1000}),
	)

	a := h.runPage(pageInput(), nil)

	require.NoError(t, a.err)
	assert.Len(t, h.hub.Objects("contacts"), 2, "no contact created")
	deals := h.dealsByOrder()
	require.Len(t, deals["O1"], 1)
	require.Len(t, deals["O2"], 1)
	assert.Equal(t, []string{"700001"}, h.associated("deals", deals["O1"][0].ID, "contacts"))
	assert.Equal(t, []string{"700002"}, h.associated("deals", deals["O2"][0].ID, "contacts"))
}

func TestSyncOrderPageDeletedCustomer(t *testing.T) {
	h := newOrderHarness(t)
	h.load([]*square.Customer{squareCustomer("C1", "Ed", "ed@example.com", "", "")},
		testSaleOrder(testOrderSpec{id: "O1", customerID: "C1", total: 1000}),
		testSaleOrder(testOrderSpec{id: "O2", customerID: "C-GONE", minutes: 1, total: 1000}),
	)
	h.square.DeleteCustomer("C-GONE")

	a := h.runPage(pageInput(), nil)

	require.NoError(t, a.err)
	assert.Equal(t, 2, a.result.Created)
	assert.Equal(t, 0, a.result.Failed)
	deals := h.dealsByOrder()
	require.Len(t, deals["O2"], 1)
	assert.Empty(t, h.associated("deals", deals["O2"][0].ID, "contacts"))
	assert.Len(t, h.hub.Objects("contacts"), 1)
}

// TestSyncOrderPageCompanyArchivedMidPage archives the company a form
// contact is about to be associated with, as a merge in HubSpot does. The
// attempt must fail retryably, and the next one must look the company up
// again instead of failing the whole run.
func TestSyncOrderPageCompanyArchivedMidPage(t *testing.T) {
	h := newOrderHarness(t)
	require.NoError(t, h.hub.LoadPortal(hubsim.Portal{Objects: []hubsim.Object{
		{ObjectType: "contacts", ID: "700001", Properties: map[string]string{"email": "ann@rivera.example"}},
		{ObjectType: "companies", ID: "800001", Properties: map[string]string{
			"name": "Rivera Tile", "domain": "rivera.example"}},
	}}))
	h.load([]*square.Customer{squareCustomer("C1", "Ann", "ann@rivera.example", "", "Rivera Tile")},
		testSaleOrder(testOrderSpec{id: "O1", customerID: "C1", total: 1000}))
	h.hubFaults.runBefore("POST /crm/v4/associations/contacts/companies/batch/associate/default", func() {
		h.archive("companies", "800001")
	})

	first := h.runPage(pageInput(), nil)
	require.Error(t, first.err)
	var appErr *temporal.ApplicationError
	require.ErrorAs(t, first.err, &appErr)
	assert.False(t, appErr.NonRetryable(), "a retry can succeed: %v", first.err)
	second := h.runPage(pageInput(), first.checkpoint)

	require.NoError(t, second.err)
	assert.Equal(t, 1, second.result.Created)
	companies := h.hub.Objects("companies")
	require.Len(t, companies, 1)
	assert.NotEqual(t, "800001", companies[0].ID, "a new company replaces the archived one")
	assert.Equal(t, []string{companies[0].ID}, h.associated("contacts", "700001", "companies"))
	deals := h.dealsByOrder()
	require.Len(t, deals["O1"], 1)
	assert.Equal(t, []string{companies[0].ID}, h.associated("deals", deals["O1"][0].ID, "companies"))
}
