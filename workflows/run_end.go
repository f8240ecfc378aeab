package workflows

import (
	"errors"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/stonecity/sync/report"
)

// finishReport completes rep, records its sync kind and failed-record
// count as search attributes, and logs a warning when records failed.
func finishReport(ctx workflow.Context, rep report.SyncReport) report.SyncReport {
	rep.Finish(workflow.Now(ctx))
	upsertSearchAttributes(ctx, rep.Kind, rep.Failed)
	if rep.Failed > 0 {
		workflow.GetLogger(ctx).Warn("Sync finished with failed records",
			"syncKind", rep.Kind, "failed", rep.Failed)
	}
	return rep
}

// logFailure logs why a run failed with the counts it reached, because a
// failed workflow has no result to carry them. A canceled run is not logged.
func logFailure(ctx workflow.Context, rep report.SyncReport, pages int, err error) {
	var canceled *temporal.CanceledError
	if errors.As(err, &canceled) {
		return
	}
	workflow.GetLogger(ctx).Error("Sync failed", "syncKind", rep.Kind,
		"created", rep.Created, "pages", pages, "error", err)
}
