package main

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/mocks"

	"github.com/stonecity/sync/workflows"
)

// startedRun is a client.WorkflowRun of a given id and run id.
type startedRun struct {
	mocks.WorkflowRun
	id, runID string
}

func (r *startedRun) GetID() string    { return r.id }
func (r *startedRun) GetRunID() string { return r.runID }

// clientWithStartedInput returns a client whose history of workflow
// "product-sync/2026-12-04" starts with input.
func clientWithStartedInput(t *testing.T, input workflows.ProductSyncInput) *mocks.Client {
	t.Helper()
	payloads, err := converter.GetDefaultDataConverter().ToPayloads(input)
	require.NoError(t, err)
	events := &mocks.HistoryEventIterator{}
	events.On("HasNext").Return(true)
	events.On("Next").Return(&historypb.HistoryEvent{
		EventType: enumspb.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
		Attributes: &historypb.HistoryEvent_WorkflowExecutionStartedEventAttributes{
			WorkflowExecutionStartedEventAttributes: &historypb.WorkflowExecutionStartedEventAttributes{Input: payloads},
		},
	}, nil)
	c := &mocks.Client{}
	c.On("GetWorkflowHistory", mock.Anything, "product-sync/2026-12-04", "run-1", false,
		enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT).Return(events)
	return c
}

func TestCheckAttachedSinks(t *testing.T) {
	tests := []struct {
		name    string
		running []string
		want    []string
		wantErr string
	}{
		{name: "same sinks", running: []string{"mirror"}, want: []string{"mirror"}},
		{name: "running run writes every sink", running: nil, want: []string{"square"}},
		{name: "running run leaves out a sink", running: []string{"hubspot"}, want: []string{"mirror"},
			wantErr: "already running with sinks hubspot, so it does not write mirror"},
		{name: "all sinks wanted", running: []string{"hubspot", "square"}, want: nil,
			wantErr: "already running with sinks hubspot, square, so it does not write mirror"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := clientWithStartedInput(t, workflows.ProductSyncInput{Sinks: tc.running})
			run := &startedRun{id: "product-sync/2026-12-04", runID: "run-1"}

			err := checkAttachedSinks(context.Background(), c, run, workflows.ProductSyncInput{Sinks: tc.want})

			if tc.wantErr == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantErr)
			assert.Contains(t, err.Error(), "product-sync/2026-12-04", "names the workflow")
		})
	}
}
