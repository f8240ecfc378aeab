package activities

import (
	"fmt"
	"testing"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/report"
)

func TestSyncOrderPageMixedPageBaseline(t *testing.T) {
	h := newOrderHarness(t)
	loadMixedPage(t, h)

	a := h.runPage(pageInput(), nil)

	require.NoError(t, a.err)
	assert.Equal(t, mixedOrders, a.result.Created)
	assert.Equal(t, 0, a.result.Failed)
	requireOneDealPerOrder(t, h, mixedOrderIDs())
	shape := shapeOf(h)
	assert.Equal(t, 2*mixedOrders, shape.LineItems)
	assert.Equal(t, mixedOrders, shape.SKULineItems, "the first line of each order has the catalog SKU")
	assert.Equal(t, mixedOrders, shape.DealContacts, "every order has a buyer")
	assert.Equal(t, 100, shape.DealCompanies, "buyers with a company name and an e-mail")
	assert.Equal(t, 9, shape.Companies, "five firm domains, four atelier names, one of them found")
	assert.Equal(t, 100, shape.ContactCompanies)
	assert.Equal(t, 100+25, shape.SquarePOSContacts,
		"new contacts and form contacts without lead status; NEW is kept")
	assert.Equal(t, 15, shape.VIPContacts)
}

// TestSyncOrderPageStageFaultResume fails one call of each
// stage, then resumes from the failed attempt's checkpoint, as Temporal's
// retry does. The result must equal a run without faults, and the report
// must count the failed call.
func TestSyncOrderPageStageFaultResume(t *testing.T) {
	baseline := newOrderHarness(t)
	loadMixedPage(t, baseline)
	base := baseline.runPage(pageInput(), nil)
	require.NoError(t, base.err)
	want := shapeOf(baseline)

	cases := []struct {
		name     string
		square   bool
		endpoint string
		nth      int
		lost     bool
	}{
		{"square orders search", true, "POST /v2/orders/search", 1, false},
		{"square customers", true, "POST /v2/customers/bulk-retrieve", 1, false},
		{"square catalog", true, "POST /v2/catalog/batch-retrieve", 1, false},
		{"deals read", false, "POST /crm/v3/objects/deals/batch/read", 2, false},
		{"companies search", false, "POST /crm/v3/objects/companies/search", 1, false},
		{"companies create", false, "POST /crm/v3/objects/companies/batch/create", 1, false},
		{"companies create response lost", false, "POST /crm/v3/objects/companies/batch/create", 1, true},
		{"contacts read", false, "POST /crm/v3/objects/contacts/batch/read", 1, false},
		{"contacts phone search", false, "POST /crm/v3/objects/contacts/search", 1, false},
		{"contacts create", false, "POST /crm/v3/objects/contacts/batch/create", 1, false},
		{"contacts create response lost", false, "POST /crm/v3/objects/contacts/batch/create", 1, true},
		{"contacts update", false, "POST /crm/v3/objects/contacts/batch/update", 1, false},
		{"contacts update response lost", false, "POST /crm/v3/objects/contacts/batch/update", 1, true},
		{"associate companies", false,
			"POST /crm/v4/associations/contacts/companies/batch/associate/default", 1, false},
		{"line items create", false, "POST /crm/v3/objects/line_items/batch/create", 2, false},
		{"line items create response lost", false, "POST /crm/v3/objects/line_items/batch/create", 2, true},
		{"deals create", false, "POST /crm/v3/objects/deals/batch/create", 2, false},
		{"deals create response lost", false, "POST /crm/v3/objects/deals/batch/create", 2, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newOrderHarness(t)
			loadMixedPage(t, h)
			callsBefore := h.hubSpotCallTotal()
			plan := h.hubFaults
			if tc.square {
				plan = h.squareFaults
			}
			plan.failNth(tc.endpoint, tc.nth, tc.lost)

			first := h.runPage(pageInput(), nil)
			require.Error(t, first.err, "the fault must fail the first attempt")
			require.NotNil(t, first.checkpoint)
			second := h.runPage(pageInput(), first.checkpoint)

			require.NoError(t, second.err)
			res := second.result
			assert.Equal(t, mixedOrders, res.Created, "deals created by either attempt")
			assert.Equal(t, 0, res.Skipped)
			assert.Equal(t, 0, res.Failed, "failures: %v", res.Failures)
			requireOneDealPerOrder(t, h, mixedOrderIDs())
			assert.Equal(t, want, shapeOf(h))
			assert.Equal(t, base.result.Objects, res.Objects, "objects written by either attempt")
			assert.Equal(t, h.hubSpotCallTotal()-callsBefore, hubSpotCallCount(res.APICalls),
				"HubSpot calls of both attempts")
			stageCalls := 0
			for _, s := range res.Stages {
				stageCalls += s.Calls
			}
			assert.Equal(t, hubSpotCallCount(res.APICalls), stageCalls, "stage calls add up to the API calls")
		})
	}
}

// maxPayloadBytes is the largest payload the product allows itself, well
// below Temporal's own limits.
const maxPayloadBytes = 256 << 10

// TestSyncOrderPageCheckpointStaysSmall fills a page of 1,000 orders with
// three lines each and realistic id lengths, and checks the heartbeated
// checkpoint at its largest points: before the first deal is created and
// after the contact updates.
func TestSyncOrderPageCheckpointStaysSmall(t *testing.T) {
	h := newOrderHarness(t)
	customers, orders := manyTestOrders(1000)
	for _, o := range orders {
		id := *o.ID + "-Zq8mXw3nRkT1pYv6sBcD2eF"
		o.ID = square.String(id)
		o.LineItems = nil
		for n := range 3 {
			o.LineItems = append(o.LineItems,
				testLineItem(fmt.Sprintf("%s-uid-%d-aB3dE5gH7jK9mN1", id, n), "Tile", "1", 100, square.CurrencyUsd))
		}
		o.TotalMoney.Amount = square.Int64(300)
	}
	h.load(customers, orders...)

	h.hubFaults.failNth("POST /crm/v3/objects/deals/batch/create", 1, false)
	beforeDeals := h.runPage(pageInput(), nil)
	require.Error(t, beforeDeals.err)
	assert.Less(t, checkpointBytes(t, beforeDeals.checkpoint), maxPayloadBytes, "before deals")

	h.hubFaults.failNth("POST /crm/v3/objects/deals/batch/create", 10, false)
	lastDeals := h.runPage(pageInput(), beforeDeals.checkpoint)
	require.Error(t, lastDeals.err)
	assert.Less(t, checkpointBytes(t, lastDeals.checkpoint), maxPayloadBytes, "at the last deal batch")

	done := h.runPage(pageInput(), lastDeals.checkpoint)
	require.NoError(t, done.err)
	assert.Equal(t, 1000, done.result.Created)
	assert.Len(t, h.dealsByOrder(), 1000)
	assert.Len(t, h.hub.Objects("line_items"), 3000)
}

// TestSyncOrderPageWorkerKilledAfterLineItems models a worker killed after
// it created line items but before its heartbeats reached Temporal: the
// retry resumes from a checkpoint that lacks those line items.
func TestSyncOrderPageWorkerKilledAfterLineItems(t *testing.T) {
	h := newOrderHarness(t)
	loadMixedPage(t, h)
	h.hubFaults.failNth("POST /crm/v3/objects/deals/batch/create", 1, false)
	first := h.runPage(pageInput(), nil)
	require.Error(t, first.err)
	stale := first.checkpoint
	stale.LineItems = map[string][]string{}

	second := h.runPage(pageInput(), stale)

	require.NoError(t, second.err)
	assert.Equal(t, mixedOrders, second.result.Created)
	assert.Len(t, h.hub.Objects("line_items"), 2*mixedOrders, "no line item created twice")
	requireOneDealPerOrder(t, h, mixedOrderIDs())
}

// TestSyncOrderPageWorkerKilledAfterDeals models a worker killed after it
// created the first batch of deals and before its heartbeats reached
// Temporal. Nothing is duplicated or lost; the retry cannot tell its own
// lost deals from another run's, so it reports them as skipped.
func TestSyncOrderPageWorkerKilledAfterDeals(t *testing.T) {
	h := newOrderHarness(t)
	loadMixedPage(t, h)
	h.hubFaults.failNth("POST /crm/v3/objects/deals/batch/create", 2, false)
	first := h.runPage(pageInput(), nil)
	require.Error(t, first.err)
	stale := first.checkpoint
	require.Len(t, stale.Deals, 100)
	stale.Deals = map[string]string{}

	second := h.runPage(pageInput(), stale)

	require.NoError(t, second.err)
	assert.Equal(t, mixedOrders-100, second.result.Created)
	assert.Equal(t, 100, second.result.Skipped)
	assert.Equal(t, []report.ReasonCount{{Reason: skipRaced, Count: 100}}, second.result.SkipReasons)
	requireOneDealPerOrder(t, h, mixedOrderIDs())
}

// TestSyncOrderPageChangedBetweenAttempts lets a late order join the page
// between two attempts, so the retry starts the page over. What the first
// attempt did must stay counted.
func TestSyncOrderPageChangedBetweenAttempts(t *testing.T) {
	h := newOrderHarness(t)
	loadMixedPage(t, h)
	callsBefore := h.hubSpotCallTotal()
	h.hubFaults.failNth("POST /crm/v3/objects/deals/batch/create", 2, false)
	first := h.runPage(pageInput(), nil)
	require.Error(t, first.err)
	h.load(nil, testSaleOrder(testOrderSpec{id: "LATE", minutes: 30, total: 500}))

	second := h.runPage(pageInput(), first.checkpoint)

	require.NoError(t, second.err)
	assert.Equal(t, mixedOrders+1, second.result.Created, "deals of both attempts")
	assert.Equal(t, 0, second.result.Skipped)
	assert.Contains(t, second.result.Objects, report.ObjectWrites{Object: objectDeals, Created: mixedOrders + 1})
	assert.Equal(t, h.hubSpotCallTotal()-callsBefore, hubSpotCallCount(second.result.APICalls))
	assert.Len(t, h.dealsByOrder(), mixedOrders+1)
}
