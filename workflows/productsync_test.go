package workflows

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"

	"github.com/stonecity/sync/activities"
	"github.com/stonecity/sync/apicalls"
	"github.com/stonecity/sync/report"
)

// testSnapshot is the snapshot the mocked pull returns.
var testSnapshot = activities.SnapshotRef{Prefix: "snapshots/p/run", Pages: 2, Products: 1200}

func newProductSyncEnv(t *testing.T) *testsuite.TestWorkflowEnvironment {
	t.Helper()
	var suite testsuite.WorkflowTestSuite
	env := suite.NewTestWorkflowEnvironment()
	env.RegisterWorkflowWithOptions(ProductSync, workflow.RegisterOptions{Name: ProductSyncWorkflowName})
	env.RegisterActivity(&activities.ProductActivities{})
	env.RegisterActivity(&activities.SchemaActivities{})
	mockNoOtherRun(env)
	return env
}

// mockPull makes preflight pass and the pull return testSnapshot with one
// invalid record and one duplicate skipped.
func mockPull(env *testsuite.TestWorkflowEnvironment) {
	env.OnActivity("Preflight", mock.Anything, activities.PreflightInput{SyncKind: ProductSyncKind}).
		Return(activities.PreflightResult{}, nil)
	env.OnActivity("PullProducts", mock.Anything, mock.Anything).Return(activities.PullProductsResult{
		Snapshot: testSnapshot, Read: 1202, Active: 1100, Inactive: 100,
		Failures:    []report.RecordFailure{{SourceID: "17", Reason: "sku: empty"}},
		SkipReasons: []report.ReasonCount{{Reason: "duplicate SKU of product 9", Count: 1}},
		APICalls:    []apicalls.Count{{Service: apicalls.SPS, Endpoint: "POST /v2/Products", Calls: 7}},
	}, nil)
}

// sinkResult is a successful sink outcome with the given counts.
func sinkResult(sink string, created, updated, deleted, unchanged int) activities.SinkResult {
	return activities.SinkResult{Sink: sink, Created: created, Updated: updated, Deleted: deleted,
		Unchanged: unchanged}
}

func productReport(t *testing.T, env *testsuite.TestWorkflowEnvironment) report.SyncReport {
	t.Helper()
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var rep report.SyncReport
	require.NoError(t, env.GetWorkflowResult(&rep))
	return rep
}

func TestProductSyncAllSinksSucceed(t *testing.T) {
	env := newProductSyncEnv(t)
	mockPull(env)
	env.OnActivity("SyncHubSpotProducts", mock.Anything, activities.SinkInput{
		Snapshot: testSnapshot, SyncKind: ProductSyncKind,
	}).Return(sinkResult("hubspot", 10, 2, 1, 1087), nil).Once()
	env.OnActivity("SyncSquareCatalog", mock.Anything, mock.Anything).
		Return(sinkResult("square", 20, 3, 0, 1077), nil).Once()
	env.OnActivity("SyncProductMirror", mock.Anything, mock.Anything).
		Return(sinkResult("mirror", 30, 4, 2, 1066), nil).Once()
	env.OnActivity("DeleteSnapshot", mock.Anything, testSnapshot).Return(nil).Once()

	env.ExecuteWorkflow(ProductSyncWorkflowName, ProductSyncInput{})

	rep := productReport(t, env)
	assert.Equal(t, ProductSyncKind, rep.Kind)
	assert.Equal(t, 60, rep.Created, "sum over sinks")
	assert.Equal(t, 9, rep.Updated, "sum over sinks")
	assert.Equal(t, 1, rep.Skipped, "the duplicate")
	assert.Equal(t, 1, rep.Failed, "the invalid record")
	assert.Equal(t, report.StatusFailedRecords, rep.Status)
	assert.Equal(t, []report.RecordFailure{{SourceID: "17", Reason: "sku: empty"}}, rep.Failures)
	assert.Equal(t, []report.SinkReport{
		{Sink: "hubspot", Status: report.StatusSucceeded, Created: 10, Updated: 2, Deleted: 1, Unchanged: 1087},
		{Sink: "square", Status: report.StatusSucceeded, Created: 20, Updated: 3, Unchanged: 1077},
		{Sink: "mirror", Status: report.StatusSucceeded, Created: 30, Updated: 4, Deleted: 2, Unchanged: 1066},
	}, rep.Sinks)
	assert.Equal(t, 7, apicalls.Total(rep.APICalls, apicalls.SPS))
	assert.Empty(t, rep.Reviews)
	env.AssertExpectations(t)
}

func TestProductSyncSnapshotPrefixFromRun(t *testing.T) {
	env := newProductSyncEnv(t)
	var pulled activities.PullProductsInput
	var deleted activities.SnapshotRef
	env.OnActivity("Preflight", mock.Anything, mock.Anything).Return(activities.PreflightResult{}, nil)
	env.OnActivity("PullProducts", mock.Anything, mock.Anything).
		Run(func(args mock.Arguments) { pulled = args.Get(1).(activities.PullProductsInput) }).
		Return(activities.PullProductsResult{},
			temporal.NewNonRetryableApplicationError("SPS unavailable", activities.ErrorTypeAuth, nil))
	env.OnActivity("DeleteSnapshot", mock.Anything, mock.Anything).
		Run(func(args mock.Arguments) { deleted = args.Get(1).(activities.SnapshotRef) }).
		Return(nil)

	env.ExecuteWorkflow(ProductSyncWorkflowName, ProductSyncInput{})

	require.Error(t, env.GetWorkflowError())
	assert.Equal(t, ProductSnapshotPrefix("default-test-workflow-id", "default-test-run-id"), pulled.SnapshotPrefix)
	assert.Equal(t, pulled.SnapshotPrefix, deleted.Prefix, "the partial snapshot is deleted")
}

func TestProductSyncFailedSinkLeavesOthersCounted(t *testing.T) {
	env := newProductSyncEnv(t)
	mockPull(env)
	env.OnActivity("SyncHubSpotProducts", mock.Anything, mock.Anything).
		Return(sinkResult("hubspot", 10, 0, 0, 0), nil).Once()
	env.OnActivity("SyncSquareCatalog", mock.Anything, mock.Anything).Return(activities.SinkResult{},
		temporal.NewNonRetryableApplicationError("Square catalog is not configured: set SQUARE_ACCESS_TOKEN",
			activities.ErrorTypeNotConfigured, nil)).Once()
	env.OnActivity("SyncProductMirror", mock.Anything, mock.Anything).
		Return(sinkResult("mirror", 30, 0, 0, 0), nil).Once()
	env.OnActivity("DeleteSnapshot", mock.Anything, testSnapshot).Return(nil).Once()

	env.ExecuteWorkflow(ProductSyncWorkflowName, ProductSyncInput{})

	rep := productReport(t, env)
	assert.Equal(t, report.StatusFailedRecords, rep.Status)
	assert.Equal(t, 40, rep.Created)
	require.Len(t, rep.Sinks, 3)
	assert.Equal(t, report.SinkReport{Sink: "hubspot", Status: report.StatusSucceeded, Created: 10}, rep.Sinks[0])
	assert.Equal(t, report.SinkReport{Sink: "square", Status: report.StatusFailed,
		Error: "Square catalog is not configured: set SQUARE_ACCESS_TOKEN"}, rep.Sinks[1])
	assert.Equal(t, report.SinkReport{Sink: "mirror", Status: report.StatusSucceeded, Created: 30}, rep.Sinks[2])
	env.AssertExpectations(t)
}

func TestProductSyncEverySinkFailedStillCompletes(t *testing.T) {
	env := newProductSyncEnv(t)
	mockPull(env)
	for _, name := range []string{"SyncHubSpotProducts", "SyncSquareCatalog", "SyncProductMirror"} {
		env.OnActivity(name, mock.Anything, mock.Anything).Return(activities.SinkResult{},
			temporal.NewNonRetryableApplicationError("rejected", activities.ErrorTypeAuth, nil)).Once()
	}
	env.OnActivity("DeleteSnapshot", mock.Anything, testSnapshot).Return(nil).Once()

	env.ExecuteWorkflow(ProductSyncWorkflowName, ProductSyncInput{})

	rep := productReport(t, env)
	assert.Equal(t, report.StatusFailedRecords, rep.Status)
	for _, s := range rep.Sinks {
		assert.Equal(t, report.StatusFailed, s.Status, s.Sink)
	}
	env.AssertExpectations(t)
}

func TestProductSyncSinkRecordFailures(t *testing.T) {
	env := newProductSyncEnv(t)
	mockPull(env)
	env.OnActivity("SyncHubSpotProducts", mock.Anything, mock.Anything).Return(activities.SinkResult{
		Sink: "hubspot", Created: 5,
		Failures: []report.RecordFailure{{SourceID: "42", Reason: "price_wholesale: invalid number"}},
		Objects:  []report.ObjectWrites{{Object: "products", Created: 5}},
	}, nil)
	env.OnActivity("SyncSquareCatalog", mock.Anything, mock.Anything).Return(sinkResult("square", 0, 0, 0, 6), nil)
	env.OnActivity("SyncProductMirror", mock.Anything, mock.Anything).Return(sinkResult("mirror", 0, 0, 0, 6), nil)
	env.OnActivity("DeleteSnapshot", mock.Anything, mock.Anything).Return(nil)

	env.ExecuteWorkflow(ProductSyncWorkflowName, ProductSyncInput{})

	rep := productReport(t, env)
	assert.Equal(t, 2, rep.Failed, "the pull's invalid record and HubSpot's rejected one")
	assert.Contains(t, rep.Failures, report.RecordFailure{SourceID: "42",
		Reason: "hubspot: price_wholesale: invalid number"})
	assert.Equal(t, report.StatusFailedRecords, rep.Sinks[0].Status)
	assert.Equal(t, 1, rep.Sinks[0].Failed)
	assert.Equal(t, []report.ObjectWrites{{Object: "products", Created: 5}}, rep.Objects)
}

func TestProductSyncPullFailureFailsRun(t *testing.T) {
	env := newProductSyncEnv(t)
	env.OnActivity("Preflight", mock.Anything, mock.Anything).Return(activities.PreflightResult{}, nil)
	env.OnActivity("PullProducts", mock.Anything, mock.Anything).Return(activities.PullProductsResult{},
		temporal.NewNonRetryableApplicationError("SPS rejected the credentials", activities.ErrorTypeAuth, nil))
	env.OnActivity("DeleteSnapshot", mock.Anything, mock.Anything).Return(nil).Once()

	env.ExecuteWorkflow(ProductSyncWorkflowName, ProductSyncInput{})

	require.True(t, env.IsWorkflowCompleted())
	err := env.GetWorkflowError()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "SPS rejected the credentials")
	env.AssertCalled(t, "DeleteSnapshot", mock.Anything, mock.Anything)
	env.AssertNotCalled(t, "SyncHubSpotProducts", mock.Anything, mock.Anything)
	env.AssertNotCalled(t, "SyncSquareCatalog", mock.Anything, mock.Anything)
	env.AssertNotCalled(t, "SyncProductMirror", mock.Anything, mock.Anything)
}

func TestProductSyncPreflightStopsHubSpotOnly(t *testing.T) {
	env := newProductSyncEnv(t)
	env.OnActivity("Preflight", mock.Anything, mock.Anything).Return(activities.PreflightResult{},
		temporal.NewNonRetryableApplicationError("products property sps_id is missing",
			activities.ErrorTypePreflight, nil))

	env.ExecuteWorkflow(ProductSyncWorkflowName, ProductSyncInput{Sinks: []string{ProductSinkHubSpot}})

	err := env.GetWorkflowError()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "sps_id is missing")
	env.AssertNotCalled(t, "PullProducts", mock.Anything, mock.Anything)
}

func TestProductSyncSnapshotDeleteFailureListedForReview(t *testing.T) {
	env := newProductSyncEnv(t)
	mockPull(env)
	for _, name := range []string{"SyncHubSpotProducts", "SyncSquareCatalog", "SyncProductMirror"} {
		env.OnActivity(name, mock.Anything, mock.Anything).Return(activities.SinkResult{}, nil)
	}
	env.OnActivity("DeleteSnapshot", mock.Anything, mock.Anything).Return(
		temporal.NewNonRetryableApplicationError("access denied", activities.ErrorTypeAuth, nil))

	env.ExecuteWorkflow(ProductSyncWorkflowName, ProductSyncInput{})

	rep := productReport(t, env)
	require.Len(t, rep.Reviews, 1)
	assert.Equal(t, testSnapshot.Prefix, rep.Reviews[0].SourceID)
	assert.Contains(t, rep.Reviews[0].Reason, "snapshot not deleted: access denied")
}

func TestProductSyncSubsetOfSinks(t *testing.T) {
	env := newProductSyncEnv(t)
	env.OnActivity("PullProducts", mock.Anything, mock.Anything).
		Return(activities.PullProductsResult{Snapshot: testSnapshot}, nil)
	env.OnActivity("SyncProductMirror", mock.Anything, mock.Anything).
		Return(sinkResult("mirror", 3, 0, 0, 0), nil).Once()
	env.OnActivity("DeleteSnapshot", mock.Anything, mock.Anything).Return(nil)

	env.ExecuteWorkflow(ProductSyncWorkflowName, ProductSyncInput{Sinks: []string{"mirror"}})

	rep := productReport(t, env)
	assert.Equal(t, []report.SinkReport{{Sink: "mirror", Status: report.StatusSucceeded, Created: 3}}, rep.Sinks)
	env.AssertNotCalled(t, "Preflight", mock.Anything, mock.Anything)
	env.AssertNotCalled(t, "SyncHubSpotProducts", mock.Anything, mock.Anything)
	env.AssertNotCalled(t, "SyncSquareCatalog", mock.Anything, mock.Anything)
}

func TestProductSyncUnknownSinkFails(t *testing.T) {
	env := newProductSyncEnv(t)

	env.ExecuteWorkflow(ProductSyncWorkflowName, ProductSyncInput{Sinks: []string{"mirror", "shopify"}})

	err := env.GetWorkflowError()
	require.Error(t, err)
	assert.Contains(t, err.Error(), `unknown sink "shopify"`)
	env.AssertNotCalled(t, "PullProducts", mock.Anything, mock.Anything)
}

func TestProductSyncProgressPerSink(t *testing.T) {
	env := newProductSyncEnv(t)
	mockPull(env)
	// HubSpot takes ten minutes of test time; the others finish at once.
	env.OnActivity("SyncHubSpotProducts", mock.Anything, mock.Anything).After(10*time.Minute).
		Return(sinkResult("hubspot", 1, 0, 0, 0), nil)
	env.OnActivity("SyncSquareCatalog", mock.Anything, mock.Anything).Return(sinkResult("square", 2, 0, 0, 0), nil)
	env.OnActivity("SyncProductMirror", mock.Anything, mock.Anything).Return(activities.SinkResult{},
		temporal.NewNonRetryableApplicationError("mirror is not configured", activities.ErrorTypeNotConfigured, nil))
	env.OnActivity("DeleteSnapshot", mock.Anything, mock.Anything).Return(nil)

	var during ProductSyncProgress
	var queryErr error
	env.RegisterDelayedCallback(func() {
		value, err := env.QueryWorkflow(ProgressQuery)
		if err == nil {
			err = value.Get(&during)
		}
		queryErr = err
	}, 5*time.Minute)

	env.ExecuteWorkflow(ProductSyncWorkflowName, ProductSyncInput{})

	productReport(t, env)
	require.NoError(t, queryErr)
	assert.Equal(t, ProductSyncKind, during.Kind)
	assert.Equal(t, "writing sinks", during.Stage)
	assert.Equal(t, 1202, during.Records)
	assert.Equal(t, 2, during.Created, "Square's count is in before HubSpot finishes")
	assert.Equal(t, []SinkProgress{
		{Sink: "hubspot", Stage: "running"},
		{Sink: "square", Stage: report.StatusSucceeded},
		{Sink: "mirror", Stage: report.StatusFailed},
	}, during.Sinks)

	after, err := env.QueryWorkflow(ProgressQuery)
	require.NoError(t, err)
	var final ProductSyncProgress
	require.NoError(t, after.Get(&final))
	assert.Equal(t, "finished", final.Stage)
	assert.Equal(t, 3, final.Created)
}

func TestProductSyncWorkflowID(t *testing.T) {
	tests := []struct {
		name string
		at   time.Time
		want string
	}{
		{name: "UTC", at: at("2026-12-04T03:00:00Z"), want: "product-sync/2026-12-04"},
		{name: "late evening west of UTC", at: time.Date(2026, 12, 4, 22, 0, 0, 0, time.FixedZone("CST", -6*3600)),
			want: "product-sync/2026-12-05"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, ProductSyncWorkflowID(tc.at))
		})
	}
}

func TestProductSyncSelectedSinks(t *testing.T) {
	tests := []struct {
		name  string
		sinks []string
		want  []string
	}{
		{name: "empty means all", sinks: nil, want: []string{"hubspot", "square", "mirror"}},
		{name: "report order", sinks: []string{"mirror", "hubspot"}, want: []string{"hubspot", "mirror"}},
		{name: "repeats once", sinks: []string{"square", "square"}, want: []string{"square"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ProductSyncInput{Sinks: tc.sinks}.SelectedSinks()

			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestProductSyncSelectedSinksRejectsUnknown(t *testing.T) {
	_, err := ProductSyncInput{Sinks: []string{"HubSpot"}}.SelectedSinks()

	require.Error(t, err)
	assert.Contains(t, err.Error(), `unknown sink "HubSpot"`)
}

func TestHubSpotProductStages(t *testing.T) {
	res := activities.SinkResult{Created: 150, Updated: 7, Deleted: 0, APICalls: []apicalls.Count{
		{Service: "hubspot", Endpoint: "POST /crm/v3/objects/products/batch/read", Calls: 4},
		{Service: "hubspot", Endpoint: "POST /crm/v3/objects/products/batch/upsert", Calls: 3},
		{Service: "hubspot", Endpoint: "GET /crm/v3/properties/products", Calls: 1},
	}}

	stages := hubSpotProductStages(320, res)

	assert.Equal(t, []report.StageCount{
		{Name: "products: read by sps_id", Records: 320, Calls: 4},
		{Name: "products: upsert", Records: 157, Calls: 3},
	}, stages)
}

func TestProductSyncHeldRemovalsListedForReview(t *testing.T) {
	env := newProductSyncEnv(t)
	env.OnActivity("PullProducts", mock.Anything, activities.PullProductsInput{
		SnapshotPrefix: ProductSnapshotPrefix("default-test-workflow-id", "default-test-run-id"), AllowMassRemoval: false,
	}).Return(activities.PullProductsResult{Snapshot: testSnapshot, RemovalsHeld: 612}, nil).Once()
	env.OnActivity("SyncProductMirror", mock.Anything, mock.Anything).
		Return(sinkResult("mirror", 0, 0, 0, 3), nil).Once()
	env.OnActivity("DeleteSnapshot", mock.Anything, mock.Anything).Return(nil)

	env.ExecuteWorkflow(ProductSyncWorkflowName, ProductSyncInput{Sinks: []string{"mirror"}})

	rep := productReport(t, env)
	require.Len(t, rep.Reviews, 1)
	assert.Equal(t, activities.ProductSyncedRecordKey, rep.Reviews[0].SourceID)
	assert.Contains(t, rep.Reviews[0].Reason, "612 products SPS no longer lists were not removed")
	assert.Contains(t, rep.Reviews[0].Reason, "--allow-mass-removal")
}

func TestProductSyncHeldRemovalsGiveThePullsReason(t *testing.T) {
	env := newProductSyncEnv(t)
	env.OnActivity("PullProducts", mock.Anything, mock.Anything).Return(activities.PullProductsResult{
		Snapshot: testSnapshot, RemovalsHeld: 2,
		RemovalsHeldReason: "SPS listed records whose id cannot be read (1)",
	}, nil).Once()
	env.OnActivity("SyncProductMirror", mock.Anything, mock.Anything).
		Return(sinkResult("mirror", 0, 0, 0, 3), nil).Once()
	env.OnActivity("DeleteSnapshot", mock.Anything, mock.Anything).Return(nil)

	env.ExecuteWorkflow(ProductSyncWorkflowName, ProductSyncInput{Sinks: []string{"mirror"}})

	rep := productReport(t, env)
	require.Len(t, rep.Reviews, 1)
	assert.Equal(t, "2 products SPS no longer lists were not removed from HubSpot and Square, because "+
		"SPS listed records whose id cannot be read (1)", rep.Reviews[0].Reason)
}

func TestProductSyncPassesAllowMassRemoval(t *testing.T) {
	env := newProductSyncEnv(t)
	env.OnActivity("PullProducts", mock.Anything, mock.MatchedBy(func(in activities.PullProductsInput) bool {
		return in.AllowMassRemoval
	})).Return(activities.PullProductsResult{Snapshot: testSnapshot, Removals: 612}, nil).Once()
	env.OnActivity("SyncProductMirror", mock.Anything, mock.Anything).
		Return(sinkResult("mirror", 0, 0, 612, 3), nil).Once()
	env.OnActivity("DeleteSnapshot", mock.Anything, mock.Anything).Return(nil)

	env.ExecuteWorkflow(ProductSyncWorkflowName, ProductSyncInput{Sinks: []string{"mirror"}, AllowMassRemoval: true})

	rep := productReport(t, env)
	assert.Empty(t, rep.Reviews)
	assert.Equal(t, 612, rep.Sinks[0].Deleted)
}
