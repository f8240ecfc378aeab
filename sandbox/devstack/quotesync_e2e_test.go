package devstack_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"

	spsclient "github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/quotemap"
	"github.com/stonecity/sync/report"
	"github.com/stonecity/sync/sandbox/devstack"
	hubsim "github.com/stonecity/sync/sandbox/hubspot"
	"github.com/stonecity/sync/workflows"
)

// syncQuotes runs a quote sync over the year before testNow and up to a
// minute after the wall clock, which covers every generated quote and any
// the test modifies.
func syncQuotes(t *testing.T, stack *devstack.Stack) report.SyncReport {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	since := testNow.AddDate(-1, 0, -7)
	until := time.Now().UTC().Add(time.Minute)
	run, err := workflows.StartQuoteSync(ctx, stack.Client, workflows.QuoteSyncInput{Since: &since, Until: &until})
	require.NoError(t, err)
	return waitReport(t, ctx, run, workflows.QuoteSyncKind)
}

// quoteDeals returns the deals in the Quotes pipeline by sps_quote_id.
func quoteDeals(t *testing.T, stack *devstack.Stack) map[string]hubsim.Object {
	t.Helper()
	deals := map[string]hubsim.Object{}
	for _, d := range stack.Sims.HubSpot.Objects("deals") {
		if d.Properties["pipeline"] != stack.Settings.Portal.QuotesPipelineID {
			continue
		}
		id := d.Properties[quotemap.PropSPSQuoteID]
		require.NotContains(t, deals, id, "two deals for quote %s", id)
		deals[id] = d
	}
	return deals
}

func TestQuoteSyncBackfillThenNoOp(t *testing.T) {
	stack, data := startCustomerStack(t, 2000, devstack.Options{})
	setupSchema(t, stack)
	startWorker(t, stack)
	require.Equal(t, report.StatusSucceeded, syncCustomers(t, stack).Status)
	quotes := stack.Sims.SPS.Quotes()

	first := syncQuotes(t, stack)

	require.Equal(t, report.StatusSucceeded, first.Status, failureReasons(first))
	assert.Equal(t, len(quotes), first.Created, "one deal per quote")
	assert.Zero(t, first.Failed)
	deals := quoteDeals(t, stack)
	assert.Len(t, deals, len(quotes))
	portal := stack.Settings.Portal
	stages := map[string]int{}
	for _, d := range deals {
		stages[d.Properties["dealstage"]]++
	}
	byStage := data.Expect.SPSQuotesByStage
	assert.Equal(t, byStage["Accepted"], stages[portal.QuoteAcceptedStageID])
	assert.Equal(t, byStage["Lost"], stages[portal.QuoteLostStageID])
	assert.Equal(t, byStage["Quoted"]+byStage["unknown"], stages[portal.QuoteQuotedStageID],
		"quotes with an unknown status start at Quoted")

	second := syncQuotes(t, stack)

	require.Equal(t, report.StatusSucceeded, second.Status, failureReasons(second))
	assert.Zero(t, second.Created)
	assert.Zero(t, second.Updated)
	assert.Empty(t, second.Objects, "a rerun writes nothing")
}

func TestQuoteSyncStatusChangeAndRevision(t *testing.T) {
	stack, _ := startCustomerStack(t, 200, devstack.Options{SPSQuotes: 50})
	setupSchema(t, stack)
	startWorker(t, stack)
	require.Equal(t, report.StatusSucceeded, syncQuotes(t, stack).Status)
	var quoted spsclient.Quote
	for _, q := range stack.Sims.SPS.Quotes() {
		if quotemap.MapStage(q) == quotemap.StageQuoted && q.Total.IsSet() {
			quoted = q
			break
		}
	}
	require.NotZero(t, quoted.ID, "a quote in status Quoted")
	id := quoted.ID

	require.NoError(t, stack.Sims.SPS.UpdateQuote(id, func(q *spsclient.Quote) { q.TransactionStatus = "Accepted" }))
	statusRun := syncQuotes(t, stack)

	require.Equal(t, report.StatusSucceeded, statusRun.Status, failureReasons(statusRun))
	assert.Equal(t, 1, statusRun.Updated)
	deal := quoteDeals(t, stack)[spsIDString(id)]
	assert.Equal(t, stack.Settings.Portal.QuoteAcceptedStageID, deal.Properties["dealstage"])
	assert.Equal(t, "0", deal.Properties[quotemap.PropSPSRevisionCount], "a status change is no revision")

	require.NoError(t, stack.Sims.SPS.UpdateQuote(id, func(q *spsclient.Quote) {
		q.Total = spsclient.MustDecimal("123456.78")
	}))
	revisionRun := syncQuotes(t, stack)

	require.Equal(t, report.StatusSucceeded, revisionRun.Status, failureReasons(revisionRun))
	deal = quoteDeals(t, stack)[spsIDString(id)]
	assert.Equal(t, "1", deal.Properties[quotemap.PropSPSRevisionCount], "a changed total is one revision")
	assert.Equal(t, "123456.78", deal.Properties["amount"])
}

func spsIDString(id int64) string { return strconv.FormatInt(id, 10) }

func rematchQuotes(t *testing.T, stack *devstack.Stack) report.SyncReport {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	run, err := stack.Client.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID:        "quote-rematch/test-" + time.Now().UTC().Format(time.RFC3339Nano),
		TaskQueue: workflows.TaskQueue,
	}, workflows.RematchQuotesWorkflowName, workflows.RematchQuotesInput{})
	require.NoError(t, err)
	return waitReport(t, ctx, run, workflows.RematchQuotesKind)
}

func TestRematchLinksQuotesToLaterCompanies(t *testing.T) {
	stack, _ := startCustomerStack(t, 400, devstack.Options{SPSQuotes: 120})
	setupSchema(t, stack)
	startWorker(t, stack)
	// Quotes first: no company exists yet, so no deal gets one.
	require.Equal(t, report.StatusSucceeded, syncQuotes(t, stack).Status)
	require.Equal(t, report.StatusSucceeded, syncCustomers(t, stack).Status)

	rep := rematchQuotes(t, stack)

	require.Equal(t, report.StatusSucceeded, rep.Status, failureReasons(rep))
	companies := companiesBySPSID(stack.Sims.HubSpot)
	want := 0
	for _, deal := range quoteDeals(t, stack) {
		owners := companies[deal.Properties[quotemap.PropSPSCustomerID]]
		linked := companiesOfDeal(stack, deal.ID)
		if len(owners) == 0 {
			assert.Empty(t, linked, "deal %s has no company to link", deal.ID)
			continue
		}
		want++
		assert.Equal(t, []string{owners[0].ID}, linked, "deal %s links its customer's company", deal.ID)
	}
	require.Positive(t, want, "some quotes belong to B2B customers")
	assert.Equal(t, want, rep.Updated)

	again := rematchQuotes(t, stack)

	require.Equal(t, report.StatusSucceeded, again.Status, failureReasons(again))
	assert.Zero(t, again.Updated, "a rerun links nothing new")
}

// companiesOfDeal returns the ids of the companies associated with a deal.
func companiesOfDeal(stack *devstack.Stack, dealID string) []string {
	var out []string
	for _, a := range stack.Sims.HubSpot.Associations("deals", "companies") {
		if a.FromID == dealID {
			out = append(out, a.ToID)
		}
	}
	return out
}

func TestQuoteSyncWorkerRestartMidRun(t *testing.T) {
	stack, _ := startCustomerStack(t, 200, devstack.Options{SPSQuotes: 1200})
	setupSchema(t, stack)
	stack.Sims.HubSpot.SetFaults(hubsim.Faults{LatencyMs: 20})
	first, err := stack.NewWorker(worker.Options{})
	require.NoError(t, err)
	require.NoError(t, first.Start())
	quotes := stack.Sims.SPS.Quotes()

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	since := testNow.AddDate(-1, 0, -7)
	until := time.Now().UTC().Add(time.Minute)
	run, err := workflows.StartQuoteSync(ctx, stack.Client, workflows.QuoteSyncInput{Since: &since, Until: &until})
	require.NoError(t, err)

	// Stop the worker once some deals exist, before the run is done.
	require.Eventually(t, func() bool { return len(quoteDeals(t, stack)) > 0 }, 2*time.Minute, 20*time.Millisecond)
	first.Stop()
	require.Less(t, len(quoteDeals(t, stack)), len(quotes), "the worker must stop mid-run")

	startWorker(t, stack)
	rep := waitReport(t, ctx, run, workflows.QuoteSyncKind)

	require.Equal(t, report.StatusSucceeded, rep.Status, failureReasons(rep))
	assert.Len(t, quoteDeals(t, stack), len(quotes), "no missing deal, and quoteDeals fails on a duplicate")
}
