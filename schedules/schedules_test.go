package schedules

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	commonpb "go.temporal.io/api/common/v1"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/temporal"

	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/workflows"
)

// findDefinition returns the definition of one sync kind.
func findDefinition(t *testing.T, defs []Definition, kind string) Definition {
	t.Helper()
	for _, d := range defs {
		if d.Kind == kind {
			return d
		}
	}
	require.Failf(t, "no schedule definition", "kind %s", kind)
	return Definition{}
}

// orderDefinition returns the order sync schedule of settings under an id
// unique to the test, and deletes that schedule at cleanup.
func orderDefinition(t *testing.T, c client.Client, s config.Settings) Definition {
	t.Helper()
	d := findDefinition(t, Definitions(s), workflows.OrderSyncKind)
	d.ID = "test-" + strings.ReplaceAll(t.Name(), "/", "-")
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
		defer cancel()
		_ = c.ScheduleClient().GetHandle(ctx, d.ID).Delete(ctx)
	})
	return d
}

func describe(t *testing.T, c client.Client, id string) *client.ScheduleDescription {
	t.Helper()
	desc, err := c.ScheduleClient().GetHandle(testContext(t), id).Describe(testContext(t))
	require.NoError(t, err)
	return desc
}

func workflowAction(t *testing.T, desc *client.ScheduleDescription) *client.ScheduleWorkflowAction {
	t.Helper()
	action, ok := desc.Schedule.Action.(*client.ScheduleWorkflowAction)
	require.True(t, ok, "action is %T", desc.Schedule.Action)
	return action
}

func orderInput(t *testing.T, action *client.ScheduleWorkflowAction) workflows.OrderSyncInput {
	t.Helper()
	require.Len(t, action.Args, 1)
	payload, ok := action.Args[0].(*commonpb.Payload)
	require.True(t, ok, "argument is %T", action.Args[0])
	var in workflows.OrderSyncInput
	require.NoError(t, converter.GetDefaultDataConverter().FromPayload(payload, &in))
	return in
}

// assertRunsAt checks that every upcoming action is at hour:minute UTC.
func assertRunsAt(t *testing.T, desc *client.ScheduleDescription, hour, minute int) {
	t.Helper()
	require.NotEmpty(t, desc.Info.NextActionTimes)
	for _, next := range desc.Info.NextActionTimes {
		next = next.UTC()
		assert.Equal(t, hour, next.Hour(), "next action %s", next)
		assert.Equal(t, minute, next.Minute(), "next action %s", next)
	}
}

func TestDefinitions(t *testing.T) {
	s := config.Defaults()
	s.Orders.Schedule = "15 4 * * *"
	s.Orders.LookbackHours = 48

	d := findDefinition(t, Definitions(s), workflows.OrderSyncKind)

	assert.Equal(t, Definition{
		ID:       workflows.OrderSyncScheduleID,
		Kind:     workflows.OrderSyncKind,
		Cron:     "15 4 * * *",
		Workflow: workflows.OrderSyncWorkflowName,
		Input:    workflows.OrderSyncInput{LookbackHours: 48},
	}, d)
}

func TestDefinitionsCustomerSync(t *testing.T) {
	s := config.Defaults()
	s.Customers.Schedule = "45 10 * * *"
	s.Customers.RepConcurrency = 2

	d := findDefinition(t, Definitions(s), workflows.CustomerSyncKind)

	assert.Equal(t, Definition{
		ID:       workflows.CustomerSyncScheduleID,
		Kind:     workflows.CustomerSyncKind,
		Cron:     "45 10 * * *",
		Workflow: workflows.CustomerSyncWorkflowName,
		Input:    workflows.CustomerSyncInput{RepConcurrency: 2},
	}, d)
}

func TestDefinitionsProductSync(t *testing.T) {
	s := config.Defaults()
	s.Products.Schedule = "30 2 * * *"

	d := findDefinition(t, Definitions(s), workflows.ProductSyncKind)

	assert.Equal(t, Definition{
		ID:       workflows.ProductSyncScheduleID,
		Kind:     workflows.ProductSyncKind,
		Cron:     "30 2 * * *",
		Workflow: workflows.ProductSyncWorkflowName,
		Input:    workflows.ProductSyncInput{},
	}, d)
}

func TestDefinitionsProductSyncNightlyByDefault(t *testing.T) {
	d := findDefinition(t, Definitions(config.Defaults()), workflows.ProductSyncKind)

	assert.Equal(t, "0 3 * * *", d.Cron)
}

func TestDefinitionsUniqueIDs(t *testing.T) {
	seen := map[string]bool{}
	for _, d := range Definitions(config.Defaults()) {
		assert.False(t, seen[d.ID], "schedule %s is defined twice", d.ID)
		seen[d.ID] = true
		assert.NotEmpty(t, d.Cron, d.ID)
		assert.NotEmpty(t, d.Workflow, d.ID)
	}
}

func TestApplyCreatesSchedule(t *testing.T) {
	c := dial(t)
	d := orderDefinition(t, c, config.Defaults())

	results, err := Apply(testContext(t), c, []Definition{d})

	require.NoError(t, err)
	assert.Equal(t, []Result{{ID: d.ID, Action: "created"}}, results)
	desc := describe(t, c, d.ID)
	assert.False(t, desc.Schedule.State.Paused)
	assertRunsAt(t, desc, 11, 0)
}

func TestApplySetsPolicies(t *testing.T) {
	c := dial(t)
	d := orderDefinition(t, c, config.Defaults())

	_, err := Apply(testContext(t), c, []Definition{d})
	require.NoError(t, err)

	policy := describe(t, c, d.ID).Schedule.Policy
	require.NotNil(t, policy)
	assert.Equal(t, enumspb.SCHEDULE_OVERLAP_POLICY_SKIP, policy.Overlap)
	assert.Equal(t, CatchupWindow, policy.CatchupWindow)
}

func TestApplySetsWorkflowAction(t *testing.T) {
	c := dial(t)
	s := config.Defaults()
	s.Orders.LookbackHours = 72
	d := orderDefinition(t, c, s)

	_, err := Apply(testContext(t), c, []Definition{d})
	require.NoError(t, err)

	action := workflowAction(t, describe(t, c, d.ID))
	assert.Equal(t, d.ID, action.ID)
	assert.Equal(t, workflows.OrderSyncWorkflowName, action.Workflow)
	assert.Equal(t, workflows.TaskQueue, action.TaskQueue)
	assert.Equal(t, workflows.OrderSyncInput{LookbackHours: 72}, orderInput(t, action))
	kind, ok := action.TypedSearchAttributes.GetKeyword(
		temporal.NewSearchAttributeKeyKeyword(workflows.SearchAttributeSyncKind))
	assert.True(t, ok, "SyncKind is set")
	assert.Equal(t, workflows.OrderSyncKind, kind)
}

func TestApplyTwiceUpdates(t *testing.T) {
	c := dial(t)
	s := config.Defaults()
	d := orderDefinition(t, c, s)
	_, err := Apply(testContext(t), c, []Definition{d})
	require.NoError(t, err)

	s.Orders.Schedule = "30 6 * * *"
	s.Orders.LookbackHours = 24
	changed := findDefinition(t, Definitions(s), workflows.OrderSyncKind)
	changed.ID = d.ID
	results, err := Apply(testContext(t), c, []Definition{changed})

	require.NoError(t, err)
	assert.Equal(t, []Result{{ID: d.ID, Action: "updated"}}, results)
	desc := describe(t, c, d.ID)
	assertRunsAt(t, desc, 6, 30)
	assert.Equal(t, workflows.OrderSyncInput{LookbackHours: 24}, orderInput(t, workflowAction(t, desc)))
	assert.Equal(t, enumspb.SCHEDULE_OVERLAP_POLICY_SKIP, desc.Schedule.Policy.Overlap)
	assert.Equal(t, CatchupWindow, desc.Schedule.Policy.CatchupWindow)
}

func TestApplyUnchangedTwiceKeepsSchedule(t *testing.T) {
	c := dial(t)
	d := orderDefinition(t, c, config.Defaults())
	_, err := Apply(testContext(t), c, []Definition{d})
	require.NoError(t, err)

	results, err := Apply(testContext(t), c, []Definition{d})

	require.NoError(t, err)
	assert.Equal(t, []Result{{ID: d.ID, Action: "updated"}}, results)
	desc := describe(t, c, d.ID)
	assertRunsAt(t, desc, 11, 0)
	assert.Equal(t, workflows.OrderSyncInput{LookbackHours: 96}, orderInput(t, workflowAction(t, desc)))
}

func TestApplyKeepsPausedSchedulePaused(t *testing.T) {
	c := dial(t)
	s := config.Defaults()
	d := orderDefinition(t, c, s)
	_, err := Apply(testContext(t), c, []Definition{d})
	require.NoError(t, err)
	handle := c.ScheduleClient().GetHandle(testContext(t), d.ID)
	require.NoError(t, handle.Pause(testContext(t), client.SchedulePauseOptions{Note: "paused for a HubSpot migration"}))

	s.Orders.Schedule = "0 12 * * *"
	changed := findDefinition(t, Definitions(s), workflows.OrderSyncKind)
	changed.ID = d.ID
	_, err = Apply(testContext(t), c, []Definition{changed})
	require.NoError(t, err)

	desc := describe(t, c, d.ID)
	assert.True(t, desc.Schedule.State.Paused)
	assert.Equal(t, "paused for a HubSpot migration", desc.Schedule.State.Note)
	assertRunsAt(t, desc, 12, 0)
}

func TestApplyRestoresChangedPolicies(t *testing.T) {
	c := dial(t)
	d := orderDefinition(t, c, config.Defaults())
	_, err := Apply(testContext(t), c, []Definition{d})
	require.NoError(t, err)
	handle := c.ScheduleClient().GetHandle(testContext(t), d.ID)
	require.NoError(t, handle.Update(testContext(t), client.ScheduleUpdateOptions{
		DoUpdate: func(in client.ScheduleUpdateInput) (*client.ScheduleUpdate, error) {
			sched := in.Description.Schedule
			sched.Policy.Overlap = enumspb.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL
			sched.Policy.CatchupWindow = time.Minute
			return &client.ScheduleUpdate{Schedule: &sched}, nil
		},
	}))

	_, err = Apply(testContext(t), c, []Definition{d})
	require.NoError(t, err)

	policy := describe(t, c, d.ID).Schedule.Policy
	assert.Equal(t, enumspb.SCHEDULE_OVERLAP_POLICY_SKIP, policy.Overlap)
	assert.Equal(t, CatchupWindow, policy.CatchupWindow)
}

func TestApplyInvalidCronNamesSchedule(t *testing.T) {
	c := dial(t)
	good := orderDefinition(t, c, config.Defaults())
	s := config.Defaults()
	s.Orders.Schedule = "every morning"
	bad := findDefinition(t, Definitions(s), workflows.OrderSyncKind)
	bad.ID = good.ID + "-bad"
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
		defer cancel()
		_ = c.ScheduleClient().GetHandle(ctx, bad.ID).Delete(ctx)
	})

	results, err := Apply(testContext(t), c, []Definition{good, bad})

	require.Error(t, err)
	assert.Contains(t, err.Error(), "schedule "+bad.ID+":")
	assert.Equal(t, []Result{{ID: good.ID, Action: "created"}}, results, "schedules before the bad one are applied")
}

func TestApplyCanceledContext(t *testing.T) {
	c := dial(t)
	d := orderDefinition(t, c, config.Defaults())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()

	results, err := Apply(ctx, c, []Definition{d})

	require.Error(t, err)
	assert.Empty(t, results)
}

func TestApplyEveryDefinition(t *testing.T) {
	c := dial(t)
	defs := Definitions(config.Defaults())
	prefix := "test-every-"
	for i := range defs {
		defs[i].ID = prefix + defs[i].ID
		id := defs[i].ID
		t.Cleanup(func() {
			ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
			defer cancel()
			_ = c.ScheduleClient().GetHandle(ctx, id).Delete(ctx)
		})
	}

	results, err := Apply(testContext(t), c, defs)

	require.NoError(t, err)
	require.Len(t, results, len(defs))
	for i, d := range defs {
		t.Run(d.Kind, func(t *testing.T) {
			assert.Equal(t, Result{ID: d.ID, Action: "created"}, results[i])
			desc := describe(t, c, d.ID)
			action := workflowAction(t, desc)
			assert.Equal(t, d.Workflow, action.Workflow)
			assert.Equal(t, workflows.TaskQueue, action.TaskQueue)
			assert.Equal(t, enumspb.SCHEDULE_OVERLAP_POLICY_SKIP, desc.Schedule.Policy.Overlap)
			kind, ok := action.TypedSearchAttributes.GetKeyword(
				temporal.NewSearchAttributeKeyKeyword(workflows.SearchAttributeSyncKind))
			assert.True(t, ok)
			assert.Equal(t, d.Kind, kind)
		})
	}
}
