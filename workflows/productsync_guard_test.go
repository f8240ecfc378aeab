package workflows

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"

	"github.com/stonecity/sync/activities"
)

// guardTestStart is the start time of the test environment's run.
var guardTestStart = time.Date(2026, 12, 4, 3, 0, 0, 0, time.UTC)

// testRunID is the run ID the test environment gives the workflow.
const testRunID = "default-test-run-id"

// mockNoOtherRun registers the guard activity and makes it report no
// other open product sync, for tests about what happens after the guard.
func mockNoOtherRun(env *testsuite.TestWorkflowEnvironment) {
	env.RegisterActivity(&activities.ProductGuardActivities{})
	env.OnActivity("ListOpenRuns", mock.Anything, mock.Anything).
		Return(activities.OpenRunsResult{}, nil).Maybe()
}

// newGuardTestEnv returns a product sync environment whose guard activity
// reports runs, started at guardTestStart, and the activity names it
// started in order.
func newGuardTestEnv(t *testing.T, runs []activities.OpenRun) (*testsuite.TestWorkflowEnvironment, func() []string) {
	t.Helper()
	var suite testsuite.WorkflowTestSuite
	env := suite.NewTestWorkflowEnvironment()
	env.RegisterWorkflowWithOptions(ProductSync, workflow.RegisterOptions{Name: ProductSyncWorkflowName})
	env.RegisterActivity(&activities.ProductActivities{})
	env.RegisterActivity(&activities.SchemaActivities{})
	env.RegisterActivity(&activities.ProductGuardActivities{})
	env.SetStartTime(guardTestStart)
	env.OnActivity("ListOpenRuns", mock.Anything, activities.OpenRunsInput{
		WorkflowType: ProductSyncWorkflowName, RunID: testRunID,
	}).Return(activities.OpenRunsResult{Runs: runs}, nil).Once()

	var mu sync.Mutex
	var started []string
	env.SetOnActivityStartedListener(func(info *activity.Info, _ context.Context, _ converter.EncodedValues) {
		mu.Lock()
		defer mu.Unlock()
		started = append(started, info.ActivityType.Name)
	})
	return env, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), started...)
	}
}

func TestProductSyncGuardStopsLaterRun(t *testing.T) {
	earlier := activities.OpenRun{WorkflowID: "product-sync-2026-12-04T03:00:00Z", RunID: "run-a",
		StartTime: guardTestStart.Add(-time.Minute)}
	env, started := newGuardTestEnv(t, []activities.OpenRun{earlier})

	env.ExecuteWorkflow(ProductSyncWorkflowName, ProductSyncInput{})

	require.True(t, env.IsWorkflowCompleted())
	err := env.GetWorkflowError()
	require.Error(t, err)
	var appErr *temporal.ApplicationError
	require.ErrorAs(t, err, &appErr)
	assert.Equal(t, ErrorTypeProductSyncOverlap, appErr.Type())
	assert.True(t, appErr.NonRetryable(), "an overlap is final")
	assert.Contains(t, appErr.Message(), earlier.WorkflowID, "names the open run")
	assert.Contains(t, appErr.Message(), earlier.RunID, "names the open run's run ID")
	assert.Equal(t, []string{"ListOpenRuns"}, started(), "no preflight, pull, sink or cleanup")
	env.AssertExpectations(t)
}

func TestProductSyncGuardLetsEarlierRunProceed(t *testing.T) {
	tests := []struct {
		name string
		runs []activities.OpenRun
	}{
		{name: "later run only", runs: []activities.OpenRun{
			{WorkflowID: "product-sync/2026-12-04", RunID: "run-b", StartTime: guardTestStart.Add(time.Second)}}},
		{name: "same start higher run id", runs: []activities.OpenRun{
			{WorkflowID: "product-sync/2026-12-04", RunID: testRunID + "-z", StartTime: guardTestStart}}},
		{name: "itself listed", runs: []activities.OpenRun{
			{WorkflowID: "default-test-workflow-id", RunID: testRunID, StartTime: guardTestStart.Add(-time.Hour)}}},
		{name: "no other run"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env, started := newGuardTestEnv(t, tc.runs)
			mockPull(env)
			env.OnActivity("SyncHubSpotProducts", mock.Anything, mock.Anything).
				Return(sinkResult("hubspot", 1, 0, 0, 0), nil).Once()
			env.OnActivity("SyncSquareCatalog", mock.Anything, mock.Anything).
				Return(sinkResult("square", 1, 0, 0, 0), nil).Once()
			env.OnActivity("SyncProductMirror", mock.Anything, mock.Anything).
				Return(sinkResult("mirror", 1, 0, 0, 0), nil).Once()
			env.OnActivity("DeleteSnapshot", mock.Anything, testSnapshot).Return(nil).Once()

			env.ExecuteWorkflow(ProductSyncWorkflowName, ProductSyncInput{})

			rep := productReport(t, env)
			assert.Equal(t, 3, rep.Created, "every sink ran")
			require.NotEmpty(t, started())
			assert.Equal(t, "ListOpenRuns", started()[0], "the guard runs first")
			env.AssertExpectations(t)
		})
	}
}

func TestProductSyncGuardListingFails(t *testing.T) {
	var suite testsuite.WorkflowTestSuite
	env := suite.NewTestWorkflowEnvironment()
	env.RegisterWorkflowWithOptions(ProductSync, workflow.RegisterOptions{Name: ProductSyncWorkflowName})
	env.RegisterActivity(&activities.ProductActivities{})
	env.RegisterActivity(&activities.ProductGuardActivities{})
	env.OnActivity("ListOpenRuns", mock.Anything, mock.Anything).Return(activities.OpenRunsResult{},
		temporal.NewNonRetryableApplicationError("visibility query rejected", activities.ErrorTypeInvalid, nil))

	env.ExecuteWorkflow(ProductSyncWorkflowName, ProductSyncInput{})

	require.True(t, env.IsWorkflowCompleted())
	require.Error(t, env.GetWorkflowError())
	assert.Contains(t, env.GetWorkflowError().Error(), "check for another open product sync")
	env.AssertNotCalled(t, "PullProducts", mock.Anything, mock.Anything)
}

func TestEarliestOtherRun(t *testing.T) {
	// self starts half a millisecond into guardTestStart's millisecond.
	self := activities.OpenRun{WorkflowID: "self", RunID: "run-m", StartTime: guardTestStart.Add(500 * time.Microsecond)}
	at := func(id, runID string, offset time.Duration) activities.OpenRun {
		return activities.OpenRun{WorkflowID: id, RunID: runID, StartTime: guardTestStart.Add(offset)}
	}
	tests := []struct {
		name      string
		others    []activities.OpenRun
		wantFound bool
		wantID    string
	}{
		{name: "none"},
		{name: "later only", others: []activities.OpenRun{at("later", "run-z", time.Second)}},
		{name: "earlier", others: []activities.OpenRun{at("earlier", "run-z", -time.Second)},
			wantFound: true, wantID: "earlier"},
		{name: "tie lower run id", others: []activities.OpenRun{at("tie", "run-a", 0)},
			wantFound: true, wantID: "tie"},
		{name: "tie higher run id", others: []activities.OpenRun{at("tie", "run-z", 0)}},
		{name: "sub-millisecond apart is a tie", others: []activities.OpenRun{at("tie", "run-z", 100*time.Microsecond)}},
		{name: "self ignored", others: []activities.OpenRun{at("self", "run-m", -time.Hour)}},
		{name: "first of two earlier", others: []activities.OpenRun{
			at("second", "run-b", -time.Minute), at("first", "run-c", -time.Hour), at("later", "run-d", time.Hour)},
			wantFound: true, wantID: "first"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, found := earliestOtherRun(self, tc.others)

			assert.Equal(t, tc.wantFound, found)
			assert.Equal(t, tc.wantID, got.WorkflowID)
		})
	}
}

func TestEarliestOtherRunOneOfTwoProceeds(t *testing.T) {
	// Two runs in one millisecond see each other, and exactly one of them
	// finds an earlier run.
	a := activities.OpenRun{WorkflowID: "a", RunID: "0193-a", StartTime: guardTestStart.Add(300 * time.Microsecond)}
	b := activities.OpenRun{WorkflowID: "b", RunID: "0193-b", StartTime: guardTestStart.Add(700 * time.Microsecond)}

	_, aStops := earliestOtherRun(a, []activities.OpenRun{b})
	_, bStops := earliestOtherRun(b, []activities.OpenRun{a})

	assert.False(t, aStops, "the lower run ID proceeds")
	assert.True(t, bStops, "the higher run ID stops")
}
