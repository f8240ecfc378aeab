package activities

import (
	"context"
	"errors"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	commonpb "go.temporal.io/api/common/v1"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	workflowpb "go.temporal.io/api/workflow/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/temporal"
	"google.golang.org/protobuf/types/known/timestamppb"
)

// fakeLister serves pages of executions and records the requests. A
// describe call finds every run running unless closed or gone lists it.
type fakeLister struct {
	pages    [][]*workflowpb.WorkflowExecutionInfo
	err      error
	requests []*workflowservice.ListWorkflowExecutionsRequest
	// endless makes every page carry a next-page token.
	endless bool
	// closed and gone are run IDs that a describe call finds completed
	// or not found.
	closed, gone map[string]bool
	describeErr  error
	described    []string
}

func (f *fakeLister) DescribeWorkflowExecution(_ context.Context, workflowID, runID string) (
	*workflowservice.DescribeWorkflowExecutionResponse, error) {
	f.described = append(f.described, workflowID+"/"+runID)
	if f.describeErr != nil {
		return nil, f.describeErr
	}
	if f.gone[runID] {
		return nil, serviceerror.NewNotFound("workflow not found")
	}
	status := enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING
	if f.closed[runID] {
		status = enumspb.WORKFLOW_EXECUTION_STATUS_COMPLETED
	}
	return &workflowservice.DescribeWorkflowExecutionResponse{
		WorkflowExecutionInfo: &workflowpb.WorkflowExecutionInfo{Status: status},
	}, nil
}

func (f *fakeLister) ListWorkflow(_ context.Context, req *workflowservice.ListWorkflowExecutionsRequest) (
	*workflowservice.ListWorkflowExecutionsResponse, error) {
	f.requests = append(f.requests, req)
	if f.err != nil {
		return nil, f.err
	}
	page := len(f.requests) - 1
	resp := &workflowservice.ListWorkflowExecutionsResponse{}
	if page < len(f.pages) {
		resp.Executions = f.pages[page]
	}
	if f.endless || page+1 < len(f.pages) {
		resp.NextPageToken = []byte(fmt.Sprintf("page-%d", page+1))
	}
	return resp, nil
}

var guardStart = time.Date(2026, 12, 4, 3, 0, 0, 0, time.UTC)

func execution(workflowID, runID string, start time.Time) *workflowpb.WorkflowExecutionInfo {
	return &workflowpb.WorkflowExecutionInfo{
		Execution: &commonpb.WorkflowExecution{WorkflowId: workflowID, RunId: runID},
		StartTime: timestamppb.New(start),
	}
}

func TestProductGuardPagesWithoutSelf(t *testing.T) {
	lister := &fakeLister{pages: [][]*workflowpb.WorkflowExecutionInfo{
		{execution("product-sync-2026-12-04T03:00:00Z", "run-a", guardStart),
			execution("product-sync/2026-12-04", "run-self", guardStart.Add(time.Minute))},
		{execution("product-sync/2026-12-03", "run-b", guardStart.Add(-24*time.Hour))},
	}}

	runs, complete, err := OpenWorkflowRuns(context.Background(), lister,
		OpenRunsInput{WorkflowType: "ProductSync", RunID: "run-self"})

	require.NoError(t, err)
	assert.True(t, complete, "complete")
	assert.Equal(t, []OpenRun{
		{WorkflowID: "product-sync-2026-12-04T03:00:00Z", RunID: "run-a", StartTime: guardStart},
		{WorkflowID: "product-sync/2026-12-03", RunID: "run-b", StartTime: guardStart.Add(-24 * time.Hour)},
	}, runs)
	require.Len(t, lister.requests, 2, "pages read")
	assert.Equal(t, "WorkflowType = 'ProductSync' AND ExecutionStatus = 'Running'", lister.requests[0].GetQuery())
	assert.Empty(t, lister.requests[0].GetNextPageToken(), "first page token")
	assert.Equal(t, []byte("page-1"), lister.requests[1].GetNextPageToken(), "second page token")
	assert.EqualValues(t, openRunsPageSize, lister.requests[0].GetPageSize(), "page size")
	assert.NotContains(t, lister.described, "product-sync/2026-12-04/run-self", "the own run is not described")
}

func TestProductGuardDropsClosedRuns(t *testing.T) {
	lister := &fakeLister{
		pages: [][]*workflowpb.WorkflowExecutionInfo{{
			execution("product-sync/2026-12-02", "run-done", guardStart),
			execution("product-sync/2026-12-03", "run-gone", guardStart),
			execution("product-sync/2026-12-04", "run-open", guardStart),
		}},
		closed: map[string]bool{"run-done": true},
		gone:   map[string]bool{"run-gone": true},
	}

	runs, complete, err := OpenWorkflowRuns(context.Background(), lister,
		OpenRunsInput{WorkflowType: "ProductSync", RunID: "run-self"})

	require.NoError(t, err)
	assert.True(t, complete, "complete")
	assert.Equal(t, []OpenRun{{WorkflowID: "product-sync/2026-12-04", RunID: "run-open", StartTime: guardStart}}, runs)
	assert.Equal(t, []string{"product-sync/2026-12-02/run-done", "product-sync/2026-12-03/run-gone",
		"product-sync/2026-12-04/run-open"}, lister.described, "each listed run is described")
}

func TestProductGuardDescribeFails(t *testing.T) {
	lister := &fakeLister{
		pages:       [][]*workflowpb.WorkflowExecutionInfo{{execution("product-sync/2026-12-04", "run-open", guardStart)}},
		describeErr: serviceerror.NewUnavailable("frontend down"),
	}

	_, _, err := OpenWorkflowRuns(context.Background(), lister, OpenRunsInput{WorkflowType: "ProductSync"})

	require.Error(t, err)
	assert.Contains(t, err.Error(), "describe workflow product-sync/2026-12-04 (run run-open): frontend down")
}

func TestProductGuardStopsAtPageLimit(t *testing.T) {
	lister := &fakeLister{endless: true, pages: [][]*workflowpb.WorkflowExecutionInfo{
		{execution("product-sync/2026-12-03", "run-b", guardStart)},
	}}

	runs, complete, err := OpenWorkflowRuns(context.Background(), lister,
		OpenRunsInput{WorkflowType: "ProductSync", RunID: "run-self"})

	require.NoError(t, err)
	assert.False(t, complete, "complete")
	assert.Len(t, runs, 1, "runs")
	assert.Len(t, lister.requests, maxOpenRunsPages, "pages read")
}

func TestProductGuardActivity(t *testing.T) {
	tests := []struct {
		name          string
		lister        *fakeLister
		in            OpenRunsInput
		wantErr       string
		wantType      string
		wantRetryable bool
		wantRuns      []OpenRun
	}{
		{name: "other run listed",
			lister: &fakeLister{pages: [][]*workflowpb.WorkflowExecutionInfo{
				{execution("product-sync/2026-12-03", "run-b", guardStart)}}},
			in:       OpenRunsInput{WorkflowType: "ProductSync", RunID: "run-self"},
			wantRuns: []OpenRun{{WorkflowID: "product-sync/2026-12-03", RunID: "run-b", StartTime: guardStart}}},
		{name: "nothing open", lister: &fakeLister{},
			in: OpenRunsInput{WorkflowType: "ProductSync", RunID: "run-self"}, wantRuns: []OpenRun{}},
		{name: "missing workflow type", lister: &fakeLister{}, in: OpenRunsInput{RunID: "run-self"},
			wantErr: "invalid workflow type", wantType: ErrorTypeInvalid},
		{name: "quote in workflow type", lister: &fakeLister{}, in: OpenRunsInput{WorkflowType: "Product'Sync"},
			wantErr: "invalid workflow type", wantType: ErrorTypeInvalid},
		{name: "server unavailable", lister: &fakeLister{err: serviceerror.NewUnavailable("frontend down")},
			in:      OpenRunsInput{WorkflowType: "ProductSync"},
			wantErr: "list open ProductSync runs: frontend down", wantType: ErrorTypeTransient, wantRetryable: true},
		{name: "query rejected", lister: &fakeLister{err: serviceerror.NewInvalidArgument("unknown field")},
			in:      OpenRunsInput{WorkflowType: "ProductSync"},
			wantErr: "list open ProductSync runs: unknown field", wantType: ErrorTypeInvalid},
		{name: "permission denied", lister: &fakeLister{err: serviceerror.NewPermissionDenied("no access", "")},
			in:      OpenRunsInput{WorkflowType: "ProductSync"},
			wantErr: "list open ProductSync runs: no access", wantType: ErrorTypeAuth},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env := quietActivityEnv(io.Discard)
			acts := &ProductGuardActivities{Lister: tc.lister}
			env.RegisterActivity(acts)

			value, err := env.ExecuteActivity(acts.ListOpenRuns, tc.in)

			if tc.wantErr != "" {
				require.Error(t, err)
				var appErr *temporal.ApplicationError
				require.True(t, errors.As(err, &appErr), "application error: %v", err)
				assert.Contains(t, appErr.Error(), tc.wantErr)
				assert.Equal(t, tc.wantType, appErr.Type())
				assert.Equal(t, tc.wantRetryable, !appErr.NonRetryable(), "retryable")
				return
			}
			require.NoError(t, err)
			var res OpenRunsResult
			require.NoError(t, value.Get(&res))
			assert.Equal(t, tc.wantRuns, res.Runs)
		})
	}
}
