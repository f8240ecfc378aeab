package workflows

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/mocks"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"

	"github.com/stonecity/sync/activities"
)

// statusAt is 2026-12-04 12:00 UTC plus minutes.
func statusAt(minutes int) time.Time {
	return time.Date(2026, 12, 4, 12, minutes, 0, 0, time.UTC)
}

func newQuoteStatusEnv(t *testing.T) *testsuite.TestWorkflowEnvironment {
	t.Helper()
	var suite testsuite.WorkflowTestSuite
	env := suite.NewTestWorkflowEnvironment()
	env.RegisterWorkflowWithOptions(QuoteStatus, workflow.RegisterOptions{Name: QuoteStatusWorkflowName})
	env.RegisterActivity(&activities.QuoteStatusActivities{})
	return env
}

// signalAt sends change to the workflow after delay.
func signalAt(env *testsuite.TestWorkflowEnvironment, delay time.Duration, change QuoteStatusChange) {
	env.RegisterDelayedCallback(func() { env.SignalWorkflow(QuoteStatusSignal, change) }, delay)
}

// recordApplies stubs every ApplyQuoteStatus call to return outcome, and
// records the inputs.
func recordApplies(env *testsuite.TestWorkflowEnvironment, outcome string) *[]activities.ApplyQuoteStatusInput {
	var got []activities.ApplyQuoteStatusInput
	env.OnActivity("ApplyQuoteStatus", mock.Anything, mock.Anything).
		Return(func(_ context.Context, in activities.ApplyQuoteStatusInput) (activities.ApplyQuoteStatusResult, error) {
			got = append(got, in)
			return activities.ApplyQuoteStatusResult{Outcome: outcome, DealID: "9001"}, nil
		})
	return &got
}

// quoteStatusResult runs the workflow for quote 5001 and returns its result.
func quoteStatusResult(t *testing.T, env *testsuite.TestWorkflowEnvironment) QuoteStatusResult {
	t.Helper()
	env.ExecuteWorkflow(QuoteStatusWorkflowName, QuoteStatusInput{QuoteID: "5001"})
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var res QuoteStatusResult
	require.NoError(t, env.GetWorkflowResult(&res))
	return res
}

func TestQuoteStatusOutOfOrderWritesNewestOnce(t *testing.T) {
	env := newQuoteStatusEnv(t)
	applied := recordApplies(env, activities.QuoteStatusApplied)
	signalAt(env, 0, QuoteStatusChange{QuoteID: "5001", Status: "Accepted", OccurredAt: statusAt(30), EventID: "e2"})
	signalAt(env, 0, QuoteStatusChange{QuoteID: "5001", Status: "Quoted", OccurredAt: statusAt(10), EventID: "e1"})

	res := quoteStatusResult(t, env)

	require.Len(t, *applied, 1)
	assert.Equal(t, activities.ApplyQuoteStatusInput{QuoteID: "5001", Status: "Accepted",
		OccurredAt: statusAt(30), EventID: "e2"}, (*applied)[0])
	assert.Equal(t, 2, res.Received)
	assert.Equal(t, 1, res.Applied)
	assert.Equal(t, 1, res.Ignored)
	assert.Equal(t, "Accepted", res.Status)
	assert.Equal(t, "9001", res.DealID)
}

func TestQuoteStatusDuplicateWritesOnce(t *testing.T) {
	env := newQuoteStatusEnv(t)
	applied := recordApplies(env, activities.QuoteStatusApplied)
	change := QuoteStatusChange{QuoteID: "5001", Status: "Declined", OccurredAt: statusAt(5), EventID: "e1"}
	signalAt(env, 0, change)
	signalAt(env, 0, change)
	signalAt(env, 3*time.Second, change)

	res := quoteStatusResult(t, env)

	assert.Len(t, *applied, 1)
	assert.Equal(t, 3, res.Received)
	assert.Equal(t, 1, res.Applied)
	assert.Equal(t, 2, res.Ignored)
}

func TestQuoteStatusLaterChangesWrittenInOrder(t *testing.T) {
	env := newQuoteStatusEnv(t)
	applied := recordApplies(env, activities.QuoteStatusApplied)
	signalAt(env, 0, QuoteStatusChange{QuoteID: "5001", Status: "Quoted", OccurredAt: statusAt(1)})
	signalAt(env, 5*time.Second, QuoteStatusChange{QuoteID: "5001", Status: "Accepted", OccurredAt: statusAt(2)})
	signalAt(env, 12*time.Second, QuoteStatusChange{QuoteID: "5001", Status: "Declined", OccurredAt: statusAt(0)})

	res := quoteStatusResult(t, env)

	require.Len(t, *applied, 2)
	assert.Equal(t, "Quoted", (*applied)[0].Status)
	assert.Equal(t, "Accepted", (*applied)[1].Status)
	assert.Equal(t, 2, res.Applied)
	assert.Equal(t, 1, res.Ignored)
	assert.Equal(t, "Accepted", res.Status)
}

func TestQuoteStatusCountsOutcomes(t *testing.T) {
	tests := []struct {
		name        string
		outcome     string
		wantApplied int
		wantIgnored int
		wantNoDeal  int
	}{
		{"applied", activities.QuoteStatusApplied, 1, 0, 0},
		{"unknown status", activities.QuoteStatusUnknown, 1, 0, 0},
		{"other pipeline", activities.QuoteStatusOtherPipeline, 1, 0, 0},
		{"stale", activities.QuoteStatusStale, 0, 1, 0},
		{"no deal", activities.QuoteStatusNoDeal, 0, 0, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env := newQuoteStatusEnv(t)
			recordApplies(env, tc.outcome)
			signalAt(env, 0, QuoteStatusChange{QuoteID: "5001", Status: "Accepted", OccurredAt: statusAt(1)})

			res := quoteStatusResult(t, env)

			assert.Equal(t, tc.wantApplied, res.Applied)
			assert.Equal(t, tc.wantIgnored, res.Ignored)
			assert.Equal(t, tc.wantNoDeal, res.NoDeal)
		})
	}
}

// A deal outside the Quotes pipeline gets the status and time written,
// so the run counts the write and ignores an older change that follows.
func TestQuoteStatusOtherPipelineWriteAdvances(t *testing.T) {
	env := newQuoteStatusEnv(t)
	applied := recordApplies(env, activities.QuoteStatusOtherPipeline)
	signalAt(env, 0, QuoteStatusChange{QuoteID: "5001", Status: "Accepted", OccurredAt: statusAt(30)})
	signalAt(env, 5*time.Second, QuoteStatusChange{QuoteID: "5001", Status: "Quoted", OccurredAt: statusAt(10)})

	res := quoteStatusResult(t, env)

	assert.Len(t, *applied, 1)
	assert.Equal(t, 1, res.Applied)
	assert.Equal(t, 1, res.Ignored)
	assert.Equal(t, "Accepted", res.Status)
	assert.Equal(t, "9001", res.DealID)
}

// SPS stamps changes to the second, so two changes in one second share
// OccurredAt: the one received later wins, and a repeat of either is
// still ignored.
func TestQuoteStatusSameSecondNewStatusWins(t *testing.T) {
	env := newQuoteStatusEnv(t)
	applied := recordApplies(env, activities.QuoteStatusApplied)
	signalAt(env, 0, QuoteStatusChange{QuoteID: "5001", Status: "Accepted", OccurredAt: statusAt(30)})
	signalAt(env, 2*time.Second, QuoteStatusChange{QuoteID: "5001", Status: "Declined", OccurredAt: statusAt(30)})
	signalAt(env, 4*time.Second, QuoteStatusChange{QuoteID: "5001", Status: "Accepted", OccurredAt: statusAt(30)})

	res := quoteStatusResult(t, env)

	require.Len(t, *applied, 2)
	assert.Equal(t, "Accepted", (*applied)[0].Status)
	assert.Empty(t, (*applied)[0].Supersedes)
	assert.Equal(t, "Declined", (*applied)[1].Status)
	assert.Equal(t, []string{"Accepted"}, (*applied)[1].Supersedes)
	assert.Equal(t, 2, res.Applied)
	assert.Equal(t, 1, res.Ignored)
	assert.Equal(t, "Declined", res.Status)
}

func TestQuoteStatusIgnoresInvalidSignals(t *testing.T) {
	env := newQuoteStatusEnv(t)
	applied := recordApplies(env, activities.QuoteStatusApplied)
	signalAt(env, 0, QuoteStatusChange{QuoteID: "6000", Status: "Accepted", OccurredAt: statusAt(1)})
	signalAt(env, 0, QuoteStatusChange{QuoteID: "5001", Status: "", OccurredAt: statusAt(2)})

	res := quoteStatusResult(t, env)

	assert.Empty(t, *applied)
	assert.Equal(t, 2, res.Received)
	assert.Equal(t, 2, res.Ignored)
}

func TestQuoteStatusWithoutSignalsCompletes(t *testing.T) {
	env := newQuoteStatusEnv(t)
	applied := recordApplies(env, activities.QuoteStatusApplied)

	res := quoteStatusResult(t, env)

	assert.Empty(t, *applied)
	assert.Equal(t, QuoteStatusResult{QuoteID: "5001"}, res)
}

func TestQuoteStatusFinalErrorFailsRun(t *testing.T) {
	env := newQuoteStatusEnv(t)
	env.OnActivity("ApplyQuoteStatus", mock.Anything, mock.Anything).Return(activities.ApplyQuoteStatusResult{},
		temporal.NewNonRetryableApplicationError("HubSpot rejected the update", activities.ErrorTypeInvalid, nil))
	signalAt(env, 0, QuoteStatusChange{QuoteID: "5001", Status: "Accepted", OccurredAt: statusAt(1)})

	env.ExecuteWorkflow(QuoteStatusWorkflowName, QuoteStatusInput{QuoteID: "5001"})

	require.True(t, env.IsWorkflowCompleted())
	var appErr *temporal.ApplicationError
	require.ErrorAs(t, env.GetWorkflowError(), &appErr)
	assert.Equal(t, activities.ErrorTypeInvalid, appErr.Type())
}

func TestQuoteStatusContinuesAsNewWithPending(t *testing.T) {
	env := newQuoteStatusEnv(t)
	recordApplies(env, activities.QuoteStatusApplied)
	for i := range quoteStatusWritesPerRun + 1 {
		signalAt(env, time.Duration(i)*time.Second,
			QuoteStatusChange{QuoteID: "5001", Status: "Quoted", OccurredAt: statusAt(0).Add(time.Duration(i) * time.Second)})
	}

	env.ExecuteWorkflow(QuoteStatusWorkflowName, QuoteStatusInput{QuoteID: "5001"})

	require.True(t, env.IsWorkflowCompleted())
	var cont *workflow.ContinueAsNewError
	require.ErrorAs(t, env.GetWorkflowError(), &cont)
	var next QuoteStatusInput
	require.NoError(t, decodeContinueInput(cont, &next))
	assert.Equal(t, "5001", next.QuoteID)
	require.NotNil(t, next.Pending)
	assert.Equal(t, statusAt(0).Add(quoteStatusWritesPerRun*time.Second), next.Pending.OccurredAt)
	require.NotNil(t, next.WrittenAt)
	assert.Equal(t, statusAt(0).Add((quoteStatusWritesPerRun-1)*time.Second), *next.WrittenAt)
}

func TestQuoteStatusResumesFromContinueInput(t *testing.T) {
	env := newQuoteStatusEnv(t)
	applied := recordApplies(env, activities.QuoteStatusApplied)
	written := statusAt(20)
	signalAt(env, 0, QuoteStatusChange{QuoteID: "5001", Status: "Quoted", OccurredAt: statusAt(15)})

	env.ExecuteWorkflow(QuoteStatusWorkflowName, QuoteStatusInput{QuoteID: "5001", WrittenAt: &written,
		Pending: &QuoteStatusChange{QuoteID: "5001", Status: "Accepted", OccurredAt: statusAt(25)}})

	require.NoError(t, env.GetWorkflowError())
	require.Len(t, *applied, 1)
	assert.Equal(t, "Accepted", (*applied)[0].Status)
}

func TestQuoteStatusWorkflowID(t *testing.T) {
	assert.Equal(t, "quote-status/5001", QuoteStatusWorkflowID("5001"))
}

func TestSignalQuoteStatusRejectsInvalidChange(t *testing.T) {
	tests := []struct {
		name     string
		change   QuoteStatusChange
		wantText string
	}{
		{"no quote id", QuoteStatusChange{Status: "Accepted", OccurredAt: statusAt(1)}, `quoteId ""`},
		{"quote id with a slash", QuoteStatusChange{QuoteID: "1/2", Status: "Accepted", OccurredAt: statusAt(1)},
			"not an SPS quote id"},
		{"no status", QuoteStatusChange{QuoteID: "5001", OccurredAt: statusAt(1)}, "status is missing"},
		{"no time", QuoteStatusChange{QuoteID: "5001", Status: "Accepted"}, "occurredAt is missing"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := &mocks.Client{}

			err := SignalQuoteStatus(context.Background(), c, tc.change)

			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantText)
			c.AssertNotCalled(t, "SignalWithStartWorkflow")
		})
	}
}

func TestSignalQuoteStatusSignalsWithStart(t *testing.T) {
	c := &mocks.Client{}
	change := QuoteStatusChange{QuoteID: "5001", Status: "Accepted", OccurredAt: statusAt(1), EventID: "e1"}
	var opts client.StartWorkflowOptions
	c.On("SignalWithStartWorkflow", mock.Anything, "quote-status/5001", QuoteStatusSignal, change,
		mock.Anything, QuoteStatusWorkflowName, QuoteStatusInput{QuoteID: "5001"}).
		Run(func(args mock.Arguments) { opts = args.Get(4).(client.StartWorkflowOptions) }).
		Return(nil, nil).Once()

	err := SignalQuoteStatus(context.Background(), c, change)

	require.NoError(t, err)
	c.AssertExpectations(t)
	assert.Equal(t, "quote-status/5001", opts.ID)
	assert.Equal(t, TaskQueue, opts.TaskQueue)
	assert.Equal(t, enumspb.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE, opts.WorkflowIDReusePolicy)
}

func TestSignalQuoteStatusWrapsClientError(t *testing.T) {
	c := &mocks.Client{}
	c.On("SignalWithStartWorkflow", mock.Anything, mock.Anything, mock.Anything, mock.Anything, mock.Anything,
		mock.Anything, mock.Anything).Return(nil, errors.New("unavailable"))

	err := SignalQuoteStatus(context.Background(), c,
		QuoteStatusChange{QuoteID: "5001", Status: "Accepted", OccurredAt: statusAt(1)})

	require.Error(t, err)
	assert.Contains(t, err.Error(), "signal the status workflow of SPS quote 5001: unavailable")
}
