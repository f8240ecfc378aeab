package workflows

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"

	"github.com/stonecity/sync/activities"
	"github.com/stonecity/sync/report"
)

func newQuoteSyncEnv(t *testing.T) *testsuite.TestWorkflowEnvironment {
	t.Helper()
	var suite testsuite.WorkflowTestSuite
	env := suite.NewTestWorkflowEnvironment()
	env.RegisterWorkflowWithOptions(QuoteSync, workflow.RegisterOptions{Name: QuoteSyncWorkflowName})
	env.RegisterActivity(&activities.QuoteActivities{})
	env.RegisterActivity(&activities.SchemaActivities{})
	return env
}

func TestQuoteSyncMergesPages(t *testing.T) {
	env := newQuoteSyncEnv(t)
	since, until := at("2026-12-01T00:00:00Z"), at("2026-12-02T00:00:00Z")
	window := report.Window{Since: since, Until: until}
	env.OnActivity("Preflight", mock.Anything, activities.PreflightInput{SyncKind: QuoteSyncKind}).
		Return(activities.PreflightResult{}, nil).Once()
	env.OnActivity("SyncQuotePage", mock.Anything, mock.MatchedBy(func(in activities.QuotePageInput) bool {
		return in.Page == 1 && in.Window == window
	})).Return(activities.QuotePageResult{
		Quotes: 200, NextPage: 2, Created: 150, Updated: 20, Unchanged: 29, Skipped: 1,
		SkipReasons: []report.ReasonCount{{Reason: `unknown status "Draft"`, Count: 1}},
	}, nil).Once()
	env.OnActivity("SyncQuotePage", mock.Anything, mock.MatchedBy(func(in activities.QuotePageInput) bool {
		return in.Page == 2
	})).Return(activities.QuotePageResult{
		Quotes: 3, Created: 2,
		Failures: []report.RecordFailure{{SourceID: "77", Reason: "invalid total"}},
	}, nil).Once()

	env.ExecuteWorkflow(QuoteSyncWorkflowName, QuoteSyncInput{Since: &since, Until: &until})

	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var rep report.SyncReport
	require.NoError(t, env.GetWorkflowResult(&rep))
	assert.Equal(t, QuoteSyncKind, rep.Kind)
	assert.Equal(t, 152, rep.Created)
	assert.Equal(t, 20, rep.Updated)
	assert.Equal(t, 30, rep.Skipped)
	assert.Equal(t, 1, rep.Failed)
	assert.Equal(t, report.StatusFailedRecords, rep.Status)
	assert.Contains(t, rep.SkipReasons, report.ReasonCount{Reason: skipQuoteUnchanged, Count: 29})
	assert.Contains(t, rep.SkipReasons, report.ReasonCount{Reason: `unknown status "Draft"`, Count: 1})
	assert.Equal(t, []report.RecordFailure{{SourceID: "77", Reason: "invalid total"}}, rep.Failures)
	assert.Equal(t, window, *rep.Window)
	env.AssertExpectations(t)
}

func TestQuoteSyncWindowFromScheduleNominalTime(t *testing.T) {
	env := newQuoteSyncEnv(t)
	nominal := at("2026-12-04T11:00:00Z")
	env.SetStartTime(nominal.Add(2 * time.Hour)) // a caught-up run, started late
	env.SetTypedSearchAttributesOnStart(temporal.NewSearchAttributes(scheduledStartTime.ValueSet(nominal)))

	var got activities.QuotePageInput
	env.OnActivity("Preflight", mock.Anything, mock.Anything).Return(activities.PreflightResult{}, nil)
	env.OnActivity("SyncQuotePage", mock.Anything, mock.Anything).
		Run(func(args mock.Arguments) { got = args.Get(1).(activities.QuotePageInput) }).
		Return(activities.QuotePageResult{}, nil)

	env.ExecuteWorkflow(QuoteSyncWorkflowName, QuoteSyncInput{})

	require.NoError(t, env.GetWorkflowError())
	assert.Equal(t, nominal, got.Window.Until, "window ends at the nominal time, not the start time")
	assert.Equal(t, nominal.Add(-DefaultQuoteLookback), got.Window.Since)
	assert.Equal(t, 1, got.Page)
}

func TestQuoteSyncPreflightFailureStopsRun(t *testing.T) {
	env := newQuoteSyncEnv(t)
	env.OnActivity("Preflight", mock.Anything, mock.Anything).Return(activities.PreflightResult{},
		temporal.NewNonRetryableApplicationError("deals property sps_quote_id is missing",
			activities.ErrorTypePreflight, nil))

	env.ExecuteWorkflow(QuoteSyncWorkflowName, QuoteSyncInput{})

	require.True(t, env.IsWorkflowCompleted())
	err := env.GetWorkflowError()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "sps_quote_id is missing")
	env.AssertNotCalled(t, "SyncQuotePage", mock.Anything, mock.Anything)
}

func TestQuoteSyncContinuesAsNewAfterPageLimit(t *testing.T) {
	env := newQuoteSyncEnv(t)
	since, until := at("2026-12-01T00:00:00Z"), at("2026-12-02T00:00:00Z")
	env.OnActivity("Preflight", mock.Anything, mock.Anything).Return(activities.PreflightResult{}, nil)
	env.OnActivity("SyncQuotePage", mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.QuotePageInput) (activities.QuotePageResult, error) {
			return activities.QuotePageResult{Quotes: 200, Created: 200, NextPage: in.Page + 1}, nil
		})

	env.ExecuteWorkflow(QuoteSyncWorkflowName, QuoteSyncInput{Since: &since, Until: &until})

	var cont *workflow.ContinueAsNewError
	require.ErrorAs(t, env.GetWorkflowError(), &cont)
	var next QuoteSyncInput
	require.NoError(t, decodeContinueInput(cont, &next))
	require.NotNil(t, next.Resume)
	assert.Equal(t, quotePagesPerRun+1, next.Resume.Page)
	assert.Equal(t, quotePagesPerRun, next.Resume.Pages)
	assert.Equal(t, quotePagesPerRun*200, next.Resume.Report.Created)
}

func TestQuoteSyncWorkflowID(t *testing.T) {
	w := report.Window{Since: at("2026-12-03T10:00:00Z"), Until: at("2026-12-04T11:00:00Z")}

	assert.Equal(t, "quote-sync/2026-12-03T10:00Z--2026-12-04T11:00Z", QuoteSyncWorkflowID(w))
}
