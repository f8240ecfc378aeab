package report

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFinishStatusWithSinks(t *testing.T) {
	tests := []struct {
		name  string
		sinks []SinkReport
		want  string
	}{
		{name: "every sink succeeded", want: StatusSucceeded, sinks: []SinkReport{
			{Sink: "hubspot", Status: StatusSucceeded, Created: 3},
			{Sink: "mirror", Status: StatusSucceeded, Unchanged: 3},
		}},
		{name: "one sink failed", want: StatusFailedRecords, sinks: []SinkReport{
			{Sink: "hubspot", Status: StatusSucceeded, Created: 3},
			{Sink: "square", Status: StatusFailed, Error: "SQUARE_ACCESS_TOKEN is not set"},
		}},
		{name: "every sink failed", want: StatusFailedRecords, sinks: []SinkReport{
			{Sink: "hubspot", Status: StatusFailed, Error: "timed out"},
			{Sink: "mirror", Status: StatusFailed, Error: "timed out"},
		}},
		{name: "sink with failed records only", want: StatusSucceeded, sinks: []SinkReport{
			{Sink: "hubspot", Status: StatusFailedRecords, Failed: 1},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := SyncReport{Sinks: tc.sinks}

			r.Finish(started)

			assert.Equal(t, tc.want, r.Status)
		})
	}
}

func TestFinishRunErrorWinsOverFailedSink(t *testing.T) {
	r := SyncReport{Error: "SPS unavailable", Sinks: []SinkReport{{Sink: "hubspot", Status: StatusFailed}}}

	r.Finish(started)

	assert.Equal(t, StatusFailed, r.Status)
}

func TestReportJSONWithoutSinksOmitsField(t *testing.T) {
	r := SyncReport{Kind: "order-sync", StartedAt: started}
	r.Finish(started.Add(time.Second))

	data, err := json.Marshal(r)
	require.NoError(t, err)
	var fields map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(data, &fields))

	assert.NotContains(t, fields, "sinks")
}

func TestSinkReportJSON(t *testing.T) {
	r := SyncReport{Kind: "product-sync", StartedAt: started, Sinks: []SinkReport{
		{Sink: "square", Status: StatusFailed, Created: 1, Updated: 2, Deleted: 3, Unchanged: 4, Failed: 5,
			Error: "catalog write failed"},
		{Sink: "mirror", Status: StatusSucceeded, Unchanged: 7},
	}}
	r.Finish(started.Add(time.Second))

	data, err := json.Marshal(r)
	require.NoError(t, err)
	var fields map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(data, &fields))

	assert.JSONEq(t, `[
		{"sink":"square","status":"failed","created":1,"updated":2,"deleted":3,"unchanged":4,"failed":5,
		 "error":"catalog write failed"},
		{"sink":"mirror","status":"succeeded","created":0,"updated":0,"deleted":0,"unchanged":7,"failed":0}
	]`, string(fields["sinks"]))
	var back SyncReport
	require.NoError(t, json.Unmarshal(data, &back))
	assert.Equal(t, r, back)
}
