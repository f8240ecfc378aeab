package workflows

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/mocks"
	"go.temporal.io/sdk/temporal"

	"github.com/stonecity/sync/report"
)

func newMockRun(t *testing.T, getErr error) *mocks.WorkflowRun {
	run := mocks.NewWorkflowRun(t)
	run.On("GetID").Return("product-sync-2026-12-04").Maybe()
	run.On("GetRunID").Return("run-1").Maybe()
	run.On("Get", mock.Anything, mock.Anything).Return(getErr)
	return run
}

func TestWaitReportFailedRun(t *testing.T) {
	run := newMockRun(t, temporal.NewApplicationError("SPS login failed", "Auth"))

	rep, err := WaitReport(context.Background(), run, ProductSyncKind)

	require.NoError(t, err)
	assert.Equal(t, report.StatusFailed, rep.Status)
	assert.Equal(t, "SPS login failed", rep.Error)
	assert.Equal(t, "product-sync-2026-12-04", rep.WorkflowID)
}

func TestWaitReportStoppedWait(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	run := newMockRun(t, context.Canceled)

	rep, err := WaitReport(ctx, run, ProductSyncKind)

	require.Error(t, err)
	assert.True(t, errors.Is(err, context.Canceled), "wraps the context error")
	assert.Contains(t, err.Error(), "stopped waiting for product-sync product-sync-2026-12-04 (run run-1)")
	assert.Empty(t, rep.Status, "no report is made up")
}
