package workflows

import (
	"time"

	"github.com/stonecity/sync/activities"
	"github.com/stonecity/sync/apicalls"
)

// Customer sync names and defaults.
const (
	CustomerSyncKind            = "customer-sync"
	CustomerSyncWorkflowName    = "CustomerSync"
	CustomerSyncRepWorkflowName = "CustomerSyncRep"
	// CustomerSyncScheduleID is also the workflow ID prefix of scheduled
	// runs.
	CustomerSyncScheduleID = "customer-sync"
	// DefaultRepConcurrency bounds the per-rep child workflows running at
	// once, so SPS sees a handful of concurrent page queries, not a dozen.
	DefaultRepConcurrency = 4
	// customerBatchSize is HubSpot's batch size: one match and one write
	// activity per 100 customers.
	customerBatchSize = 100
)

// Customer sync modes.
const (
	// CustomerModeB2B syncs only business customers; retail buyers reach
	// HubSpot through order sync. The production default.
	CustomerModeB2B = "b2b"
)

// CustomerSyncWorkflowID returns the workflow ID of an unscheduled
// customer sync started at t, to the minute.
func CustomerSyncWorkflowID(t time.Time) string {
	return CustomerSyncKind + "/" + t.UTC().Format(windowIDLayout)
}

// CustomerSyncInput is the input of the CustomerSync workflow; `{}` runs a
// b2b-only sync of every active SPS customer.
type CustomerSyncInput struct {
	// Mode is "b2b" (default).
	Mode string `json:"mode,omitempty"`
	// RepConcurrency overrides DefaultRepConcurrency.
	RepConcurrency int `json:"repConcurrency,omitempty"`
}

// CustomerSyncRepInput is the input of one per-rep child workflow.
type CustomerSyncRepInput struct {
	// RepKey is the normalised rep name; Names are the spellings SPS uses
	// for it, each queried with the salesRepName filter.
	RepKey string   `json:"repKey"`
	Names  []string `json:"names,omitempty"`
	// Sweep makes the child read every active customer and keep those
	// whose salesRepName is not exactly one of CoveredNames: customers
	// without a rep, or with a spelling the discovery probe did not see.
	// Exact comparison is safe whatever case rule SPS's filter applies: a
	// customer both a rep child and the sweep return is merged by id.
	Sweep        bool     `json:"sweep,omitempty"`
	CoveredNames []string `json:"coveredNames,omitempty"`
	// SyncedAt is the parent's sync time, written as sps_last_synced.
	SyncedAt time.Time `json:"syncedAt"`
}

// CustomerSyncRepResult is the classified customers of one rep, merged by
// id.
type CustomerSyncRepResult struct {
	Records  []activities.CustomerRecord `json:"records"`
	Pages    int                         `json:"pages"`
	APICalls []apicalls.Count            `json:"apiCalls"`
}

// CustomerSyncRepWorkflowID returns the child workflow ID of a rep within
// a parent run.
func CustomerSyncRepWorkflowID(parentID, repKey string) string {
	if repKey == "" {
		repKey = "sweep"
	}
	return parentID + "/rep/" + repKey
}
