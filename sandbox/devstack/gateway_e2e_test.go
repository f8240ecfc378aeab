package devstack_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.temporal.io/api/serviceerror"

	spsclient "github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/quotebuild"
	"github.com/stonecity/sync/quotegateway"
	"github.com/stonecity/sync/sandbox/devstack"
	hubsim "github.com/stonecity/sync/sandbox/hubspot"
	"github.com/stonecity/sync/webhooksig"
	"github.com/stonecity/sync/workflows"
)

// Records the gateway tests add to the simulators, with ids far above the
// generated dataset's.
const (
	gatewayDealID    = "880001"
	gatewayCompanyID = "880002"
	gatewayContactID = "880003"
	gatewaySKU       = "GW-E2E-3CM"
	gatewayCompany   = "Gateway Test Stone Works"
	// forgedDealID is a deal no accepted request names, so any workflow
	// for it was started by a rejected request.
	forgedDealID = "880009"
	// slowDealID and slowCompanyID are a second deal and its company, for
	// a submit that times out while HubSpot is slow.
	slowDealID    = "880021"
	slowCompanyID = "880022"
)

// cardAnswer is the gateway's JSON response to the deal card.
type cardAnswer struct {
	State       string `json:"state"`
	Message     string `json:"message"`
	QuoteID     string `json:"quoteId"`
	QuoteNumber string `json:"quoteNumber"`
	CustomerID  string `json:"customerId"`
}

// startGatewayStack boots a small dev stack with the HubSpot schema, a
// worker, one quotable SPS product and one HubSpot deal with a company
// and a contact.
func startGatewayStack(t *testing.T) *devstack.Stack {
	t.Helper()
	stack, err := devstack.Start(context.Background(), devstack.Options{
		Seed: testSeed, Now: testNow, Orders: 10, SkipSpecExamples: true,
		SPSCustomers: 50, SPSQuotes: 20, SPSProducts: 20, UIPort: -1,
	})
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, stack.Stop()) })
	setupSchema(t, stack)
	startWorker(t, stack)

	require.NoError(t, stack.Sims.SPS.LoadProducts([]spsclient.Product{{
		ID: 880001, SKU: gatewaySKU, Name: "Absolute Black Granite 3cm", Status: "Active",
		PriceContractor: spsclient.MustDecimal("45.50"), PriceWholesale: spsclient.MustDecimal("39.00"),
	}}))
	portal := stack.Settings.Portal
	require.NoError(t, stack.Sims.HubSpot.LoadPortal(hubsim.Portal{
		Objects: []hubsim.Object{
			{ObjectType: "deals", ID: gatewayDealID, Properties: map[string]string{
				"dealname": "Kitchen remodel, Elm St", "pipeline": portal.QuotesPipelineID,
				"dealstage": portal.QuoteQuotedStageID,
			}},
			{ObjectType: "companies", ID: gatewayCompanyID, Properties: map[string]string{
				"name": gatewayCompany, "domain": "gateway-test-stone.example", "city": "Austin", "state": "TX",
			}},
			{ObjectType: "contacts", ID: gatewayContactID, Properties: map[string]string{
				"firstname": "Rosa", "lastname": "Iglesias", "email": "rosa@gateway-test-stone.example",
			}},
			{ObjectType: "deals", ID: slowDealID, Properties: map[string]string{
				"dealname": "Patio pavers", "pipeline": portal.QuotesPipelineID,
				"dealstage": portal.QuoteQuotedStageID,
			}},
			{ObjectType: "companies", ID: slowCompanyID, Properties: map[string]string{"name": "Slow Lane Pavers"}},
		},
		Associations: []hubsim.Association{
			{FromType: "deals", FromID: gatewayDealID, ToType: "companies", ToID: gatewayCompanyID, TypeID: 341},
			{FromType: "deals", FromID: gatewayDealID, ToType: "contacts", ToID: gatewayContactID, TypeID: 3},
			{FromType: "deals", FromID: slowDealID, ToType: "companies", ToID: slowCompanyID, TypeID: 341},
		},
	}))
	return stack
}

// signedCardRequest builds a deal-card request to target (path and query)
// signed with secret at signedAt, as HubSpot signs it.
func signedCardRequest(t *testing.T, stack *devstack.Stack, method, target string, body []byte,
	secret string, signedAt time.Time) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, stack.GatewayURL+target, bytes.NewReader(body))
	require.NoError(t, err)
	millis := signedAt.UnixMilli()
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(webhooksig.HeaderHubSpotSignatureV3,
		webhooksig.SignHubSpotV3(secret, method, stack.GatewayURL+target, body, millis))
	req.Header.Set(webhooksig.HeaderHubSpotTimestamp, strconv.FormatInt(millis, 10))
	return req
}

// send performs req with body and returns the status and response body.
// A request can be sent again because its body is set on each call.
func send(t *testing.T, req *http.Request, body []byte) (int, []byte) {
	t.Helper()
	req.Body = io.NopCloser(bytes.NewReader(body))
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, data
}

// submission returns a card submission for dealID with one line.
func submission(t *testing.T, dealID string) []byte {
	t.Helper()
	body, err := json.Marshal(map[string]any{
		"dealId": dealID, "salesRep": "Dana Ortiz", "requestedBy": "7001",
		"expiresOn": time.Now().UTC().AddDate(0, 0, 30).Format(time.DateOnly),
		"lines":     []map[string]any{{"sku": gatewaySKU, "quantity": "12.5"}},
	})
	require.NoError(t, err)
	return body
}

// fetchStatus performs a signed card fetch of dealID's status.
func fetchStatus(t *testing.T, stack *devstack.Stack, dealID string) cardAnswer {
	t.Helper()
	req := signedCardRequest(t, stack, http.MethodGet, quotegateway.PathQuoteBuilder+"?dealId="+dealID, nil,
		devstack.DevHubSpotClientSecret, time.Now())
	status, body := send(t, req, nil)
	require.Equal(t, http.StatusOK, status, string(body))
	var answer cardAnswer
	require.NoError(t, json.Unmarshal(body, &answer))
	return answer
}

// requireNoWorkflow fails when a QuoteBuilder workflow exists for dealID.
func requireNoWorkflow(t *testing.T, stack *devstack.Stack, dealID string) {
	t.Helper()
	_, err := stack.Client.DescribeWorkflowExecution(context.Background(),
		workflows.QuoteBuilderWorkflowID(dealID), "")
	var notFound *serviceerror.NotFound
	require.ErrorAs(t, err, &notFound, "a rejected request started workflow %s", workflows.QuoteBuilderWorkflowID(dealID))
}

// gatewayDeal returns the test deal as the HubSpot simulator stores it.
func gatewayDeal(t *testing.T, stack *devstack.Stack) hubsim.Object {
	t.Helper()
	for _, d := range stack.Sims.HubSpot.Objects("deals") {
		if d.ID == gatewayDealID {
			return d
		}
	}
	require.FailNow(t, "deal "+gatewayDealID+" is missing")
	return hubsim.Object{}
}

// createdByGateway counts the SPS customers named gatewayCompany and the
// SPS quotes that reference the test deal.
func createdByGateway(stack *devstack.Stack) (customers, quotes int) {
	for _, c := range stack.Sims.SPS.Customers() {
		if c.Name == gatewayCompany {
			customers++
		}
	}
	for _, q := range stack.Sims.SPS.Quotes() {
		if q.ExternalReference == "hubspot-deal-"+gatewayDealID {
			quotes++
		}
	}
	return customers, quotes
}

// TestGatewayQuoteBuilderRoundTrip drives the quote builder through the
// gateway's HTTP routes. The steps share one stack and run in order, as
// each builds on the quote the first one creates.
func TestGatewayQuoteBuilderRoundTrip(t *testing.T) {
	stack := startGatewayStack(t)
	body := submission(t, gatewayDealID)
	signedAt := time.Now()
	submit := signedCardRequest(t, stack, http.MethodPost, quotegateway.PathQuoteBuilder, body,
		devstack.DevHubSpotClientSecret, signedAt)
	var created cardAnswer

	t.Run("signed submit creates one customer and one quote", func(t *testing.T) {
		status, answer := send(t, submit, body)

		require.Contains(t, []int{http.StatusOK, http.StatusAccepted}, status, string(answer))
		require.Eventually(t, func() bool {
			created = fetchStatus(t, stack, gatewayDealID)
			return created.State == workflows.QuoteStateCreated
		}, 60*time.Second, 200*time.Millisecond, "the deal's quote builder never reached created")
		assert.NotEmpty(t, created.QuoteID)
		assert.NotEmpty(t, created.QuoteNumber)
		assert.NotEmpty(t, created.CustomerID)
		customers, quotes := createdByGateway(stack)
		assert.Equal(t, 1, customers)
		assert.Equal(t, 1, quotes)
		deal := gatewayDeal(t, stack)
		assert.Equal(t, created.QuoteID, deal.Properties[quotebuild.PropSPSQuoteID])
		assert.Equal(t, created.QuoteNumber, deal.Properties[quotebuild.PropSPSQuoteNumber])
	})

	t.Run("forged and stale requests start nothing", func(t *testing.T) {
		forgedBody := submission(t, forgedDealID)
		requests := map[string]*http.Request{
			"forged": signedCardRequest(t, stack, http.MethodPost, quotegateway.PathQuoteBuilder, forgedBody,
				"guessed-secret", time.Now()),
			"stale": signedCardRequest(t, stack, http.MethodPost, quotegateway.PathQuoteBuilder, forgedBody,
				devstack.DevHubSpotClientSecret, time.Now().Add(-6*time.Minute)),
		}
		for name, req := range requests {
			status, answer := send(t, req, forgedBody)

			assert.Equal(t, http.StatusUnauthorized, status, "%s: %s", name, answer)
		}
		requireNoWorkflow(t, stack, forgedDealID)
	})

	t.Run("replayed submit creates nothing new", func(t *testing.T) {
		require.Less(t, time.Since(signedAt), webhooksig.MaxClockSkew, "the replay must be inside the window")

		status, answer := send(t, submit, body)

		require.Equal(t, http.StatusOK, status, string(answer))
		var replayed cardAnswer
		require.NoError(t, json.Unmarshal(answer, &replayed))
		assert.Equal(t, workflows.QuoteStateCreated, replayed.State)
		assert.Equal(t, created.QuoteID, replayed.QuoteID)
		customers, quotes := createdByGateway(stack)
		assert.Equal(t, 1, customers)
		assert.Equal(t, 1, quotes)
	})

	t.Run("status webhooks move the deal once", func(t *testing.T) {
		requireStatusWebhooks(t, stack, created.QuoteID)
	})

	t.Run("submit timeout during load returns creating", func(t *testing.T) {
		requireTimeoutAnswersCreating(t, stack)
	})
}

// requireTimeoutAnswersCreating submits through a gateway handler whose
// Temporal limit is shorter than the deal load, which HubSpot latency
// slows down, so the update is accepted but not completed in time. The
// card must get 202 creating, and the quote must follow.
func requireTimeoutAnswersCreating(t *testing.T, stack *devstack.Stack) {
	t.Helper()
	cfg := quotegateway.ConfigFrom(stack.Settings.QuoteBuilder)
	// The limit leaves a loaded machine seconds to accept the update, and
	// the deal load takes several times longer.
	cfg.TemporalTimeout = 3 * time.Second
	handler := quotegateway.New(cfg, quotegateway.NewTemporalStarter(stack.Client), nil)
	stack.Sims.HubSpot.SetFaults(hubsim.Faults{LatencyMs: 8000})
	t.Cleanup(func() { stack.Sims.HubSpot.SetFaults(hubsim.Faults{}) })
	body := submission(t, slowDealID)
	req := signedCardRequest(t, stack, http.MethodPost, quotegateway.PathQuoteBuilder, body,
		devstack.DevHubSpotClientSecret, time.Now())
	req.RequestURI = quotegateway.PathQuoteBuilder

	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, req)

	require.Equal(t, http.StatusAccepted, rec.Code, rec.Body.String())
	var answer cardAnswer
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &answer))
	assert.Equal(t, workflows.QuoteStateCreating, answer.State)
	stack.Sims.HubSpot.SetFaults(hubsim.Faults{})
	require.Eventually(t, func() bool {
		return fetchStatus(t, stack, slowDealID).State == workflows.QuoteStateCreated
	}, 60*time.Second, 200*time.Millisecond, "the slow deal's quote was never created")
}

// requireStatusWebhooks changes quoteID to Accepted in the SPS simulator,
// which delivers the webhook twice, and checks that the deal moves to the
// accepted stage. Then a duplicate and an older Declined delivery must
// leave the deal as it was.
func requireStatusWebhooks(t *testing.T, stack *devstack.Stack, quoteID string) {
	t.Helper()
	ctx := context.Background()
	id, err := strconv.ParseInt(quoteID, 10, 64)
	require.NoError(t, err)
	acceptedAt := time.Now().UTC().Truncate(time.Second)
	_, accepted, err := stack.Sims.SPS.ChangeQuoteStatus(id, "Accepted", acceptedAt)
	require.NoError(t, err)

	for i, d := range stack.Sims.SPS.DeliverQuoteStatus(ctx, accepted, 2) {
		assert.Equal(t, http.StatusOK, d.Status, "delivery %d: %s", i, d.Error)
	}
	accStage := stack.Settings.Portal.QuoteAcceptedStageID
	require.Eventually(t, func() bool {
		return gatewayDeal(t, stack).Properties["dealstage"] == accStage
	}, 60*time.Second, 200*time.Millisecond, "the deal never reached the accepted stage")
	waitQuoteStatus(t, stack, quoteID)
	before := gatewayDeal(t, stack)

	older := stack.Sims.SPS.NewQuoteStatusEvent(id, "Declined", acceptedAt.Add(-time.Hour))
	for i, d := range stack.Sims.SPS.DeliverQuoteStatus(ctx, accepted, 1) {
		assert.Equal(t, http.StatusOK, d.Status, "duplicate delivery %d: %s", i, d.Error)
	}
	for i, d := range stack.Sims.SPS.DeliverQuoteStatus(ctx, older, 1) {
		assert.Equal(t, http.StatusOK, d.Status, "older delivery %d: %s", i, d.Error)
	}
	waitQuoteStatus(t, stack, quoteID)

	after := gatewayDeal(t, stack)
	assert.Equal(t, accStage, after.Properties["dealstage"])
	assert.Equal(t, before.Properties[quotebuild.PropSPSStatusChangedAt], after.Properties[quotebuild.PropSPSStatusChangedAt])
	assert.Equal(t, before.UpdatedAt, after.UpdatedAt, "a duplicate or older change must not write the deal")
}

// waitQuoteStatus waits until the latest QuoteStatus run of quoteID has
// drained its signals and completed.
func waitQuoteStatus(t *testing.T, stack *devstack.Stack, quoteID string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	run := stack.Client.GetWorkflow(ctx, workflows.QuoteStatusWorkflowID(quoteID), "")
	require.NoError(t, run.Get(ctx, nil))
}

func TestGatewayHealthNeedsAWorker(t *testing.T) {
	stack, err := devstack.Start(context.Background(), devstack.Options{
		Seed: testSeed, Now: testNow, Orders: 10, SkipSpecExamples: true,
		SPSCustomers: 50, SPSQuotes: 20, SPSProducts: 20, UIPort: -1,
	})
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, stack.Stop()) })
	health := func() int {
		resp, err := http.Get(stack.GatewayURL + quotegateway.PathHealth)
		require.NoError(t, err)
		_ = resp.Body.Close()
		return resp.StatusCode
	}

	require.Equal(t, http.StatusServiceUnavailable, health(), "no worker polls yet")

	startWorker(t, stack)
	require.Eventually(t, func() bool { return health() == http.StatusOK }, 30*time.Second, 200*time.Millisecond,
		"healthy once a worker polls")
}
