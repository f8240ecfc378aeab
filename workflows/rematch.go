package workflows

import (
	"time"

	"go.temporal.io/sdk/workflow"

	"github.com/stonecity/sync/activities"
	"github.com/stonecity/sync/report"
)

// Quote rematch names.
const (
	RematchQuotesKind         = "quote-rematch"
	RematchQuotesWorkflowName = "RematchQuotes"
	// skipAlreadyLinked counts quote deals the rematch left alone.
	skipAlreadyLinked = "deal has a company, or its company does not exist yet"
)

// RematchQuotesWorkflowID returns the workflow ID of a rematch started at
// t, to the minute.
func RematchQuotesWorkflowID(t time.Time) string {
	return RematchQuotesKind + "/" + t.UTC().Format(windowIDLayout)
}

// RematchQuotesInput is the input of RematchQuotes; it has no fields yet
// and exists so fields can be added without breaking histories.
type RematchQuotesInput struct{}

// RematchQuotes links quote deals that have no company to the company that
// now carries their customer's sps_customer_id. Quote sync creates a deal
// without a company when the customer became B2B after the quote. This
// run repairs those links and is safe to repeat. The report counts linked
// deals as updated.
func RematchQuotes(ctx workflow.Context, _ RematchQuotesInput) (report.SyncReport, error) {
	info := workflow.GetInfo(ctx)
	rep := report.SyncReport{
		Kind:       RematchQuotesKind,
		WorkflowID: info.WorkflowExecution.ID,
		RunID:      info.WorkflowExecution.RunID,
		StartedAt:  workflow.Now(ctx),
		Failures:   []report.RecordFailure{},
	}
	if err := preflight(ctx, QuoteSyncKind, &rep); err != nil {
		logFailure(ctx, rep, 0, err)
		return report.SyncReport{}, err
	}

	var quotes *activities.QuoteActivities
	var res activities.RematchResult
	if err := workflow.ExecuteActivity(pageActivity(ctx), quotes.RematchQuotes).Get(ctx, &res); err != nil {
		logFailure(ctx, rep, 0, err)
		return report.SyncReport{}, err
	}
	rep.Updated = res.Linked
	rep.Skipped = res.Deals - res.Linked
	if rep.Skipped > 0 {
		rep.MergeSkipReasons([]report.ReasonCount{{Reason: skipAlreadyLinked, Count: rep.Skipped}})
	}
	if res.Linked > 0 {
		rep.MergeObjects([]report.ObjectWrites{{Object: "deal associations", Created: res.Linked}})
	}
	rep.MergeStages(res.Stages)
	rep.MergeAPICalls(res.APICalls)
	return finishReport(ctx, rep), nil
}
