package workflows

import (
	"time"

	"github.com/stonecity/sync/report"
)

// Quote sync names and defaults.
const (
	QuoteSyncKind         = "quote-sync"
	QuoteSyncWorkflowName = "QuoteSync"
	// QuoteSyncScheduleID is also the workflow ID prefix of scheduled runs:
	// Temporal appends "-<nominal time>" to it.
	QuoteSyncScheduleID = "quote-sync"
	// DefaultQuoteLookback is a day plus an hour of overlap, so a daily
	// run that starts late misses no quote.
	DefaultQuoteLookback = 25 * time.Hour
	// quotePagesPerRun bounds the history of one run; the workflow
	// continues as new after this many SPS pages of up to 200 quotes.
	quotePagesPerRun = 25
)

// QuoteSyncWorkflowID returns the workflow ID of a quote sync over w, for
// example "quote-sync/2026-12-03T10:00Z--2026-12-04T11:00Z".
func QuoteSyncWorkflowID(w report.Window) string {
	return QuoteSyncKind + "/" + w.Since.UTC().Format(windowIDLayout) + "--" +
		w.Until.UTC().Format(windowIDLayout)
}

// QuoteSyncInput is the input of the QuoteSync workflow; every field is
// optional, so `{}` syncs the quotes modified in the lookback window ending
// at the schedule's nominal time (or the start time of an unscheduled run).
type QuoteSyncInput struct {
	// Since and Until set an explicit modifiedDate window, for backfills.
	Since *time.Time `json:"since,omitempty"`
	Until *time.Time `json:"until,omitempty"`
	// LookbackHours overrides DefaultQuoteLookback when Since is unset.
	LookbackHours int `json:"lookbackHours,omitempty"`
	// Resume is set only by continue-as-new.
	Resume *QuoteSyncResume `json:"resume,omitempty"`
}

// QuoteSyncResume carries a run's position and partial report across
// continue-as-new.
type QuoteSyncResume struct {
	Window report.Window `json:"window"`
	// SyncedAt is the sps_last_synced time of every deal the run writes.
	SyncedAt time.Time `json:"syncedAt"`
	// Page is the next SPS page to sync, from 1; 0 means no page is left.
	Page    int               `json:"page"`
	Pages   int               `json:"pages"`
	Records int               `json:"records"`
	Report  report.SyncReport `json:"report"`
}
