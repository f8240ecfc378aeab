package workflows

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/stonecity/sync/activities"
	"github.com/stonecity/sync/quotebuild"
)

// customerMismatch is the failure of a customer create whose company key
// another deal used with another contact or sales rep.
func customerMismatch() error {
	return temporal.NewNonRetryableApplicationError("create SPS customer \"Rivera Tile\" for HubSpot company "+
		"501 of deal 9001 (Idempotency-Key quote-builder/company-501/customer): SPS already has a create with "+
		"the same idempotency key and another body", activities.ErrorTypeIdempotencyMismatch, nil)
}

// expectCompanyReads mocks reads of company 501 that return each
// customer id in turn, "" meaning not stamped yet.
func expectCompanyReads(env *testsuite.TestWorkflowEnvironment, customerIDs ...string) {
	for _, id := range customerIDs {
		env.OnActivity("ReadQuoteCompany", mock.Anything, activities.ReadQuoteCompanyInput{CompanyID: "501"}).
			Return(activities.ReadQuoteCompanyResult{CompanyID: "501", Name: "Rivera Tile", CustomerID: id}, nil).
			Once()
	}
}

// queryStatusAt records the status query's result at delay after start.
func queryStatusAt(t *testing.T, env *testsuite.TestWorkflowEnvironment, delay time.Duration) *QuoteBuilderStatus {
	var status QuoteBuilderStatus
	env.RegisterDelayedCallback(func() {
		value, err := env.QueryWorkflow(QuoteBuilderStatusQuery)
		require.NoError(t, err)
		require.NoError(t, value.Get(&status))
	}, delay)
	return &status
}

func TestQuoteBuilderMismatchUsesCompanyStamp(t *testing.T) {
	env := newQuoteBuilderEnv(t)
	env.OnActivity("LoadQuoteDeal", mock.Anything, mock.Anything).
		Return(activities.LoadQuoteDealResult{Records: dealRecords()}, nil).Once()
	env.OnActivity("CreateSPSCustomer", mock.Anything, mock.Anything).
		Return(activities.CreateSPSCustomerResult{}, customerMismatch()).Once()
	// The other deal's run stamps the company between the two reads.
	expectCompanyReads(env, "", "7001")
	env.OnActivity("CreateSPSQuote", mock.Anything, mock.MatchedBy(func(in activities.CreateSPSQuoteInput) bool {
		return in.CustomerID == "7001"
	})).Return(activities.CreateSPSQuoteResult{QuoteID: "8001", QuoteNumber: "Q-1234"}, nil).Once()
	env.OnActivity("StampQuoteDeal", mock.Anything, activities.StampQuoteDealInput{
		DealID: testDealID, QuoteID: "8001", QuoteNumber: "Q-1234", CustomerID: "7001",
	}).Return(nil).Once()
	submitAt(t, env, 0, "first", validSubmission())

	env.ExecuteWorkflow(QuoteBuilderWorkflowName, QuoteBuilderInput{DealID: testDealID})

	status := workflowStatus(t, env)
	assert.Equal(t, QuoteStateCreated, status.State)
	assert.Equal(t, "7001", status.SPSCustomerID)
	assert.Equal(t, "8001", status.SPSQuoteID)
	env.AssertNumberOfCalls(t, "CreateSPSCustomer", 1)
	env.AssertNumberOfCalls(t, "ReadQuoteCompany", 2)
	env.AssertNotCalled(t, "StampQuoteCompany", mock.Anything, mock.Anything)
	env.AssertExpectations(t)
}

func TestQuoteBuilderMismatchWithoutStampFails(t *testing.T) {
	env := newQuoteBuilderEnv(t)
	env.OnActivity("LoadQuoteDeal", mock.Anything, mock.Anything).
		Return(activities.LoadQuoteDealResult{Records: dealRecords()}, nil).Once()
	env.OnActivity("CreateSPSCustomer", mock.Anything, mock.Anything).
		Return(activities.CreateSPSCustomerResult{}, customerMismatch()).Once()
	// Reads at 0, 2, 6, 14, 30 and 60 seconds.
	expectCompanyReads(env, "", "", "", "", "", "")
	submitAt(t, env, 0, "first", validSubmission())
	waiting := queryStatusAt(t, env, companyStampWait-time.Second)
	failed := queryStatusAt(t, env, companyStampWait+time.Minute)

	env.ExecuteWorkflow(QuoteBuilderWorkflowName, QuoteBuilderInput{DealID: testDealID})

	assert.Equal(t, QuoteStateCreating, waiting.State, "the run waits for the stamp")
	assert.Equal(t, QuoteStateFailed, failed.State)
	assert.Contains(t, failed.Message, "failed: could not create the SPS customer")
	assert.Contains(t, failed.Error, "HubSpot company 501 (\"Rivera Tile\")")
	assert.Contains(t, failed.Error, "Idempotency-Key quote-builder/company-501/customer")
	assert.Contains(t, failed.Error, "still has no sps_customer_id after 60 seconds")
	assert.Contains(t, failed.Error, "find that customer in SPS, set sps_customer_id on the company in HubSpot, "+
		"and submit again")
	assert.Empty(t, failed.SPSCustomerID)
	assert.Equal(t, QuoteStateFailed, workflowStatus(t, env).State)
	env.AssertNumberOfCalls(t, "ReadQuoteCompany", 6)
	env.AssertNotCalled(t, "StampQuoteCompany", mock.Anything, mock.Anything)
	env.AssertNotCalled(t, "CreateSPSQuote", mock.Anything, mock.Anything)
	env.AssertExpectations(t)
}

func TestQuoteBuilderMismatchThenStampByHand(t *testing.T) {
	env := newQuoteBuilderEnv(t)
	env.OnActivity("LoadQuoteDeal", mock.Anything, mock.Anything).
		Return(activities.LoadQuoteDealResult{Records: dealRecords()}, nil).Once()
	// Someone sets the id on the company, as the failure message
	// instructs, before submitting again.
	stamped := dealRecords()
	stamped.Company[quotebuild.PropSPSCustomerID] = "7009"
	env.OnActivity("LoadQuoteDeal", mock.Anything, mock.Anything).
		Return(activities.LoadQuoteDealResult{Records: stamped}, nil).Once()
	env.OnActivity("CreateSPSCustomer", mock.Anything, mock.Anything).
		Return(activities.CreateSPSCustomerResult{}, customerMismatch()).Once()
	env.OnActivity("ReadQuoteCompany", mock.Anything, mock.Anything).
		Return(activities.ReadQuoteCompanyResult{CompanyID: "501", Name: "Rivera Tile"}, nil)
	env.OnActivity("CreateSPSQuote", mock.Anything, mock.MatchedBy(func(in activities.CreateSPSQuoteInput) bool {
		return in.CustomerID == "7009"
	})).Return(activities.CreateSPSQuoteResult{QuoteID: "8001", QuoteNumber: "Q-1234"}, nil).Once()
	env.OnActivity("StampQuoteDeal", mock.Anything, mock.Anything).Return(nil).Once()
	submitAt(t, env, 0, "first", validSubmission())
	again := submitAt(t, env, time.Hour, "again", validSubmission())

	env.ExecuteWorkflow(QuoteBuilderWorkflowName, QuoteBuilderInput{DealID: testDealID})

	require.True(t, again.done)
	assert.Equal(t, QuoteStateCreating, again.status.State)
	status := workflowStatus(t, env)
	assert.Equal(t, QuoteStateCreated, status.State)
	assert.Equal(t, "7009", status.SPSCustomerID)
	env.AssertNumberOfCalls(t, "CreateSPSCustomer", 1)
	env.AssertExpectations(t)
}

func TestQuoteBuilderMismatchReadFails(t *testing.T) {
	env := newQuoteBuilderEnv(t)
	env.OnActivity("LoadQuoteDeal", mock.Anything, mock.Anything).
		Return(activities.LoadQuoteDealResult{Records: dealRecords()}, nil).Once()
	env.OnActivity("CreateSPSCustomer", mock.Anything, mock.Anything).
		Return(activities.CreateSPSCustomerResult{}, customerMismatch()).Once()
	env.OnActivity("ReadQuoteCompany", mock.Anything, mock.Anything).Return(activities.ReadQuoteCompanyResult{},
		temporal.NewNonRetryableApplicationError("HubSpot company 501 not found", activities.ErrorTypeNotFound, nil)).
		Once()
	submitAt(t, env, 0, "first", validSubmission())

	env.ExecuteWorkflow(QuoteBuilderWorkflowName, QuoteBuilderInput{DealID: testDealID})

	status := workflowStatus(t, env)
	assert.Equal(t, QuoteStateFailed, status.State)
	assert.Equal(t, "HubSpot company 501 not found", status.Error)
	env.AssertNotCalled(t, "CreateSPSQuote", mock.Anything, mock.Anything)
	env.AssertExpectations(t)
}

func TestQuoteBuilderCompanyStampedSinceLoad(t *testing.T) {
	env := newQuoteBuilderEnv(t)
	env.OnActivity("LoadQuoteDeal", mock.Anything, mock.Anything).
		Return(activities.LoadQuoteDealResult{Records: dealRecords()}, nil).Once()
	env.OnActivity("CreateSPSCustomer", mock.Anything, mock.Anything).
		Return(activities.CreateSPSCustomerResult{CustomerID: "7003", Existing: true}, nil).Once()
	env.OnActivity("CreateSPSQuote", mock.Anything, mock.MatchedBy(func(in activities.CreateSPSQuoteInput) bool {
		return in.CustomerID == "7003"
	})).Return(activities.CreateSPSQuoteResult{QuoteID: "8001", QuoteNumber: "Q-1234"}, nil).Once()
	env.OnActivity("StampQuoteDeal", mock.Anything, mock.Anything).Return(nil).Once()
	submitAt(t, env, 0, "first", validSubmission())

	env.ExecuteWorkflow(QuoteBuilderWorkflowName, QuoteBuilderInput{DealID: testDealID})

	assert.Equal(t, "7003", workflowStatus(t, env).SPSCustomerID)
	env.AssertNotCalled(t, "StampQuoteCompany", mock.Anything, mock.Anything)
	env.AssertNotCalled(t, "ReadQuoteCompany", mock.Anything, mock.Anything)
	env.AssertExpectations(t)
}
