package workflows

import (
	"errors"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/stonecity/sync/activities"
	"github.com/stonecity/sync/report"
)

// replacesRecord reports whether the run may replace the stored record of
// synced products: every sink ran and none failed. Any other run merges
// its record into the stored one, because a sink that failed or did not
// run may still hold objects that only the older record names. A sink
// with failed records counts as done: those are rejected upserts, while a
// failed archive or delete fails the whole sink.
func (r *productSyncRun) replacesRecord() bool {
	if len(r.report.Sinks) != len(ProductSinks) {
		return false
	}
	for _, s := range r.report.Sinks {
		if s.Status == report.StatusFailed {
			return false
		}
	}
	return true
}

// saveRecord stores the record of what this run synced, which the next
// run's pull compares to find removals. A failed save is listed for
// review rather than failing a run whose sinks are written.
func (r *productSyncRun) saveRecord(ctx workflow.Context, snapshot activities.SnapshotRef) {
	r.progress.Stage = "saving record"
	var products *activities.ProductActivities
	in := activities.SaveSyncedInput{Snapshot: snapshot, Replace: r.replacesRecord()}
	var res activities.SaveSyncedResult
	err := workflow.ExecuteActivity(shortActivity(ctx), products.SaveSyncedProducts, in).Get(ctx, &res)
	r.report.MergeAPICalls(res.APICalls)
	var appErr *temporal.ApplicationError
	if errors.As(err, &appErr) && appErr.Type() == activities.ErrorTypeNotConfigured {
		// Without a snapshot bucket the pull wrote no record to save.
		return
	}
	if err != nil {
		workflow.GetLogger(ctx).Error("Product sync record not saved", "syncKind", ProductSyncKind,
			"recordKey", activities.ProductSyncedRecordKey, "error", err)
		r.report.AddReview(report.RecordFailure{
			SourceID: activities.ProductSyncedRecordKey,
			Reason: "record of synced products not saved: " + rootCause(err) +
				"; products created in this run and deleted in SPS before a later run saves it stay in HubSpot and Square",
		})
	}
}
