package main

import (
	"context"
	"fmt"
	"time"

	"github.com/stonecity/sync/activities"
	"github.com/stonecity/sync/workflows"
)

// rejectOtherProductSync returns an error naming the earliest open
// product sync whose workflow ID is not dayID. A start under dayID
// attaches to an open run of that ID, so only a run under another ID,
// such as a scheduled run, would overlap. The new run would then stop
// before writing, because the workflow lets only the earliest open run
// proceed.
func rejectOtherProductSync(ctx context.Context, lister activities.WorkflowLister, dayID string) error {
	runs, _, err := activities.OpenWorkflowRuns(ctx, lister,
		activities.OpenRunsInput{WorkflowType: workflows.ProductSyncWorkflowName})
	if err != nil {
		return fmt.Errorf("check for an open product sync: %w", err)
	}
	var earliest *activities.OpenRun
	for i, run := range runs {
		if run.WorkflowID == dayID {
			continue
		}
		if earliest == nil || run.StartTime.Before(earliest.StartTime) {
			earliest = &runs[i]
		}
	}
	if earliest == nil {
		return nil
	}
	return fmt.Errorf("product sync %s (run %s, started %s) is still running, and a second run would stop "+
		"before writing: wait for it to finish, or terminate it, then run this command again",
		earliest.WorkflowID, earliest.RunID, earliest.StartTime.UTC().Format(time.RFC3339))
}
