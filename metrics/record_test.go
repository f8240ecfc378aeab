package metrics

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/apicalls"
	"github.com/stonecity/sync/report"
)

var (
	runStart = time.Date(2026, 12, 4, 11, 0, 0, 0, time.UTC)
	runEnd   = runStart.Add(90 * time.Second)
)

func sampleReport() report.SyncReport {
	return report.SyncReport{
		Kind:      "order-sync",
		Created:   95,
		Updated:   3,
		Skipped:   10,
		Failed:    2,
		StartedAt: runStart,
		APICalls: []apicalls.Count{
			{Service: apicalls.HubSpot, Endpoint: "POST /crm/v3/objects/deals/batch/read", Calls: 2, RateLimited: 1},
			{Service: apicalls.HubSpot, Endpoint: "POST /crm/v3/objects/deals/batch/create", Calls: 3},
			{Service: apicalls.Square, Endpoint: "POST /v2/orders/search", Calls: 4},
		},
	}
}

func TestRecordRunCounts(t *testing.T) {
	h := newTestHandler(t)

	RecordRun(h, sampleReport(), StatusCompletedWithFailure, runEnd)

	runs := find(t, h, RunsTotal, map[string]string{LabelSync: "order-sync", LabelStatus: StatusCompletedWithFailure})
	require.NotNil(t, runs)
	assert.InDelta(t, 1, runs.GetCounter().GetValue(), 0)
	records := map[string]float64{OutcomeCreated: 95, OutcomeUpdated: 3, OutcomeSkipped: 10, OutcomeFailed: 2}
	for outcome, want := range records {
		m := find(t, h, RecordsTotal, map[string]string{LabelSync: "order-sync", LabelOutcome: outcome})
		require.NotNil(t, m, outcome)
		assert.InDelta(t, want, m.GetCounter().GetValue(), 0, outcome)
	}
}

func TestRecordRunAPICalls(t *testing.T) {
	h := newTestHandler(t)

	RecordRun(h, sampleReport(), StatusSucceeded, runEnd)

	tests := []struct {
		service        string
		calls, limited float64
	}{
		{service: apicalls.HubSpot, calls: 5, limited: 1},
		{service: apicalls.Square, calls: 4, limited: 0},
	}
	for _, tc := range tests {
		t.Run(tc.service, func(t *testing.T) {
			labels := map[string]string{LabelSync: "order-sync", LabelService: tc.service}
			calls := find(t, h, APICallsTotal, labels)
			require.NotNil(t, calls)
			assert.InDelta(t, tc.calls, calls.GetCounter().GetValue(), 0)
			limited := find(t, h, APIRateLimitedTotal, labels)
			require.NotNil(t, limited, "a zero 429 count still creates the series")
			assert.InDelta(t, tc.limited, limited.GetCounter().GetValue(), 0)
		})
	}
	assert.Nil(t, find(t, h, APICallsTotal, map[string]string{LabelSync: "order-sync", LabelService: apicalls.SPS}))
}

func TestRecordRunDurationAndLastSuccess(t *testing.T) {
	tests := []struct {
		name        string
		status      string
		startedAt   time.Time
		wantSuccess bool
		wantRuns    uint64
	}{
		{name: "succeeded", status: StatusSucceeded, startedAt: runStart, wantSuccess: true, wantRuns: 1},
		{name: "completed with failures", status: StatusCompletedWithFailure, startedAt: runStart, wantRuns: 1},
		{name: "failed", status: StatusFailed, startedAt: runStart, wantRuns: 1},
		{name: "canceled", status: StatusCanceled, startedAt: runStart, wantRuns: 1},
		{name: "no start time", status: StatusSucceeded, wantSuccess: true, wantRuns: 0},
		{name: "end before start", status: StatusFailed, startedAt: runEnd.Add(time.Second), wantRuns: 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newTestHandler(t)
			rep := sampleReport()
			rep.StartedAt = tc.startedAt

			RecordRun(h, rep, tc.status, runEnd)

			sync := map[string]string{LabelSync: "order-sync"}
			success := find(t, h, LastSuccessTimestamp, sync)
			if tc.wantSuccess {
				require.NotNil(t, success)
				assert.InDelta(t, float64(runEnd.Unix()), success.GetGauge().GetValue(), 0)
			} else {
				assert.Nil(t, success)
			}
			duration := find(t, h, RunDuration, sync)
			if tc.wantRuns == 0 {
				assert.Nil(t, duration)
				return
			}
			require.NotNil(t, duration)
			assert.Equal(t, tc.wantRuns, duration.GetHistogram().GetSampleCount())
			assert.InDelta(t, 90, duration.GetHistogram().GetSampleSum(), 1e-9)
			assert.Len(t, duration.GetHistogram().GetBucket(), len(RunDurationBuckets))
		})
	}
}

func TestCallsPerService(t *testing.T) {
	got := callsPerService([]apicalls.Count{
		{Service: apicalls.Square, Endpoint: "b", Calls: 1},
		{Service: apicalls.HubSpot, Endpoint: "a", Calls: 2, RateLimited: 2},
		{Service: apicalls.Square, Endpoint: "a", Calls: 3, RateLimited: 1},
	})

	assert.Equal(t, []apicalls.Count{
		{Service: apicalls.HubSpot, Calls: 2, RateLimited: 2},
		{Service: apicalls.Square, Calls: 4, RateLimited: 1},
	}, got)
}
