package devstack_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"

	"github.com/stonecity/sync/quotebuild"
	"github.com/stonecity/sync/sandbox/devstack"
	spssim "github.com/stonecity/sync/sandbox/sps"
	"github.com/stonecity/sync/workflows"
)

// TestQuoteBuilderTwoDealsOneCompany submits two deals of one company
// without an SPS customer at the same time, with other sales reps, so
// their customer bodies differ under the company's one Idempotency-Key.
// SPS latency keeps both customer creates in flight together, so the
// second create usually meets the idempotency mismatch and takes the id
// the first run stamps on the company.
func TestQuoteBuilderTwoDealsOneCompany(t *testing.T) {
	const dealA, dealB = "880401", "880402"
	stack := startQuoteBuilderStack(t, dealA, dealB)
	startWorker(t, stack)
	stack.Sims.SPS.SetFaults(spssim.Faults{LatencyMs: 300})

	submissions := []workflows.QuoteSubmission{qbSubmission(dealA, qbSKU), qbSubmission(dealB, qbSKU)}
	submissions[1].SalesRep = "Marco Bell"
	errs := make(chan error, len(submissions))
	for _, s := range submissions {
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			_, err := workflows.SubmitQuote(ctx, stack.Client, s)
			errs <- err
		}()
	}
	for range submissions {
		require.NoError(t, <-errs)
	}

	createdA := waitQuoteState(t, stack, dealA, workflows.QuoteStateCreated)
	createdB := waitQuoteState(t, stack, dealB, workflows.QuoteStateCreated)

	customersA, quotesA := qbCreated(stack, dealA)
	_, quotesB := qbCreated(stack, dealB)
	assert.Equal(t, 1, customersA, "one SPS customer for the company")
	assert.Equal(t, 1, quotesA, "one SPS quote for deal A")
	assert.Equal(t, 1, quotesB, "one SPS quote for deal B")
	require.NotEmpty(t, createdA.SPSCustomerID)
	assert.Equal(t, createdA.SPSCustomerID, createdB.SPSCustomerID)
	assert.NotEqual(t, createdA.SPSQuoteID, createdB.SPSQuoteID)

	company := hubSpotObject(t, stack, "companies", qbCompanyID)
	assert.Equal(t, createdA.SPSCustomerID, company.Properties[quotebuild.PropSPSCustomerID])
	for _, created := range []workflows.QuoteBuilderStatus{createdA, createdB} {
		deal := hubSpotObject(t, stack, "deals", created.DealID)
		assert.Equal(t, created.SPSQuoteID, deal.Properties[quotebuild.PropSPSQuoteID], "deal %s", created.DealID)
		assert.Equal(t, created.SPSCustomerID, deal.Properties[quotebuild.PropSPSCustomerID], "deal %s",
			created.DealID)
	}
	for _, q := range stack.Sims.SPS.Quotes() {
		if q.ExternalReference == quotebuild.ExternalReference(dealA) ||
			q.ExternalReference == quotebuild.ExternalReference(dealB) {
			assert.Equal(t, createdA.SPSCustomerID, q.CustomerID.String(), "customer of SPS quote %d", q.ID)
		}
	}
	// Which run met the mismatch depends on timing, so it is logged, not
	// asserted; the workflow tests cover each path.
	t.Logf("company reads after a mismatch: deal %s %d, deal %s %d", dealA,
		countActivities(t, stack, dealA, "ReadQuoteCompany"), dealB, countActivities(t, stack, dealB, "ReadQuoteCompany"))
}

// countActivities counts the activities of type name that the deal's
// quote builder run scheduled.
func countActivities(t *testing.T, stack *devstack.Stack, dealID, name string) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	iter := stack.Client.GetWorkflowHistory(ctx, workflows.QuoteBuilderWorkflowID(dealID), "", false,
		enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	count := 0
	for iter.HasNext() {
		event, err := iter.Next()
		require.NoError(t, err)
		if attrs := event.GetActivityTaskScheduledEventAttributes(); attrs.GetActivityType().GetName() == name {
			count++
		}
	}
	return count
}
