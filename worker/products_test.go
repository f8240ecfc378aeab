package main

import (
	"bytes"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/report"
)

func TestParseFlagsS3Port(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want int
	}{
		{name: "default", args: []string{"--dev"}, want: 8304},
		{name: "free port", args: []string{"--dev", "--s3-port", "0"}, want: 0},
		{name: "fixed port", args: []string{"--dev", "--s3-port", "9304"}, want: 9304},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := parseFlags(tc.args, io.Discard)

			require.NoError(t, err)
			assert.Equal(t, tc.want, f.s3)
		})
	}
}

func TestParseFlagsRejectsS3Port(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{name: "too high", args: []string{"--dev", "--s3-port", "70000"}, want: "invalid --s3-port 70000"},
		{name: "negative", args: []string{"--dev", "--s3-port", "-1"}, want: "invalid --s3-port -1"},
		{name: "on the SPS port", args: []string{"--dev", "--s3-port", "8303"},
			want: "--sps-port and --s3-port are both 8303"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseFlags(tc.args, io.Discard)

			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestPrintSummarySinks(t *testing.T) {
	r := report.SyncReport{Kind: "product-sync", WorkflowID: "product-sync/2026-12-04",
		Status: report.StatusFailedRecords, Failures: []report.RecordFailure{},
		Sinks: []report.SinkReport{
			{Sink: "hubspot", Status: report.StatusSucceeded, Created: 11, Unchanged: 3},
			{Sink: "square", Status: report.StatusFailed, Error: "Square catalog is not configured"},
		}}
	var out bytes.Buffer

	printSummary(&out, []report.SyncReport{r}, "")

	assert.Contains(t, out.String(),
		"  product-sync sink hubspot: succeeded, created 11, updated 0, deleted 0, unchanged 3, failed 0\n")
	assert.Contains(t, out.String(),
		"  product-sync sink square: failed, created 0, updated 0, deleted 0, unchanged 0, failed 0\n"+
			"  product-sync sink square failed: Square catalog is not configured\n")
}
