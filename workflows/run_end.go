package workflows

import (
	"errors"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/stonecity/sync/metrics"
	"github.com/stonecity/sync/report"
)

// finishReport completes rep, records its sync kind and failed-record
// count as search attributes, records the run's metrics, and logs a
// warning when records failed.
func finishReport(ctx workflow.Context, rep report.SyncReport) report.SyncReport {
	rep.Finish(workflow.Now(ctx))
	upsertSearchAttributes(ctx, rep.Kind, rep.Failed)
	metrics.RecordRun(workflow.GetMetricsHandler(ctx), rep, rep.Status, rep.FinishedAt)
	if rep.Failed > 0 {
		workflow.GetLogger(ctx).Warn("Sync finished with failed records",
			"syncKind", rep.Kind, "failed", rep.Failed)
	}
	return rep
}

// logFailure logs why a run failed with the counts it reached, because a
// failed workflow has no result to carry them, and records the run's
// metrics with status failed. A canceled run is counted as canceled and
// not logged.
func logFailure(ctx workflow.Context, rep report.SyncReport, pages int, err error) {
	var canceled *temporal.CanceledError
	if errors.As(err, &canceled) {
		metrics.RecordRun(workflow.GetMetricsHandler(ctx), rep, metrics.StatusCanceled, workflow.Now(ctx))
		return
	}
	metrics.RecordRun(workflow.GetMetricsHandler(ctx), rep, metrics.StatusFailed, workflow.Now(ctx))
	workflow.GetLogger(ctx).Error("Sync failed", "syncKind", rep.Kind,
		"created", rep.Created, "pages", pages, "error", err)
}
