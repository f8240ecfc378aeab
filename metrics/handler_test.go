package metrics

import (
	"fmt"
	"sync"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest/observer"
)

func TestHandlerCounter(t *testing.T) {
	h := newTestHandler(t)
	tagged := h.WithTags(map[string]string{"namespace": "default", "operation": "StartWorkflowExecution"})

	tagged.Counter("temporal_request").Inc(2)
	tagged.Counter("temporal_request").Inc(3)

	m := find(t, h, "temporal_request_total",
		map[string]string{"namespace": "default", "operation": "StartWorkflowExecution"})
	require.NotNil(t, m)
	assert.Equal(t, dto.MetricType_COUNTER, familyType(t, h, "temporal_request_total"))
	assert.InDelta(t, 5, m.GetCounter().GetValue(), 0)
}

func TestHandlerGauge(t *testing.T) {
	h := newTestHandler(t)
	g := h.WithTags(map[string]string{"poller_type": "workflow_task"}).Gauge("temporal_num_pollers")

	g.Update(3)
	g.Update(2)

	m := find(t, h, "temporal_num_pollers", map[string]string{"poller_type": "workflow_task"})
	require.NotNil(t, m)
	assert.Equal(t, dto.MetricType_GAUGE, familyType(t, h, "temporal_num_pollers"))
	assert.InDelta(t, 2, m.GetGauge().GetValue(), 0)
}

func TestHandlerTimer(t *testing.T) {
	h := newTestHandler(t)
	timer := h.WithTags(map[string]string{"operation": "PollWorkflowTaskQueue"}).Timer("temporal_request_latency")

	timer.Record(1500 * time.Millisecond)
	timer.Record(500 * time.Millisecond)

	m := find(t, h, "temporal_request_latency_seconds", map[string]string{"operation": "PollWorkflowTaskQueue"})
	require.NotNil(t, m)
	assert.Equal(t, dto.MetricType_HISTOGRAM, familyType(t, h, "temporal_request_latency_seconds"))
	assert.Equal(t, uint64(2), m.GetHistogram().GetSampleCount())
	assert.InDelta(t, 2.0, m.GetHistogram().GetSampleSum(), 1e-9)
	assert.Len(t, m.GetHistogram().GetBucket(), len(DefaultTimerBuckets))
}

func TestHandlerTimerBucketsOption(t *testing.T) {
	h, err := New(Options{TimerBuckets: []float64{1, 2}})
	require.NoError(t, err)

	h.Timer("temporal_activity_execution_latency").Record(time.Second)

	m := find(t, h, "temporal_activity_execution_latency_seconds", nil)
	require.NotNil(t, m)
	assert.Len(t, m.GetHistogram().GetBucket(), 2)
}

func TestHandlerWithTags(t *testing.T) {
	h := newTestHandler(t)
	parent := h.WithTags(map[string]string{"namespace": "default", "task_queue": "a"})
	child := parent.WithTags(map[string]string{"task_queue": "b", "workflow_type": "OrderSync"})

	parent.Counter("temporal_workflow_completed").Inc(1)
	child.Counter("temporal_workflow_completed").Inc(4)

	fromParent := find(t, h, "temporal_workflow_completed_total",
		map[string]string{"namespace": "default", "task_queue": "a"})
	require.NotNil(t, fromParent)
	assert.InDelta(t, 1, fromParent.GetCounter().GetValue(), 0)
	fromChild := find(t, h, "temporal_workflow_completed_total",
		map[string]string{"namespace": "default", "task_queue": "b", "workflow_type": "OrderSync"})
	require.NotNil(t, fromChild, "a child tag replaces the parent's value")
	assert.InDelta(t, 4, fromChild.GetCounter().GetValue(), 0)
}

func TestHandlerNameReusedWithOtherLabels(t *testing.T) {
	h := newTestHandler(t)
	base := h.WithTags(map[string]string{"operation": "RespondWorkflowTaskCompleted"})

	base.Counter("temporal_request_failure").Inc(1)
	base.WithTags(map[string]string{"status_code": "UNAVAILABLE"}).Counter("temporal_request_failure").Inc(2)
	h.Counter("temporal_request_failure").Inc(3)

	f := families(t, h)["temporal_request_failure_total"]
	require.NotNil(t, f)
	assert.Len(t, f.GetMetric(), 3, "one series per label set, in one family")
	withCode := find(t, h, "temporal_request_failure_total",
		map[string]string{"operation": "RespondWorkflowTaskCompleted", "status_code": "UNAVAILABLE"})
	require.NotNil(t, withCode)
	assert.InDelta(t, 2, withCode.GetCounter().GetValue(), 0)
	without := find(t, h, "temporal_request_failure_total",
		map[string]string{"operation": "RespondWorkflowTaskCompleted"})
	require.NotNil(t, without)
	assert.InDelta(t, 1, without.GetCounter().GetValue(), 0)
	bare := find(t, h, "temporal_request_failure_total", nil)
	require.NotNil(t, bare)
	assert.InDelta(t, 3, bare.GetCounter().GetValue(), 0)
}

func TestHandlerDropsValues(t *testing.T) {
	tests := []struct {
		name    string
		record  func(h *Handler)
		metric  string
		want    float64
		warning string
	}{
		{
			name: "gauge reusing a counter name",
			record: func(h *Handler) {
				h.Counter("dup_total").Inc(1)
				h.Gauge("dup_total").Update(7)
			},
			metric: "dup_total", want: 1, warning: "metric dup_total is a counter, not a gauge",
		},
		{
			name: "negative counter increment",
			record: func(h *Handler) {
				c := h.Counter("temporal_request")
				c.Inc(2)
				c.Inc(-1)
			},
			metric: "temporal_request_total", want: 2, warning: "negative increment of counter temporal_request_total dropped",
		},
		{
			name: "sync metric asked as a gauge",
			record: func(h *Handler) {
				h.Gauge(RunsTotal).Update(9)
				h.WithTags(map[string]string{LabelSync: "order-sync", LabelStatus: "failed"}).Counter(RunsTotal).Inc(1)
			},
			metric: RunsTotal, want: 1, warning: "metric stonecity_sync_runs_total is not a gauge",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			core, logs := observer.New(zap.WarnLevel)
			h, err := New(Options{Logger: zap.New(core)})
			require.NoError(t, err)

			require.NotPanics(t, func() { tc.record(h) })

			f := families(t, h)[tc.metric]
			require.NotNil(t, f)
			require.Len(t, f.GetMetric(), 1)
			assert.InDelta(t, tc.want, f.GetMetric()[0].GetCounter().GetValue(), 0)
			require.Equal(t, 1, logs.Len())
			assert.Contains(t, fmt.Sprint(logs.All()[0].ContextMap()["error"]), tc.warning)
		})
	}
}

func TestHandlerWarnsOncePerProblem(t *testing.T) {
	core, logs := observer.New(zap.WarnLevel)
	h, err := New(Options{Logger: zap.New(core)})
	require.NoError(t, err)
	h.Counter("dup_total").Inc(1)

	for range 5 {
		h.Gauge("dup_total").Update(1)
	}

	assert.Equal(t, 1, logs.Len())
}

func TestHandlerInvalidLabelValue(t *testing.T) {
	h := newTestHandler(t)

	require.NotPanics(t, func() {
		h.WithTags(map[string]string{"operation": "bad\xff"}).Counter("temporal_request").Inc(1)
	})

	assert.Nil(t, find(t, h, "temporal_request_total", map[string]string{"operation": "bad\xff"}))
}

func TestHandlerSanitisesLabelNames(t *testing.T) {
	h := newTestHandler(t)

	h.WithTags(map[string]string{"task-queue": "q", "1st": "x", "__reserved": "r", "empty": ""}).
		Counter("temporal_poller_start").Inc(1)

	m := find(t, h, "temporal_poller_start_total",
		map[string]string{"task_queue": "q", "_1st": "x", "_reserved": "r"})
	require.NotNil(t, m)
	assert.InDelta(t, 1, m.GetCounter().GetValue(), 0)
}

func TestHandlerSyncMetricKeepsDocumentedLabels(t *testing.T) {
	h := newTestHandler(t)
	sdkTags := map[string]string{
		"namespace": "default", "task_queue": "stonecity-sync", "workflow_type": "OrderSync",
		LabelSync: "order-sync", LabelStatus: StatusSucceeded,
	}

	h.WithTags(sdkTags).Counter(RunsTotal).Inc(1)
	h.WithTags(map[string]string{LabelSync: "quote-sync"}).Counter(RunsTotal).Inc(1)

	m := find(t, h, RunsTotal, map[string]string{LabelSync: "order-sync", LabelStatus: StatusSucceeded})
	require.NotNil(t, m, "SDK tags dropped")
	assert.InDelta(t, 1, m.GetCounter().GetValue(), 0)
	missing := find(t, h, RunsTotal, map[string]string{LabelSync: "quote-sync", LabelStatus: ""})
	require.NotNil(t, missing, "a missing documented label is empty")
	assert.InDelta(t, 1, missing.GetCounter().GetValue(), 0)
}

func TestHandlerConcurrentUse(t *testing.T) {
	h := newTestHandler(t)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tagged := h.WithTags(map[string]string{"worker": fmt.Sprint(i % 2)})
			for range 100 {
				tagged.Counter("temporal_request").Inc(1)
				tagged.Timer("temporal_request_latency").Record(time.Millisecond)
			}
		}()
	}
	wg.Wait()

	for _, worker := range []string{"0", "1"} {
		m := find(t, h, "temporal_request_total", map[string]string{"worker": worker})
		require.NotNil(t, m)
		assert.InDelta(t, 400, m.GetCounter().GetValue(), 0)
	}
}

func TestInitSyncSeries(t *testing.T) {
	h := newTestHandler(t)

	h.InitSyncSeries("order-sync", "quote-sync")

	for _, kind := range []string{"order-sync", "quote-sync"} {
		for _, status := range RunStatuses {
			m := find(t, h, RunsTotal, map[string]string{LabelSync: kind, LabelStatus: status})
			require.NotNil(t, m, "%s %s", kind, status)
			assert.InDelta(t, 0, m.GetCounter().GetValue(), 0)
		}
		for _, outcome := range RecordOutcomes {
			m := find(t, h, RecordsTotal, map[string]string{LabelSync: kind, LabelOutcome: outcome})
			require.NotNil(t, m, "%s %s", kind, outcome)
			assert.InDelta(t, 0, m.GetCounter().GetValue(), 0)
		}
		m := find(t, h, RunDuration, map[string]string{LabelSync: kind})
		require.NotNil(t, m, kind)
		assert.Equal(t, uint64(0), m.GetHistogram().GetSampleCount())
	}
	assert.Nil(t, find(t, h, LastSuccessTimestamp, map[string]string{LabelSync: "order-sync"}),
		"no success time before a success")
}
