package workflows

import (
	"fmt"
	"time"

	"go.temporal.io/sdk/workflow"

	"github.com/stonecity/sync/report"
)

// syncWindow resolves the window of a run: since and until when set,
// otherwise the lookback (lookbackHours, or defaultLookback when that is
// 0 or less) ending at the schedule's nominal time. An unscheduled run
// has no nominal time, so its window ends at the time the run started.
// label names the sync in the error for a window that is empty or
// reversed.
func syncWindow(ctx workflow.Context, label string, since, until *time.Time, lookbackHours int,
	defaultLookback time.Duration) (report.Window, error) {
	end := workflow.Now(ctx)
	if nominal, ok := workflow.GetTypedSearchAttributes(ctx).GetTime(scheduledStartTime); ok {
		end = nominal
	}
	if until != nil {
		end = *until
	}

	lookback := defaultLookback
	if lookbackHours > 0 {
		lookback = time.Duration(lookbackHours) * time.Hour
	}
	start := end.Add(-lookback)
	if since != nil {
		start = *since
	}
	if !start.Before(end) {
		return report.Window{}, fmt.Errorf("invalid %s window: since %s is not before until %s",
			label, start.Format(time.RFC3339), end.Format(time.RFC3339))
	}
	return report.Window{Since: start.UTC(), Until: end.UTC()}, nil
}
