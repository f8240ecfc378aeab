package devstack_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"google.golang.org/protobuf/encoding/protojson"

	"github.com/stonecity/sync/activities"
	"github.com/stonecity/sync/hubspotschema"
	"github.com/stonecity/sync/normalize"
	"github.com/stonecity/sync/report"
	"github.com/stonecity/sync/sandbox/dataset"
	"github.com/stonecity/sync/sandbox/devstack"
	hubsim "github.com/stonecity/sync/sandbox/hubspot"
	"github.com/stonecity/sync/workflows"
)

// testNow anchors every generated dataset, so tests are deterministic.
var testNow = time.Date(2026, 12, 4, 11, 0, 0, 0, time.UTC)

const testSeed = 7

// startStack boots a dev stack with a generated dataset of the given size
// and returns it with its dataset (generated again with the same seed).
func startStack(t *testing.T, orders int, opts devstack.Options) (*devstack.Stack, *dataset.Dataset) {
	t.Helper()
	opts.Seed, opts.Now, opts.Orders = testSeed, testNow, orders
	opts.UIPort = -1
	stack, err := devstack.Start(context.Background(), opts)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, stack.Stop()) })
	data := dataset.Generate(dataset.Options{Seed: testSeed, Now: testNow, Orders: orders})
	return stack, data
}

// setupSchema applies the HubSpot schema, as `starter hubspot setup` does.
func setupSchema(t *testing.T, stack *devstack.Stack) {
	t.Helper()
	deps, err := activities.NewDependencies(stack.Settings)
	require.NoError(t, err)
	_, err = hubspotschema.Setup(context.Background(), deps.HubSpot, hubspotschema.All(stack.Settings.Portal))
	require.NoError(t, err)
}

// startWorker starts a worker that stops when the test ends.
func startWorker(t *testing.T, stack *devstack.Stack) worker.Worker {
	t.Helper()
	w, err := stack.NewWorker(worker.Options{})
	require.NoError(t, err)
	require.NoError(t, w.Start())
	t.Cleanup(w.Stop)
	return w
}

// syncOrders runs an order sync over the stack's backfill window.
func syncOrders(t *testing.T, stack *devstack.Stack, pageSize int) report.SyncReport {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	since, until := stack.Backfill.Since, stack.Backfill.Until
	run, err := workflows.StartOrderSync(ctx, stack.Client, workflows.OrderSyncInput{
		Since: &since, Until: &until, PageSize: pageSize,
	})
	require.NoError(t, err)
	return waitReport(t, ctx, run, workflows.OrderSyncKind)
}

// requireNoDuplicates fails on two deals with one square_order_id, or two
// contacts with one normalised e-mail or phone.
func requireNoDuplicates(t *testing.T, sim *hubsim.Simulator) {
	t.Helper()
	orders := map[string]string{}
	for _, d := range sim.Objects("deals") {
		id := d.Properties["square_order_id"]
		if id == "" {
			continue
		}
		require.Empty(t, orders[id], "deals %s and %s share square_order_id %s", orders[id], d.ID, id)
		orders[id] = d.ID
	}

	emails, phones := map[string]string{}, map[string]string{}
	for _, c := range sim.Objects("contacts") {
		if email, ok := normalize.Email(c.Properties["email"]); ok {
			require.Empty(t, emails[email], "contacts %s and %s share e-mail %s", emails[email], c.ID, email)
			emails[email] = c.ID
		}
		if phone, ok := normalize.Phone(c.Properties["phone"]); ok {
			require.Empty(t, phones[phone], "contacts %s and %s share phone %s", phones[phone], c.ID, phone)
			phones[phone] = c.ID
		}
	}
}

// squareDeals returns the deals in the Square POS pipeline.
func squareDeals(stack *devstack.Stack) []hubsim.Object {
	var out []hubsim.Object
	for _, d := range stack.Sims.HubSpot.Objects("deals") {
		if d.Properties["pipeline"] == stack.Settings.Portal.SquarePipelineID {
			out = append(out, d)
		}
	}
	return out
}

func failureReasons(r report.SyncReport) string {
	var lines []string
	for _, f := range r.Failures {
		lines = append(lines, f.SourceID+": "+f.Reason)
	}
	return r.Error + "\n" + strings.Join(lines, "\n")
}

// writeHistory writes the history of a workflow run as indented JSON to
// path, for the replay tests in workflows/testdata/histories. protojson
// varies its whitespace on purpose, so its compact output is indented
// with encoding/json for a stable file.
func writeHistory(ctx context.Context, t *testing.T, stack *devstack.Stack, workflowID, runID, path string) {
	t.Helper()
	history := &historypb.History{}
	iter := stack.Client.GetWorkflowHistory(ctx, workflowID, runID, false,
		enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	for iter.HasNext() {
		event, err := iter.Next()
		require.NoError(t, err)
		history.Events = append(history.Events, event)
	}
	data, err := protojson.Marshal(history)
	require.NoError(t, err)
	var indented bytes.Buffer
	require.NoError(t, json.Indent(&indented, data, "", "  "))
	indented.WriteByte('\n')
	require.NoError(t, os.WriteFile(path, indented.Bytes(), 0o644))
}

// waitReport waits for run's report and fails the test when ctx ends
// before the run does.
func waitReport(t testing.TB, ctx context.Context, run client.WorkflowRun, kind string) report.SyncReport {
	t.Helper()
	rep, err := workflows.WaitReport(ctx, run, kind)
	require.NoError(t, err)
	return rep
}
