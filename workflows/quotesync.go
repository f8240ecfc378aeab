package workflows

import (
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/stonecity/sync/activities"
	"github.com/stonecity/sync/report"
)

// skipQuoteUnchanged is the skip reason of quotes whose deal is up to
// date.
const skipQuoteUnchanged = "deal already up to date"

// QuoteSync copies SPS quotes modified in a window into HubSpot deals in
// the Quotes pipeline and returns a SyncReport.
//
// Steps: resolve the window (from the schedule's nominal time, not the
// wall clock, so a caught-up run covers the right interval), check the
// HubSpot schema, then sync one SPS page of up to 200 quotes per activity.
// After quotePagesPerRun pages it continues as new, carrying the next page
// number and the partial report.
func QuoteSync(ctx workflow.Context, in QuoteSyncInput) (report.SyncReport, error) {
	run, err := startQuoteSync(ctx, in)
	if err != nil {
		return report.SyncReport{}, err
	}
	if err := workflow.SetQueryHandler(ctx, ProgressQuery, func() (Progress, error) {
		return run.progress, nil
	}); err != nil {
		return report.SyncReport{}, err
	}

	if in.Resume == nil {
		run.progress.Stage = "preflight"
		if err := preflight(ctx, QuoteSyncKind, &run.resume.Report); err != nil {
			return run.fail(ctx, err)
		}
	}

	pagesThisRun := 0
	for run.resume.Page > 0 {
		if pagesThisRun == quotePagesPerRun {
			next := in
			resume := run.resume
			next.Resume = &resume
			return report.SyncReport{}, workflow.NewContinueAsNewError(ctx, QuoteSync, next)
		}
		if err := run.syncPage(ctx); err != nil {
			return run.fail(ctx, err)
		}
		pagesThisRun++
	}
	return run.finish(ctx)
}

// quoteSyncRun is the state of one QuoteSync execution.
type quoteSyncRun struct {
	resume   QuoteSyncResume
	progress Progress
}

func startQuoteSync(ctx workflow.Context, in QuoteSyncInput) (*quoteSyncRun, error) {
	run := &quoteSyncRun{}
	if in.Resume != nil {
		run.resume = *in.Resume
	} else {
		window, err := syncWindow(ctx, "quote sync", in.Since, in.Until, in.LookbackHours, DefaultQuoteLookback)
		if err != nil {
			return nil, temporal.NewNonRetryableApplicationError(err.Error(), activities.ErrorTypeInvalid, nil)
		}
		info := workflow.GetInfo(ctx)
		// workflow.Now is the time recorded in history, so a replay
		// computes the same sps_last_synced.
		now := workflow.Now(ctx)
		run.resume = QuoteSyncResume{
			Window:   window,
			SyncedAt: now.UTC(),
			Page:     1,
			Report: report.SyncReport{
				Kind:       QuoteSyncKind,
				WorkflowID: info.WorkflowExecution.ID,
				RunID:      info.WorkflowExecution.RunID,
				Window:     &window,
				StartedAt:  now,
				Failures:   []report.RecordFailure{},
			},
		}
	}
	run.progress = Progress{Kind: QuoteSyncKind, Stage: "starting"}
	run.syncProgress()
	return run, nil
}

// syncPage runs one quote page and folds its outcome into the report.
func (r *quoteSyncRun) syncPage(ctx workflow.Context) error {
	r.progress.Stage = "syncing quotes"
	var quotes *activities.QuoteActivities
	var page activities.QuotePageResult
	err := workflow.ExecuteActivity(pageActivity(ctx), quotes.SyncQuotePage, activities.QuotePageInput{
		Window:   r.resume.Window,
		Page:     r.resume.Page,
		SyncedAt: r.resume.SyncedAt,
	}).Get(ctx, &page)
	if err != nil {
		return err
	}

	rep := &r.resume.Report
	rep.Created += page.Created
	rep.Updated += page.Updated
	rep.Skipped += page.Skipped + page.Unchanged
	rep.Failed += len(page.Failures)
	rep.AddFailures(page.Failures)
	rep.MergeSkipReasons(page.SkipReasons)
	if page.Unchanged > 0 {
		rep.MergeSkipReasons([]report.ReasonCount{{Reason: skipQuoteUnchanged, Count: page.Unchanged}})
	}
	rep.MergeObjects(page.Objects)
	rep.MergeStages(page.Stages)
	rep.MergeAPICalls(page.APICalls)

	r.resume.Pages++
	r.resume.Records += page.Quotes
	r.resume.Page = page.NextPage
	r.syncProgress()
	return nil
}

func (r *quoteSyncRun) syncProgress() {
	rep := r.resume.Report
	r.progress.Pages = r.resume.Pages
	r.progress.Records = r.resume.Records
	r.progress.Created = rep.Created
	r.progress.Updated = rep.Updated
	r.progress.Skipped = rep.Skipped
	r.progress.Failed = rep.Failed
}

// finish completes the report.
func (r *quoteSyncRun) finish(ctx workflow.Context) (report.SyncReport, error) {
	r.progress.Stage = "finished"
	return finishReport(ctx, r.resume.Report), nil
}

// fail ends the run with err and logs the report so far.
func (r *quoteSyncRun) fail(ctx workflow.Context, err error) (report.SyncReport, error) {
	r.progress.Stage = "failed"
	logFailure(ctx, r.resume.Report, r.resume.Pages, err)
	return report.SyncReport{}, err
}
