package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/stonecity/sync/apicalls"
	"github.com/stonecity/sync/report"
)

func succeededReport() report.SyncReport {
	return report.SyncReport{
		Kind: "order-sync", WorkflowID: "order-sync/2026-10-05T00:00Z--2026-12-04T11:00Z",
		Status: report.StatusSucceeded, Created: 1501, Skipped: 45,
		APICalls: []apicalls.Count{
			{Service: apicalls.HubSpot, Endpoint: "POST /crm/v3/objects/deals/batch/read", Calls: 104},
			{Service: apicalls.Square, Endpoint: "POST /v2/orders/search", Calls: 2},
			{Service: apicalls.Square, Endpoint: "POST /v2/customers/bulk-retrieve", Calls: 11},
		},
		HubSpotCalls: 104, HubSpotBatchMinimum: 98, DurationMs: 5349,
	}
}

func TestPrintSummaryTable(t *testing.T) {
	var out bytes.Buffer

	printSummary(&out, []report.SyncReport{succeededReport()}, "")

	assert.Equal(t,
		"SYNC        STATUS     CREATED  UPDATED  SKIPPED  FAILED  HUBSPOT CALLS (MIN)  SQUARE CALLS  SPS CALLS  DURATION\n"+
			"order-sync  succeeded  1501     0        45       0       104 (98)             13            0          5.3s\n",
		out.String())
}

func TestPrintSummaryUIURL(t *testing.T) {
	tests := []struct {
		name  string
		uiURL string
		want  string
	}{
		{name: "with UI", uiURL: "http://127.0.0.1:8233",
			want: "\nInspect and replay the runs in the Temporal Web UI: http://127.0.0.1:8233\n"},
		{name: "UI disabled", uiURL: "", want: ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer

			printSummary(&out, []report.SyncReport{succeededReport()}, tc.uiURL)

			_, after, _ := strings.Cut(out.String(), "5.3s\n")
			assert.Equal(t, tc.want, after)
		})
	}
}

func TestPrintSummaryFailures(t *testing.T) {
	failedRecords := succeededReport()
	failedRecords.Status = report.StatusFailedRecords
	failedRecords.Failed = 3
	failedRecords.Failures = []report.RecordFailure{
		{SourceID: "ORDER-1", Reason: "HubSpot rejected amount"},
		{SourceID: "ORDER-2", Reason: "invalid currency XXX"},
	}
	failedRecords.FailuresNotListed = 1
	failedRecords.Reviews = []report.RecordFailure{{SourceID: "ORDER-9", Reason: "company name matched two companies"}}
	failedRun := report.SyncReport{
		Kind: "order-sync", WorkflowID: "order-sync/w2", Status: report.StatusFailed,
		Error: "HubSpot schema is not ready", Failures: []report.RecordFailure{},
	}
	var out bytes.Buffer

	printSummary(&out, []report.SyncReport{failedRecords, failedRun}, "")

	lines := strings.Split(out.String(), "\n")
	assert.Contains(t, lines[1], "completed_with_failures")
	assert.Contains(t, lines[2], "failed")
	assert.Equal(t, []string{
		"  order-sync ORDER-1: HubSpot rejected amount",
		"  order-sync ORDER-2: invalid currency XXX",
		"  order-sync: 1 more failed records not listed",
		"  order-sync ORDER-9 (review): company name matched two companies",
		"",
		"order-sync order-sync/w2 failed: HubSpot schema is not ready",
		"",
	}, lines[3:])
}

func TestPrintSummaryCountsSPSCalls(t *testing.T) {
	customers := report.SyncReport{
		Kind: "customer-sync", Status: report.StatusSucceeded, DurationMs: 1000,
		APICalls: []apicalls.Count{
			{Service: apicalls.SPS, Endpoint: "POST /v1/token/loginv1", Calls: 1},
			{Service: apicalls.SPS, Endpoint: "GET /v1/customers", Calls: 14},
		},
	}
	var out bytes.Buffer

	printSummary(&out, []report.SyncReport{customers}, "")

	row := strings.Fields(strings.Split(out.String(), "\n")[1])
	assert.Equal(t, []string{"customer-sync", "succeeded", "0", "0", "0", "0", "0", "(0)", "0", "15", "1.0s"}, row)
}

func TestPrintSummaryNoReports(t *testing.T) {
	var out bytes.Buffer

	printSummary(&out, nil, "")

	assert.Equal(t, 1, strings.Count(out.String(), "\n"))
	assert.True(t, strings.HasPrefix(out.String(), "SYNC"))
}
