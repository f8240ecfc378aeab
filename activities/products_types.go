package activities

import (
	"github.com/stonecity/sync/apicalls"
	"github.com/stonecity/sync/clients/hubspot"
	"github.com/stonecity/sync/clients/s3mirror"
	"github.com/stonecity/sync/clients/sps"
	squareclient "github.com/stonecity/sync/clients/square"
	"github.com/stonecity/sync/report"
)

// Sink names of product sync, as SinkResult.Sink and the run report
// spell them.
const (
	SinkHubSpot = "hubspot"
	SinkSquare  = "square"
	SinkMirror  = "mirror"
)

// ProductActivities pulls the SPS catalogue once into a private snapshot
// and writes it to three sinks: HubSpot products, the Square catalog and
// the public S3 mirror. A nil client or bucket means that step is not
// configured: its activity fails with ErrorTypeNotConfigured and the
// other sinks still run.
type ProductActivities struct {
	HubSpot *hubspot.Client
	Square  *squareclient.Client
	SPS     *sps.Client
	// Mirror is the public bucket of the website's product mirror. It
	// never receives a price.
	Mirror *s3mirror.Bucket
	// Snapshots is the private bucket of the pulled catalogue, prices
	// included, that PullProducts writes and the sinks read.
	Snapshots *s3mirror.Bucket
}

// PullProductsInput names where PullProducts writes its snapshot.
type PullProductsInput struct {
	// SnapshotPrefix is the key prefix of the snapshot pages in the
	// Snapshots bucket, unique per run, for example
	// "product-sync/2026-12-04/<run id>". It must not be empty.
	SnapshotPrefix string `json:"snapshotPrefix"`
	// AllowMassRemoval lets the run remove more products SPS no longer
	// lists than the mass-removal limit allows (see PullProducts).
	AllowMassRemoval bool `json:"allowMassRemoval,omitempty"`
}

// SnapshotRef locates a snapshot: Pages objects named
// "<Prefix>/page-0001.json" onwards, each a JSON array of at most
// snapshotPageSize productmap.Product, Products in all.
type SnapshotRef struct {
	Prefix   string `json:"prefix"`
	Pages    int    `json:"pages"`
	Products int    `json:"products"`
}

// PullProductsResult is the outcome of PullProducts.
type PullProductsResult struct {
	Snapshot SnapshotRef `json:"snapshot"`
	// Read is the number of records SPS returned.
	Read int `json:"read"`
	// Active and Inactive count the snapshot's products by status.
	Active   int `json:"active"`
	Inactive int `json:"inactive"`
	// Failures lists the records that failed validation, by product id,
	// at most report.MaxReportedFailures of them.
	Failures []report.RecordFailure `json:"failures,omitempty"`
	// FailuresNotListed counts the failed records left out of Failures.
	FailuresNotListed int `json:"failuresNotListed,omitempty"`
	// SkipReasons counts the records left out of the snapshot, such as
	// the losers of a duplicate SKU.
	SkipReasons []report.ReasonCount `json:"skipReasons,omitempty"`
	// Removals counts the removals the pull planned: products of earlier
	// runs that SPS no longer lists, or whose SKU key or Square item
	// changed.
	Removals int `json:"removals,omitempty"`
	// RemovalsHeld counts the products SPS no longer lists that the run
	// did not remove, because there were more than the mass-removal limit
	// allows or the pull met records whose id cannot be read. They stay
	// in the record, so a later run removes them.
	RemovalsHeld int `json:"removalsHeld,omitempty"`
	// RemovalsHeldReason is why, worded to follow "because", when the
	// mass-removal limit did not hold them, and "" otherwise.
	RemovalsHeldReason string           `json:"removalsHeldReason,omitempty"`
	APICalls           []apicalls.Count `json:"apiCalls"`
}

// SinkInput selects the snapshot one sink activity writes.
type SinkInput struct {
	Snapshot SnapshotRef `json:"snapshot"`
	// SyncKind names the sync in logs, for example "product-sync".
	SyncKind string `json:"syncKind"`
}

// SinkResult is the outcome of one sink activity. Created, Updated and
// Deleted count the sink's objects written. Unchanged counts the active
// products the sink already had as they are.
type SinkResult struct {
	Sink      string `json:"sink"`
	Created   int    `json:"created"`
	Updated   int    `json:"updated"`
	Deleted   int    `json:"deleted"`
	Unchanged int    `json:"unchanged"`
	// Failures lists at most report.MaxReportedFailures failed records,
	// so the result stays far below Temporal's payload limit.
	Failures []report.RecordFailure `json:"failures,omitempty"`
	// FailuresNotListed counts the failed records left out of Failures.
	FailuresNotListed int                   `json:"failuresNotListed,omitempty"`
	Objects           []report.ObjectWrites `json:"objects,omitempty"`
	APICalls          []apicalls.Count      `json:"apiCalls"`
}
