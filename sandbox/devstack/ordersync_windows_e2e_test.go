package devstack_test

import (
	"context"
	"testing"
	"time"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"

	"github.com/stonecity/sync/report"
	"github.com/stonecity/sync/sandbox/devstack"
	hubsim "github.com/stonecity/sync/sandbox/hubspot"
	"github.com/stonecity/sync/workflows"
)

// TestOrderSyncContinueAsNew syncs more pages than one run holds (pages
// of two orders), so the run continues as new and must carry the Square
// cursor and the partial report. A few HubSpot calls fail, and the report
// must count them too.
func TestOrderSyncContinueAsNew(t *testing.T) {
	stack, data := startStack(t, 60, devstack.Options{SkipSpecExamples: true})
	setupSchema(t, stack)
	startWorker(t, stack)
	callsBefore := stack.Sims.HubSpot.Calls()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	since, until := stack.Backfill.Since, stack.Backfill.Until

	run, err := workflows.StartOrderSync(ctx, stack.Client, workflows.OrderSyncInput{
		Since: &since, Until: &until, PageSize: 2,
	})
	require.NoError(t, err)
	firstRunID := run.GetRunID()
	require.Eventually(t, func() bool {
		return progressPages(ctx, stack.Client, run) >= 1
	}, time.Minute, 50*time.Millisecond)
	stack.Sims.HubSpot.SetFaults(hubsim.Faults{FailNext: 3, ErrorStatuses: []int{500}})
	rep := waitReport(t, ctx, run, workflows.OrderSyncKind)

	require.Equal(t, report.StatusSucceeded, rep.Status, failureReasons(rep))
	require.Zero(t, stack.Sims.HubSpot.Faults().FailNext, "three page calls failed")
	latest, err := stack.Client.DescribeWorkflowExecution(ctx, run.GetID(), "")
	require.NoError(t, err)
	assert.NotEqual(t, firstRunID, latest.GetWorkflowExecutionInfo().GetExecution().GetRunId(),
		"the run continued as new")
	assert.Equal(t, data.Expect.SaleOrders, rep.Created, "deals created across every run")
	assert.Equal(t, data.Expect.ReturnOrders, skipCount(rep, "return"))
	assert.Len(t, squareDeals(stack), data.Expect.SaleOrders)
	requireNoDuplicates(t, stack.Sims.HubSpot)
	assert.Equal(t, hubSpotCallsSince(callsBefore, stack.Sims.HubSpot.Calls()), rep.HubSpotCalls,
		"the report counts every HubSpot call, preflight included")
}

// TestOrderSyncLateOfflineOrder loads an offline order that reaches
// Square after its window was synced. The next scheduled window looks
// back 96 hours, so it must create the order's deal.
func TestOrderSyncLateOfflineOrder(t *testing.T) {
	stack, data := startStack(t, 50, devstack.Options{SkipSpecExamples: true})
	setupSchema(t, stack)
	startWorker(t, stack)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()

	closedAt := testNow.Add(-50 * time.Hour).Format(time.RFC3339)
	late := &square.Order{
		ID:         square.String("LATE-OFFLINE-ORDER-1"),
		LocationID: *data.Square.Locations[0].ID,
		State:      square.OrderStateCompleted.Ptr(),
		CreatedAt:  square.String(closedAt),
		UpdatedAt:  square.String(closedAt),
		ClosedAt:   square.String(closedAt),
		TotalMoney: &square.Money{Amount: square.Int64(12_500), Currency: square.CurrencyUsd.Ptr()},
		LineItems: []*square.OrderLineItem{{UID: square.String("L1"), Name: square.String("Slab"),
			Quantity: "1", BasePriceMoney: &square.Money{Amount: square.Int64(12_500),
				Currency: square.CurrencyUsd.Ptr()}}},
		Tenders: []*square.Tender{{Type: square.TenderTypeCash}},
	}
	require.NoError(t, stack.Sims.Square.LoadOrders([]*square.Order{late},
		map[string]time.Time{*late.ID: time.Now().Add(24 * time.Hour)}))

	first := scheduledWindow(ctx, t, stack, testNow)
	require.Equal(t, report.StatusSucceeded, first.Status, failureReasons(first))
	require.Empty(t, dealsOfOrder(stack, *late.ID), "the order has not reached Square yet")

	require.NoError(t, stack.Sims.Square.LoadOrders(nil,
		map[string]time.Time{*late.ID: time.Now().Add(-time.Second)}))
	next := scheduledWindow(ctx, t, stack, testNow.Add(24*time.Hour))

	require.Equal(t, report.StatusSucceeded, next.Status, failureReasons(next))
	assert.Equal(t, 1, next.Created, "only the late order is new")
	deals := dealsOfOrder(stack, *late.ID)
	require.Len(t, deals, 1)
	assert.Equal(t, "125.00", deals[0]["amount"])
}

// scheduledWindow runs the order sync a schedule would start at until:
// no explicit since, so the default lookback applies.
func scheduledWindow(ctx context.Context, t *testing.T, stack *devstack.Stack, until time.Time) report.SyncReport {
	t.Helper()
	window := report.Window{Since: until.Add(-workflows.DefaultOrderLookback), Until: until}
	run, err := stack.Client.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID: workflows.OrderSyncWorkflowID(window), TaskQueue: workflows.TaskQueue,
	}, workflows.OrderSyncWorkflowName, workflows.OrderSyncInput{Until: &until})
	require.NoError(t, err)
	rep := waitReport(t, ctx, run, workflows.OrderSyncKind)
	require.NotNil(t, rep.Window)
	assert.Equal(t, window.Since, rep.Window.Since, "the lookback sets the window start")
	return rep
}

func dealsOfOrder(stack *devstack.Stack, orderID string) []map[string]string {
	var out []map[string]string
	for _, d := range stack.Sims.HubSpot.Objects("deals") {
		if d.Properties["square_order_id"] == orderID {
			out = append(out, d.Properties)
		}
	}
	return out
}

// hubSpotCallsSince returns the HubSpot calls the simulator served since
// before: every page call and the preflight's schema reads.
func hubSpotCallsSince(before, after map[string]int) int {
	total := 0
	for endpoint, n := range after {
		total += n - before[endpoint]
	}
	return total
}
