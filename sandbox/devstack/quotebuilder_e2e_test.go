package devstack_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"

	spsclient "github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/quotebuild"
	"github.com/stonecity/sync/report"
	"github.com/stonecity/sync/sandbox/devstack"
	hubsim "github.com/stonecity/sync/sandbox/hubspot"
	spssim "github.com/stonecity/sync/sandbox/sps"
	"github.com/stonecity/sync/workflows"
)

// The quote builder tests' records: a sales deal with a company that has
// no SPS customer yet, and a contact.
const (
	qbSKU       = "QB-CALACATTA-3CM"
	qbCompanyID = "770001"
	qbContactID = "770101"
	qbCompany   = "Builder Test Marble"
)

// startQuoteBuilderStack boots a small dev stack with the schema, an SPS
// product qbSKU, and one sales-pipeline deal per id in dealIDs, each with
// the test company and contact. It starts no worker.
func startQuoteBuilderStack(t *testing.T, dealIDs ...string) *devstack.Stack {
	t.Helper()
	stack, err := devstack.Start(context.Background(), devstack.Options{
		Seed: testSeed, Now: testNow, Orders: 10, SkipSpecExamples: true,
		SPSCustomers: 50, SPSQuotes: 20, SPSProducts: 20, UIPort: -1,
	})
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, stack.Stop()) })
	setupSchema(t, stack)

	require.NoError(t, stack.Sims.SPS.LoadProducts([]spsclient.Product{{
		ID: 990001, SKU: qbSKU, Name: "Calacatta 3cm", Status: "Active",
		PriceContractor: spsclient.MustDecimal("92.25"),
	}}))
	portal := hubsim.Portal{Objects: []hubsim.Object{
		{ObjectType: "companies", ID: qbCompanyID, Properties: map[string]string{"name": qbCompany,
			"phone": "+1 512 555 0100", "city": "Austin"}},
		{ObjectType: "contacts", ID: qbContactID, Properties: map[string]string{"firstname": "Ines",
			"lastname": "Marlow", "email": "ines@builder-test-marble.example"}},
	}}
	for _, id := range dealIDs {
		portal.Objects = append(portal.Objects, hubsim.Object{ObjectType: "deals", ID: id, Properties: map[string]string{
			"dealname": "Bathroom vanity " + id, "pipeline": "default", "dealstage": "qualifiedtobuy"}})
		portal.Associations = append(portal.Associations,
			hubsim.Association{FromType: "deals", FromID: id, ToType: "companies", ToID: qbCompanyID, TypeID: 341},
			hubsim.Association{FromType: "deals", FromID: id, ToType: "contacts", ToID: qbContactID, TypeID: 3})
	}
	require.NoError(t, stack.Sims.HubSpot.LoadPortal(portal))
	return stack
}

func qbSubmission(dealID, sku string) workflows.QuoteSubmission {
	return workflows.QuoteSubmission{
		DealID: dealID, SalesRep: "Dana Ortiz", RequestedBy: "7001",
		ExpiresOn: time.Now().UTC().AddDate(0, 0, 30).Format(time.DateOnly),
		Lines: []workflows.QuoteLineRequest{
			{SKU: sku, Quantity: "4.5"},
			{SKU: qbSKU, Quantity: "1", UnitPrice: "80", Description: "offcut"},
		},
	}
}

func submitQuote(t *testing.T, stack *devstack.Stack, s workflows.QuoteSubmission) workflows.QuoteBuilderStatus {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	status, err := workflows.SubmitQuote(ctx, stack.Client, s)
	require.NoError(t, err)
	return status
}

// waitQuoteState polls the deal's status query until it reaches state.
func waitQuoteState(t *testing.T, stack *devstack.Stack, dealID, state string) workflows.QuoteBuilderStatus {
	t.Helper()
	var status workflows.QuoteBuilderStatus
	require.Eventually(t, func() bool {
		var err error
		status, err = workflows.QuoteBuilderState(context.Background(), stack.Client, dealID)
		return err == nil && status.State == state
	}, time.Minute, 50*time.Millisecond, "deal %s never reached state %s; last %+v", dealID, state, status)
	return status
}

// qbCreated counts the SPS customers named qbCompany and the SPS quotes
// that reference dealID.
func qbCreated(stack *devstack.Stack, dealID string) (customers, quotes int) {
	for _, c := range stack.Sims.SPS.Customers() {
		if c.Name == qbCompany {
			customers++
		}
	}
	for _, q := range stack.Sims.SPS.Quotes() {
		if q.ExternalReference == quotebuild.ExternalReference(dealID) {
			quotes++
		}
	}
	return customers, quotes
}

func hubSpotObject(t *testing.T, stack *devstack.Stack, objectType, id string) hubsim.Object {
	t.Helper()
	for _, o := range stack.Sims.HubSpot.Objects(objectType) {
		if o.ID == id {
			return o
		}
	}
	require.FailNow(t, objectType+" "+id+" is missing")
	return hubsim.Object{}
}

func TestQuoteBuilderCreatesStampsAndReplays(t *testing.T) {
	stack := startQuoteBuilderStack(t, "880101")
	startWorker(t, stack)

	first := submitQuote(t, stack, qbSubmission("880101", qbSKU))

	assert.Equal(t, workflows.QuoteStateCreating, first.State)
	created := waitQuoteState(t, stack, "880101", workflows.QuoteStateCreated)
	customers, quotes := qbCreated(stack, "880101")
	assert.Equal(t, 1, customers)
	assert.Equal(t, 1, quotes)
	assert.Equal(t, "created: quote "+created.QuoteNumber, created.Message)
	deal := hubSpotObject(t, stack, "deals", "880101")
	assert.Equal(t, created.SPSQuoteID, deal.Properties[quotebuild.PropSPSQuoteID])
	assert.Equal(t, created.QuoteNumber, deal.Properties[quotebuild.PropSPSQuoteNumber])
	assert.Equal(t, created.SPSCustomerID, deal.Properties[quotebuild.PropSPSCustomerID])
	company := hubSpotObject(t, stack, "companies", qbCompanyID)
	assert.Equal(t, created.SPSCustomerID, company.Properties[quotebuild.PropSPSCustomerID])

	again := submitQuote(t, stack, qbSubmission("880101", qbSKU))

	assert.Equal(t, workflows.QuoteStateCreated, again.State, "a later click finds the stamp")
	assert.Equal(t, created.SPSQuoteID, again.SPSQuoteID)
	customers, quotes = qbCreated(stack, "880101")
	assert.Equal(t, 1, customers, "a repeat submit creates no customer")
	assert.Equal(t, 1, quotes, "a repeat submit creates no quote")

	// The daily quote sync finds the stamped deal by sps_quote_id.
	sync := syncQuotes(t, stack)

	require.Equal(t, report.StatusSucceeded, sync.Status, failureReasons(sync))
	var withQuote []hubsim.Object
	for _, d := range stack.Sims.HubSpot.Objects("deals") {
		if d.Properties[quotebuild.PropSPSQuoteID] == created.SPSQuoteID {
			withQuote = append(withQuote, d)
		}
	}
	require.Len(t, withQuote, 1, "quote sync must not create a second deal for the built quote")
	assert.Equal(t, "880101", withQuote[0].ID)
	assert.Equal(t, "default", withQuote[0].Properties["pipeline"], "the sales deal keeps its pipeline")
	assert.Equal(t, "qualifiedtobuy", withQuote[0].Properties["dealstage"])
}

func TestQuoteBuilderRejectsAndCorrects(t *testing.T) {
	stack := startQuoteBuilderStack(t, "880201", "880202")
	startWorker(t, stack)

	_, err := workflows.SubmitQuote(context.Background(), stack.Client, qbSubmission("880202", ""))

	var rejected *workflows.SubmissionError
	require.ErrorAs(t, err, &rejected)
	assert.Contains(t, rejected.Message, "line 1 sku: required")
	_, err = stack.Client.DescribeWorkflowExecution(context.Background(), workflows.QuoteBuilderWorkflowID("880202"), "")
	var notFound *serviceerror.NotFound
	assert.ErrorAs(t, err, &notFound, "a rejected submission starts no workflow")

	// SPS rejects an unknown SKU: the run fails and waits for a correction.
	submitQuote(t, stack, qbSubmission("880201", "NO-SUCH-SKU"))
	failed := waitQuoteState(t, stack, "880201", workflows.QuoteStateFailed)
	assert.Contains(t, failed.Error, "NO-SUCH-SKU")

	// The update validator keeps an invalid submission out of history.
	requireRejectedWithoutHistory(t, stack, "880201")

	corrected := submitQuote(t, stack, qbSubmission("880201", qbSKU))

	assert.Equal(t, workflows.QuoteStateCreating, corrected.State)
	created := waitQuoteState(t, stack, "880201", workflows.QuoteStateCreated)
	assert.NotEmpty(t, created.SPSQuoteID)
	customers, quotes := qbCreated(stack, "880201")
	assert.Equal(t, 1, customers)
	assert.Equal(t, 1, quotes)
	recordQuoteBuilderHistory(t, stack, "880201")
}

// recordQuoteBuilderHistory waits for the deal's run to complete and
// writes its history as quotebuilder-correction.json, for the replay
// test in workflows, to recordHistoryDirEnv or a temporary directory:
//
//	STONECITY_RECORD_HISTORY_DIR=$PWD/workflows/testdata/histories \
//	  go test ./sandbox/devstack/ -run TestQuoteBuilderRejectsAndCorrects
func recordQuoteBuilderHistory(t *testing.T, stack *devstack.Stack, dealID string) {
	t.Helper()
	dir := os.Getenv(recordHistoryDirEnv)
	if dir == "" {
		dir = t.TempDir()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	id := workflows.QuoteBuilderWorkflowID(dealID)
	var final workflows.QuoteBuilderStatus
	require.NoError(t, stack.Client.GetWorkflow(ctx, id, "").Get(ctx, &final))
	require.Equal(t, workflows.QuoteStateCreated, final.State)

	writeHistory(ctx, t, stack, id, "", filepath.Join(dir, "quotebuilder-correction.json"))
}

// requireRejectedWithoutHistory sends an invalid submission straight to
// the running workflow of dealID and checks the validator rejected it
// before any update event was written.
func requireRejectedWithoutHistory(t *testing.T, stack *devstack.Stack, dealID string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	bad := qbSubmission(dealID, qbSKU)
	bad.Lines[0].Quantity = "-1"
	handle, err := stack.Client.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{
		WorkflowID: workflows.QuoteBuilderWorkflowID(dealID), UpdateID: "invalid-submission",
		UpdateName: workflows.QuoteBuilderSubmitUpdate, Args: []any{bad},
		WaitForStage: client.WorkflowUpdateStageCompleted,
	})
	if err == nil {
		err = handle.Get(ctx, nil)
	}
	require.Error(t, err)
	assert.Contains(t, err.Error(), "line 1 quantity")

	iter := stack.Client.GetWorkflowHistory(ctx, workflows.QuoteBuilderWorkflowID(dealID), "", false,
		enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	for iter.HasNext() {
		event, err := iter.Next()
		require.NoError(t, err)
		if attrs := event.GetWorkflowExecutionUpdateAcceptedEventAttributes(); attrs != nil {
			assert.NotEqual(t, "invalid-submission", attrs.GetAcceptedRequest().GetMeta().GetUpdateId(),
				"the rejected update is in history")
		}
	}
}

func TestQuoteBuilderWorkerRestartBetweenCreates(t *testing.T) {
	stack := startQuoteBuilderStack(t, "880301")
	first, err := stack.NewWorker(worker.Options{})
	require.NoError(t, err)
	require.NoError(t, first.Start())
	// The customer create is stored and its response lost. Once SPS has
	// the customer, every SPS call fails, so the quote create cannot
	// happen on this worker.
	stack.Sims.SPS.SetCreateFaults(spssim.CreateFaults{FailAfterStore: 1})

	submitQuote(t, stack, qbSubmission("880301", qbSKU))
	require.Eventually(t, func() bool {
		customers, _ := qbCreated(stack, "880301")
		return customers == 1
	}, time.Minute, 5*time.Millisecond)
	stack.Sims.SPS.SetFaults(spssim.Faults{ErrorRate: 1, ErrorStatuses: []int{503}})
	first.Stop()
	_, quotes := qbCreated(stack, "880301")
	require.Zero(t, quotes, "the quote was created before the worker stopped")
	stack.Sims.SPS.SetFaults(spssim.Faults{})

	startWorker(t, stack)

	created := waitQuoteState(t, stack, "880301", workflows.QuoteStateCreated)
	customers, quotes := qbCreated(stack, "880301")
	assert.Equal(t, 1, customers, "the retried customer create replays")
	assert.Equal(t, 1, quotes)
	assert.Equal(t, created.SPSCustomerID,
		hubSpotObject(t, stack, "companies", qbCompanyID).Properties[quotebuild.PropSPSCustomerID])
	assert.Equal(t, created.SPSQuoteID,
		hubSpotObject(t, stack, "deals", "880301").Properties[quotebuild.PropSPSQuoteID])
}
