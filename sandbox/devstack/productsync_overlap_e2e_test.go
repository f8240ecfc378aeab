package devstack_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"

	"github.com/stonecity/sync/report"
	"github.com/stonecity/sync/sandbox/devstack"
	spssim "github.com/stonecity/sync/sandbox/sps"
	"github.com/stonecity/sync/workflows"
)

// overlapSPSLatencyMs holds every SPS call of the first run long enough
// for the second run to start, check and fail while the first pulls.
const overlapSPSLatencyMs = 2000

func TestProductSyncOverlapSecondRunStops(t *testing.T) {
	stack, data := startProductStack(t, 300)
	setupSchema(t, stack)
	startWorker(t, stack)
	keys := activeKeys(t, data)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()

	stack.Sims.SPS.SetFaults(spssim.Faults{LatencyMs: overlapSPSLatencyMs})
	first := startProductSync(ctx, t, stack)
	// The first run has passed its guard once it pulls.
	require.Eventually(t, func() bool { return productSyncStage(ctx, stack, first.GetID()) == "pulling products" },
		time.Minute, 20*time.Millisecond, "the first run reaches its pull")

	second := startProductSync(ctx, t, stack)
	secondReport := waitReport(t, ctx, second, workflows.ProductSyncKind)
	stack.Sims.SPS.SetFaults(spssim.Faults{})
	firstReport := waitReport(t, ctx, first, workflows.ProductSyncKind)

	assert.Equal(t, report.StatusFailed, secondReport.Status, "the later run stops")
	assert.Contains(t, secondReport.Error, first.GetID(), "the error names the open run")
	assert.Contains(t, secondReport.Error, first.GetRunID(), "the error names the open run's run ID")
	assert.Equal(t, []string{"ListOpenRuns"}, activityTypes(ctx, t, stack, second.GetID(), second.GetRunID()),
		"the later run ran nothing but its guard")
	require.NotEqual(t, report.StatusFailed, firstReport.Status, failureReasons(firstReport))
	for _, s := range firstReport.Sinks {
		assert.Equal(t, report.StatusSucceeded, s.Status, "%s: %s", s.Sink, s.Error)
	}
	assert.Len(t, squareItemsByKey(t, stack, keys), len(keys), "one Square item per active SKU")
	assert.Len(t, hubSpotProducts(t, stack.Sims.HubSpot), len(keys), "one HubSpot product per active SKU")
	assertSnapshotDeleted(t, stack)
}

// productSyncStage returns the stage the open product sync workflowID
// reports, or "" when the query fails.
func productSyncStage(ctx context.Context, stack *devstack.Stack, workflowID string) string {
	value, err := stack.Client.QueryWorkflow(ctx, workflowID, "", workflows.ProgressQuery)
	if err != nil {
		return ""
	}
	var progress workflows.ProductSyncProgress
	if err := value.Get(&progress); err != nil {
		return ""
	}
	return progress.Stage
}

// activityTypes returns the types of the activities a run scheduled, in
// history order.
func activityTypes(ctx context.Context, t *testing.T, stack *devstack.Stack, workflowID, runID string) []string {
	t.Helper()
	var types []string
	events := stack.Client.GetWorkflowHistory(ctx, workflowID, runID, false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	for events.HasNext() {
		event, err := events.Next()
		require.NoError(t, err)
		if attrs := event.GetActivityTaskScheduledEventAttributes(); attrs != nil {
			types = append(types, attrs.GetActivityType().GetName())
		}
	}
	return types
}
