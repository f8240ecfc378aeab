package workflows

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/stonecity/sync/activities"
)

// Product sync names.
const (
	ProductSyncKind         = "product-sync"
	ProductSyncWorkflowName = "ProductSync"
	// ProductSyncScheduleID is also the workflow ID prefix of scheduled
	// runs: Temporal appends "-<nominal time>" to it.
	ProductSyncScheduleID = "product-sync"
)

// Product sync sinks, as SinkReport.Sink spells them.
const (
	ProductSinkHubSpot = activities.SinkHubSpot
	ProductSinkSquare  = activities.SinkSquare
	ProductSinkMirror  = activities.SinkMirror
)

// ProductSinks are every product sync sink, in report order.
var ProductSinks = []string{ProductSinkHubSpot, ProductSinkSquare, ProductSinkMirror}

// dayIDLayout formats the day of an unscheduled product sync in its
// workflow ID.
const dayIDLayout = "2006-01-02"

// ProductSyncWorkflowID returns the workflow ID of an unscheduled product
// sync started on the UTC day of t, for example "product-sync/2026-12-04".
// A second start on the same day attaches to the open run.
func ProductSyncWorkflowID(t time.Time) string {
	return ProductSyncKind + "/" + t.UTC().Format(dayIDLayout)
}

// ProductSnapshotPrefix returns the key prefix, in the private snapshot
// bucket, of the catalogue one product sync run pulls. The run id makes it
// unique per run, so a rerun of the same workflow ID never reads an older
// run's snapshot.
func ProductSnapshotPrefix(workflowID, runID string) string {
	return "snapshots/" + workflowID + "/" + runID
}

// ProductSyncInput is the input of the ProductSync workflow. Every field
// is optional, so `{}` pulls every SPS product and writes all three sinks.
type ProductSyncInput struct {
	// Sinks limits the run to these sinks ("hubspot", "square",
	// "mirror"). Empty means all three.
	Sinks []string `json:"sinks,omitempty"`
	// AllowMassRemoval removes the products SPS no longer lists even when
	// they exceed the mass-removal limit, after an operator checked that
	// SPS really deleted them.
	AllowMassRemoval bool `json:"allowMassRemoval,omitempty"`
}

// SelectedSinks returns the sinks the input selects in report order,
// each once. The error names the first unknown sink.
func (in ProductSyncInput) SelectedSinks() ([]string, error) {
	if len(in.Sinks) == 0 {
		return slices.Clone(ProductSinks), nil
	}
	for _, s := range in.Sinks {
		if !slices.Contains(ProductSinks, s) {
			return nil, fmt.Errorf("unknown sink %q in the product sync input: use one of %s",
				s, strings.Join(ProductSinks, ", "))
		}
	}
	var out []string
	for _, s := range ProductSinks {
		if slices.Contains(in.Sinks, s) {
			out = append(out, s)
		}
	}
	return out, nil
}

// ProductSyncProgress is the result of ProgressQuery for a product sync:
// the common counts plus the stage of each sink.
type ProductSyncProgress struct {
	Progress
	Sinks []SinkProgress `json:"sinks"`
}

// SinkProgress is the stage of one product sync sink: "waiting",
// "running", then the sink's report status.
type SinkProgress struct {
	Sink  string `json:"sink"`
	Stage string `json:"stage"`
}
