package workflows

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"

	"github.com/stonecity/sync/activities"
	"github.com/stonecity/sync/quotebuild"
)

func TestQuoteBuilderValidatorRejects(t *testing.T) {
	tests := []struct {
		name string
		edit func(*QuoteSubmission)
		want string
	}{
		{
			name: "negative quantity",
			edit: func(s *QuoteSubmission) { s.Lines[1].Quantity = "-2" },
			want: "line 2 quantity",
		},
		{
			name: "missing sku",
			edit: func(s *QuoteSubmission) { s.Lines[0].SKU = " " },
			want: "line 1 sku: required",
		},
		{
			name: "expiry in the past",
			edit: func(s *QuoteSubmission) { s.ExpiresOn = "2026-12-01" },
			want: "expiresOn",
		},
		{
			name: "another deal",
			edit: func(s *QuoteSubmission) { s.DealID = "42" },
			want: "dealId",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newQuoteBuilderEnv(t)
			env.OnActivity("LoadQuoteDeal", mock.Anything, mock.Anything).
				Return(activities.LoadQuoteDealResult{Records: dealRecords()}, nil).Once()
			bad := validSubmission()
			tt.edit(&bad)
			u := submitAt(t, env, 0, "bad", bad)

			env.ExecuteWorkflow(QuoteBuilderWorkflowName, QuoteBuilderInput{DealID: testDealID})

			require.Error(t, u.rejected)
			assert.Contains(t, u.rejected.Error(), tt.want)
			status := workflowStatus(t, env)
			assert.Equal(t, QuoteStateIdle, status.State)
			env.AssertNotCalled(t, "CreateSPSCustomer", mock.Anything, mock.Anything)
			env.AssertNotCalled(t, "CreateSPSQuote", mock.Anything, mock.Anything)
		})
	}
}

func TestQuoteBuilderPermanentFailureThenCorrection(t *testing.T) {
	env := newQuoteBuilderEnv(t)
	env.OnActivity("LoadQuoteDeal", mock.Anything, mock.Anything).
		Return(activities.LoadQuoteDealResult{Records: dealRecords()}, nil).Once()
	// The reload before the corrected submission reads the company stamp.
	stamped := dealRecords()
	stamped.Company[quotebuild.PropSPSCustomerID] = "7001"
	env.OnActivity("LoadQuoteDeal", mock.Anything, mock.Anything).
		Return(activities.LoadQuoteDealResult{Records: stamped}, nil).Once()
	env.OnActivity("CreateSPSCustomer", mock.Anything, mock.Anything).
		Return(activities.CreateSPSCustomerResult{CustomerID: "7001"}, nil).Once()
	env.OnActivity("StampQuoteCompany", mock.Anything, mock.Anything).Return(nil).Once()
	rejected := temporal.NewNonRetryableApplicationError(
		"create SPS quote for HubSpot deal 9001: SPS rejected it: line 2: unknown sku QTZ-WHITE-2CM",
		activities.ErrorTypeInvalid, nil)
	env.OnActivity("CreateSPSQuote", mock.Anything, mock.MatchedBy(func(in activities.CreateSPSQuoteInput) bool {
		return in.Submission.Lines[1].SKU == "QTZ-WHITE-2CM"
	})).Return(activities.CreateSPSQuoteResult{}, rejected).Once()
	env.OnActivity("CreateSPSQuote", mock.Anything, mock.MatchedBy(func(in activities.CreateSPSQuoteInput) bool {
		return in.Submission.Lines[1].SKU == "QTZ-WHITE-3CM" && in.CustomerID == "7001"
	})).Return(activities.CreateSPSQuoteResult{QuoteID: "8001", QuoteNumber: "Q-1234"}, nil).Once()
	env.OnActivity("StampQuoteDeal", mock.Anything, mock.Anything).Return(nil).Once()

	submitAt(t, env, 0, "first", validSubmission())
	var failed QuoteBuilderStatus
	env.RegisterDelayedCallback(func() {
		value, err := env.QueryWorkflow(QuoteBuilderStatusQuery)
		require.NoError(t, err)
		require.NoError(t, value.Get(&failed))
	}, time.Hour)
	corrected := validSubmission()
	corrected.Lines[1].SKU = "QTZ-WHITE-3CM"
	second := submitAt(t, env, 2*time.Hour, "corrected", corrected)

	env.ExecuteWorkflow(QuoteBuilderWorkflowName, QuoteBuilderInput{DealID: testDealID})

	assert.Equal(t, QuoteStateFailed, failed.State)
	assert.Contains(t, failed.Error, "unknown sku QTZ-WHITE-2CM")
	assert.Contains(t, failed.Message, "failed: could not create the SPS quote")
	assert.Equal(t, "7001", failed.SPSCustomerID)
	assert.Equal(t, QuoteStateCreating, second.status.State)
	status := workflowStatus(t, env)
	assert.Equal(t, QuoteStateCreated, status.State)
	env.AssertNumberOfCalls(t, "CreateSPSCustomer", 1)
	env.AssertExpectations(t)
}

func TestQuoteBuilderFailedRunEndsAfterCorrectionWindow(t *testing.T) {
	env := newQuoteBuilderEnv(t)
	records := dealRecords()
	records.Company["name"] = ""
	env.OnActivity("LoadQuoteDeal", mock.Anything, mock.Anything).
		Return(activities.LoadQuoteDealResult{Records: records}, nil).Once()
	env.OnActivity("CreateSPSCustomer", mock.Anything, mock.Anything).Return(activities.CreateSPSCustomerResult{},
		temporal.NewNonRetryableApplicationError("HubSpot company 501 of deal 9001: name: is empty",
			activities.ErrorTypeInvalid, nil)).Once()
	submitAt(t, env, 0, "first", validSubmission())

	env.ExecuteWorkflow(QuoteBuilderWorkflowName, QuoteBuilderInput{DealID: testDealID})

	status := workflowStatus(t, env)
	assert.Equal(t, QuoteStateFailed, status.State)
	assert.Contains(t, status.Error, "HubSpot company 501 of deal 9001: name")
	assert.GreaterOrEqual(t, env.Now().Sub(quoteBuilderStart), quoteCorrectionWindow)
	env.AssertNotCalled(t, "CreateSPSQuote", mock.Anything, mock.Anything)
}

func TestQuoteBuilderDealNotFoundFails(t *testing.T) {
	env := newQuoteBuilderEnv(t)
	env.OnActivity("LoadQuoteDeal", mock.Anything, mock.Anything).Return(activities.LoadQuoteDealResult{},
		temporal.NewNonRetryableApplicationError("HubSpot deal 9001 not found", activities.ErrorTypeNotFound, nil))
	u := submitAt(t, env, 0, "first", validSubmission())

	env.ExecuteWorkflow(QuoteBuilderWorkflowName, QuoteBuilderInput{DealID: testDealID})

	// The first load failed, so the submission is accepted and loads the
	// deal again, which fails the same way.
	assert.Equal(t, QuoteStateCreating, u.status.State)
	status := workflowStatus(t, env)
	assert.Equal(t, QuoteStateFailed, status.State)
	assert.Contains(t, status.Error, "HubSpot deal 9001 not found")
	env.AssertNumberOfCalls(t, "LoadQuoteDeal", 2)
	env.AssertNotCalled(t, "CreateSPSCustomer", mock.Anything, mock.Anything)
}

func TestQuoteBuilderWorkflowID(t *testing.T) {
	assert.Equal(t, "quote-builder/deal-9001", QuoteBuilderWorkflowID("9001"))
}

func TestQuoteBuilderSubmitAfterRejectedOne(t *testing.T) {
	env := newQuoteBuilderEnv(t)
	env.OnActivity("LoadQuoteDeal", mock.Anything, mock.Anything).
		Return(activities.LoadQuoteDealResult{Records: dealRecords()}, nil).Once()
	expectCreates(env)
	bad := validSubmission()
	bad.SalesRep = ""
	rejected := submitAt(t, env, 0, "bad", bad)
	late := submitAt(t, env, quoteIdleWindow-time.Minute, "late", validSubmission())

	env.ExecuteWorkflow(QuoteBuilderWorkflowName, QuoteBuilderInput{DealID: testDealID})

	require.Error(t, rejected.rejected)
	require.True(t, late.done)
	assert.Equal(t, QuoteStateCreating, late.status.State)
	assert.Equal(t, QuoteStateCreated, workflowStatus(t, env).State)
	env.AssertExpectations(t)
}
