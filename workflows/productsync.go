package workflows

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/stonecity/sync/activities"
	"github.com/stonecity/sync/report"
)

// Sink stages in ProductSyncProgress besides the report statuses.
const (
	sinkWaiting = "waiting"
	sinkRunning = "running"
)

// ProductSync pulls the SPS catalogue once and writes it to HubSpot
// products, the Square catalog and the public S3 mirror, then returns a
// SyncReport with one SinkReport per sink.
//
// Steps: check that no earlier run is open, check the HubSpot schema (when
// the HubSpot sink runs), and pull every SPS product into a private
// snapshot. The pull also plans the removals of products SPS deleted or
// gave another SKU. Then run the sinks concurrently on that snapshot, save
// the record of synced products the next run compares with, delete the
// snapshot, and report. A sink that fails leaves the
// others running, and the run completes with failures. A failed preflight
// fails the HubSpot sink in the same way, or the run when HubSpot is the
// only sink. A failed pull fails the run. The snapshot is deleted whatever happened, as it holds prices.
func ProductSync(ctx workflow.Context, in ProductSyncInput) (report.SyncReport, error) {
	run, err := startProductSync(ctx, in)
	if err != nil {
		return report.SyncReport{}, err
	}
	if err := workflow.SetQueryHandler(ctx, ProgressQuery, func() (ProductSyncProgress, error) {
		return run.progressCopy(), nil
	}); err != nil {
		return report.SyncReport{}, err
	}
	if err := guardProductSync(ctx); err != nil {
		return run.fail(ctx, err)
	}

	if run.selected(ProductSinkHubSpot) {
		run.progress.Stage = "preflight"
		if err := preflight(ctx, ProductSyncKind, &run.report); err != nil {
			if len(run.sinks) == 1 {
				return run.fail(ctx, err)
			}
			// The HubSpot sink cannot run, but Square and the mirror
			// do not depend on HubSpot's schema.
			run.failBeforeStart(ctx, ProductSinkHubSpot, err)
		}
	}

	pull, err := run.pull(ctx)
	if err != nil {
		run.deleteSnapshot(ctx)
		return run.fail(ctx, err)
	}
	run.runSinks(ctx, pull.Snapshot)
	run.saveRecord(ctx, pull.Snapshot)
	run.deleteSnapshot(ctx)

	run.progress.Stage = "finished"
	rep := finishReport(ctx, run.report)
	run.syncProgress()
	return rep, nil
}

// productSyncRun is the state of one ProductSync execution.
type productSyncRun struct {
	sinks []string
	// failedEarly holds the reports of sinks that failed before the
	// sinks started, such as HubSpot after a failed preflight.
	failedEarly map[string]report.SinkReport
	snapshot    activities.SnapshotRef
	report      report.SyncReport
	progress    ProductSyncProgress
	// allowMassRemoval is ProductSyncInput.AllowMassRemoval.
	allowMassRemoval bool
}

func startProductSync(ctx workflow.Context, in ProductSyncInput) (*productSyncRun, error) {
	sinks, err := in.SelectedSinks()
	if err != nil {
		return nil, temporal.NewNonRetryableApplicationError(err.Error(), activities.ErrorTypeInvalid, nil)
	}

	info := workflow.GetInfo(ctx)
	run := &productSyncRun{
		sinks:            sinks,
		allowMassRemoval: in.AllowMassRemoval,
		// The prefix is known before the pull, so a pull that fails
		// half-way can still have its pages deleted.
		snapshot: activities.SnapshotRef{
			Prefix: ProductSnapshotPrefix(info.WorkflowExecution.ID, info.WorkflowExecution.RunID),
		},
		report: report.SyncReport{
			Kind:       ProductSyncKind,
			WorkflowID: info.WorkflowExecution.ID,
			RunID:      info.WorkflowExecution.RunID,
			StartedAt:  workflow.Now(ctx),
			Failures:   []report.RecordFailure{},
		},
		progress: ProductSyncProgress{Progress: Progress{Kind: ProductSyncKind, Stage: "starting"}},
	}
	for _, s := range sinks {
		run.progress.Sinks = append(run.progress.Sinks, SinkProgress{Sink: s, Stage: sinkWaiting})
	}
	return run, nil
}

func (r *productSyncRun) selected(sink string) bool {
	for _, s := range r.sinks {
		if s == sink {
			return true
		}
	}
	return false
}

// pull reads every SPS product into the snapshot and folds the pull's
// per-record failures and skips into the report.
func (r *productSyncRun) pull(ctx workflow.Context) (activities.PullProductsResult, error) {
	r.progress.Stage = "pulling products"
	var products *activities.ProductActivities
	var res activities.PullProductsResult
	err := workflow.ExecuteActivity(pageActivity(ctx), products.PullProducts, activities.PullProductsInput{
		SnapshotPrefix:   r.snapshot.Prefix,
		AllowMassRemoval: r.allowMassRemoval,
	}).Get(ctx, &res)
	if err != nil {
		return res, err
	}
	if res.Snapshot.Prefix != "" {
		r.snapshot = res.Snapshot
	}

	rep := &r.report
	rep.Failed += len(res.Failures) + res.FailuresNotListed
	rep.AddFailures(res.Failures)
	for _, s := range res.SkipReasons {
		rep.Skipped += s.Count
	}
	rep.MergeSkipReasons(res.SkipReasons)
	rep.MergeAPICalls(res.APICalls)
	if res.RemovalsHeld > 0 {
		reason := res.RemovalsHeldReason
		if reason == "" {
			reason = "that is more than the mass-removal limit allows; check SPS, and if it really deleted " +
				"them, run `starter sync products --allow-mass-removal`"
		}
		rep.AddReview(report.RecordFailure{
			SourceID: activities.ProductSyncedRecordKey,
			Reason: fmt.Sprintf("%d products SPS no longer lists were not removed from HubSpot and Square, "+
				"because %s", res.RemovalsHeld, reason),
		})
	}
	r.progress.Pages = res.Snapshot.Pages
	r.progress.Records = res.Read
	r.syncProgress()
	return res, nil
}

// runSinks starts every selected sink activity at once and waits for all
// of them. Each sink's outcome lands in its own slot, so the report lists
// the sinks in the fixed order of r.sinks whatever order they finish in.
func (r *productSyncRun) runSinks(ctx workflow.Context, snapshot activities.SnapshotRef) {
	r.progress.Stage = "writing sinks"
	in := activities.SinkInput{Snapshot: snapshot, SyncKind: ProductSyncKind}
	results := make([]report.SinkReport, len(r.sinks))
	wg := workflow.NewWaitGroup(ctx)
	for i, sink := range r.sinks {
		if early, failed := r.failedEarly[sink]; failed {
			results[i] = early
			r.progress.Sinks[i].Stage = early.Status
			continue
		}
		future := workflow.ExecuteActivity(sinkActivity(ctx), sinkActivityFor(sink), in)
		r.progress.Sinks[i].Stage = sinkRunning
		wg.Add(1)
		workflow.Go(ctx, func(ctx workflow.Context) {
			defer wg.Done()
			var res activities.SinkResult
			err := future.Get(ctx, &res)
			results[i] = r.recordSink(ctx, sink, res, err)
			r.progress.Sinks[i].Stage = results[i].Status
			r.syncProgress()
		})
	}
	wg.Wait(ctx)
	r.report.Sinks = results
}

// failBeforeStart records that sink failed with err before the sinks
// started, so runSinks reports it as failed and does not start it.
func (r *productSyncRun) failBeforeStart(ctx workflow.Context, sink string, err error) {
	workflow.GetLogger(ctx).Error("Product sink failed before it started", "syncKind", ProductSyncKind,
		"sink", sink, "error", err)
	if r.failedEarly == nil {
		r.failedEarly = map[string]report.SinkReport{}
	}
	r.failedEarly[sink] = report.SinkReport{Sink: sink, Status: report.StatusFailed, Error: rootCause(err)}
}

// sinkActivityFor returns the activity method of a sink. The names come
// from SelectedSinks, so every name has a method.
func sinkActivityFor(sink string) any {
	var products *activities.ProductActivities
	switch sink {
	case ProductSinkHubSpot:
		return products.SyncHubSpotProducts
	case ProductSinkSquare:
		return products.SyncSquareCatalog
	default:
		return products.SyncProductMirror
	}
}

// recordSink folds one sink's outcome into the run report and returns its
// SinkReport. A sink error does not fail the run, because it becomes the
// sink's status and error.
func (r *productSyncRun) recordSink(ctx workflow.Context, sink string, res activities.SinkResult,
	err error) report.SinkReport {
	if err != nil {
		workflow.GetLogger(ctx).Error("Product sink failed", "syncKind", ProductSyncKind, "sink", sink,
			"error", err)
		return report.SinkReport{Sink: sink, Status: report.StatusFailed, Error: rootCause(err)}
	}

	sr := report.SinkReport{
		Sink: sink, Status: report.StatusSucceeded,
		Created: res.Created, Updated: res.Updated, Deleted: res.Deleted, Unchanged: res.Unchanged,
		Failed: len(res.Failures) + res.FailuresNotListed,
	}
	if sr.Failed > 0 {
		sr.Status = report.StatusFailedRecords
	}

	rep := &r.report
	rep.Created += res.Created
	rep.Updated += res.Updated
	rep.Failed += sr.Failed
	failures := make([]report.RecordFailure, len(res.Failures))
	for i, f := range res.Failures {
		failures[i] = report.RecordFailure{SourceID: f.SourceID, Reason: sink + ": " + f.Reason}
	}
	rep.AddFailures(failures)
	rep.MergeObjects(res.Objects)
	rep.MergeAPICalls(res.APICalls)
	if sink == ProductSinkHubSpot {
		rep.MergeStages(hubSpotProductStages(r.snapshot.Products, res))
	}
	return sr
}

// hubSpotProductStages returns the batch stages of the HubSpot sink, so
// the report compares its calls with the batch minimum: it reads every
// snapshot product by sps_id, upserts the new and changed ones and
// archives the retired ones.
func hubSpotProductStages(snapshotProducts int, res activities.SinkResult) []report.StageCount {
	calls := func(suffix string) int {
		n := 0
		for _, c := range res.APICalls {
			if c.Service == "hubspot" && strings.HasSuffix(c.Endpoint, "/objects/products"+suffix) {
				n += c.Calls
			}
		}
		return n
	}
	stages := []report.StageCount{
		{Name: "products: read by sps_id", Records: snapshotProducts, Calls: calls("/batch/read")},
		{Name: "products: upsert", Records: res.Created + res.Updated, Calls: calls("/batch/upsert")},
		{Name: "products: archive", Records: res.Deleted, Calls: calls("/batch/archive")},
	}
	var out []report.StageCount
	for _, st := range stages {
		if st.Records > 0 || st.Calls > 0 {
			out = append(out, st)
		}
	}
	return out
}

// deleteSnapshot removes the run's snapshot. It runs on a disconnected
// context, so a canceled run still deletes the prices it pulled. A failed
// delete is listed for review rather than failing a run whose sinks are
// written.
func (r *productSyncRun) deleteSnapshot(ctx workflow.Context) {
	r.progress.Stage = "deleting snapshot"
	cleanup, cancel := workflow.NewDisconnectedContext(ctx)
	defer cancel()
	var products *activities.ProductActivities
	err := workflow.ExecuteActivity(shortActivity(cleanup), products.DeleteSnapshot, r.snapshot).Get(cleanup, nil)
	var appErr *temporal.ApplicationError
	if errors.As(err, &appErr) && appErr.Type() == activities.ErrorTypeNotConfigured {
		// Without a snapshot bucket the pull wrote nothing to delete.
		return
	}
	if err != nil {
		workflow.GetLogger(ctx).Error("Product snapshot not deleted", "syncKind", ProductSyncKind,
			"snapshotPrefix", r.snapshot.Prefix, "error", err)
		r.report.AddReview(report.RecordFailure{
			SourceID: r.snapshot.Prefix,
			Reason:   "snapshot not deleted: " + rootCause(err) + "; delete it from the snapshot bucket, as it holds prices",
		})
	}
}

func (r *productSyncRun) syncProgress() {
	r.progress.Created = r.report.Created
	r.progress.Updated = r.report.Updated
	r.progress.Skipped = r.report.Skipped
	r.progress.Failed = r.report.Failed
}

// progressCopy returns the progress with its own sink slice, so a query
// result never shares memory with the running workflow.
func (r *productSyncRun) progressCopy() ProductSyncProgress {
	p := r.progress
	p.Sinks = append([]SinkProgress(nil), r.progress.Sinks...)
	return p
}

// fail ends the run with err and logs the report so far.
func (r *productSyncRun) fail(ctx workflow.Context, err error) (report.SyncReport, error) {
	r.progress.Stage = "failed"
	logFailure(ctx, r.report, r.progress.Pages, err)
	return report.SyncReport{}, err
}

// sinkActivity is for the product sink activities. Each reads the whole
// snapshot and may write thousands of objects. They heartbeat per batch, so
// a lost worker is noticed within HeartbeatTimeout, and a retry re-reads
// the sink and writes only what still differs. A sink that is not
// configured fails at once.
func sinkActivity(ctx workflow.Context) workflow.Context {
	return workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout:    time.Hour,
		HeartbeatTimeout:       time.Minute,
		ScheduleToCloseTimeout: 4 * time.Hour,
		RetryPolicy: &temporal.RetryPolicy{
			InitialInterval:        time.Second,
			BackoffCoefficient:     2,
			MaximumInterval:        2 * time.Minute,
			NonRetryableErrorTypes: append([]string{activities.ErrorTypeNotConfigured}, finalErrorTypes...),
		},
	})
}
