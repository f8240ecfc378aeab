package activities

import (
	"fmt"
	"strings"
	"testing"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// longName is a 10,000-character name of letters outside ASCII.
var longName = strings.Repeat("Ñandú石", 10_000/6) + "Ωmega"

func TestSyncOrderPageHostileOrders(t *testing.T) {
	h := newOrderHarness(t)
	var many []*square.OrderLineItem
	for i := range 500 {
		many = append(many, testLineItem(fmt.Sprintf("L%03d", i), "Tile", "1", 100, square.CurrencyUsd))
	}
	odd := squareCustomer("C-ODD", longName, "  Ñandú.Lee@Stone-Works.EXAMPLE ", "206 555 0101 ext. 9", longName)
	odd.FamilyName = square.String(longName)
	h.load([]*square.Customer{odd},
		testSaleOrder(testOrderSpec{id: "JPY", total: 1500, currency: square.CurrencyJpy}),
		testSaleOrder(testOrderSpec{id: "KWD", minutes: 1, total: 12345, currency: square.CurrencyKwd}),
		testSaleOrder(testOrderSpec{id: "ZERO", minutes: 2, total: 0}),
		testSaleOrder(testOrderSpec{id: "NEGATIVE", minutes: 3, total: -500}),
		testSaleOrder(testOrderSpec{id: "QTY0", minutes: 4, total: 0, lines: []*square.OrderLineItem{
			testLineItem("Q1", "Sample", "0.000", 2500, square.CurrencyUsd)}}),
		testSaleOrder(testOrderSpec{id: "LINES500", minutes: 5, total: 50_000, lines: many}),
		testSaleOrder(testOrderSpec{id: "UNICODE", customerID: "C-ODD", minutes: 6, total: 999, lines: []*square.OrderLineItem{
			testLineItem("U1", longName, "1.5", 666, square.CurrencyUsd)}}),
	)

	a := h.runPage(pageInput(), nil)

	require.NoError(t, a.err)
	assert.Equal(t, 6, a.result.Created)
	assert.Equal(t, 1, a.result.Failed)
	assert.Contains(t, failureFor(a.result, "NEGATIVE"), "total_money.amount")
	deals := h.dealsByOrder()
	wantAmounts := map[string]string{"JPY": "1500", "KWD": "12.345", "ZERO": "0.00", "QTY0": "0.00",
		"LINES500": "500.00", "UNICODE": "9.99"}
	for orderID, amount := range wantAmounts {
		require.Len(t, deals[orderID], 1, "deal of order %s", orderID)
		assert.Equal(t, amount, deals[orderID][0].Properties["amount"], "amount of order %s", orderID)
	}
	assert.Len(t, h.associated("deals", deals["LINES500"][0].ID, "line_items"), 500)
	lineNames := map[string]string{}
	for _, li := range h.hub.Objects("line_items") {
		lineNames[li.Properties["square_line_item_uid"]] = li.Properties["name"] + " x " + li.Properties["quantity"]
	}
	assert.Equal(t, longName+" x 1.5", lineNames["UNICODE:U1"])
	assert.Equal(t, "Sample x 0.000", lineNames["QTY0:Q1"])

	contacts := h.contactsByEmail()["ñandú.lee@stone-works.example"]
	require.Len(t, contacts, 1)
	assert.Equal(t, longName, contacts[0].Properties["firstname"])
	assert.Equal(t, "+12065550101", contacts[0].Properties["phone_e164"])
	companies := h.hub.Objects("companies")
	require.Len(t, companies, 1)
	assert.Equal(t, longName, companies[0].Properties["name"])
	assert.Equal(t, "stone-works.example", companies[0].Properties["domain"])
}

func TestSyncOrderPageInvalidEmail(t *testing.T) {
	h := newOrderHarness(t)
	h.load([]*square.Customer{squareCustomer("C1", "Flo", "flo..rivera@example.com", "206-555-0102", "")},
		testSaleOrder(testOrderSpec{id: "O1", customerID: "C1", total: 1000}))

	a := h.runPage(pageInput(), nil)

	require.NoError(t, a.err)
	assert.Equal(t, 1, a.result.Created)
	assert.Equal(t, 0, a.result.Failed, "failures: %v", a.result.Failures)
	contacts := h.hub.Objects("contacts")
	require.Len(t, contacts, 1)
	assert.Empty(t, contacts[0].Properties["email"], "HubSpot rejects that address, so it is left out")
	assert.Equal(t, "+12065550102", contacts[0].Properties["phone_e164"])
}

func TestSyncOrderPageRejectedContact(t *testing.T) {
	h := newOrderHarness(t)
	customers, orders := manyTestOrders(120)
	customers[7].GivenName = square.String("REJECT-ME " + longName)
	orders = append(orders, testSaleOrder(testOrderSpec{id: "SECOND-OF-7", customerID: *customers[7].ID,
		minutes: 500, total: 100}))
	h.load(customers, orders...)
	h.hubFaults.rejectInputs("POST /crm/v3/objects/contacts/batch/create", "REJECT-ME")

	a := h.runPage(pageInput(), nil)

	require.NoError(t, a.err)
	assert.Equal(t, len(orders)-2, a.result.Created)
	assert.Equal(t, 2, a.result.Failed)
	for _, orderID := range []string{"ORDER0007", "SECOND-OF-7"} {
		reason := failureFor(a.result, orderID)
		assert.Contains(t, reason, "CUST0007", "reason names the Square customer")
		assert.Contains(t, reason, "no_such_property", "reason names the rejected property")
		assert.LessOrEqual(t, len(reason), maxFailureReasonBytes, "reason is bounded")
	}
	assert.Len(t, h.dealsByOrder(), len(orders)-2)
}

func TestSyncOrderPageRejectedCompany(t *testing.T) {
	h := newOrderHarness(t)
	customers, orders := manyTestOrders(30)
	for i, c := range customers {
		if i%7 == 3 {
			c.CompanyName = square.String("REJECT-ME " + longName)
		}
	}
	h.load(customers, orders...)
	h.hubFaults.rejectInputs("POST /crm/v3/objects/companies/batch/create", "REJECT-ME")

	a := h.runPage(pageInput(), nil)

	require.NoError(t, a.err)
	assert.Equal(t, 26, a.result.Created)
	assert.Equal(t, 4, a.result.Failed)
	for _, orderID := range []string{"ORDER0003", "ORDER0010", "ORDER0017", "ORDER0024"} {
		reason := failureFor(a.result, orderID)
		assert.Contains(t, reason, "stone3.example", "reason names the company key")
		assert.LessOrEqual(t, len(reason), maxFailureReasonBytes, "reason is bounded")
	}
}
