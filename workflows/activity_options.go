package workflows

import (
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/stonecity/sync/activities"
	"github.com/stonecity/sync/report"
)

// finalErrorTypes are activity error types that no retry can fix.
var finalErrorTypes = []string{
	activities.ErrorTypeInvalid,
	activities.ErrorTypeAuth,
	activities.ErrorTypeNotFound,
	activities.ErrorTypePreflight,
}

// shortActivity is for single calls: preflight, listing locations.
func shortActivity(ctx workflow.Context) workflow.Context {
	return workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout:    2 * time.Minute,
		ScheduleToCloseTimeout: 30 * time.Minute,
		RetryPolicy: &temporal.RetryPolicy{
			InitialInterval:        time.Second,
			BackoffCoefficient:     2,
			MaximumInterval:        time.Minute,
			NonRetryableErrorTypes: finalErrorTypes,
		},
	})
}

// pageActivity is for activities that sync one page of records with many
// batch calls. They heartbeat after every call, so a lost worker is
// noticed within HeartbeatTimeout and the retry resumes from the
// checkpoint. Attempts are unlimited within ScheduleToCloseTimeout because
// an attempt that made progress sets a short retry delay itself.
func pageActivity(ctx workflow.Context) workflow.Context {
	return workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout:    15 * time.Minute,
		HeartbeatTimeout:       time.Minute,
		ScheduleToCloseTimeout: 2 * time.Hour,
		RetryPolicy: &temporal.RetryPolicy{
			InitialInterval:        time.Second,
			BackoffCoefficient:     2,
			MaximumInterval:        2 * time.Minute,
			NonRetryableErrorTypes: finalErrorTypes,
		},
	})
}

// preflight runs the HubSpot schema check of a sync kind and adds its
// calls to rep.
func preflight(ctx workflow.Context, kind string, rep *report.SyncReport) error {
	var schema *activities.SchemaActivities
	var res activities.PreflightResult
	err := workflow.ExecuteActivity(shortActivity(ctx), schema.Preflight,
		activities.PreflightInput{SyncKind: kind}).Get(ctx, &res)
	rep.MergeAPICalls(res.APICalls)
	return err
}

// failedRecords is the search attribute with a run's failed-record count.
var failedRecords = temporal.NewSearchAttributeKeyInt64(SearchAttributeFailedRecords)

// syncKind is the search attribute naming the kind of sync.
var syncKind = temporal.NewSearchAttributeKeyKeyword(SearchAttributeSyncKind)

// upsertSearchAttributes records the sync kind and failed-record count of
// a run, so runs can be filtered in the Web UI. The worker checks at start
// that the namespace has both attributes.
func upsertSearchAttributes(ctx workflow.Context, kind string, failed int) {
	err := workflow.UpsertTypedSearchAttributes(ctx, syncKind.ValueSet(kind),
		failedRecords.ValueSet(int64(failed)))
	if err != nil {
		workflow.GetLogger(ctx).Warn("Could not set search attributes", "error", err)
	}
}

// maxLocationsPerSearch is Square's limit on location ids per order search.
const maxLocationsPerSearch = 10

// locationGroups splits location ids into groups Square accepts in one
// search; the ids arrive sorted, so the groups are deterministic.
func locationGroups(ids []string) [][]string {
	var groups [][]string
	for len(ids) > maxLocationsPerSearch {
		groups = append(groups, ids[:maxLocationsPerSearch])
		ids = ids[maxLocationsPerSearch:]
	}
	if len(ids) > 0 {
		groups = append(groups, ids)
	}
	return groups
}
