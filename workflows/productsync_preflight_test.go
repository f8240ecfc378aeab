package workflows

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"

	"github.com/stonecity/sync/activities"
	"github.com/stonecity/sync/report"
)

func TestProductSyncPreflightFailureFailsOnlyHubSpot(t *testing.T) {
	env := newProductSyncEnv(t)
	env.OnActivity("Preflight", mock.Anything, mock.Anything).Return(activities.PreflightResult{},
		temporal.NewNonRetryableApplicationError("products property sps_id is missing",
			activities.ErrorTypePreflight, nil))
	env.OnActivity("PullProducts", mock.Anything, mock.Anything).Return(activities.PullProductsResult{
		Snapshot: testSnapshot, Read: 1200, Active: 1200}, nil).Once()
	env.OnActivity("SyncSquareCatalog", mock.Anything, mock.Anything).
		Return(sinkResult("square", 20, 0, 0, 0), nil).Once()
	env.OnActivity("SyncProductMirror", mock.Anything, mock.Anything).
		Return(sinkResult("mirror", 30, 0, 0, 0), nil).Once()
	env.OnActivity("DeleteSnapshot", mock.Anything, testSnapshot).Return(nil).Once()

	env.ExecuteWorkflow(ProductSyncWorkflowName, ProductSyncInput{})

	rep := productReport(t, env)
	assert.Equal(t, report.StatusFailedRecords, rep.Status)
	assert.Equal(t, 50, rep.Created)
	require.Len(t, rep.Sinks, 3)
	assert.Equal(t, "hubspot", rep.Sinks[0].Sink)
	assert.Equal(t, report.StatusFailed, rep.Sinks[0].Status)
	assert.Contains(t, rep.Sinks[0].Error, "sps_id is missing")
	assert.Equal(t, report.SinkReport{Sink: "square", Status: report.StatusSucceeded, Created: 20}, rep.Sinks[1])
	assert.Equal(t, report.SinkReport{Sink: "mirror", Status: report.StatusSucceeded, Created: 30}, rep.Sinks[2])
	env.AssertNotCalled(t, "SyncHubSpotProducts", mock.Anything, mock.Anything)
	env.AssertExpectations(t)
}

func TestProductSyncCountsUnlistedFailures(t *testing.T) {
	env := newProductSyncEnv(t)
	env.OnActivity("Preflight", mock.Anything, mock.Anything).Return(activities.PreflightResult{}, nil)
	env.OnActivity("PullProducts", mock.Anything, mock.Anything).Return(activities.PullProductsResult{
		Snapshot: testSnapshot, Read: 1200, Active: 900,
		Failures:          []report.RecordFailure{{SourceID: "17", Reason: "invalid sku: is empty"}},
		FailuresNotListed: 299,
	}, nil).Once()
	env.OnActivity("SyncHubSpotProducts", mock.Anything, mock.Anything).
		Return(sinkResult("hubspot", 900, 0, 0, 0), nil).Once()
	env.OnActivity("SyncSquareCatalog", mock.Anything, mock.Anything).Return(activities.SinkResult{
		Sink: "square", Failures: []report.RecordFailure{{SourceID: "18", Reason: "rejected"}},
		FailuresNotListed: 899,
	}, nil).Once()
	env.OnActivity("SyncProductMirror", mock.Anything, mock.Anything).
		Return(sinkResult("mirror", 900, 0, 0, 0), nil).Once()
	env.OnActivity("DeleteSnapshot", mock.Anything, testSnapshot).Return(nil).Once()

	env.ExecuteWorkflow(ProductSyncWorkflowName, ProductSyncInput{})

	rep := productReport(t, env)
	assert.Equal(t, report.StatusFailedRecords, rep.Status)
	assert.Equal(t, 1200, rep.Failed, "failed")
	assert.Len(t, rep.Failures, 2, "listed failures")
	assert.Equal(t, 1198, rep.FailuresNotListed, "failures not listed")
	require.Len(t, rep.Sinks, 3)
	assert.Equal(t, 900, rep.Sinks[1].Failed, "square failed")
	assert.Equal(t, report.StatusFailedRecords, rep.Sinks[1].Status, "square status")
}
