package workflows

import (
	"fmt"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/stonecity/sync/activities"
)

// ErrorTypeProductSyncOverlap is the error type of a product sync that
// stopped because another product sync run started before it is still
// open.
const ErrorTypeProductSyncOverlap = "ProductSyncOverlap"

// guardProductSync returns a non-retryable ErrorTypeProductSyncOverlap
// error when another ProductSync run that started before this one is
// still open. Two runs at once would both list the Square catalog before
// either writes, and then create the same items twice. Of two runs that
// see each other, only the later one stops, so exactly one proceeds. It
// writes nothing, so a stopped run leaves every sink as it was.
//
// NOTE: visibility lags workflow starts by a moment, so two runs started
// within that moment may both miss each other and both proceed.
func guardProductSync(ctx workflow.Context) error {
	info := workflow.GetInfo(ctx)
	self := activities.OpenRun{
		WorkflowID: info.WorkflowExecution.ID,
		RunID:      info.WorkflowExecution.RunID,
		StartTime:  info.WorkflowStartTime,
	}
	var guard *activities.ProductGuardActivities
	var res activities.OpenRunsResult
	err := workflow.ExecuteActivity(shortActivity(ctx), guard.ListOpenRuns, activities.OpenRunsInput{
		WorkflowType: info.WorkflowType.Name,
		RunID:        self.RunID,
	}).Get(ctx, &res)
	if err != nil {
		return fmt.Errorf("check for another open product sync: %w", err)
	}

	earlier, found := earliestOtherRun(self, res.Runs)
	if !found {
		return nil
	}
	return temporal.NewNonRetryableApplicationError(fmt.Sprintf(
		"product sync %s (run %s, started %s) is still running, so this run stopped before writing "+
			"to avoid duplicate Square items: wait for that run to finish, or terminate it, then start again",
		earlier.WorkflowID, earlier.RunID, earlier.StartTime.UTC().Format(time.RFC3339)),
		ErrorTypeProductSyncOverlap, nil)
}

// earliestOtherRun returns the run of others that started first among
// those that started before self, and whether there is one. Runs are
// ordered by start time, then by run ID, so of two runs with one start
// time the lower run ID goes first. self itself is ignored.
func earliestOtherRun(self activities.OpenRun, others []activities.OpenRun) (activities.OpenRun, bool) {
	var first activities.OpenRun
	found := false
	for _, other := range others {
		if other.RunID == self.RunID || !startedBefore(other, self) {
			continue
		}
		if !found || startedBefore(other, first) {
			first, found = other, true
		}
	}
	return first, found
}

// startTimePrecision is the precision start times are compared at. A
// run's own start time has nanoseconds, but a visibility store may keep
// less, so both sides are truncated alike. Otherwise two runs in one
// microsecond could each see the other as earlier, and both would stop.
const startTimePrecision = time.Millisecond

// startedBefore orders runs by start time, then by run ID.
func startedBefore(a, b activities.OpenRun) bool {
	at, bt := a.StartTime.Truncate(startTimePrecision), b.StartTime.Truncate(startTimePrecision)
	if !at.Equal(bt) {
		return at.Before(bt)
	}
	return a.RunID < b.RunID
}
