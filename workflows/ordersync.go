package workflows

import (
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/stonecity/sync/activities"
	"github.com/stonecity/sync/report"
)

// scheduledStartTime is the search attribute Temporal schedules set to the
// nominal time of the run they start.
var scheduledStartTime = temporal.NewSearchAttributeKeyTime("TemporalScheduledStartTime")

// OrderSync copies completed Square orders closed in a window into HubSpot
// as closed-won deals, page by page, and returns a SyncReport.
//
// Steps: resolve the window (from the schedule's nominal time, not the
// wall clock, so a caught-up run covers the right interval), check the
// HubSpot schema, list the locations, then sync one Square page (up to 1000
// orders) per activity. After orderPagesPerRun pages it continues as new,
// carrying the cursor and the partial report.
func OrderSync(ctx workflow.Context, in OrderSyncInput) (report.SyncReport, error) {
	run, err := startOrderSync(ctx, in)
	if err != nil {
		return report.SyncReport{}, err
	}
	if err := workflow.SetQueryHandler(ctx, ProgressQuery, func() (Progress, error) {
		return run.progress, nil
	}); err != nil {
		return report.SyncReport{}, err
	}

	if in.Resume == nil {
		if err := run.prepare(ctx); err != nil {
			return run.fail(ctx, err)
		}
	}

	groups := locationGroups(run.resume.LocationIDs)
	pagesThisRun := 0
	for run.resume.LocationGroup < len(groups) {
		if pagesThisRun == orderPagesPerRun {
			return report.SyncReport{}, workflow.NewContinueAsNewError(ctx, OrderSync, run.continued(in))
		}
		if err := run.syncPage(ctx, groups[run.resume.LocationGroup]); err != nil {
			return run.fail(ctx, err)
		}
		pagesThisRun++
	}
	return run.finish(ctx)
}

// orderSyncRun is the state of one OrderSync execution.
type orderSyncRun struct {
	resume   OrderSyncResume
	pageSize int
	progress Progress
}

func startOrderSync(ctx workflow.Context, in OrderSyncInput) (*orderSyncRun, error) {
	run := &orderSyncRun{pageSize: in.PageSize}
	if run.pageSize <= 0 || run.pageSize > DefaultOrderPageSize {
		run.pageSize = DefaultOrderPageSize
	}

	if in.Resume != nil {
		run.resume = *in.Resume
	} else {
		window, err := orderWindow(ctx, in)
		if err != nil {
			return nil, temporal.NewNonRetryableApplicationError(err.Error(), activities.ErrorTypeInvalid, nil)
		}
		info := workflow.GetInfo(ctx)
		run.resume = OrderSyncResume{
			Window:      window,
			LocationIDs: in.LocationIDs,
			Report: report.SyncReport{
				Kind:       OrderSyncKind,
				WorkflowID: info.WorkflowExecution.ID,
				RunID:      info.WorkflowExecution.RunID,
				Window:     &window,
				StartedAt:  workflow.Now(ctx),
				Failures:   []report.RecordFailure{},
			},
		}
	}
	run.progress = Progress{Kind: OrderSyncKind, Stage: "starting", Pages: run.resume.Pages}
	run.syncProgress()
	return run, nil
}

// orderWindow resolves the closed_at window of a run: an explicit one, or
// the lookback ending at the schedule's nominal time (for unscheduled runs,
// the time the run started).
func orderWindow(ctx workflow.Context, in OrderSyncInput) (report.Window, error) {
	return syncWindow(ctx, "order sync", in.Since, in.Until, in.LookbackHours, DefaultOrderLookback)
}

// prepare checks the HubSpot schema and resolves the locations.
func (r *orderSyncRun) prepare(ctx workflow.Context) error {
	r.progress.Stage = "preflight"
	if err := preflight(ctx, OrderSyncKind, &r.resume.Report); err != nil {
		return err
	}
	if len(r.resume.LocationIDs) > 0 {
		return nil
	}

	r.progress.Stage = "listing locations"
	var orders *activities.OrderActivities
	var locations activities.LocationsResult
	if err := workflow.ExecuteActivity(shortActivity(ctx), orders.ListOrderLocations).Get(ctx, &locations); err != nil {
		return err
	}
	r.resume.LocationIDs = locations.LocationIDs
	r.resume.Report.MergeAPICalls(locations.APICalls)
	return nil
}

// syncPage runs one order page and folds its outcome into the report.
func (r *orderSyncRun) syncPage(ctx workflow.Context, locationIDs []string) error {
	r.progress.Stage = "syncing orders"
	var orders *activities.OrderActivities
	var page activities.OrderPageResult
	err := workflow.ExecuteActivity(pageActivity(ctx), orders.SyncOrderPage, activities.OrderPageInput{
		Window:      r.resume.Window,
		LocationIDs: locationIDs,
		Cursor:      r.resume.Cursor,
		PageSize:    r.pageSize,
	}).Get(ctx, &page)
	if err != nil {
		return err
	}

	rep := &r.resume.Report
	rep.Created += page.Created
	rep.Skipped += page.Skipped
	rep.Failed += page.Failed
	rep.AddFailures(page.Failures)
	rep.MergeSkipReasons(page.SkipReasons)
	rep.MergeObjects(page.Objects)
	rep.MergeStages(page.Stages)
	rep.MergeAPICalls(page.APICalls)

	r.resume.Pages++
	r.resume.Records += page.Orders
	r.resume.Cursor = page.NextCursor
	if page.NextCursor == "" {
		r.resume.LocationGroup++
	}
	r.syncProgress()
	return nil
}

func (r *orderSyncRun) syncProgress() {
	rep := r.resume.Report
	r.progress.Pages = r.resume.Pages
	r.progress.Records = r.resume.Records
	r.progress.LocationGroup = r.resume.LocationGroup
	r.progress.Created = rep.Created
	r.progress.Updated = rep.Updated
	r.progress.Skipped = rep.Skipped
	r.progress.Failed = rep.Failed
}

func (r *orderSyncRun) continued(in OrderSyncInput) OrderSyncInput {
	next := in
	resume := r.resume
	next.Resume = &resume
	return next
}

// finish completes the report.
func (r *orderSyncRun) finish(ctx workflow.Context) (report.SyncReport, error) {
	r.progress.Stage = "finished"
	return finishReport(ctx, r.resume.Report), nil
}

// fail ends the run with err and logs the report so far.
func (r *orderSyncRun) fail(ctx workflow.Context, err error) (report.SyncReport, error) {
	r.progress.Stage = "failed"
	logFailure(ctx, r.resume.Report, r.resume.Pages, err)
	return report.SyncReport{}, err
}
