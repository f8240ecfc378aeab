package activities

import (
	"context"
	"fmt"

	"go.temporal.io/sdk/activity"

	"github.com/stonecity/sync/apicalls"
	"github.com/stonecity/sync/productmap"
	"github.com/stonecity/sync/report"
)

// Objects named in SinkResult.Objects.
const (
	objectProducts     = "products"
	objectSquareItems  = "square items"
	objectMirrorObject = "mirror objects"
)

// sinkProgress is the heartbeated progress of one sink activity. A retried
// attempt keeps the counts and calls of earlier attempts, and the HubSpot
// sink also resumes at Next.
type sinkProgress struct {
	// Snapshot is the prefix of the snapshot being written. Progress of
	// another snapshot is ignored.
	Snapshot string `json:"snapshot"`
	// Next is the index in the snapshot of the first product not handled
	// yet, for sinks that resume by position.
	Next    int `json:"next"`
	Created int `json:"created"`
	Updated int `json:"updated"`
	Deleted int `json:"deleted"`
	// Unchanged counts the products found as they are, for sinks that
	// resume by position. The others count them again on each attempt.
	Unchanged int                    `json:"unchanged,omitempty"`
	Failures  []report.RecordFailure `json:"failures,omitempty"`
	// FailuresNotListed counts the failures beyond
	// report.MaxReportedFailures, which Failures leaves out.
	FailuresNotListed int `json:"failuresNotListed,omitempty"`
	// Calls are the API calls of the attempts before the current one.
	Calls []apicalls.Count `json:"calls,omitempty"`
}

// sinkRun is one attempt of one sink activity over one snapshot.
type sinkRun struct {
	sink     string
	recorder *apicalls.Recorder
	// prior is the progress of earlier attempts, from their heartbeat.
	prior sinkProgress
	// cp is the progress of this attempt, earlier attempts included.
	cp sinkProgress
	// unchanged counts the active products this attempt found as they are.
	unchanged int
}

// startSink restores the progress an earlier attempt heartbeated for the
// same snapshot, attaches a call recorder to ctx, and returns both.
func startSink(ctx context.Context, sink string, ref SnapshotRef) (context.Context, *sinkRun) {
	run := &sinkRun{sink: sink, recorder: apicalls.NewRecorder()}
	run.prior.Snapshot = ref.Prefix
	if activity.HasHeartbeatDetails(ctx) {
		var restored sinkProgress
		err := activity.GetHeartbeatDetails(ctx, &restored)
		if err == nil && restored.Snapshot == ref.Prefix {
			run.prior = restored
		} else {
			activity.GetLogger(ctx).Warn("Ignoring unreadable sink checkpoint", "sink", sink, "error", err)
		}
	}
	run.cp = run.prior
	run.cp.Failures = append([]report.RecordFailure(nil), run.prior.Failures...)
	return apicalls.WithRecorder(ctx, run.recorder), run
}

// heartbeat records the progress so far, with next as the resume index.
func (r *sinkRun) heartbeat(ctx context.Context, next int) {
	r.cp.Next = next
	details := r.cp
	details.Calls = apicalls.Merge(r.prior.Calls, r.recorder.Counts())
	activity.RecordHeartbeat(ctx, details)
}

// failed records the progress so far, so the next attempt counts what
// this one wrote, and returns err as a Temporal error.
func (r *sinkRun) failed(ctx context.Context, err error, progressed bool) error {
	r.heartbeat(ctx, r.cp.Next)
	return temporalError(err, progressed)
}

// fail records a per-record failure of the product with the given id.
func (r *sinkRun) fail(productID int64, reason string) {
	r.addFailure(productFailure(spsID(productID), reason))
}

// addFailure records a per-record failure. Past report.MaxReportedFailures
// it only counts it, so a sink that fails every product keeps its result
// and heartbeat small.
func (r *sinkRun) addFailure(f report.RecordFailure) {
	if len(r.cp.Failures) >= report.MaxReportedFailures {
		r.cp.FailuresNotListed++
		return
	}
	r.cp.Failures = append(r.cp.Failures, f)
}

// productFailure is the failure of the SPS product with the given id.
func productFailure(sourceID, reason string) report.RecordFailure {
	return report.RecordFailure{SourceID: sourceID, Reason: reason}
}

// result returns the counts of every attempt so far. Objects an earlier
// attempt wrote show up as unchanged in a later one, so they are taken
// off this attempt's unchanged count.
func (r *sinkRun) result(object string) SinkResult {
	res := SinkResult{
		Sink:      r.sink,
		Created:   r.cp.Created,
		Updated:   r.cp.Updated,
		Deleted:   r.cp.Deleted,
		Unchanged: max(0, r.unchanged-r.prior.Created-r.prior.Updated),
		Failures:  r.cp.Failures,
		APICalls:  apicalls.Merge(r.prior.Calls, r.recorder.Counts()),
	}
	res.FailuresNotListed = r.cp.FailuresNotListed
	if r.sink == SinkHubSpot {
		// The HubSpot sink resumes after the products earlier attempts
		// handled, so it keeps its unchanged count in the checkpoint.
		res.Unchanged = r.cp.Unchanged
	}
	if res.Created > 0 || res.Updated > 0 {
		res.Objects = []report.ObjectWrites{{Object: object, Created: res.Created, Updated: res.Updated}}
	}
	return res
}

// activeByKey splits snapshot products into the active ones, in snapshot
// order, and the set of keys that have an active product.
func activeByKey(products []productmap.Product) ([]productmap.Product, map[string]bool) {
	var active []productmap.Product
	keys := map[string]bool{}
	for _, p := range products {
		if p.Active {
			active = append(active, p)
			keys[p.Key] = true
		}
	}
	return active, keys
}

// notConfigured returns the final error of a step whose client or bucket
// is missing, naming the variable that configures it.
func notConfigured(step, variable string) error {
	return permanent(ErrorTypeNotConfigured, "%s is not configured: set %s", step, variable)
}

// checkSinkInput rejects a sink input without a snapshot.
func checkSinkInput(in SinkInput) error {
	if in.Snapshot.Prefix == "" {
		return permanent(ErrorTypeInvalid, "sink input has no snapshot prefix")
	}
	if in.Snapshot.Pages < 0 || in.Snapshot.Products < 0 {
		return permanent(ErrorTypeInvalid, "snapshot %s has %d pages and %d products; both must be 0 or more",
			in.Snapshot.Prefix, in.Snapshot.Pages, in.Snapshot.Products)
	}
	return nil
}

// productLabel names a product in errors and logs by id and SKU.
func productLabel(p productmap.Product) string {
	return fmt.Sprintf("SPS product %d (SKU %q)", p.ID, p.SKU)
}
