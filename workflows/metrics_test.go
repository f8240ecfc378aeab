package workflows

import (
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"

	"github.com/stonecity/sync/activities"
	"github.com/stonecity/sync/apicalls"
	"github.com/stonecity/sync/metrics"
	"github.com/stonecity/sync/report"
)

// newMeteredOrderSyncEnv returns an order sync test environment whose
// metrics land in h.
func newMeteredOrderSyncEnv(t *testing.T, h *metrics.Handler) *testsuite.TestWorkflowEnvironment {
	t.Helper()
	var suite testsuite.WorkflowTestSuite
	suite.SetMetricsHandler(h)
	env := suite.NewTestWorkflowEnvironment()
	env.RegisterWorkflowWithOptions(OrderSync, workflow.RegisterOptions{Name: OrderSyncWorkflowName})
	env.RegisterActivity(&activities.OrderActivities{})
	env.RegisterActivity(&activities.SchemaActivities{})
	return env
}

// series returns the value of the series of name with exactly labels:
// a counter's or gauge's value, or a histogram's sample count. ok is
// false when there is no such series.
func series(t *testing.T, h *metrics.Handler, name string, labels map[string]string) (float64, bool) {
	t.Helper()
	families, err := h.Registry().Gather()
	require.NoError(t, err)
	for _, f := range families {
		if f.GetName() != name {
			continue
		}
		for _, m := range f.GetMetric() {
			if !sameLabels(m.GetLabel(), labels) {
				continue
			}
			switch f.GetType() {
			case dto.MetricType_COUNTER:
				return m.GetCounter().GetValue(), true
			case dto.MetricType_GAUGE:
				return m.GetGauge().GetValue(), true
			case dto.MetricType_HISTOGRAM:
				return float64(m.GetHistogram().GetSampleCount()), true
			}
		}
	}
	return 0, false
}

func sameLabels(pairs []*dto.LabelPair, want map[string]string) bool {
	if len(pairs) != len(want) {
		return false
	}
	for _, p := range pairs {
		if v, ok := want[p.GetName()]; !ok || v != p.GetValue() {
			return false
		}
	}
	return true
}

func TestOrderSyncRecordsRunMetrics(t *testing.T) {
	tests := []struct {
		name        string
		page        activities.OrderPageResult
		pageErr     error
		wantStatus  string
		wantCreated float64
		wantFailed  float64
		wantSuccess bool
	}{
		{
			name: "succeeded", page: pageResult(90, 10, ""),
			wantStatus: metrics.StatusSucceeded, wantCreated: 90, wantSuccess: true,
		},
		{
			name: "completed with failures",
			page: func() activities.OrderPageResult {
				p := pageResult(5, 0, "")
				p.Failed = 3
				p.Failures = []report.RecordFailure{{SourceID: "o1", Reason: "invalid"}}
				return p
			}(),
			wantStatus: metrics.StatusCompletedWithFailure, wantCreated: 5, wantFailed: 3,
		},
		{
			name:       "failed",
			pageErr:    temporal.NewNonRetryableApplicationError("HubSpot rejected the token", "Unauthorized", nil),
			wantStatus: metrics.StatusFailed,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h, err := metrics.New(metrics.Options{})
			require.NoError(t, err)
			env := newMeteredOrderSyncEnv(t, h)
			since, until := at("2026-11-01T00:00:00Z"), at("2026-12-01T00:00:00Z")
			env.OnActivity("Preflight", mock.Anything, mock.Anything).Return(activities.PreflightResult{
				APICalls: []apicalls.Count{{Service: apicalls.HubSpot, Endpoint: "GET /crm/v3/properties/deals", Calls: 1}},
			}, nil)
			env.OnActivity("ListOrderLocations", mock.Anything).
				Return(activities.LocationsResult{LocationIDs: []string{"L1"}}, nil)
			env.OnActivity("SyncOrderPage", mock.Anything, mock.Anything).Return(tc.page, tc.pageErr)

			env.ExecuteWorkflow(OrderSyncWorkflowName, OrderSyncInput{Since: &since, Until: &until})

			require.True(t, env.IsWorkflowCompleted())
			sync := map[string]string{metrics.LabelSync: OrderSyncKind}
			runs, ok := series(t, h, metrics.RunsTotal,
				map[string]string{metrics.LabelSync: OrderSyncKind, metrics.LabelStatus: tc.wantStatus})
			require.True(t, ok, "runs_total with status %s", tc.wantStatus)
			assert.InDelta(t, 1, runs, 0)
			created, ok := series(t, h, metrics.RecordsTotal,
				map[string]string{metrics.LabelSync: OrderSyncKind, metrics.LabelOutcome: metrics.OutcomeCreated})
			require.True(t, ok)
			assert.InDelta(t, tc.wantCreated, created, 0)
			failed, ok := series(t, h, metrics.RecordsTotal,
				map[string]string{metrics.LabelSync: OrderSyncKind, metrics.LabelOutcome: metrics.OutcomeFailed})
			require.True(t, ok)
			assert.InDelta(t, tc.wantFailed, failed, 0)
			calls, ok := series(t, h, metrics.APICallsTotal,
				map[string]string{metrics.LabelSync: OrderSyncKind, metrics.LabelService: apicalls.HubSpot})
			require.True(t, ok)
			assert.GreaterOrEqual(t, calls, 1.0, "the preflight's call at least")
			durations, ok := series(t, h, metrics.RunDuration, sync)
			require.True(t, ok)
			assert.InDelta(t, 1, durations, 0)
			_, hasSuccess := series(t, h, metrics.LastSuccessTimestamp, sync)
			assert.Equal(t, tc.wantSuccess, hasSuccess)
		})
	}
}

func TestOrderSyncSuccessTimeIsRunEnd(t *testing.T) {
	h, err := metrics.New(metrics.Options{})
	require.NoError(t, err)
	env := newMeteredOrderSyncEnv(t, h)
	since, until := at("2026-11-01T00:00:00Z"), at("2026-12-01T00:00:00Z")
	env.OnActivity("Preflight", mock.Anything, mock.Anything).Return(activities.PreflightResult{}, nil)
	env.OnActivity("ListOrderLocations", mock.Anything).
		Return(activities.LocationsResult{LocationIDs: []string{"L1"}}, nil)
	env.OnActivity("SyncOrderPage", mock.Anything, mock.Anything).Return(pageResult(1, 0, ""), nil)

	env.ExecuteWorkflow(OrderSyncWorkflowName, OrderSyncInput{Since: &since, Until: &until})

	var rep report.SyncReport
	require.NoError(t, env.GetWorkflowResult(&rep))
	got, ok := series(t, h, metrics.LastSuccessTimestamp, map[string]string{metrics.LabelSync: OrderSyncKind})
	require.True(t, ok)
	assert.InDelta(t, float64(rep.FinishedAt.UnixMilli())/1000, got, 0)
}
