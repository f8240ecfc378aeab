package report

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/apicalls"
)

var started = time.Date(2026, 12, 4, 11, 0, 0, 0, time.UTC)

func TestFinishStatus(t *testing.T) {
	tests := []struct {
		name   string
		report SyncReport
		want   string
	}{
		{name: "nothing to do", report: SyncReport{}, want: StatusSucceeded},
		{name: "created updated skipped", report: SyncReport{Created: 3, Updated: 2, Skipped: 1}, want: StatusSucceeded},
		{name: "failed records", report: SyncReport{Created: 3, Failed: 1}, want: StatusFailedRecords},
		{name: "run error", report: SyncReport{Error: "Square unavailable"}, want: StatusFailed},
		{name: "run error wins over failed records", report: SyncReport{Failed: 2, Error: "timed out"}, want: StatusFailed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.report

			r.Finish(started.Add(time.Second))

			assert.Equal(t, tc.want, r.Status)
		})
	}
}

func TestFinishRecomputesStatus(t *testing.T) {
	r := SyncReport{Failed: 1}
	r.Finish(started)
	require.Equal(t, StatusFailedRecords, r.Status)

	r.Error = "continue-as-new failed"
	r.Finish(started)

	assert.Equal(t, StatusFailed, r.Status)
}

func TestFinishDuration(t *testing.T) {
	r := SyncReport{StartedAt: started}
	finished := started.Add(5*time.Second + 250*time.Millisecond + 900*time.Microsecond)

	r.Finish(finished)

	assert.Equal(t, finished, r.FinishedAt)
	assert.Equal(t, int64(5250), r.DurationMs)
}

func TestStageBatches(t *testing.T) {
	tests := []struct {
		records int
		want    int
	}{
		{records: 0, want: 0},
		{records: 1, want: 1},
		{records: 99, want: 1},
		{records: 100, want: 1},
		{records: 101, want: 2},
		{records: 200, want: 2},
		{records: 1501, want: 16},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%d records", tc.records), func(t *testing.T) {
			assert.Equal(t, tc.want, StageCount{Name: "deals", Records: tc.records}.Batches())
		})
	}
}

func TestFinishHubSpotBatchMinimum(t *testing.T) {
	tests := []struct {
		name   string
		stages []StageCount
		want   int
	}{
		{name: "no stages", want: 0},
		{name: "empty stage", stages: []StageCount{{Name: "deals", Records: 0}}, want: 0},
		{name: "one record", stages: []StageCount{{Name: "deals", Records: 1}}, want: 1},
		{name: "full batch", stages: []StageCount{{Name: "deals", Records: 100}}, want: 1},
		{name: "one past a batch", stages: []StageCount{{Name: "deals", Records: 101}}, want: 2},
		{
			name: "rounded per stage then summed",
			stages: []StageCount{
				{Name: "dedup", Records: 101},
				{Name: "contacts", Records: 1},
				{Name: "deals", Records: 100},
			},
			want: 4,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := SyncReport{Stages: tc.stages}

			r.Finish(started)

			assert.Equal(t, tc.want, r.HubSpotBatchMinimum)
		})
	}
}

func TestFinishTwiceKeepsBatchMinimum(t *testing.T) {
	r := SyncReport{Stages: []StageCount{{Name: "deals", Records: 150}}}

	r.Finish(started)
	r.Finish(started)

	assert.Equal(t, 2, r.HubSpotBatchMinimum)
}

func TestFinishCountsHubSpotCallsOnly(t *testing.T) {
	r := SyncReport{APICalls: []apicalls.Count{
		{Service: apicalls.HubSpot, Endpoint: "POST /crm/v3/objects/deals/batch/read", Calls: 3, RateLimited: 1},
		{Service: apicalls.HubSpot, Endpoint: "POST /crm/v3/objects/deals/batch/create", Calls: 2},
		{Service: apicalls.Square, Endpoint: "POST /v2/orders/search", Calls: 7},
	}}

	r.Finish(started)

	assert.Equal(t, 5, r.HubSpotCalls)
}

func TestAddFailures(t *testing.T) {
	tests := []struct {
		name          string
		batches       []int
		wantListed    int
		wantNotListed int
	}{
		{name: "none", batches: nil, wantListed: 0, wantNotListed: 0},
		{name: "below cap", batches: []int{3, 4}, wantListed: 7, wantNotListed: 0},
		{name: "exactly cap", batches: []int{MaxReportedFailures}, wantListed: MaxReportedFailures},
		{name: "one over cap", batches: []int{MaxReportedFailures + 1}, wantListed: MaxReportedFailures, wantNotListed: 1},
		{name: "cap reached across calls", batches: []int{150, 150, 10}, wantListed: MaxReportedFailures, wantNotListed: 110},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var r SyncReport
			n := 0
			for _, size := range tc.batches {
				batch := make([]RecordFailure, size)
				for i := range batch {
					batch[i] = RecordFailure{SourceID: fmt.Sprintf("order-%d", n), Reason: "invalid"}
					n++
				}
				r.AddFailures(batch)
			}

			assert.Len(t, r.Failures, tc.wantListed)
			assert.Equal(t, tc.wantNotListed, r.FailuresNotListed)
		})
	}
}

func TestAddFailuresKeepsFirstInOrder(t *testing.T) {
	var r SyncReport
	batch := make([]RecordFailure, MaxReportedFailures+5)
	for i := range batch {
		batch[i] = RecordFailure{SourceID: fmt.Sprintf("order-%03d", i), Reason: "invalid"}
	}

	r.AddFailures(batch[:10])
	r.AddFailures(batch[10:])

	require.Len(t, r.Failures, MaxReportedFailures)
	assert.Equal(t, "order-000", r.Failures[0].SourceID)
	assert.Equal(t, "order-010", r.Failures[10].SourceID)
	assert.Equal(t, fmt.Sprintf("order-%03d", MaxReportedFailures-1), r.Failures[MaxReportedFailures-1].SourceID)
}

func TestAddReviewCapped(t *testing.T) {
	var r SyncReport

	for i := range MaxReportedFailures + 3 {
		r.AddReview(RecordFailure{SourceID: fmt.Sprintf("C%03d", i), Reason: "name matched two companies"})
	}

	require.Len(t, r.Reviews, MaxReportedFailures)
	assert.Equal(t, "C000", r.Reviews[0].SourceID)
	assert.Equal(t, fmt.Sprintf("C%03d", MaxReportedFailures-1), r.Reviews[MaxReportedFailures-1].SourceID)
	assert.Empty(t, r.Failures, "a review is not a failure")
}

func TestMergeSkipReasons(t *testing.T) {
	var r SyncReport

	r.MergeSkipReasons([]ReasonCount{{Reason: "return order", Count: 2}, {Reason: "deal exists", Count: 5}})
	r.MergeSkipReasons([]ReasonCount{{Reason: "deal exists", Count: 1}, {Reason: "already synced", Count: 3}})

	assert.Equal(t, []ReasonCount{
		{Reason: "already synced", Count: 3},
		{Reason: "deal exists", Count: 6},
		{Reason: "return order", Count: 2},
	}, r.SkipReasons)
}

func TestMergeSkipReasonsOrderIndependent(t *testing.T) {
	a := []ReasonCount{{Reason: "return order", Count: 1}, {Reason: "deal exists", Count: 2}}
	b := []ReasonCount{{Reason: "no line items", Count: 4}, {Reason: "return order", Count: 3}}
	var ab, ba SyncReport

	ab.MergeSkipReasons(a)
	ab.MergeSkipReasons(b)
	ba.MergeSkipReasons(b)
	ba.MergeSkipReasons(a)

	assert.Equal(t, ab.SkipReasons, ba.SkipReasons)
}

func TestMergeSkipReasonsRepeatedInOneCall(t *testing.T) {
	var r SyncReport

	r.MergeSkipReasons([]ReasonCount{{Reason: "return order", Count: 1}, {Reason: "return order", Count: 2}})

	assert.Equal(t, []ReasonCount{{Reason: "return order", Count: 3}}, r.SkipReasons)
}

func TestMergeObjects(t *testing.T) {
	var r SyncReport

	r.MergeObjects([]ObjectWrites{{Object: "deals", Created: 10}, {Object: "contacts", Created: 4, Updated: 2}})
	r.MergeObjects([]ObjectWrites{{Object: "line_items", Created: 30}, {Object: "contacts", Updated: 3}})

	assert.Equal(t, []ObjectWrites{
		{Object: "contacts", Created: 4, Updated: 5},
		{Object: "deals", Created: 10},
		{Object: "line_items", Created: 30},
	}, r.Objects)
}

func TestMergeObjectsOrderIndependent(t *testing.T) {
	a := []ObjectWrites{{Object: "deals", Created: 1}, {Object: "companies", Created: 2}}
	b := []ObjectWrites{{Object: "contacts", Updated: 1}, {Object: "deals", Created: 3}}
	var ab, ba SyncReport

	ab.MergeObjects(a)
	ab.MergeObjects(b)
	ba.MergeObjects(b)
	ba.MergeObjects(a)

	assert.Equal(t, ab.Objects, ba.Objects)
}

func TestMergeStagesKeepsFirstSeenOrder(t *testing.T) {
	var r SyncReport

	r.MergeStages([]StageCount{{Name: "dedup", Records: 100, Calls: 1}, {Name: "deals", Records: 90, Calls: 1}})
	r.MergeStages([]StageCount{{Name: "contacts", Records: 40, Calls: 2}, {Name: "dedup", Records: 50, Calls: 2}})

	assert.Equal(t, []StageCount{
		{Name: "dedup", Records: 150, Calls: 3},
		{Name: "deals", Records: 90, Calls: 1},
		{Name: "contacts", Records: 40, Calls: 2},
	}, r.Stages)
}

func TestMergeStagesDoesNotAliasInput(t *testing.T) {
	var r SyncReport
	page := []StageCount{{Name: "dedup", Records: 100, Calls: 1}}

	r.MergeStages(page)
	r.MergeStages(page)

	assert.Equal(t, []StageCount{{Name: "dedup", Records: 100, Calls: 1}}, page)
	assert.Equal(t, []StageCount{{Name: "dedup", Records: 200, Calls: 2}}, r.Stages)
}

func TestMergeAPICalls(t *testing.T) {
	var r SyncReport
	read := "POST /crm/v3/objects/deals/batch/read"
	search := "POST /v2/orders/search"

	r.MergeAPICalls([]apicalls.Count{{Service: apicalls.Square, Endpoint: search, Calls: 1}})
	r.MergeAPICalls([]apicalls.Count{
		{Service: apicalls.HubSpot, Endpoint: read, Calls: 2, RateLimited: 1},
		{Service: apicalls.Square, Endpoint: search, Calls: 1},
	})

	assert.Equal(t, []apicalls.Count{
		{Service: apicalls.HubSpot, Endpoint: read, Calls: 2, RateLimited: 1},
		{Service: apicalls.Square, Endpoint: search, Calls: 2},
	}, r.APICalls)
}

func TestFinishedReportJSON(t *testing.T) {
	r := SyncReport{Kind: "order-sync", WorkflowID: "order-sync/2026-12-04T11:00Z", StartedAt: started}
	r.Finish(started.Add(1500 * time.Millisecond))

	data, err := json.Marshal(r)
	require.NoError(t, err)
	var fields map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(data, &fields))

	assert.JSONEq(t, `[]`, string(fields["failures"]))
	assert.JSONEq(t, `[]`, string(fields["apiCalls"]))
	assert.JSONEq(t, `"succeeded"`, string(fields["status"]))
	assert.JSONEq(t, `1500`, string(fields["durationMs"]))
	assert.NotContains(t, fields, "error")
	assert.NotContains(t, fields, "window")
	assert.NotContains(t, fields, "failuresNotListed")
}

func TestReportJSONRoundTrip(t *testing.T) {
	r := SyncReport{
		Kind:       "order-sync",
		WorkflowID: "order-sync/2026-11-30T11:00Z--2026-12-04T11:00Z",
		RunID:      "run-1",
		Window:     &Window{Since: started.Add(-96 * time.Hour), Until: started},
		Created:    2,
		Skipped:    1,
		Failed:     1,
		Failures:   []RecordFailure{{SourceID: "order-1", Reason: "HubSpot rejected amount"}},
		Objects:    []ObjectWrites{{Object: "deals", Created: 2}},
		StartedAt:  started,
	}
	r.MergeSkipReasons([]ReasonCount{{Reason: "return order", Count: 1}})
	r.MergeStages([]StageCount{{Name: "deals", Records: 3, Calls: 1}})
	r.Finish(started.Add(time.Minute))

	data, err := json.Marshal(r)
	require.NoError(t, err)
	var back SyncReport
	require.NoError(t, json.Unmarshal(data, &back))

	assert.Equal(t, r, back)
	assert.Equal(t, StatusFailedRecords, back.Status)
}
