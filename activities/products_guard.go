package activities

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/activity"
)

// WorkflowLister is the part of the Temporal client that lists workflow
// executions through visibility and describes one execution.
// client.Client implements it.
type WorkflowLister interface {
	ListWorkflow(ctx context.Context, request *workflowservice.ListWorkflowExecutionsRequest) (
		*workflowservice.ListWorkflowExecutionsResponse, error)
	DescribeWorkflowExecution(ctx context.Context, workflowID, runID string) (
		*workflowservice.DescribeWorkflowExecutionResponse, error)
}

// openRunsPageSize is the number of executions requested per visibility
// page. A few open runs is the normal case, so one page nearly always
// suffices.
const openRunsPageSize = 100

// maxOpenRunsPages bounds the visibility pages one listing reads, so a
// namespace full of stuck runs cannot keep the activity paging forever.
const maxOpenRunsPages = 10

// ProductGuardActivities lists open product sync runs, so a run can stop
// before writing while another one is open.
type ProductGuardActivities struct {
	// Lister lists workflow executions. Nil means the Temporal client of
	// the worker that runs the activity (activity.GetClient).
	Lister WorkflowLister
}

// OpenRunsInput selects the open runs of one workflow type other than the
// caller's own run.
type OpenRunsInput struct {
	// WorkflowType is the registered workflow name, such as "ProductSync".
	WorkflowType string `json:"workflowType"`
	// RunID is the caller's run, which the result leaves out.
	RunID string `json:"runId"`
}

// OpenRun is one open workflow execution as visibility lists it.
type OpenRun struct {
	WorkflowID string    `json:"workflowId"`
	RunID      string    `json:"runId"`
	StartTime  time.Time `json:"startTime"`
}

// OpenRunsResult is the open runs of the requested type, other than the
// caller's own, in the order visibility returned them.
type OpenRunsResult struct {
	Runs []OpenRun `json:"runs"`
}

// ListOpenRuns returns the open executions of in.WorkflowType other than
// the run in.RunID. It queries visibility with WorkflowType and
// ExecutionStatus='Running', reading up to maxOpenRunsPages pages, and
// describes each listed run to drop those that have just closed.
// Visibility is eventually consistent: a run started a moment ago may be
// missing from the result. A query the server rejects as invalid or
// denied is a final error; other failed listings are retryable.
func (a *ProductGuardActivities) ListOpenRuns(ctx context.Context, in OpenRunsInput) (OpenRunsResult, error) {
	if in.WorkflowType == "" || strings.ContainsAny(in.WorkflowType, `'"\`) {
		return OpenRunsResult{}, permanent(ErrorTypeInvalid, "open runs input: invalid workflow type %q",
			in.WorkflowType)
	}
	lister := a.Lister
	if lister == nil {
		lister = activity.GetClient(ctx)
	}
	runs, complete, err := OpenWorkflowRuns(ctx, lister, in)
	var invalid *serviceerror.InvalidArgument
	var denied *serviceerror.PermissionDenied
	switch {
	case errors.As(err, &invalid):
		// A rejected query fails the same way on every retry.
		return OpenRunsResult{}, permanent(ErrorTypeInvalid, "%v", err)
	case errors.As(err, &denied):
		return OpenRunsResult{}, permanent(ErrorTypeAuth, "%v", err)
	case err != nil:
		return OpenRunsResult{}, temporalError(err, false)
	}
	if !complete {
		activity.GetLogger(ctx).Warn("Open runs listing truncated", "workflowType", in.WorkflowType,
			"listed", len(runs))
	}
	return OpenRunsResult{Runs: runs}, nil
}

// OpenWorkflowRuns pages through the visibility listing of the open runs
// of in.WorkflowType, keeps those that a describe call still finds
// running, and drops the run in.RunID (none when it is empty).
// complete is false when more pages remain after maxOpenRunsPages. The
// starter uses it too, to reject a start before it is made.
func OpenWorkflowRuns(ctx context.Context, lister WorkflowLister, in OpenRunsInput) (
	runs []OpenRun, complete bool, err error) {
	query := fmt.Sprintf("WorkflowType = '%s' AND ExecutionStatus = 'Running'", in.WorkflowType)
	runs = []OpenRun{}
	var token []byte
	for page := 0; page < maxOpenRunsPages; page++ {
		resp, err := lister.ListWorkflow(ctx, &workflowservice.ListWorkflowExecutionsRequest{
			PageSize:      openRunsPageSize,
			NextPageToken: token,
			Query:         query,
		})
		if err != nil {
			return nil, false, fmt.Errorf("list open %s runs: %w", in.WorkflowType, err)
		}
		for _, e := range resp.GetExecutions() {
			run := OpenRun{
				WorkflowID: e.GetExecution().GetWorkflowId(),
				RunID:      e.GetExecution().GetRunId(),
				StartTime:  e.GetStartTime().AsTime().UTC(),
			}
			if run.RunID == in.RunID {
				continue
			}
			open, err := stillRunning(ctx, lister, run)
			if err != nil {
				return nil, false, err
			}
			if open {
				runs = append(runs, run)
			}
		}
		token = resp.GetNextPageToken()
		if len(token) == 0 {
			return runs, true, nil
		}
	}
	return runs, false, nil
}

// stillRunning describes run to read its current status, because
// visibility also lags a run's close. A run that has just completed can
// still be listed as running, and would stop a run started right after
// it. A run the server no longer has is not running.
func stillRunning(ctx context.Context, lister WorkflowLister, run OpenRun) (bool, error) {
	resp, err := lister.DescribeWorkflowExecution(ctx, run.WorkflowID, run.RunID)
	var notFound *serviceerror.NotFound
	if errors.As(err, &notFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("describe workflow %s (run %s): %w", run.WorkflowID, run.RunID, err)
	}
	return resp.GetWorkflowExecutionInfo().GetStatus() == enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING, nil
}
