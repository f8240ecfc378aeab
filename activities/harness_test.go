package activities

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/log"
	"go.temporal.io/sdk/testsuite"

	"github.com/stonecity/sync/apicalls"
	"github.com/stonecity/sync/clients/hubspot"
	squareclient "github.com/stonecity/sync/clients/square"
	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/hubspotschema"
	"github.com/stonecity/sync/report"
	hubsim "github.com/stonecity/sync/sandbox/hubspot"
	squaresim "github.com/stonecity/sync/sandbox/square"
)

const (
	testHubSpotToken = "test-hubspot-token"
	testSquareToken  = "test-square-token"
	testLocationID   = "LOC1"
)

// testClosedAt is the base closed_at of the test orders.
var testClosedAt = time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)

// orderHarness is one HubSpot and one Square simulator on loopback, a HubSpot
// schema applied as `starter hubspot setup` does, and the order
// activities pointed at both.
type orderHarness struct {
	t      *testing.T
	hub    *hubsim.Simulator
	square *squaresim.Simulator
	acts   *OrderActivities
	schema *SchemaActivities
	// hubFaults and squareFaults inject failures in front of the
	// simulators.
	hubFaults    *faultPlan
	squareFaults *faultPlan
	// hubURL and squareURL are the simulators' base URLs.
	hubURL, squareURL string
	// logs collects what the activities log.
	logs *lockedBuffer
}

// lockedBuffer is a bytes.Buffer safe for concurrent writers.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func newOrderHarness(t *testing.T) *orderHarness {
	t.Helper()
	h := &orderHarness{
		t:      t,
		hub:    hubsim.New(hubsim.Options{Token: testHubSpotToken}),
		square: squaresim.New(squaresim.Options{Token: testSquareToken}),
		logs:   &lockedBuffer{},
	}
	h.hubFaults = &faultPlan{arm: func() {
		h.hub.SetFaults(hubsim.Faults{FailNext: 1, ErrorStatuses: []int{http.StatusInternalServerError}})
	}}
	h.squareFaults = &faultPlan{arm: func() {
		h.square.SetFaults(squaresim.Faults{FailNext: 1, ErrorStatuses: []int{http.StatusInternalServerError}})
	}}
	hubServer := httptest.NewServer(h.hubFaults.wrap(h.hub))
	t.Cleanup(hubServer.Close)
	squareServer := httptest.NewServer(h.squareFaults.wrap(h.square))
	t.Cleanup(squareServer.Close)
	h.hubURL, h.squareURL = hubServer.URL, squareServer.URL

	portal := config.DefaultHubSpotPortal()
	require.NoError(t, h.hub.LoadPortal(hubsim.Portal{Pipelines: squarePipelines(portal)}))
	require.NoError(t, h.square.LoadLocations([]*square.Location{{
		ID: square.String(testLocationID), Name: square.String("Store"),
		Status: square.LocationStatusActive.Ptr(),
	}}))

	hub, err := hubspot.New(hubspot.Config{BaseURL: hubServer.URL, Token: testHubSpotToken})
	require.NoError(t, err)
	sq, err := squareclient.New(squareclient.Config{BaseURL: squareServer.URL, Token: testSquareToken})
	require.NoError(t, err)
	_, err = hubspotschema.Setup(context.Background(), hub, hubspotschema.All(portal))
	require.NoError(t, err)

	h.acts = &OrderActivities{HubSpot: hub, Square: sq, Settings: OrderSettings{
		Portal: portal, VIPThresholdMajor: 5000, TimeZone: time.UTC,
	}}
	h.schema = &SchemaActivities{HubSpot: hub, Portal: portal}
	return h
}

// load puts customers and orders into the Square simulator.
func (h *orderHarness) load(customers []*square.Customer, orders ...*square.Order) {
	h.t.Helper()
	require.NoError(h.t, h.square.LoadCustomers(customers))
	require.NoError(h.t, h.square.LoadOrders(orders, nil))
}

// pageInput selects every test order in one page.
func pageInput() OrderPageInput {
	return OrderPageInput{
		Window: report.Window{
			Since: testClosedAt.Add(-24 * time.Hour),
			Until: testClosedAt.Add(7 * 24 * time.Hour),
		},
		LocationIDs: []string{testLocationID},
		PageSize:    1000,
	}
}

// attempt is the outcome of one SyncOrderPage attempt.
type attempt struct {
	result OrderPageResult
	err    error
	// checkpoint is the last heartbeat the attempt recorded, nil if none.
	checkpoint *orderCheckpoint
}

// runPage runs one attempt of SyncOrderPage, resuming from resume when
// it is not nil, as Temporal does with the last heartbeat of the
// previous attempt.
func (h *orderHarness) runPage(in OrderPageInput, resume *orderCheckpoint) attempt {
	h.t.Helper()
	env := quietActivityEnv(h.logs)
	env.RegisterActivity(h.acts)
	if resume != nil {
		env.SetHeartbeatDetails(resume)
	}

	var mu sync.Mutex
	var last converter.EncodedValues
	env.SetOnActivityHeartbeatListener(func(_ *activity.Info, details converter.EncodedValues) {
		mu.Lock()
		defer mu.Unlock()
		last = details
	})

	var out attempt
	value, err := env.ExecuteActivity(h.acts.SyncOrderPage, in)
	out.err = err
	if err == nil {
		require.NoError(h.t, value.Get(&out.result))
	}
	mu.Lock()
	defer mu.Unlock()
	if last != nil {
		out.checkpoint = &orderCheckpoint{}
		require.NoError(h.t, last.Get(out.checkpoint))
	}
	return out
}

// runUntilDone runs attempts, each resuming from the previous one's
// checkpoint, until one succeeds; it fails the test after max attempts.
func (h *orderHarness) runUntilDone(in OrderPageInput, max int) (OrderPageResult, int) {
	h.t.Helper()
	var resume *orderCheckpoint
	for n := 1; n <= max; n++ {
		a := h.runPage(in, resume)
		if a.err == nil {
			return a.result, n
		}
		require.NotNil(h.t, a.checkpoint, "attempt %d failed without a checkpoint: %v", n, a.err)
		resume = a.checkpoint
	}
	h.t.Fatalf("page not done after %d attempts", max)
	return OrderPageResult{}, 0
}

// hubSpotCallTotal sums the simulator's call counts.
func (h *orderHarness) hubSpotCallTotal() int {
	total := 0
	for _, n := range h.hub.Calls() {
		total += n
	}
	return total
}

// dealsByOrder maps square_order_id to every deal that has it.
func (h *orderHarness) dealsByOrder() map[string][]hubsim.Object {
	out := map[string][]hubsim.Object{}
	for _, d := range h.hub.Objects("deals") {
		if id := d.Properties["square_order_id"]; id != "" {
			out[id] = append(out[id], d)
		}
	}
	return out
}

// associated returns the ids of toType records associated with one record.
func (h *orderHarness) associated(fromType, fromID, toType string) []string {
	var out []string
	for _, a := range h.hub.Associations(fromType, toType) {
		if a.FromType == fromType && a.FromID == fromID {
			out = append(out, a.ToID)
		}
	}
	sort.Strings(out)
	return out
}

// contactsByEmail maps a contact e-mail to the contacts that have it.
func (h *orderHarness) contactsByEmail() map[string][]hubsim.Object {
	out := map[string][]hubsim.Object{}
	for _, c := range h.hub.Objects("contacts") {
		if email := c.Properties["email"]; email != "" {
			out[email] = append(out[email], c)
		}
	}
	return out
}

// order builds a COMPLETED sale order closed minutes after testClosedAt,
// with one line per price (in minor units) unless lines are given.
type testOrderSpec struct {
	id         string
	customerID string
	minutes    int
	total      int64
	currency   square.Currency
	lines      []*square.OrderLineItem
}

func testSaleOrder(s testOrderSpec) *square.Order {
	closed := testClosedAt.Add(time.Duration(s.minutes) * time.Minute).Format(time.RFC3339)
	currency := s.currency
	if currency == "" {
		currency = square.CurrencyUsd
	}
	lines := s.lines
	if lines == nil {
		lines = []*square.OrderLineItem{testLineItem(s.id+"-L1", "Carrara Tile", "1", s.total, currency)}
	}
	o := &square.Order{
		ID:         square.String(s.id),
		LocationID: testLocationID,
		State:      square.OrderStateCompleted.Ptr(),
		CreatedAt:  square.String(closed),
		UpdatedAt:  square.String(closed),
		ClosedAt:   square.String(closed),
		TotalMoney: &square.Money{Amount: square.Int64(s.total), Currency: currency.Ptr()},
		LineItems:  lines,
		Tenders:    []*square.Tender{{Type: square.TenderTypeCard}},
	}
	if s.customerID != "" {
		o.CustomerID = square.String(s.customerID)
	}
	return o
}

func testLineItem(uid, name, quantity string, price int64, currency square.Currency) *square.OrderLineItem {
	return &square.OrderLineItem{
		UID:            square.String(uid),
		Name:           square.String(name),
		Quantity:       quantity,
		BasePriceMoney: &square.Money{Amount: square.Int64(price), Currency: currency.Ptr()},
	}
}

func squareCustomer(id, given, email, phone, company string) *square.Customer {
	c := &square.Customer{ID: square.String(id), GivenName: square.String(given)}
	if email != "" {
		c.EmailAddress = square.String(email)
	}
	if phone != "" {
		c.PhoneNumber = square.String(phone)
	}
	if company != "" {
		c.CompanyName = square.String(company)
	}
	return c
}

// manyTestOrders returns n one-line orders, each with its own customer.
func manyTestOrders(n int) ([]*square.Customer, []*square.Order) {
	var customers []*square.Customer
	var orders []*square.Order
	for i := range n {
		customerID := fmt.Sprintf("CUST%04d", i)
		customers = append(customers, squareCustomer(customerID, fmt.Sprintf("Buyer %d", i),
			fmt.Sprintf("buyer%d@stone%d.example", i, i%7), "", fmt.Sprintf("Stone Works %d", i%7)))
		orders = append(orders, testSaleOrder(testOrderSpec{
			id: fmt.Sprintf("ORDER%04d", i), customerID: customerID, minutes: i, total: int64(1000 + i),
		}))
	}
	return customers, orders
}

// hubSpotCallCount sums the HubSpot calls of a result.
func hubSpotCallCount(counts []apicalls.Count) int {
	return apicalls.Total(counts, apicalls.HubSpot)
}

// checkpointBytes is the size of a checkpoint as Temporal stores it.
func checkpointBytes(t *testing.T, cp *orderCheckpoint) int {
	t.Helper()
	data, err := json.Marshal(cp)
	require.NoError(t, err)
	return len(data)
}

// failureFor returns the reason an order failed, or "".
func failureFor(res OrderPageResult, orderID string) string {
	for _, f := range res.Failures {
		if f.SourceID == orderID {
			return f.Reason
		}
	}
	return ""
}

// squarePipelines returns the Square POS deal pipeline with its closed-won
// stage and the Quotes pipeline, as Stone City's portal has them.
func squarePipelines(portal config.HubSpotPortal) []hubsim.Pipeline {
	return []hubsim.Pipeline{
		{ID: portal.SquarePipelineID, Label: "Square POS", DisplayOrder: 1, Stages: []hubsim.Stage{
			{ID: portal.SquareClosedWonStageID, Label: "Closed won", Probability: 1, IsClosed: true},
		}},
		{ID: portal.QuotesPipelineID, Label: "Quotes", DisplayOrder: 2, Stages: []hubsim.Stage{
			{ID: portal.QuoteQuotedStageID, Label: "Quoted", Probability: 0.5},
			{ID: portal.QuoteAcceptedStageID, Label: "Accepted (won)", Probability: 1, IsClosed: true},
			{ID: portal.QuoteLostStageID, Label: "Lost", IsClosed: true},
		}},
	}
}

// checkpointText is a checkpoint as Temporal stores it.
func checkpointText(t *testing.T, cp *orderCheckpoint) string {
	t.Helper()
	data, err := json.Marshal(cp)
	require.NoError(t, err)
	return string(data)
}

// quietActivityEnv returns a test activity environment that logs to w.
func quietActivityEnv(w io.Writer) *testsuite.TestActivityEnvironment {
	var suite testsuite.WorkflowTestSuite
	suite.SetLogger(log.NewStructuredLogger(slog.New(slog.NewTextHandler(w, nil))))
	return suite.NewTestActivityEnvironment()
}

// archive archives one record through the HubSpot simulator's API, as a
// merge or a deletion in HubSpot does.
func (h *orderHarness) archive(objectType, id string) {
	h.t.Helper()
	body := strings.NewReader(`{"inputs":[{"id":"` + id + `"}]}`)
	req, err := http.NewRequest(http.MethodPost, h.hubURL+"/crm/v3/objects/"+objectType+"/batch/archive", body)
	require.NoError(h.t, err)
	req.Header.Set("Authorization", "Bearer "+testHubSpotToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(h.t, err)
	require.NoError(h.t, resp.Body.Close())
	require.Equal(h.t, http.StatusNoContent, resp.StatusCode)
}
