package workflows

import (
	"context"
	"errors"
	"fmt"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"github.com/stonecity/sync/report"
)

// StartOrderSync starts an order sync over an explicit window, or attaches
// to the run of that window that is already open: the workflow ID is
// derived from the window, so two triggers of one window share one run.
func StartOrderSync(ctx context.Context, c client.Client, in OrderSyncInput) (client.WorkflowRun, error) {
	if in.Since == nil || in.Until == nil {
		return nil, errors.New("order sync needs an explicit window to start from a client; scheduled runs derive theirs")
	}
	if !in.Since.Before(*in.Until) {
		return nil, fmt.Errorf("invalid window: since %s is not before until %s",
			in.Since.Format(time.RFC3339), in.Until.Format(time.RFC3339))
	}

	id := OrderSyncWorkflowID(report.Window{Since: *in.Since, Until: *in.Until})
	return c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID:                       id,
		TaskQueue:                TaskQueue,
		WorkflowIDReusePolicy:    enumspb.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE,
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
		TypedSearchAttributes:    temporal.NewSearchAttributes(syncKind.ValueSet(OrderSyncKind)),
	}, OrderSyncWorkflowName, in)
}

// WaitReport waits for a sync run and returns its report. A failed run
// yields a report with status "failed" and the error, so callers can print
// one report per run whatever happened. When ctx ends first, only the wait
// stopped, so it returns an error naming the run and no report.
func WaitReport(ctx context.Context, run client.WorkflowRun, kind string) (report.SyncReport, error) {
	var rep report.SyncReport
	err := run.Get(ctx, &rep)
	if err == nil {
		return rep, nil
	}
	if ctx.Err() != nil {
		return report.SyncReport{}, fmt.Errorf("stopped waiting for %s %s (run %s), which goes on running: "+
			"follow it in the Temporal Web UI: %w", kind, run.GetID(), run.GetRunID(), ctx.Err())
	}
	return report.SyncReport{
		Kind:       kind,
		WorkflowID: run.GetID(),
		RunID:      run.GetRunID(),
		Status:     report.StatusFailed,
		Failures:   []report.RecordFailure{},
		Error:      rootCause(err),
	}, nil
}

// rootCause returns the message of the activity or workflow error behind
// a workflow failure, without Temporal's wrapping.
func rootCause(err error) string {
	var appErr *temporal.ApplicationError
	if errors.As(err, &appErr) {
		return appErr.Message()
	}
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err.Error()
		}
		err = next
	}
}

// StartCustomerSync starts a customer sync now, or attaches to the one
// started in the same minute: the workflow ID is derived from the minute.
func StartCustomerSync(ctx context.Context, c client.Client, in CustomerSyncInput) (client.WorkflowRun, error) {
	return c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID:                       CustomerSyncWorkflowID(time.Now()),
		TaskQueue:                TaskQueue,
		WorkflowIDReusePolicy:    enumspb.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE,
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
		TypedSearchAttributes:    temporal.NewSearchAttributes(syncKind.ValueSet(CustomerSyncKind)),
	}, CustomerSyncWorkflowName, in)
}

// StartQuoteSync starts a quote sync over an explicit window, or attaches
// to the open run of that window.
func StartQuoteSync(ctx context.Context, c client.Client, in QuoteSyncInput) (client.WorkflowRun, error) {
	if in.Since == nil || in.Until == nil {
		return nil, errors.New("quote sync needs an explicit window to start from a client; scheduled runs derive theirs")
	}
	if !in.Since.Before(*in.Until) {
		return nil, fmt.Errorf("invalid window: since %s is not before until %s",
			in.Since.Format(time.RFC3339), in.Until.Format(time.RFC3339))
	}
	return c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID:                       QuoteSyncWorkflowID(report.Window{Since: *in.Since, Until: *in.Until}),
		TaskQueue:                TaskQueue,
		WorkflowIDReusePolicy:    enumspb.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE,
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
		TypedSearchAttributes:    temporal.NewSearchAttributes(syncKind.ValueSet(QuoteSyncKind)),
	}, QuoteSyncWorkflowName, in)
}

// StartRematchQuotes starts a quote rematch now, or attaches to the one
// started in the same minute.
func StartRematchQuotes(ctx context.Context, c client.Client) (client.WorkflowRun, error) {
	return c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID:                       RematchQuotesWorkflowID(time.Now()),
		TaskQueue:                TaskQueue,
		WorkflowIDReusePolicy:    enumspb.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE,
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
		TypedSearchAttributes:    temporal.NewSearchAttributes(syncKind.ValueSet(RematchQuotesKind)),
	}, RematchQuotesWorkflowName, RematchQuotesInput{})
}

// StartProductSync starts a product sync now, or attaches to the one
// started on the same UTC day while it is open: the workflow ID is derived
// from the day. The input is checked here, so an unknown sink fails before
// anything starts.
func StartProductSync(ctx context.Context, c client.Client, in ProductSyncInput) (client.WorkflowRun, error) {
	if _, err := in.SelectedSinks(); err != nil {
		return nil, err
	}
	return c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID:                       ProductSyncWorkflowID(time.Now()),
		TaskQueue:                TaskQueue,
		WorkflowIDReusePolicy:    enumspb.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE,
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
		TypedSearchAttributes:    temporal.NewSearchAttributes(syncKind.ValueSet(ProductSyncKind)),
	}, ProductSyncWorkflowName, in)
}
