package workflows

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"

	"github.com/stonecity/sync/activities"
	"github.com/stonecity/sync/quotebuild"
)

const testDealID = "9001"

// quoteBuilderStart is the start time of every quote builder test run.
var quoteBuilderStart = at("2026-12-04T18:00:00Z")

func newQuoteBuilderEnv(t *testing.T) *testsuite.TestWorkflowEnvironment {
	t.Helper()
	var suite testsuite.WorkflowTestSuite
	env := suite.NewTestWorkflowEnvironment()
	env.SetStartTime(quoteBuilderStart)
	env.RegisterWorkflowWithOptions(QuoteBuilder, workflow.RegisterOptions{Name: QuoteBuilderWorkflowName})
	env.RegisterActivity(&activities.QuoteBuilderActivities{})
	return env
}

func validSubmission() QuoteSubmission {
	return QuoteSubmission{
		DealID:    testDealID,
		SalesRep:  "Dana Ortiz",
		ExpiresOn: "2027-01-15",
		Lines: []QuoteLineRequest{
			{SKU: "CAL-GOLD-3CM", Quantity: "12.5", UnitPrice: "89.00"},
			{SKU: "QTZ-WHITE-2CM", Quantity: "3"},
		},
	}
}

// dealRecords returns a deal with a company that has no SPS customer.
func dealRecords() quotebuild.Records {
	return quotebuild.Records{
		DealID:    testDealID,
		Deal:      map[string]string{"dealname": "Kitchen remodel"},
		CompanyID: "501",
		Company:   map[string]string{"name": "Rivera Tile"},
		ContactID: "601",
		Contact:   map[string]string{"firstname": "Ana", "lastname": "Rivera", "email": "ana@riveratile.com"},
	}
}

// updateRecorder collects the outcome of one update.
type updateRecorder struct {
	status   QuoteBuilderStatus
	rejected error
	err      error
	done     bool
}

func (u *updateRecorder) callbacks(t *testing.T) *testsuite.TestUpdateCallback {
	return &testsuite.TestUpdateCallback{
		OnAccept: func() {},
		OnReject: func(err error) { u.rejected = err; u.done = true },
		OnComplete: func(result any, err error) {
			u.done = true
			u.err = err
			if status, ok := result.(QuoteBuilderStatus); ok {
				u.status = status
			} else if result != nil {
				t.Errorf("update result has type %T, want QuoteBuilderStatus", result)
			}
		},
	}
}

// submitAt sends a submit update after delay and returns its recorder.
func submitAt(t *testing.T, env *testsuite.TestWorkflowEnvironment, delay time.Duration, id string,
	s QuoteSubmission) *updateRecorder {
	u := &updateRecorder{}
	env.RegisterDelayedCallback(func() {
		env.UpdateWorkflow(QuoteBuilderSubmitUpdate, id, u.callbacks(t), s)
	}, delay)
	return u
}

// expectCreates mocks a customer and quote create that succeed once each.
func expectCreates(env *testsuite.TestWorkflowEnvironment) {
	env.OnActivity("CreateSPSCustomer", mock.Anything, mock.Anything).
		Return(activities.CreateSPSCustomerResult{CustomerID: "7001"}, nil).Once()
	env.OnActivity("StampQuoteCompany", mock.Anything,
		activities.StampQuoteCompanyInput{CompanyID: "501", CustomerID: "7001"}).Return(nil).Once()
	env.OnActivity("CreateSPSQuote", mock.Anything, mock.MatchedBy(func(in activities.CreateSPSQuoteInput) bool {
		return in.CustomerID == "7001"
	})).Return(activities.CreateSPSQuoteResult{QuoteID: "8001", QuoteNumber: "Q-1234"}, nil).Once()
	env.OnActivity("StampQuoteDeal", mock.Anything, activities.StampQuoteDealInput{
		DealID: testDealID, QuoteID: "8001", QuoteNumber: "Q-1234", CustomerID: "7001",
	}).Return(nil).Once()
}

func workflowStatus(t *testing.T, env *testsuite.TestWorkflowEnvironment) QuoteBuilderStatus {
	t.Helper()
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var status QuoteBuilderStatus
	require.NoError(t, env.GetWorkflowResult(&status))
	return status
}

func TestQuoteBuilderCreatesCustomerAndQuote(t *testing.T) {
	env := newQuoteBuilderEnv(t)
	env.OnActivity("LoadQuoteDeal", mock.Anything, activities.LoadQuoteDealInput{DealID: testDealID}).
		Return(activities.LoadQuoteDealResult{Records: dealRecords()}, nil).Once()
	expectCreates(env)
	first := submitAt(t, env, 0, "first", validSubmission())

	env.ExecuteWorkflow(QuoteBuilderWorkflowName, QuoteBuilderInput{DealID: testDealID})

	status := workflowStatus(t, env)
	assert.Equal(t, QuoteStateCreated, status.State)
	assert.Equal(t, "created: quote Q-1234", status.Message)
	assert.Equal(t, "8001", status.SPSQuoteID)
	assert.Equal(t, "Q-1234", status.QuoteNumber)
	assert.Equal(t, "7001", status.SPSCustomerID)
	require.True(t, first.done)
	assert.NoError(t, first.err)
	assert.Equal(t, QuoteStateCreating, first.status.State)
	env.AssertExpectations(t)
}

func TestQuoteBuilderDoubleSubmitCreatesOnce(t *testing.T) {
	env := newQuoteBuilderEnv(t)
	env.OnActivity("LoadQuoteDeal", mock.Anything, mock.Anything).
		Return(activities.LoadQuoteDealResult{Records: dealRecords()}, nil).Once()
	expectCreates(env)
	first := submitAt(t, env, 0, "click-1", validSubmission())
	second := submitAt(t, env, 0, "click-2", validSubmission())

	env.ExecuteWorkflow(QuoteBuilderWorkflowName, QuoteBuilderInput{DealID: testDealID})

	assert.Equal(t, QuoteStateCreated, workflowStatus(t, env).State)
	assert.Equal(t, QuoteStateCreating, first.status.State)
	assert.Equal(t, QuoteStateCreating, second.status.State)
	env.AssertNumberOfCalls(t, "CreateSPSCustomer", 1)
	env.AssertNumberOfCalls(t, "CreateSPSQuote", 1)
	env.AssertExpectations(t)
}

func TestQuoteBuilderSubmitWhileCreatingChangesNothing(t *testing.T) {
	env := newQuoteBuilderEnv(t)
	env.OnActivity("LoadQuoteDeal", mock.Anything, mock.Anything).
		Return(activities.LoadQuoteDealResult{Records: dealRecords()}, nil).Once()
	env.OnActivity("CreateSPSCustomer", mock.Anything, mock.Anything).
		Return(activities.CreateSPSCustomerResult{CustomerID: "7001"}, nil).Once()
	env.OnActivity("StampQuoteCompany", mock.Anything, mock.Anything).Return(nil).Once()
	// The quote create takes a minute, so the second click lands while it
	// runs.
	env.OnActivity("CreateSPSQuote", mock.Anything, mock.Anything).After(time.Minute).
		Return(activities.CreateSPSQuoteResult{QuoteID: "8001", QuoteNumber: "Q-1234"}, nil).Once()
	env.OnActivity("StampQuoteDeal", mock.Anything, mock.Anything).Return(nil).Once()
	changed := validSubmission()
	changed.Lines[0].Quantity = "99"
	submitAt(t, env, 0, "first", validSubmission())
	second := submitAt(t, env, 30*time.Second, "second", changed)

	env.ExecuteWorkflow(QuoteBuilderWorkflowName, QuoteBuilderInput{DealID: testDealID})

	assert.Equal(t, QuoteStateCreated, workflowStatus(t, env).State)
	require.True(t, second.done)
	assert.NoError(t, second.err)
	assert.Equal(t, QuoteStateCreating, second.status.State)
	env.AssertNumberOfCalls(t, "CreateSPSQuote", 1)
	env.AssertExpectations(t)
}

func TestQuoteBuilderRetriesSPSServerErrors(t *testing.T) {
	env := newQuoteBuilderEnv(t)
	env.OnActivity("LoadQuoteDeal", mock.Anything, mock.Anything).
		Return(activities.LoadQuoteDealResult{Records: dealRecords()}, nil).Once()
	env.OnActivity("CreateSPSCustomer", mock.Anything, mock.Anything).
		Return(activities.CreateSPSCustomerResult{CustomerID: "7001"}, nil).Once()
	env.OnActivity("StampQuoteCompany", mock.Anything, mock.Anything).Return(nil).Once()
	env.OnActivity("CreateSPSQuote", mock.Anything, mock.Anything).Return(activities.CreateSPSQuoteResult{},
		temporal.NewApplicationError("sps POST /v2/Quotes: HTTP 503", activities.ErrorTypeTransient)).Once()
	env.OnActivity("CreateSPSQuote", mock.Anything, mock.Anything).
		Return(activities.CreateSPSQuoteResult{QuoteID: "8001", QuoteNumber: "Q-1234"}, nil).Once()
	env.OnActivity("StampQuoteDeal", mock.Anything, mock.Anything).Return(nil).Once()
	submitAt(t, env, 0, "first", validSubmission())

	env.ExecuteWorkflow(QuoteBuilderWorkflowName, QuoteBuilderInput{DealID: testDealID})

	status := workflowStatus(t, env)
	assert.Equal(t, QuoteStateCreated, status.State)
	assert.Equal(t, "8001", status.SPSQuoteID)
	env.AssertNumberOfCalls(t, "CreateSPSQuote", 2)
	env.AssertExpectations(t)
}

func TestQuoteBuilderExistingStampAnswersCreated(t *testing.T) {
	env := newQuoteBuilderEnv(t)
	records := dealRecords()
	records.Deal[quotebuild.PropSPSQuoteID] = "8001"
	records.Deal[quotebuild.PropSPSQuoteNumber] = "Q-1234"
	records.Deal[quotebuild.PropSPSCustomerID] = "7001"
	env.OnActivity("LoadQuoteDeal", mock.Anything, mock.Anything).
		Return(activities.LoadQuoteDealResult{Records: records}, nil).Once()
	click := submitAt(t, env, 0, "again", validSubmission())

	env.ExecuteWorkflow(QuoteBuilderWorkflowName, QuoteBuilderInput{DealID: testDealID})

	assert.Equal(t, QuoteStateCreated, workflowStatus(t, env).State)
	require.True(t, click.done)
	assert.NoError(t, click.err)
	assert.Equal(t, QuoteStateCreated, click.status.State)
	assert.Equal(t, "created: quote Q-1234", click.status.Message)
	assert.Equal(t, "8001", click.status.SPSQuoteID)
	assert.Equal(t, "7001", click.status.SPSCustomerID)
	env.AssertNotCalled(t, "CreateSPSCustomer", mock.Anything, mock.Anything)
	env.AssertNotCalled(t, "CreateSPSQuote", mock.Anything, mock.Anything)
	env.AssertExpectations(t)
}

func TestQuoteBuilderCompanyWithCustomerSkipsCustomerCreate(t *testing.T) {
	env := newQuoteBuilderEnv(t)
	records := dealRecords()
	records.Company[quotebuild.PropSPSCustomerID] = "7002"
	env.OnActivity("LoadQuoteDeal", mock.Anything, mock.Anything).
		Return(activities.LoadQuoteDealResult{Records: records}, nil).Once()
	env.OnActivity("CreateSPSQuote", mock.Anything, mock.MatchedBy(func(in activities.CreateSPSQuoteInput) bool {
		return in.CustomerID == "7002"
	})).Return(activities.CreateSPSQuoteResult{QuoteID: "8001", QuoteNumber: "Q-1234"}, nil).Once()
	env.OnActivity("StampQuoteDeal", mock.Anything, mock.Anything).Return(nil).Once()
	submitAt(t, env, 0, "first", validSubmission())

	env.ExecuteWorkflow(QuoteBuilderWorkflowName, QuoteBuilderInput{DealID: testDealID})

	assert.Equal(t, "7002", workflowStatus(t, env).SPSCustomerID)
	env.AssertNotCalled(t, "CreateSPSCustomer", mock.Anything, mock.Anything)
	env.AssertNotCalled(t, "StampQuoteCompany", mock.Anything, mock.Anything)
	env.AssertExpectations(t)
}
