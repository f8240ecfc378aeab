package devstack_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/worker"

	"github.com/stonecity/sync/activities"
	"github.com/stonecity/sync/clients/hubspot"
	spsclient "github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/customermap"
	"github.com/stonecity/sync/report"
	"github.com/stonecity/sync/sandbox/devstack"
	hubsim "github.com/stonecity/sync/sandbox/hubspot"
	"github.com/stonecity/sync/workflows"
)

func TestCustomerSyncFullDatasetThenNoOp(t *testing.T) {
	stack, data := startCustomerStack(t, 0, devstack.Options{})
	setupSchema(t, stack)
	startWorker(t, stack)
	sim := stack.Sims.HubSpot
	exp := data.Expect
	companiesBefore := objectsByID(sim.Objects("companies"))
	contactsBefore := objectsByID(sim.Objects("contacts"))

	started := time.Now()
	first := syncCustomers(t, stack)
	t.Logf("first run: %s, created %d, updated %d, skipped %d, reviews %d, HubSpot calls %d "+
		"(batch minimum %d), SPS calls %v", time.Since(started), first.Created, first.Updated, first.Skipped,
		len(first.Reviews), first.HubSpotCalls, first.HubSpotBatchMinimum, stack.Sims.SPS.Calls())

	for _, s := range first.Stages {
		t.Logf("stage %q: %d records, %d calls", s.Name, s.Records, s.Calls)
	}
	require.Equal(t, report.StatusSucceeded, first.Status, failureReasons(first))
	assert.Equal(t, 0, first.Failed)
	assert.Equal(t, exp.SPSNewCompanies+exp.SPSAmbiguousNames, first.Created, "created")
	assert.Equal(t, exp.SPSMatchedByName+exp.SPSMatchedByDomain, first.Updated, "matched companies updated")
	// Matched companies spread over many write batches, so their reads and
	// updates take a call per batch rather than per 100 records.
	assert.LessOrEqual(t, float64(first.HubSpotCalls), 1.5*float64(first.HubSpotBatchMinimum),
		"HubSpot calls %d, batch minimum %d", first.HubSpotCalls, first.HubSpotBatchMinimum)
	assert.Len(t, first.Reviews, min(exp.SPSAmbiguousNames, report.MaxReportedFailures), "ambiguous names reviewed")

	b2b := activeB2B(stack)
	assert.Equal(t, exp.SPSActiveB2B, len(b2b), "active b2b customers in SPS")
	stamped := companiesBySPSID(sim)
	for id := range b2b {
		assert.Len(t, stamped[strconv.FormatInt(id, 10)], 1, "companies with sps_customer_id %d", id)
	}
	assert.Equal(t, exp.SPSActiveB2B, len(stamped), "sps_customer_id values on companies")

	matched := 0
	for _, list := range stamped {
		if _, existed := companiesBefore[list[0].ID]; existed {
			matched++
		}
	}
	assert.Equal(t, exp.SPSMatchedByName+exp.SPSMatchedByDomain, matched, "pre-existing companies stamped")
	companiesAfter := len(sim.Objects("companies"))
	assert.Equal(t, len(companiesBefore)+exp.SPSNewCompanies+exp.SPSAmbiguousNames, companiesAfter,
		"companies after the run")
	requireContactMetadata(t, sim, b2b, contactsBefore)

	callsBefore := sim.Calls()
	second := syncCustomers(t, stack)
	callsAfter := sim.Calls()
	t.Logf("second run: HubSpot calls %d (batch minimum %d)", second.HubSpotCalls, second.HubSpotBatchMinimum)

	require.Equal(t, report.StatusSucceeded, second.Status, failureReasons(second))
	assert.Equal(t, 0, second.Created)
	assert.Equal(t, 0, second.Updated)
	assert.Equal(t, 0, second.Failed)
	assert.Empty(t, second.Objects, "a rerun writes nothing")
	assert.Equal(t, 0, writeCalls(callsAfter)-writeCalls(callsBefore), "write calls on the rerun")
	assert.Equal(t, companiesAfter, len(sim.Objects("companies")), "companies after the rerun")
}

// requireContactMetadata checks the contacts of every stamped company: the
// SPS metadata of the lowest SPS id among their companies, and SPS_B2B
// where the lead status was blank before the run, else the earlier value.
func requireContactMetadata(t *testing.T, sim *hubsim.Simulator, b2b map[int64]spsclient.Customer,
	before map[string]hubsim.Object) {
	t.Helper()
	companies := objectsByID(sim.Objects("companies"))
	owner := map[string]int64{}
	for companyID, contactIDs := range contactsOfCompanies(sim) {
		id, err := strconv.ParseInt(companies[companyID].Properties[customermap.PropSPSCustomerID], 10, 64)
		if err != nil {
			continue
		}
		for _, contactID := range contactIDs {
			if current, ok := owner[contactID]; !ok || id < current {
				owner[contactID] = id
			}
		}
	}
	require.NotEmpty(t, owner, "contacts linked to synced companies")

	contacts := objectsByID(sim.Objects("contacts"))
	for contactID, id := range owner {
		got := contacts[contactID].Properties
		for prop, want := range customermap.ContactProperties(b2b[id]) {
			assert.Equal(t, want, got[prop], "contact %s %s", contactID, prop)
		}
		wantStatus := before[contactID].Properties[customermap.PropLeadStatus]
		if wantStatus == "" {
			wantStatus = customermap.LeadStatusSPSB2B
		}
		assert.Equal(t, wantStatus, got[customermap.PropLeadStatus], "contact %s lead status", contactID)
	}
}

func TestCustomerSyncWorkerRestartMidRun(t *testing.T) {
	tests := []struct {
		name string
		// stopped reports when the first worker must stop.
		stopped func(stack *devstack.Stack, p workflows.Progress) bool
	}{
		{
			name: "while children read",
			stopped: func(stack *devstack.Stack, p workflows.Progress) bool {
				return p.Stage == "reading customers by sales rep" && sumCalls(stack.Sims.SPS.Calls()) > 8
			},
		},
		{
			name: "while writing",
			stopped: func(stack *devstack.Stack, p workflows.Progress) bool {
				return p.Stage == "writing companies" && p.Created > 0
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stack, data := startCustomerStack(t, 6000, devstack.Options{SPSPageLatency: 20 * time.Millisecond})
			setupSchema(t, stack)
			stack.Sims.HubSpot.SetFaults(hubsim.Faults{LatencyMs: 5})
			first, err := stack.NewWorker(worker.Options{})
			require.NoError(t, err)
			require.NoError(t, first.Start())
			companiesBefore := len(stack.Sims.HubSpot.Objects("companies"))

			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			run := startCustomerSync(ctx, t, stack, workflows.CustomerSyncInput{RepConcurrency: 2})
			require.Eventually(t, func() bool {
				return tt.stopped(stack, customerProgress(ctx, stack, run.GetID()))
			}, 2*time.Minute, 10*time.Millisecond)
			first.Stop()
			require.NotEqual(t, "finished", customerProgress(ctx, stack, run.GetID()).Stage,
				"the worker must stop mid-run")

			startWorker(t, stack)
			rep := waitReport(t, ctx, run, workflows.CustomerSyncKind)

			require.Equal(t, report.StatusSucceeded, rep.Status, failureReasons(rep))
			exp := data.Expect
			stamped := companiesBySPSID(stack.Sims.HubSpot)
			for id := range activeB2B(stack) {
				assert.Len(t, stamped[strconv.FormatInt(id, 10)], 1, "companies with sps_customer_id %d", id)
			}
			assert.Equal(t, exp.SPSActiveB2B, len(stamped), "sps_customer_id values on companies")
			assert.Equal(t, companiesBefore+exp.SPSNewCompanies+exp.SPSAmbiguousNames,
				len(stack.Sims.HubSpot.Objects("companies")), "companies after the run")
		})
	}
}

// customerProgress returns the progress of a running customer sync, or
// the zero Progress when the query fails.
func customerProgress(ctx context.Context, stack *devstack.Stack, workflowID string) workflows.Progress {
	var p workflows.Progress
	value, err := stack.Client.QueryWorkflow(ctx, workflowID, "", workflows.ProgressQuery)
	if err != nil {
		return p
	}
	_ = value.Get(&p)
	return p
}

func TestCustomerSyncPreflightMissingSPSB2B(t *testing.T) {
	stack, _ := startCustomerStack(t, 2000, devstack.Options{})
	setupSchema(t, stack)
	removeLeadStatusOption(t, stack, customermap.LeadStatusSPSB2B)
	startWorker(t, stack)
	sim := stack.Sims.HubSpot
	companiesBefore := len(sim.Objects("companies"))
	writesBefore := writeCalls(sim.Calls())

	rep := syncCustomers(t, stack)

	assert.Equal(t, report.StatusFailed, rep.Status)
	assert.Contains(t, rep.Error, "hs_lead_status has no option SPS_B2B")
	assert.Contains(t, rep.Error, "go run ./starter hubspot setup")
	assert.Equal(t, writesBefore, writeCalls(sim.Calls()), "write calls")
	assert.Equal(t, companiesBefore, len(sim.Objects("companies")), "companies")
	assert.Empty(t, stack.Sims.SPS.Calls(), "SPS calls before the preflight failed")
}

// removeLeadStatusOption deletes one hs_lead_status option, as a portal
// admin could.
func removeLeadStatusOption(t *testing.T, stack *devstack.Stack, value string) {
	t.Helper()
	deps, err := activities.NewDependencies(stack.Settings)
	require.NoError(t, err)
	ctx := context.Background()
	prop, err := deps.HubSpot.GetProperty(ctx, "contacts", customermap.PropLeadStatus)
	require.NoError(t, err)
	var remaining []hubspot.Option
	for _, o := range prop.Options {
		if o.Value != value {
			remaining = append(remaining, o)
		}
	}
	require.Len(t, remaining, len(prop.Options)-1, "options after removing %s", value)
	_, err = deps.HubSpot.UpdateProperty(ctx, "contacts", customermap.PropLeadStatus,
		hubspot.PropertyUpdate{Options: remaining})
	require.NoError(t, err)
}

func TestCustomerSyncEveryRepSpellingOnce(t *testing.T) {
	stack, _ := startCustomerStack(t, 3000, devstack.Options{})
	setupSchema(t, stack)
	startWorker(t, stack)
	respellRepNames(t, stack)
	active := activeCustomers(stack)

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	run := startCustomerSync(ctx, t, stack, workflows.CustomerSyncInput{})
	rep := waitReport(t, ctx, run, workflows.CustomerSyncKind)

	require.Equal(t, report.StatusSucceeded, rep.Status, failureReasons(rep))
	handled := handledCustomerIDs(ctx, t, stack, run.GetID())
	want := make([]int64, 0, len(active))
	for id := range active {
		want = append(want, id)
	}
	slices.Sort(want)
	assert.Equal(t, want, handled, "customers the children returned")
	assert.Equal(t, len(active), rep.Created+rep.Updated+rep.Skipped+rep.Failed, "customers in the report")
	stamped := companiesBySPSID(stack.Sims.HubSpot)
	for id := range activeB2B(stack) {
		assert.Len(t, stamped[strconv.FormatInt(id, 10)], 1, "companies with sps_customer_id %d", id)
	}
}

// repSpellings are salesRepName values the rep filter and the discovery
// probe must both survive.
var repSpellings = []string{"", "   ", "dana ortiz", "DANA ORTIZ", "Dana  Ortiz", " Dana Ortiz ",
	"Marcus\tBell", "marcus bell ", "Priya Raman ", "Only Once Rep", "only  once rep"}

// respellRepNames rewrites the salesRepName of active customers spread over
// every page with the spellings of repSpellings.
func respellRepNames(t *testing.T, stack *devstack.Stack) {
	t.Helper()
	var changed []spsclient.Customer
	active := 0
	for _, c := range stack.Sims.SPS.Customers() {
		if c.Status != "Active" {
			continue
		}
		if active%7 == 3 {
			c.SalesRepName = repSpellings[(active/7)%len(repSpellings)]
			changed = append(changed, c)
		}
		active++
	}
	require.Greater(t, len(changed), 2*len(repSpellings), "respelled customers")
	require.NoError(t, stack.Sims.SPS.LoadCustomers(changed))
}

// handledCustomerIDs returns the sorted, distinct customer ids that the
// children of a customer sync returned.
func handledCustomerIDs(ctx context.Context, t *testing.T, stack *devstack.Stack, parentID string) []int64 {
	t.Helper()
	var childIDs []string
	iter := stack.Client.GetWorkflowHistory(ctx, parentID, "", false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	for iter.HasNext() {
		event, err := iter.Next()
		require.NoError(t, err)
		if started := event.GetChildWorkflowExecutionStartedEventAttributes(); started != nil {
			childIDs = append(childIDs, started.GetWorkflowExecution().GetWorkflowId())
		}
	}
	require.NotEmpty(t, childIDs, "child workflows")

	seen := map[int64]bool{}
	for _, id := range childIDs {
		var res workflows.CustomerSyncRepResult
		require.NoError(t, stack.Client.GetWorkflow(ctx, id, "").Get(ctx, &res), "child %s", id)
		for _, r := range res.Records {
			seen[r.ID] = true
		}
	}
	out := make([]int64, 0, len(seen))
	for id := range seen {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// recordHistoryDirEnv names the directory TestCustomerSyncRecordHistory
// writes to; unset, the history goes to a temporary directory.
const recordHistoryDirEnv = "STONECITY_RECORD_HISTORY_DIR"

// TestCustomerSyncRecordHistory runs a small customer sync and writes the
// parent's history as protojson, for the replay test in workflows:
//
//	STONECITY_RECORD_HISTORY_DIR=$PWD/workflows/testdata/histories \
//	  go test ./sandbox/devstack/ -run TestCustomerSyncRecordHistory
func TestCustomerSyncRecordHistory(t *testing.T) {
	dir := os.Getenv(recordHistoryDirEnv)
	if dir == "" {
		dir = t.TempDir()
	}
	stack, _ := startCustomerStack(t, 1, devstack.Options{})
	setupSchema(t, stack)
	startWorker(t, stack)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	run := startCustomerSync(ctx, t, stack, workflows.CustomerSyncInput{})
	rep := waitReport(t, ctx, run, workflows.CustomerSyncKind)
	require.Equal(t, report.StatusSucceeded, rep.Status, failureReasons(rep))
	require.Positive(t, rep.Created, "companies created")

	writeHistory(ctx, t, stack, run.GetID(), run.GetRunID(), filepath.Join(dir, "customersync-small.json"))
}
