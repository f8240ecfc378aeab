package metrics

import "github.com/stonecity/sync/report"

// Names of the sync metrics. Every sync workflow records them once when a
// run ends, and the alert rules in alerts.yml query them.
const (
	// RunsTotal counts ended runs by sync and status.
	RunsTotal = "stonecity_sync_runs_total"
	// RecordsTotal counts records by sync and outcome.
	RecordsTotal = "stonecity_sync_records_total"
	// APICallsTotal counts API calls by sync and service, failed attempts
	// included.
	APICallsTotal = "stonecity_sync_api_calls_total"
	// APIRateLimitedTotal counts API calls that got a 429 response, by sync
	// and service.
	APIRateLimitedTotal = "stonecity_sync_api_rate_limited_total"
	// LastSuccessTimestamp is the Unix time in seconds at which the last
	// run of a sync with status succeeded ended.
	LastSuccessTimestamp = "stonecity_sync_last_success_timestamp_seconds"
	// RunDuration is a histogram of run durations in seconds, from the
	// run's start (before any continue-as-new) to its end.
	RunDuration = "stonecity_sync_run_duration_seconds"
)

// Label names of the sync metrics.
const (
	LabelSync    = "sync"
	LabelStatus  = "status"
	LabelOutcome = "outcome"
	LabelService = "service"
)

// Run statuses of RunsTotal: the report statuses, plus canceled for a run
// canceled before it finished.
const (
	StatusSucceeded            = report.StatusSucceeded
	StatusCompletedWithFailure = report.StatusFailedRecords
	StatusFailed               = report.StatusFailed
	StatusCanceled             = "canceled"
)

// Record outcomes of RecordsTotal.
const (
	OutcomeCreated = "created"
	OutcomeUpdated = "updated"
	OutcomeSkipped = "skipped"
	OutcomeFailed  = "failed"
)

// RunStatuses lists every status value of RunsTotal.
var RunStatuses = []string{StatusSucceeded, StatusCompletedWithFailure, StatusFailed, StatusCanceled}

// RecordOutcomes lists every outcome value of RecordsTotal.
var RecordOutcomes = []string{OutcomeCreated, OutcomeUpdated, OutcomeSkipped, OutcomeFailed}

// RunDurationBuckets are the upper bounds in seconds of RunDuration's
// buckets: from one second to six hours, because a dev run takes seconds
// and a full product sync against the real APIs may take hours.
var RunDurationBuckets = []float64{1, 5, 15, 30, 60, 120, 300, 600, 900, 1800, 2700, 3600, 5400, 7200, 10800, 14400, 21600}

// Definition describes one documented metric: its Prometheus name, type
// ("counter", "gauge" or "histogram"), label names and help text.
type Definition struct {
	Name   string
	Type   string
	Labels []string
	Help   string
}

// SyncMetrics documents every sync metric. The adapter exports each with
// exactly these labels: the tags the SDK adds in a workflow (namespace,
// task_queue, workflow_type) are dropped, and a missing label is "".
var SyncMetrics = []Definition{
	{RunsTotal, kindCounter.String(), []string{LabelSync, LabelStatus},
		"Sync runs ended, by sync kind and status (succeeded, completed_with_failures, failed, canceled)."},
	{RecordsTotal, kindCounter.String(), []string{LabelSync, LabelOutcome},
		"Source records handled by ended sync runs, by outcome (created, updated, skipped, failed)."},
	{APICallsTotal, kindCounter.String(), []string{LabelSync, LabelService},
		"API calls made by ended sync runs, by service (hubspot, square, sps, s3), failed attempts included."},
	{APIRateLimitedTotal, kindCounter.String(), []string{LabelSync, LabelService},
		"API calls of ended sync runs that got a 429 response, by service."},
	{LastSuccessTimestamp, kindGauge.String(), []string{LabelSync},
		"Unix time in seconds at which the last run with status succeeded ended, per sync kind."},
	{RunDuration, kindHistogram.String(), []string{LabelSync},
		"Duration in seconds of ended sync runs, from the first start to the end, continue-as-new included."},
}

// definition returns the documented metric called name, if any.
func definition(name string) (Definition, bool) {
	for _, d := range SyncMetrics {
		if d.Name == name {
			return d, true
		}
	}
	return Definition{}, false
}
