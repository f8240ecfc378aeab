package workflows

import (
	"fmt"
	"sort"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/stonecity/sync/activities"
	"github.com/stonecity/sync/report"
)

// Skip reasons of customer sync.
const (
	skipRetail    = "retail customer (b2b-only mode)"
	skipUnchanged = "company already up to date"
)

// CustomerSync copies active SPS B2B customers into HubSpot companies and
// stamps their SPS metadata on the companies' contacts.
//
// Steps: check the HubSpot schema; probe the active customers once to
// discover the sales reps; read each rep's customers in a child workflow,
// at most RepConcurrency at once, plus a sweep child for customers no rep
// filter reaches; merge by SPS customer id, so a customer seen twice is
// synced once; match each b2b customer to a company (by sps_customer_id,
// then unambiguous normalised name, then e-mail domain) in batches of 100;
// give each pre-existing company to one customer only; write the batches.
func CustomerSync(ctx workflow.Context, in CustomerSyncInput) (report.SyncReport, error) {
	if in.Mode != "" && in.Mode != CustomerModeB2B {
		// NOTE: b2b-only is the one mode built; retail buyers reach HubSpot
		// through order sync.
		return report.SyncReport{}, temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("customer sync mode %q is not supported: use %q", in.Mode, CustomerModeB2B),
			activities.ErrorTypeInvalid, nil)
	}
	run := newCustomerSyncRun(ctx, in)
	if err := workflow.SetQueryHandler(ctx, ProgressQuery, func() (Progress, error) {
		return run.progress, nil
	}); err != nil {
		return report.SyncReport{}, err
	}

	records, err := run.collect(ctx)
	if err != nil {
		return run.fail(ctx, err)
	}
	b2b := run.classify(records)
	companyIDs, err := run.match(ctx, b2b)
	if err != nil {
		return run.fail(ctx, err)
	}
	if err := run.write(ctx, b2b, companyIDs); err != nil {
		return run.fail(ctx, err)
	}

	run.progress.Stage = "finished"
	return finishReport(ctx, run.report), nil
}

// customerSyncRun is the state of one CustomerSync execution.
type customerSyncRun struct {
	in       CustomerSyncInput
	syncedAt time.Time
	report   report.SyncReport
	progress Progress
}

func newCustomerSyncRun(ctx workflow.Context, in CustomerSyncInput) *customerSyncRun {
	syncedAt := workflow.Now(ctx)
	if nominal, ok := workflow.GetTypedSearchAttributes(ctx).GetTime(scheduledStartTime); ok {
		syncedAt = nominal
	}
	if in.RepConcurrency <= 0 {
		in.RepConcurrency = DefaultRepConcurrency
	}
	info := workflow.GetInfo(ctx)
	return &customerSyncRun{
		in:       in,
		syncedAt: syncedAt.UTC(),
		report: report.SyncReport{
			Kind:       CustomerSyncKind,
			WorkflowID: info.WorkflowExecution.ID,
			RunID:      info.WorkflowExecution.RunID,
			StartedAt:  workflow.Now(ctx),
			Failures:   []report.RecordFailure{},
		},
		progress: Progress{Kind: CustomerSyncKind, Stage: "starting"},
	}
}

// collect runs the preflight, the rep discovery and the per-rep children,
// and returns every active customer once, sorted by id.
func (r *customerSyncRun) collect(ctx workflow.Context) ([]activities.CustomerRecord, error) {
	r.progress.Stage = "preflight"
	if err := preflight(ctx, CustomerSyncKind, &r.report); err != nil {
		return nil, err
	}

	r.progress.Stage = "discovering sales reps"
	var customers *activities.CustomerActivities
	var discovered activities.DiscoverRepsResult
	if err := workflow.ExecuteActivity(shortActivity(ctx), customers.DiscoverSalesReps).Get(ctx, &discovered); err != nil {
		return nil, err
	}
	r.report.MergeAPICalls(discovered.APICalls)

	r.progress.Stage = "reading customers by sales rep"
	results, err := r.fanOut(ctx, discovered.Reps)
	if err != nil {
		return nil, err
	}
	return mergeCustomers(results), nil
}

// fanOut runs one child per rep and the sweep child, at most
// RepConcurrency at once, and returns their results in rep order.
func (r *customerSyncRun) fanOut(ctx workflow.Context, reps []activities.RepGroup) ([]CustomerSyncRepResult, error) {
	var covered []string
	inputs := make([]CustomerSyncRepInput, 0, len(reps)+1)
	for _, rep := range reps {
		covered = append(covered, rep.Names...)
		inputs = append(inputs, CustomerSyncRepInput{RepKey: rep.Key, Names: rep.Names, SyncedAt: r.syncedAt})
	}
	inputs = append(inputs, CustomerSyncRepInput{Sweep: true, CoveredNames: covered, SyncedAt: r.syncedAt})

	parentID := workflow.GetInfo(ctx).WorkflowExecution.ID
	results := make([]CustomerSyncRepResult, len(inputs))
	var firstErr error
	selector := workflow.NewSelector(ctx)
	running := 0
	for i, in := range inputs {
		if running == r.in.RepConcurrency {
			selector.Select(ctx)
			running--
		}
		childCtx := workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{
			WorkflowID: CustomerSyncRepWorkflowID(parentID, in.RepKey),
		})
		future := workflow.ExecuteChildWorkflow(childCtx, CustomerSyncRepWorkflowName, in)
		selector.AddFuture(future, func(f workflow.Future) {
			if err := f.Get(ctx, &results[i]); err != nil && firstErr == nil {
				firstErr = fmt.Errorf("sales rep %q: %w", in.RepKey, err)
			}
			r.progress.Pages += results[i].Pages
		})
		running++
	}
	for ; running > 0; running-- {
		selector.Select(ctx)
	}
	if firstErr != nil {
		return nil, firstErr
	}
	for _, res := range results {
		r.report.MergeAPICalls(res.APICalls)
	}
	return results, nil
}

// mergeCustomers merges the children's records by customer id, sorted.
func mergeCustomers(results []CustomerSyncRepResult) []activities.CustomerRecord {
	var all []activities.CustomerRecord
	for _, res := range results {
		all = append(all, res.Records...)
	}
	return uniqueByID(all)
}

// uniqueByID sorts records by customer id and keeps one record per id,
// the last one given. Records with id 0, unreadable ones whose id cannot
// be read, are kept once per content. It iterates a sorted slice, not a
// map, so its result cannot depend on map order and replays identically.
func uniqueByID(records []activities.CustomerRecord) []activities.CustomerRecord {
	sorted := append([]activities.CustomerRecord(nil), records...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	out := sorted[:0]
	contents := map[string]bool{}
	for i, rec := range sorted {
		if rec.ID == 0 {
			if !contents[rec.Content] {
				contents[rec.Content] = true
				out = append(out, rec)
			}
			continue
		}
		if i+1 < len(sorted) && sorted[i+1].ID == rec.ID {
			continue // a later record of the same customer wins
		}
		out = append(out, rec)
	}
	return out
}

// classify counts retail and skipped customers and returns the b2b ones.
func (r *customerSyncRun) classify(records []activities.CustomerRecord) []activities.CustomerRecord {
	r.progress.Records = len(records)
	var b2b []activities.CustomerRecord
	for _, rec := range records {
		reason := skipRetail
		switch rec.Class {
		case "b2b":
			b2b = append(b2b, rec)
			continue
		case activities.ClassUnreadable:
			r.report.Failed++
			r.report.AddFailures([]report.RecordFailure{{SourceID: rec.SourceID, Reason: rec.Reason}})
			continue
		case "retail":
		default:
			reason = "skipped: " + rec.Reason
		}
		r.report.Skipped++
		r.report.MergeSkipReasons([]report.ReasonCount{{Reason: reason, Count: 1}})
	}
	return b2b
}

// match finds each b2b customer's company in batches, then gives each
// pre-existing company (matched by name or domain) to the customer with
// the lowest SPS id; the others get new companies.
func (r *customerSyncRun) match(ctx workflow.Context, b2b []activities.CustomerRecord) ([]string, error) {
	r.progress.Stage = "matching companies"
	indexKey := workflow.GetInfo(ctx).WorkflowExecution.RunID
	companyIDs := make([]string, len(b2b))
	claimed := map[string]int64{}

	for start := 0; start < len(b2b); start += customerBatchSize {
		batch := b2b[start:min(start+customerBatchSize, len(b2b))]
		var customers *activities.CustomerActivities
		var res activities.MatchResult
		err := workflow.ExecuteActivity(shortActivity(ctx), customers.MatchCustomers,
			activities.MatchInput{IndexKey: indexKey, Customers: batch}).Get(ctx, &res)
		if err != nil {
			return nil, err
		}
		r.report.MergeStages(res.Stages)
		r.report.MergeAPICalls(res.APICalls)

		for i, m := range res.Matches {
			companyIDs[start+i] = r.claim(m, claimed)
		}
	}
	return companyIDs, nil
}

// claim returns the company a customer writes to, or "" to create one.
// Customers arrive in ascending id order, so the lowest id wins a
// pre-existing company; a company already stamped with the customer's
// sps_customer_id always belongs to it.
func (r *customerSyncRun) claim(m activities.CompanyMatch, claimed map[string]int64) string {
	if len(m.Ambiguous) > 0 {
		r.report.AddReview(report.RecordFailure{
			SourceID: fmt.Sprint(m.ID),
			Reason: fmt.Sprintf("name or domain matches HubSpot companies %v; created a new company: "+
				"merge it with the right one in HubSpot", m.Ambiguous),
		})
		return ""
	}
	if m.CompanyID == "" {
		return ""
	}
	if m.By == "sps_customer_id" {
		return m.CompanyID
	}
	if owner, taken := claimed[m.CompanyID]; taken && owner != m.ID {
		return ""
	}
	claimed[m.CompanyID] = m.ID
	return m.CompanyID
}

// write creates or updates the companies and their contacts, in batches.
func (r *customerSyncRun) write(ctx workflow.Context, b2b []activities.CustomerRecord, companyIDs []string) error {
	r.progress.Stage = "writing companies"
	for start := 0; start < len(b2b); start += customerBatchSize {
		end := min(start+customerBatchSize, len(b2b))
		var customers *activities.CustomerActivities
		var res activities.CustomerWriteResult
		err := workflow.ExecuteActivity(pageActivity(ctx), customers.SyncCustomerBatch, activities.CustomerWriteInput{
			Customers:  b2b[start:end],
			CompanyIDs: companyIDs[start:end],
		}).Get(ctx, &res)
		if err != nil {
			return err
		}

		rep := &r.report
		rep.Created += res.Created
		rep.Updated += res.Updated
		rep.Skipped += res.Unchanged
		rep.Failed += len(res.Failures)
		if res.Unchanged > 0 {
			rep.MergeSkipReasons([]report.ReasonCount{{Reason: skipUnchanged, Count: res.Unchanged}})
		}
		rep.AddFailures(res.Failures)
		rep.MergeObjects(res.Objects)
		rep.MergeStages(res.Stages)
		rep.MergeAPICalls(res.APICalls)
		r.progress.Created, r.progress.Updated = rep.Created, rep.Updated
		r.progress.Skipped, r.progress.Failed = rep.Skipped, rep.Failed
	}
	return nil
}

func (r *customerSyncRun) fail(ctx workflow.Context, err error) (report.SyncReport, error) {
	r.progress.Stage = "failed"
	logFailure(ctx, r.report, r.progress.Pages, err)
	return report.SyncReport{}, err
}
