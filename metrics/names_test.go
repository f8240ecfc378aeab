package metrics

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestExportedName(t *testing.T) {
	tests := []struct {
		name string
		in   string
		kind kind
		want string
	}{
		{"counter gets total", "temporal_request", kindCounter, "temporal_request_total"},
		{"counter keeps total", "stonecity_sync_runs_total", kindCounter, "stonecity_sync_runs_total"},
		{"gauge unchanged", "temporal_num_pollers", kindGauge, "temporal_num_pollers"},
		{"timer gets seconds", "temporal_request_latency", kindHistogram, "temporal_request_latency_seconds"},
		{"timer keeps seconds", "stonecity_sync_run_duration_seconds", kindHistogram,
			"stonecity_sync_run_duration_seconds"},
		{"invalid characters", "temporal.request-x", kindCounter, "temporal_request_x_total"},
		{"colon kept in name", "job:rate", kindGauge, "job:rate"},
		{"leading digit", "5xx", kindGauge, "_5xx"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, exportedName(tc.in, tc.kind))
		})
	}
}

func TestSanitizeLabelName(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"valid", "task_queue", "task_queue"},
		{"dash", "task-queue", "task_queue"},
		{"colon not allowed", "a:b", "a_b"},
		{"leading digit", "1st", "_1st"},
		{"reserved prefix", "__name__", "_name__"},
		{"unicode", "größe", "gr__e"},
		{"empty", "", "_"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, sanitize(tc.in, false))
		})
	}
}

func TestLabelSet(t *testing.T) {
	tests := []struct {
		name       string
		tags       map[string]string
		wantNames  []string
		wantLabels map[string]string
	}{
		{
			name:       "sorted names",
			tags:       map[string]string{"workflow_type": "OrderSync", "namespace": "default"},
			wantNames:  []string{"namespace", "workflow_type"},
			wantLabels: map[string]string{"namespace": "default", "workflow_type": "OrderSync"},
		},
		{
			name:       "empty value left out",
			tags:       map[string]string{"namespace": "default", "activity_type": ""},
			wantNames:  []string{"namespace"},
			wantLabels: map[string]string{"namespace": "default"},
		},
		{
			name:       "collision keeps first key",
			tags:       map[string]string{"task-queue": "a", "task_queue": "b"},
			wantNames:  []string{"task_queue"},
			wantLabels: map[string]string{"task_queue": "a"},
		},
		{
			name:       "no tags",
			tags:       nil,
			wantNames:  []string{},
			wantLabels: map[string]string{},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			names, labels := labelSet(tc.tags)
			assert.Equal(t, tc.wantNames, names)
			assert.Equal(t, tc.wantLabels, labels)
		})
	}
}
