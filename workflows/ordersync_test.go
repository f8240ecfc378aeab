package workflows

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"

	"github.com/stonecity/sync/activities"
	"github.com/stonecity/sync/apicalls"
	"github.com/stonecity/sync/report"
)

func newOrderSyncEnv(t *testing.T) *testsuite.TestWorkflowEnvironment {
	t.Helper()
	var suite testsuite.WorkflowTestSuite
	env := suite.NewTestWorkflowEnvironment()
	env.RegisterWorkflowWithOptions(OrderSync, workflow.RegisterOptions{Name: OrderSyncWorkflowName})
	env.RegisterActivity(&activities.OrderActivities{})
	env.RegisterActivity(&activities.SchemaActivities{})
	return env
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func pageResult(created, skipped int, next string) activities.OrderPageResult {
	return activities.OrderPageResult{
		NextCursor: next,
		Orders:     created + skipped,
		Created:    created,
		Skipped:    skipped,
		SkipReasons: []report.ReasonCount{
			{Reason: "deal already exists", Count: skipped},
		},
		Stages: []report.StageCount{
			{Name: "deals: read by square_order_id", Records: created + skipped, Calls: 1},
			{Name: "deals: create", Records: created, Calls: 1},
		},
		APICalls: []apicalls.Count{
			{Service: apicalls.HubSpot, Endpoint: "POST /crm/v3/objects/deals/batch/read", Calls: 1},
			{Service: apicalls.HubSpot, Endpoint: "POST /crm/v3/objects/deals/batch/create", Calls: 1},
			{Service: apicalls.Square, Endpoint: "POST /v2/orders/search", Calls: 1},
		},
	}
}

func TestOrderSyncMergesPages(t *testing.T) {
	env := newOrderSyncEnv(t)
	since, until := at("2026-11-01T00:00:00Z"), at("2026-12-01T00:00:00Z")

	env.OnActivity("Preflight", mock.Anything, activities.PreflightInput{SyncKind: OrderSyncKind}).Return(activities.PreflightResult{}, nil).Once()
	env.OnActivity("ListOrderLocations", mock.Anything).
		Return(activities.LocationsResult{LocationIDs: []string{"L1"}}, nil).Once()
	window := report.Window{Since: since, Until: until}
	env.OnActivity("SyncOrderPage", mock.Anything, activities.OrderPageInput{
		Window: window, LocationIDs: []string{"L1"}, PageSize: DefaultOrderPageSize,
	}).Return(pageResult(90, 10, "c2"), nil).Once()
	env.OnActivity("SyncOrderPage", mock.Anything, activities.OrderPageInput{
		Window: window, LocationIDs: []string{"L1"}, Cursor: "c2", PageSize: DefaultOrderPageSize,
	}).Return(pageResult(5, 0, ""), nil).Once()

	env.ExecuteWorkflow(OrderSyncWorkflowName, OrderSyncInput{Since: &since, Until: &until})

	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var rep report.SyncReport
	require.NoError(t, env.GetWorkflowResult(&rep))
	assert.Equal(t, report.StatusSucceeded, rep.Status)
	assert.Equal(t, OrderSyncKind, rep.Kind)
	assert.Equal(t, 95, rep.Created)
	assert.Equal(t, 10, rep.Skipped)
	assert.Equal(t, 0, rep.Failed)
	assert.Equal(t, []report.ReasonCount{{Reason: "deal already exists", Count: 10}}, rep.SkipReasons)
	assert.Equal(t, 4, rep.HubSpotCalls)
	assert.Equal(t, 3, rep.HubSpotBatchMinimum, "105 reads need 2 batches, 95 creates 1")
	assert.Equal(t, window, *rep.Window)
	env.AssertExpectations(t)
}

func TestOrderSyncWindowFromScheduleNominalTime(t *testing.T) {
	env := newOrderSyncEnv(t)
	nominal := at("2026-12-04T11:00:00Z")
	env.SetStartTime(nominal.Add(3 * time.Hour)) // a caught-up run, started late
	env.SetTypedSearchAttributesOnStart(temporal.NewSearchAttributes(scheduledStartTime.ValueSet(nominal)))

	var got activities.OrderPageInput
	env.OnActivity("Preflight", mock.Anything, mock.Anything).Return(activities.PreflightResult{}, nil)
	env.OnActivity("ListOrderLocations", mock.Anything).
		Return(activities.LocationsResult{LocationIDs: []string{"L1"}}, nil)
	env.OnActivity("SyncOrderPage", mock.Anything, mock.Anything).
		Run(func(args mock.Arguments) { got = args.Get(1).(activities.OrderPageInput) }).
		Return(pageResult(1, 0, ""), nil)

	env.ExecuteWorkflow(OrderSyncWorkflowName, OrderSyncInput{})

	require.NoError(t, env.GetWorkflowError())
	assert.Equal(t, nominal, got.Window.Until, "window ends at the nominal time, not the start time")
	assert.Equal(t, nominal.Add(-DefaultOrderLookback), got.Window.Since)
}

func TestOrderSyncPreflightFailureStopsRun(t *testing.T) {
	env := newOrderSyncEnv(t)
	since, until := at("2026-11-01T00:00:00Z"), at("2026-12-01T00:00:00Z")
	env.OnActivity("Preflight", mock.Anything, mock.Anything).Return(activities.PreflightResult{},
		temporal.NewNonRetryableApplicationError("contacts property hs_lead_status has no option SQUARE_POS",
			activities.ErrorTypePreflight, nil))

	env.ExecuteWorkflow(OrderSyncWorkflowName, OrderSyncInput{Since: &since, Until: &until})

	err := env.GetWorkflowError()
	require.Error(t, err)
	var appErr *temporal.ApplicationError
	require.True(t, errors.As(err, &appErr))
	assert.Equal(t, activities.ErrorTypePreflight, appErr.Type())
	assert.Contains(t, err.Error(), "SQUARE_POS")
	env.AssertNotCalled(t, "SyncOrderPage", mock.Anything, mock.Anything)
}

func TestOrderSyncSplitsLocationGroups(t *testing.T) {
	env := newOrderSyncEnv(t)
	since, until := at("2026-11-01T00:00:00Z"), at("2026-12-01T00:00:00Z")
	var ids []string
	for i := range 12 {
		ids = append(ids, fmt.Sprintf("L%02d", i))
	}

	var groups [][]string
	env.OnActivity("Preflight", mock.Anything, mock.Anything).Return(activities.PreflightResult{}, nil)
	env.OnActivity("ListOrderLocations", mock.Anything).Return(activities.LocationsResult{LocationIDs: ids}, nil)
	env.OnActivity("SyncOrderPage", mock.Anything, mock.Anything).
		Run(func(args mock.Arguments) {
			groups = append(groups, args.Get(1).(activities.OrderPageInput).LocationIDs)
		}).
		Return(pageResult(1, 0, ""), nil)

	env.ExecuteWorkflow(OrderSyncWorkflowName, OrderSyncInput{Since: &since, Until: &until})

	require.NoError(t, env.GetWorkflowError())
	require.Len(t, groups, 2)
	assert.Len(t, groups[0], 10)
	assert.Equal(t, []string{"L10", "L11"}, groups[1])
}

func TestOrderSyncContinuesAsNewAfterPageBudget(t *testing.T) {
	env := newOrderSyncEnv(t)
	since, until := at("2026-11-01T00:00:00Z"), at("2026-12-01T00:00:00Z")
	env.OnActivity("Preflight", mock.Anything, mock.Anything).Return(activities.PreflightResult{}, nil)
	env.OnActivity("ListOrderLocations", mock.Anything).
		Return(activities.LocationsResult{LocationIDs: []string{"L1"}}, nil)
	env.OnActivity("SyncOrderPage", mock.Anything, mock.Anything).Return(pageResult(1, 0, "more"), nil)

	env.ExecuteWorkflow(OrderSyncWorkflowName, OrderSyncInput{Since: &since, Until: &until})

	err := env.GetWorkflowError()
	var cont *workflow.ContinueAsNewError
	require.True(t, errors.As(err, &cont), "expected continue-as-new, got %v", err)
	var next OrderSyncInput
	require.NoError(t, decodeContinueInput(cont, &next))
	require.NotNil(t, next.Resume)
	assert.Equal(t, orderPagesPerRun, next.Resume.Pages)
	assert.Equal(t, "more", next.Resume.Cursor)
	assert.Equal(t, orderPagesPerRun, next.Resume.Report.Created)
}

func TestOrderSyncRejectsEmptyWindow(t *testing.T) {
	env := newOrderSyncEnv(t)
	at := at("2026-11-01T00:00:00Z")

	env.ExecuteWorkflow(OrderSyncWorkflowName, OrderSyncInput{Since: &at, Until: &at})

	err := env.GetWorkflowError()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "is not before")
}

func TestOrderSyncWorkflowIDIsDeterministic(t *testing.T) {
	w := report.Window{Since: at("2026-11-30T11:00:00Z"), Until: at("2026-12-04T11:00:00Z")}

	assert.Equal(t, "order-sync/2026-11-30T11:00Z--2026-12-04T11:00Z", OrderSyncWorkflowID(w))
}
