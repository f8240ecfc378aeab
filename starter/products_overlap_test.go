package main

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	commonpb "go.temporal.io/api/common/v1"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	workflowpb "go.temporal.io/api/workflow/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/mocks"
	"google.golang.org/protobuf/types/known/timestamppb"
)

// openProductSync is a listed open execution started at 03:00 UTC plus
// offset on 2026-12-04.
func openProductSync(workflowID, runID string, offset time.Duration) *workflowpb.WorkflowExecutionInfo {
	return &workflowpb.WorkflowExecutionInfo{
		Execution: &commonpb.WorkflowExecution{WorkflowId: workflowID, RunId: runID},
		StartTime: timestamppb.New(time.Date(2026, 12, 4, 3, 0, 0, 0, time.UTC).Add(offset)),
	}
}

func TestRejectOtherProductSync(t *testing.T) {
	const dayID = "product-sync/2026-12-04"
	tests := []struct {
		name    string
		open    []*workflowpb.WorkflowExecutionInfo
		listErr error
		wantErr []string
	}{
		{name: "nothing open"},
		{name: "same day run attaches", open: []*workflowpb.WorkflowExecutionInfo{
			openProductSync(dayID, "run-day", 0)}},
		{name: "scheduled run open", open: []*workflowpb.WorkflowExecutionInfo{
			openProductSync(dayID, "run-day", time.Hour),
			openProductSync("product-sync-2026-12-04T03:00:00Z", "run-sched", 0)},
			wantErr: []string{"product sync product-sync-2026-12-04T03:00:00Z (run run-sched, started " +
				"2026-12-04T03:00:00Z) is still running", "run this command again"}},
		{name: "earliest of two named", open: []*workflowpb.WorkflowExecutionInfo{
			openProductSync("product-sync/2026-12-03", "run-late", time.Hour),
			openProductSync("product-sync-2026-12-04T03:00:00Z", "run-early", -time.Hour)},
			wantErr: []string{"run run-early"}},
		{name: "listing fails", listErr: serviceerror.NewUnavailable("frontend down"),
			wantErr: []string{"check for an open product sync", "frontend down"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := &mocks.Client{}
			var resp *workflowservice.ListWorkflowExecutionsResponse
			if tc.listErr == nil {
				resp = &workflowservice.ListWorkflowExecutionsResponse{Executions: tc.open}
			}
			c.On("ListWorkflow", mock.Anything, mock.MatchedBy(func(req *workflowservice.ListWorkflowExecutionsRequest) bool {
				return req.GetQuery() == "WorkflowType = 'ProductSync' AND ExecutionStatus = 'Running'"
			})).Return(resp, tc.listErr)
			c.On("DescribeWorkflowExecution", mock.Anything, mock.Anything, mock.Anything).Return(
				&workflowservice.DescribeWorkflowExecutionResponse{WorkflowExecutionInfo: &workflowpb.WorkflowExecutionInfo{
					Status: enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING}}, nil).Maybe()

			err := rejectOtherProductSync(context.Background(), c, dayID)

			c.AssertExpectations(t)
			if len(tc.wantErr) == 0 {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			for _, want := range tc.wantErr {
				assert.Contains(t, err.Error(), want)
			}
		})
	}
}
