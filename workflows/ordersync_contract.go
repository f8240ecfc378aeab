package workflows

import (
	"time"

	enumspb "go.temporal.io/api/enums/v1"

	"github.com/stonecity/sync/report"
)

// TaskQueue is the task queue of every sync workflow and activity.
const TaskQueue = "stonecity-sync"

// Search attributes set by every sync workflow, so runs can be filtered in
// the Web UI (for example `SyncKind = "order-sync" AND FailedRecords > 0`).
const (
	SearchAttributeSyncKind      = "SyncKind"
	SearchAttributeFailedRecords = "FailedRecords"
)

// SearchAttributeTypes are the custom search attributes the sync workflows
// set; the namespace must have them (see the README).
var SearchAttributeTypes = map[string]enumspb.IndexedValueType{
	SearchAttributeSyncKind:      enumspb.INDEXED_VALUE_TYPE_KEYWORD,
	SearchAttributeFailedRecords: enumspb.INDEXED_VALUE_TYPE_INT,
}

// ProgressQuery is the query for which every sync workflow returns its
// Progress.
const ProgressQuery = "progress"

// Order sync names and defaults.
const (
	OrderSyncKind         = "order-sync"
	OrderSyncWorkflowName = "OrderSync"
	// OrderSyncScheduleID is also the workflow ID prefix of scheduled runs:
	// Temporal appends "-<nominal time>" to it.
	OrderSyncScheduleID = "order-sync"
	// DefaultOrderLookback covers Square POS offline orders, which can
	// reach the API up to 72 hours after they closed.
	DefaultOrderLookback = 96 * time.Hour
	// DefaultOrderPageSize is Square's maximum SearchOrders page.
	DefaultOrderPageSize = 1000
	// orderPagesPerRun bounds the history of one run; the workflow
	// continues as new after this many pages.
	orderPagesPerRun = 25
)

// windowIDLayout formats window ends in workflow IDs, to the minute.
const windowIDLayout = "2006-01-02T15:04Z"

// OrderSyncWorkflowID returns the workflow ID of an order sync over w, for
// example "order-sync/2026-11-30T11:00Z--2026-12-04T11:00Z".
// StartOrderSync attaches a second trigger of an open window to the
// running run, so a double trigger cannot run the same work twice.
func OrderSyncWorkflowID(w report.Window) string {
	return OrderSyncKind + "/" + w.Since.UTC().Format(windowIDLayout) + "--" +
		w.Until.UTC().Format(windowIDLayout)
}

// OrderSyncInput is the input of the OrderSync workflow; every field is
// optional, so `{}` syncs the lookback window ending at the schedule's
// nominal time (or the start time of an unscheduled run).
type OrderSyncInput struct {
	// Since and Until set an explicit closed_at window, for backfills.
	Since *time.Time `json:"since,omitempty"`
	Until *time.Time `json:"until,omitempty"`
	// LookbackHours overrides DefaultOrderLookback when Since is unset.
	LookbackHours int `json:"lookbackHours,omitempty"`
	// LocationIDs limits the sync to these Square locations; default: the
	// worker's configured locations, else every location of the account.
	LocationIDs []string `json:"locationIds,omitempty"`
	// PageSize overrides DefaultOrderPageSize (1 to 1000).
	PageSize int `json:"pageSize,omitempty"`
	// Resume is set only by continue-as-new.
	Resume *OrderSyncResume `json:"resume,omitempty"`
}

// OrderSyncResume carries a run's position and partial report across
// continue-as-new.
type OrderSyncResume struct {
	Window        report.Window     `json:"window"`
	LocationIDs   []string          `json:"locationIds"`
	LocationGroup int               `json:"locationGroup"`
	Cursor        string            `json:"cursor,omitempty"`
	Pages         int               `json:"pages"`
	Records       int               `json:"records"`
	Report        report.SyncReport `json:"report"`
}

// Progress is the result of ProgressQuery.
type Progress struct {
	Kind          string `json:"kind"`
	Stage         string `json:"stage"`
	Pages         int    `json:"pages"`
	Records       int    `json:"records"`
	Created       int    `json:"created"`
	Updated       int    `json:"updated"`
	Skipped       int    `json:"skipped"`
	Failed        int    `json:"failed"`
	LocationGroup int    `json:"locationGroup"`
}
