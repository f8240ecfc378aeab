// Package report defines SyncReport, the result of every sync workflow, and
// the per-record outcomes and counts that activities return to build it.
package report

import (
	"sort"
	"time"

	"github.com/stonecity/sync/apicalls"
)

// Report statuses.
const (
	// StatusSucceeded means every record was created, updated or skipped.
	StatusSucceeded = "succeeded"
	// StatusFailedRecords means the run finished but some records failed;
	// Failures lists them.
	StatusFailedRecords = "completed_with_failures"
	// StatusFailed means the run itself failed, for the reason in Error.
	StatusFailed = "failed"
)

// MaxReportedFailures caps Failures so a report stays far below
// Temporal's payload limit; FailuresNotListed counts the rest.
const MaxReportedFailures = 200

// BatchSize is HubSpot's maximum number of inputs per batch call.
const BatchSize = 100

// SyncReport is the result of every sync workflow and the unit of the
// worker's --report file.
type SyncReport struct {
	Kind       string  `json:"kind"`
	WorkflowID string  `json:"workflowID"`
	RunID      string  `json:"runID,omitempty"`
	Status     string  `json:"status"`
	Window     *Window `json:"window,omitempty"`

	Created int `json:"created"`
	Updated int `json:"updated"`
	Skipped int `json:"skipped"`
	Failed  int `json:"failed"`

	SkipReasons       []ReasonCount   `json:"skipReasons,omitempty"`
	Failures          []RecordFailure `json:"failures"`
	FailuresNotListed int             `json:"failuresNotListed,omitempty"`
	Objects           []ObjectWrites  `json:"objects,omitempty"`
	// Reviews lists records synced in a way a person should check, for
	// example a company created because a name matched several.
	Reviews []RecordFailure `json:"reviews,omitempty"`

	APICalls []apicalls.Count `json:"apiCalls"`
	// Stages lists every HubSpot batch stage with the records it handled,
	// so HubSpotBatchMinimum (the sum over stages of records / 100,
	// rounded up) can be compared with HubSpotCalls.
	Stages              []StageCount `json:"stages,omitempty"`
	HubSpotCalls        int          `json:"hubspotCalls"`
	HubSpotBatchMinimum int          `json:"hubspotBatchMinimum"`

	StartedAt  time.Time `json:"startedAt"`
	FinishedAt time.Time `json:"finishedAt"`
	DurationMs int64     `json:"durationMs"`
	Error      string    `json:"error,omitempty"`

	// Sinks lists each destination of a sync that writes several (product
	// sync: HubSpot, Square, the S3 mirror) with its own outcome.
	Sinks []SinkReport `json:"sinks,omitempty"`
}

// SinkReport is the outcome of one destination of a multi-sink sync.
// Status is StatusSucceeded, StatusFailedRecords or StatusFailed. A failed
// sink has the reason in Error and leaves the other sinks' counts intact.
type SinkReport struct {
	Sink      string `json:"sink"`
	Status    string `json:"status"`
	Created   int    `json:"created"`
	Updated   int    `json:"updated"`
	Deleted   int    `json:"deleted"`
	Unchanged int    `json:"unchanged"`
	Failed    int    `json:"failed"`
	Error     string `json:"error,omitempty"`
}

// Window is the time interval of source records a sync covers; both ends
// are inclusive, as in Square's time filters.
type Window struct {
	Since time.Time `json:"since"`
	Until time.Time `json:"until"`
}

// RecordFailure is one source record that could not be synced.
type RecordFailure struct {
	SourceID string `json:"sourceId"`
	Reason   string `json:"reason"`
}

// ReasonCount counts skipped records by reason.
type ReasonCount struct {
	Reason string `json:"reason"`
	Count  int    `json:"count"`
}

// ObjectWrites counts the writes to one kind of destination object, for
// example HubSpot contacts created and updated by order sync.
type ObjectWrites struct {
	Object  string `json:"object"`
	Created int    `json:"created"`
	Updated int    `json:"updated"`
}

// StageCount is one HubSpot batch stage of a sync: the records it handled
// and the HubSpot calls it made, failed attempts included.
type StageCount struct {
	Name    string `json:"name"`
	Records int    `json:"records"`
	Calls   int    `json:"calls"`
}

// Batches returns the minimum number of batch calls for the stage's
// records.
func (s StageCount) Batches() int {
	return (s.Records + BatchSize - 1) / BatchSize
}

// AddFailures appends failures, keeping at most MaxReportedFailures listed.
func (r *SyncReport) AddFailures(failures []RecordFailure) {
	for _, f := range failures {
		if len(r.Failures) >= MaxReportedFailures {
			r.FailuresNotListed++
			continue
		}
		r.Failures = append(r.Failures, f)
	}
}

// AddReview lists a record for review, keeping at most
// MaxReportedFailures.
func (r *SyncReport) AddReview(review RecordFailure) {
	if len(r.Reviews) < MaxReportedFailures {
		r.Reviews = append(r.Reviews, review)
	}
}

// MergeSkipReasons adds counts to the report's skip reasons, sorted by
// reason so the report is deterministic.
func (r *SyncReport) MergeSkipReasons(counts []ReasonCount) {
	for _, c := range counts {
		found := false
		for i := range r.SkipReasons {
			if r.SkipReasons[i].Reason == c.Reason {
				r.SkipReasons[i].Count += c.Count
				found = true
				break
			}
		}
		if !found {
			r.SkipReasons = append(r.SkipReasons, c)
		}
	}
	sort.Slice(r.SkipReasons, func(i, j int) bool {
		return r.SkipReasons[i].Reason < r.SkipReasons[j].Reason
	})
}

// MergeObjects adds object write counts, sorted by object.
func (r *SyncReport) MergeObjects(writes []ObjectWrites) {
	for _, w := range writes {
		found := false
		for i := range r.Objects {
			if r.Objects[i].Object == w.Object {
				r.Objects[i].Created += w.Created
				r.Objects[i].Updated += w.Updated
				found = true
				break
			}
		}
		if !found {
			r.Objects = append(r.Objects, w)
		}
	}
	sort.Slice(r.Objects, func(i, j int) bool { return r.Objects[i].Object < r.Objects[j].Object })
}

// MergeStages adds stage counts, keeping the stages in first-seen order.
func (r *SyncReport) MergeStages(stages []StageCount) {
	for _, s := range stages {
		found := false
		for i := range r.Stages {
			if r.Stages[i].Name == s.Name {
				r.Stages[i].Records += s.Records
				r.Stages[i].Calls += s.Calls
				found = true
				break
			}
		}
		if !found {
			r.Stages = append(r.Stages, s)
		}
	}
}

// MergeAPICalls adds API call counts.
func (r *SyncReport) MergeAPICalls(counts []apicalls.Count) {
	r.APICalls = apicalls.Merge(r.APICalls, counts)
}

// Finish sets the totals derived from the counts, the status and the
// duration. It may run again after more merges: every derived field is
// recomputed. Failures and APICalls become empty lists when nil, so the
// JSON report always holds arrays there.
func (r *SyncReport) Finish(finishedAt time.Time) {
	if r.Failures == nil {
		r.Failures = []RecordFailure{}
	}
	if r.APICalls == nil {
		r.APICalls = []apicalls.Count{}
	}
	r.FinishedAt = finishedAt
	r.DurationMs = finishedAt.Sub(r.StartedAt).Milliseconds()
	r.HubSpotCalls = apicalls.Total(r.APICalls, apicalls.HubSpot)
	// Activities may list fewer failures than they count; the difference
	// is reported, not lost.
	if unlisted := r.Failed - len(r.Failures); unlisted > r.FailuresNotListed {
		r.FailuresNotListed = unlisted
	}
	r.HubSpotBatchMinimum = 0
	for _, s := range r.Stages {
		r.HubSpotBatchMinimum += s.Batches()
	}
	switch {
	case r.Error != "":
		r.Status = StatusFailed
	case r.Failed > 0 || r.sinkFailed():
		r.Status = StatusFailedRecords
	default:
		r.Status = StatusSucceeded
	}
}

// sinkFailed reports whether a sink of the run failed as a whole, which
// makes the run complete with failures even when no record failed.
func (r *SyncReport) sinkFailed() bool {
	for _, s := range r.Sinks {
		if s.Status == StatusFailed {
			return true
		}
	}
	return false
}
