package devtemporal

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"
)

// TestScheduleTriggerRunsWorkflow proves the internal worker service runs:
// the scheduler is a system workflow executed by that service.
func TestScheduleTriggerRunsWorkflow(t *testing.T) {
	t.Parallel()
	srv := sharedServer(t)
	c := dial(t, srv)
	runWorker(t, c, "schedule")
	ctx := testContext(t)

	handle, err := c.ScheduleClient().Create(ctx, client.ScheduleOptions{
		ID:   "greet-schedule",
		Spec: client.ScheduleSpec{},
		Action: &client.ScheduleWorkflowAction{
			ID:        "greet-from-schedule",
			Workflow:  greetWorkflow,
			Args:      []any{"schedule"},
			TaskQueue: "schedule",
		},
	})
	require.NoError(t, err)
	t.Cleanup(func() { _ = handle.Delete(ctx) })
	require.NoError(t, handle.Trigger(ctx, client.ScheduleTriggerOptions{}))

	var started *client.ScheduleWorkflowExecution
	require.Eventually(t, func() bool {
		described, err := handle.Describe(ctx)
		if err != nil || len(described.Info.RecentActions) == 0 {
			return false
		}
		started = described.Info.RecentActions[0].StartWorkflowResult
		return started != nil
	}, testTimeout, pollInterval)
	var greeting string
	run := c.GetWorkflow(ctx, started.WorkflowID, started.FirstExecutionRunID)
	require.NoError(t, run.Get(ctx, &greeting))

	assert.Equal(t, "hello schedule", greeting)
}
