package workflows

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/stonecity/sync/activities"
)

// captureSave mocks SaveSyncedProducts and returns the inputs it got.
func captureSave(env *testsuite.TestWorkflowEnvironment, err error) *[]activities.SaveSyncedInput {
	var saved []activities.SaveSyncedInput
	env.OnActivity("SaveSyncedProducts", mock.Anything, mock.Anything).
		Run(func(args mock.Arguments) { saved = append(saved, args.Get(1).(activities.SaveSyncedInput)) }).
		Return(activities.SaveSyncedResult{Products: 1200}, err)
	return &saved
}

func TestProductSyncRecordReplacement(t *testing.T) {
	sinkError := temporal.NewNonRetryableApplicationError("rejected", activities.ErrorTypeAuth, nil)
	tests := []struct {
		name        string
		input       ProductSyncInput
		failingSink string
		wantReplace bool
	}{
		{"every sink succeeded", ProductSyncInput{}, "", true},
		{"HubSpot failed", ProductSyncInput{}, "SyncHubSpotProducts", false},
		{"Square failed", ProductSyncInput{}, "SyncSquareCatalog", false},
		{"mirror failed", ProductSyncInput{}, "SyncProductMirror", false},
		{"Square not selected", ProductSyncInput{Sinks: []string{"hubspot", "mirror"}}, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env := newProductSyncEnv(t)
			mockPull(env)
			for _, name := range []string{"SyncHubSpotProducts", "SyncSquareCatalog", "SyncProductMirror"} {
				if name == tc.failingSink {
					env.OnActivity(name, mock.Anything, mock.Anything).Return(activities.SinkResult{}, sinkError)
					continue
				}
				env.OnActivity(name, mock.Anything, mock.Anything).Return(sinkResult("", 0, 0, 0, 1100), nil)
			}
			saved := captureSave(env, nil)
			env.OnActivity("DeleteSnapshot", mock.Anything, testSnapshot).Return(nil).Once()

			env.ExecuteWorkflow(ProductSyncWorkflowName, tc.input)

			rep := productReport(t, env)
			require.Len(t, *saved, 1, "record saves")
			assert.Equal(t, testSnapshot, (*saved)[0].Snapshot, "snapshot of the record")
			assert.Equal(t, tc.wantReplace, (*saved)[0].Replace, "replace")
			assert.Empty(t, rep.Reviews, "reviews")
		})
	}
}

func TestProductSyncRecordSavedBeforeSnapshotDeleted(t *testing.T) {
	env := newProductSyncEnv(t)
	mockPull(env)
	for _, name := range []string{"SyncHubSpotProducts", "SyncSquareCatalog", "SyncProductMirror"} {
		env.OnActivity(name, mock.Anything, mock.Anything).Return(sinkResult("", 0, 0, 0, 1100), nil)
	}
	var order []string
	env.OnActivity("SaveSyncedProducts", mock.Anything, mock.Anything).
		Run(func(mock.Arguments) { order = append(order, "save") }).
		Return(activities.SaveSyncedResult{}, nil)
	env.OnActivity("DeleteSnapshot", mock.Anything, testSnapshot).
		Run(func(mock.Arguments) { order = append(order, "delete") }).
		Return(nil)

	env.ExecuteWorkflow(ProductSyncWorkflowName, ProductSyncInput{})

	productReport(t, env)
	assert.Equal(t, []string{"save", "delete"}, order)
}

func TestProductSyncRecordSaveFailureIsReviewed(t *testing.T) {
	env := newProductSyncEnv(t)
	mockPull(env)
	for _, name := range []string{"SyncHubSpotProducts", "SyncSquareCatalog", "SyncProductMirror"} {
		env.OnActivity(name, mock.Anything, mock.Anything).Return(sinkResult("", 0, 0, 0, 1100), nil)
	}
	captureSave(env, temporal.NewNonRetryableApplicationError("snapshot has no synced.json",
		activities.ErrorTypeNotFound, nil))
	env.OnActivity("DeleteSnapshot", mock.Anything, testSnapshot).Return(nil).Once()

	env.ExecuteWorkflow(ProductSyncWorkflowName, ProductSyncInput{})

	rep := productReport(t, env)
	require.Len(t, rep.Reviews, 1, "reviews")
	assert.Equal(t, activities.ProductSyncedRecordKey, rep.Reviews[0].SourceID)
	assert.Contains(t, rep.Reviews[0].Reason, "snapshot has no synced.json")
	env.AssertCalled(t, "DeleteSnapshot", mock.Anything, testSnapshot)
}

func TestProductSyncFailedPullSavesNoRecord(t *testing.T) {
	env := newProductSyncEnv(t)
	env.OnActivity("Preflight", mock.Anything, mock.Anything).Return(activities.PreflightResult{}, nil)
	env.OnActivity("PullProducts", mock.Anything, mock.Anything).Return(activities.PullProductsResult{},
		temporal.NewNonRetryableApplicationError("SPS unavailable", activities.ErrorTypeAuth, nil))
	saved := captureSave(env, nil)
	env.OnActivity("DeleteSnapshot", mock.Anything, mock.Anything).Return(nil)

	env.ExecuteWorkflow(ProductSyncWorkflowName, ProductSyncInput{})

	require.Error(t, env.GetWorkflowError())
	assert.Empty(t, *saved, "record saves")
}
