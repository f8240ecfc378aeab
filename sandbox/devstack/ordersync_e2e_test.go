package devstack_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"

	"github.com/stonecity/sync/report"
	"github.com/stonecity/sync/sandbox/devstack"
	hubsim "github.com/stonecity/sync/sandbox/hubspot"
	squaresim "github.com/stonecity/sync/sandbox/square"
	"github.com/stonecity/sync/workflows"
)

func TestOrderSyncFullDatasetThenNoOp(t *testing.T) {
	stack, data := startStack(t, 0, devstack.Options{})
	setupSchema(t, stack)
	startWorker(t, stack)
	examples := specExampleSaleOrders(t)

	first := syncOrders(t, stack, 0)

	require.Equal(t, report.StatusSucceeded, first.Status, failureReasons(first))
	wantDeals := data.Expect.SaleOrders + examples
	assert.Equal(t, wantDeals, first.Created, "one deal per completed sale order")
	assert.Equal(t, 0, first.Failed)
	assert.Equal(t, data.Expect.ReturnOrders, skipCount(first, "return"), "return orders are skipped")
	assert.Len(t, squareDeals(stack), wantDeals)
	requireNoDuplicates(t, stack.Sims.HubSpot)
	assert.LessOrEqual(t, float64(first.HubSpotCalls), 1.25*float64(first.HubSpotBatchMinimum),
		"HubSpot calls %d, batch minimum %d", first.HubSpotCalls, first.HubSpotBatchMinimum)

	contactsAfterFirst := len(stack.Sims.HubSpot.Objects("contacts"))
	second := syncOrders(t, stack, 0)

	require.Equal(t, report.StatusSucceeded, second.Status, failureReasons(second))
	assert.Equal(t, 0, second.Created)
	assert.Equal(t, 0, second.Updated)
	assert.Empty(t, second.Objects, "a rerun writes nothing")
	assert.Len(t, stack.Sims.HubSpot.Objects("contacts"), contactsAfterFirst)
}

func TestOrderSyncCreatesExpectedContacts(t *testing.T) {
	stack, data := startStack(t, 300, devstack.Options{SkipSpecExamples: true})
	setupSchema(t, stack)
	startWorker(t, stack)
	contactsBefore := len(stack.Sims.HubSpot.Objects("contacts"))

	rep := syncOrders(t, stack, 0)

	require.Equal(t, report.StatusSucceeded, rep.Status, failureReasons(rep))
	assert.Equal(t, data.Expect.SaleOrders, rep.Created)
	created := len(stack.Sims.HubSpot.Objects("contacts")) - contactsBefore
	assert.Equal(t, data.Expect.NewContacts, created, "form contacts are matched, not duplicated")
	requireNoDuplicates(t, stack.Sims.HubSpot)
}

func TestOrderSyncWorkerRestartMidRun(t *testing.T) {
	stack, data := startStack(t, 400, devstack.Options{SkipSpecExamples: true})
	setupSchema(t, stack)
	stack.Sims.HubSpot.SetFaults(hubsim.Faults{LatencyMs: 20})
	first, err := stack.NewWorker(worker.Options{})
	require.NoError(t, err)
	require.NoError(t, first.Start())

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	since, until := stack.Backfill.Since, stack.Backfill.Until
	run, err := workflows.StartOrderSync(ctx, stack.Client, workflows.OrderSyncInput{
		Since: &since, Until: &until, PageSize: 100,
	})
	require.NoError(t, err)

	// Stop the worker once the run is past its first page and deals exist.
	require.Eventually(t, func() bool {
		return progressPages(ctx, stack.Client, run) >= 1 && len(squareDeals(stack)) > 0
	}, 2*time.Minute, 50*time.Millisecond)
	first.Stop()
	dealsAtStop := len(squareDeals(stack))
	require.Less(t, dealsAtStop, data.Expect.SaleOrders, "the worker must stop mid-run")

	startWorker(t, stack)
	rep := waitReport(t, ctx, run, workflows.OrderSyncKind)

	require.Equal(t, report.StatusSucceeded, rep.Status, failureReasons(rep))
	assert.Len(t, squareDeals(stack), data.Expect.SaleOrders, "no missing deal")
	requireNoDuplicates(t, stack.Sims.HubSpot)
}

func TestOrderSyncSameWindowTwiceAtOnce(t *testing.T) {
	stack, data := startStack(t, 300, devstack.Options{SkipSpecExamples: true})
	setupSchema(t, stack)
	startWorker(t, stack)
	startWorker(t, stack)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	since, until := stack.Backfill.Since, stack.Backfill.Until
	in := workflows.OrderSyncInput{Since: &since, Until: &until, PageSize: 100}

	// Two triggers of the same window share one run.
	runA, err := workflows.StartOrderSync(ctx, stack.Client, in)
	require.NoError(t, err)
	runB, err := workflows.StartOrderSync(ctx, stack.Client, in)
	require.NoError(t, err)
	assert.Equal(t, runA.GetRunID(), runB.GetRunID())

	// A second workflow over the same window, under another id, races the
	// first one: unique properties keep one set of deals.
	runC, err := stack.Client.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID: "order-sync/race-test", TaskQueue: workflows.TaskQueue,
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_FAIL,
	}, workflows.OrderSyncWorkflowName, in)
	require.NoError(t, err)

	var wg sync.WaitGroup
	reports := make([]report.SyncReport, 2)
	waitErrs := make([]error, 2)
	for i, run := range []client.WorkflowRun{runA, runC} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			reports[i], waitErrs[i] = workflows.WaitReport(ctx, run, workflows.OrderSyncKind)
		}()
	}
	wg.Wait()
	for _, err := range waitErrs {
		require.NoError(t, err)
	}

	for _, rep := range reports {
		require.Equal(t, report.StatusSucceeded, rep.Status, failureReasons(rep))
	}
	assert.Equal(t, data.Expect.SaleOrders, reports[0].Created+reports[1].Created)
	assert.Len(t, squareDeals(stack), data.Expect.SaleOrders)
	requireNoDuplicates(t, stack.Sims.HubSpot)
}

func TestOrderSyncSearchLagCausesNoDuplicateContact(t *testing.T) {
	stack, data := startStack(t, 300, devstack.Options{SkipSpecExamples: true})
	setupSchema(t, stack)
	stack.Sims.HubSpot.SetFaults(hubsim.Faults{SearchLagMs: 30_000})
	startWorker(t, stack)
	contactsBefore := len(stack.Sims.HubSpot.Objects("contacts"))

	// Small pages: later pages look up buyers whose contacts earlier pages
	// created less than 30 s before, invisible to search.
	rep := syncOrders(t, stack, 50)

	require.Equal(t, report.StatusSucceeded, rep.Status, failureReasons(rep))
	requireNoDuplicates(t, stack.Sims.HubSpot)
	created := len(stack.Sims.HubSpot.Objects("contacts")) - contactsBefore
	assert.Equal(t, data.Expect.NewContacts, created)
}

func TestOrderSyncSurvivesInjectedFaults(t *testing.T) {
	stack, data := startStack(t, 300, devstack.Options{SkipSpecExamples: true})
	setupSchema(t, stack)
	stack.Sims.HubSpot.SetFaults(hubsim.Faults{ErrorRate: 0.1, ErrorStatuses: []int{500, 502, 503, 429}, Seed: 3})
	stack.Sims.Square.SetFaults(squaresim.Faults{ErrorRate: 0.1, ErrorStatuses: []int{500, 503, 429}, Seed: 4})
	startWorker(t, stack)

	rep := syncOrders(t, stack, 100)

	require.Equal(t, report.StatusSucceeded, rep.Status, failureReasons(rep))
	assert.Len(t, squareDeals(stack), data.Expect.SaleOrders, "every order synced")
	requireNoDuplicates(t, stack.Sims.HubSpot)
	rateLimited := 0
	for _, c := range rep.APICalls {
		rateLimited += c.RateLimited
	}
	assert.Positive(t, rateLimited, "the report counts the 429s")
}

func TestOrderSyncPreflightNamesMissingOption(t *testing.T) {
	stack, _ := startStack(t, 20, devstack.Options{SkipSpecExamples: true})
	startWorker(t, stack) // no HubSpot setup: the custom properties and SQUARE_POS are missing

	rep := syncOrders(t, stack, 0)

	assert.Equal(t, report.StatusFailed, rep.Status)
	assert.Contains(t, rep.Error, "hs_lead_status has no option SQUARE_POS")
	assert.Contains(t, rep.Error, "starter hubspot setup")
	assert.Empty(t, squareDeals(stack), "nothing is written before the schema is ready")
}

func progressPages(ctx context.Context, c client.Client, run client.WorkflowRun) int {
	value, err := c.QueryWorkflow(ctx, run.GetID(), run.GetRunID(), workflows.ProgressQuery)
	if err != nil {
		return 0
	}
	var p workflows.Progress
	if err := value.Get(&p); err != nil {
		return 0
	}
	return p.Pages
}

func skipCount(r report.SyncReport, reasonPrefix string) int {
	n := 0
	for _, s := range r.SkipReasons {
		if len(s.Reason) >= len(reasonPrefix) && s.Reason[:len(reasonPrefix)] == reasonPrefix {
			n += s.Count
		}
	}
	return n
}

// specExampleSaleOrders counts the example sale orders of Square's spec
// that the dev stack loads.
func specExampleSaleOrders(t *testing.T) int {
	t.Helper()
	path, err := squaresim.SpecPath()
	require.NoError(t, err)
	orders, err := squaresim.SpecExampleOrders(path)
	require.NoError(t, err)
	n := 0
	for _, o := range orders {
		if len(o.Returns) == 0 {
			n++
		}
	}
	return n
}
