package workflows

import (
	"fmt"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/stonecity/sync/activities"
	"github.com/stonecity/sync/quotebuild"
)

// QuoteBuilder creates the SPS customer and quote of one HubSpot deal from
// the submissions of its deal card, and stamps the SPS ids on the deal.
//
// The run loads the deal first. A deal that already has an sps_quote_id
// is done: the run returns status "created" and completes. Otherwise each
// submission accepted by the "submit" update is processed in turn: find
// or create the SPS customer (stamped on the company at once), create the
// quote, stamp the deal. The update returns before any SPS call, so the
// card never waits on SPS. It polls the "status" query instead. A permanent
// failure leaves state "failed" with the reason, and the run waits up to
// quoteCorrectionWindow for a corrected submission.
func QuoteBuilder(ctx workflow.Context, in QuoteBuilderInput) (QuoteBuilderStatus, error) {
	b := &quoteBuilder{dealID: in.DealID, status: idleStatus(in.DealID)}
	if err := b.registerHandlers(ctx); err != nil {
		return QuoteBuilderStatus{}, err
	}

	b.load(ctx)
	for b.status.State != QuoteStateCreated {
		wait := quoteIdleWindow
		if b.status.State == QuoteStateFailed {
			wait = quoteCorrectionWindow
		}
		got, err := workflow.AwaitWithTimeout(ctx, wait, func() bool { return b.pending != nil })
		if err != nil {
			return b.status, err
		}
		if !got {
			// A submission accepted in the same workflow task as the
			// timeout is still processed, because its update already
			// returned "creating".
			if err := awaitHandlers(ctx); err != nil {
				return b.status, err
			}
			if b.pending == nil {
				break
			}
		}
		b.process(ctx)
	}

	if err := awaitHandlers(ctx); err != nil {
		return b.status, err
	}
	return b.status, nil
}

// awaitHandlers waits until every update handler has returned, because a
// handler still waiting for the load when the run completes leaves its
// caller with an error instead of a status.
func awaitHandlers(ctx workflow.Context) error {
	return workflow.Await(ctx, func() bool { return workflow.AllHandlersFinished(ctx) })
}

// quoteBuilder is the state of one QuoteBuilder run.
type quoteBuilder struct {
	dealID  string
	status  QuoteBuilderStatus
	records quotebuild.Records
	// loaded is set once the first load of the deal ended, successfully
	// or not; the update handler waits for it.
	loaded bool
	// fresh is true when records were loaded for the pending submission,
	// so process need not read the deal again.
	fresh bool
	// pending is the accepted submission not yet processed.
	pending *quotebuild.Submission
}

func (b *quoteBuilder) registerHandlers(ctx workflow.Context) error {
	if err := workflow.SetQueryHandler(ctx, QuoteBuilderStatusQuery, func() (QuoteBuilderStatus, error) {
		return b.status, nil
	}); err != nil {
		return err
	}
	return workflow.SetUpdateHandlerWithOptions(ctx, QuoteBuilderSubmitUpdate, b.submit,
		workflow.UpdateHandlerOptions{Validator: b.validate})
}

// validate rejects a submission for another deal or one that breaks the
// rules of quotebuild.Validate; a rejected update never enters history.
func (b *quoteBuilder) validate(ctx workflow.Context, s QuoteSubmission) error {
	if s.DealID != b.dealID {
		return temporal.NewApplicationError(fmt.Sprintf("dealId: submission for deal %q sent to the quote "+
			"builder of deal %q", s.DealID, b.dealID), ErrorTypeInvalidSubmission)
	}
	// workflow.Now is the time of the current workflow task, which a
	// validator may read without writing history.
	// NOTE: "today" is the UTC date, so in the evening in the US the
	// earliest expiry a rep can choose is the day after tomorrow.
	if _, err := quotebuild.Validate(s.build(), workflow.Now(ctx).UTC()); err != nil {
		return temporal.NewApplicationError(err.Error(), ErrorTypeInvalidSubmission)
	}
	return nil
}

// submit accepts a submission unless the deal has its quote or another
// submission is in progress. Either way it returns the status at once.
func (b *quoteBuilder) submit(ctx workflow.Context, s QuoteSubmission) (QuoteBuilderStatus, error) {
	if err := workflow.Await(ctx, func() bool { return b.loaded }); err != nil {
		return b.status, err
	}
	if b.status.State == QuoteStateCreated || b.status.State == QuoteStateCreating {
		return b.status, nil
	}

	// The validator accepted s at the same workflow time, so this check
	// is expected to pass. It keeps a bad value out of SPS if it fails.
	valid, err := quotebuild.Validate(s.build(), workflow.Now(ctx).UTC())
	if err != nil {
		return b.status, temporal.NewApplicationError(err.Error(), ErrorTypeInvalidSubmission)
	}
	workflow.GetLogger(ctx).Info("Quote submission accepted", "dealID", b.dealID,
		"requestedBy", valid.RequestedBy, "lines", len(valid.Lines))
	b.pending = &valid
	b.status = QuoteBuilderStatus{DealID: b.dealID, State: QuoteStateCreating,
		Message: "creating: the SPS quote is being created"}
	return b.status, nil
}

// load reads the deal, its company and contact; a deal with a quote
// stamp is created already.
func (b *quoteBuilder) load(ctx workflow.Context) {
	defer func() { b.loaded = true }()
	if err := b.loadRecords(ctx); err != nil {
		b.failed(ctx, "load the HubSpot deal", err)
		return
	}
	b.fresh = true
	if quoteID, number, customerID := b.records.QuoteStamp(); quoteID != "" {
		b.created(quoteID, number, customerID)
	}
}

func (b *quoteBuilder) loadRecords(ctx workflow.Context) error {
	var qb *activities.QuoteBuilderActivities
	var res activities.LoadQuoteDealResult
	err := workflow.ExecuteActivity(quoteBuilderActivity(ctx), qb.LoadQuoteDeal,
		activities.LoadQuoteDealInput{DealID: b.dealID}).Get(ctx, &res)
	if err != nil {
		return err
	}
	b.records = res.Records
	return nil
}

// process turns the pending submission into an SPS quote, or state
// failed with the reason.
func (b *quoteBuilder) process(ctx workflow.Context) {
	sub := *b.pending
	b.pending = nil
	if !b.fresh {
		// A submission after a failure reads the deal again: the fix may
		// have been made in HubSpot, such as a company name.
		if err := b.loadRecords(ctx); err != nil {
			b.failed(ctx, "load the HubSpot deal", err)
			return
		}
	}
	b.fresh = false
	if quoteID, number, customerID := b.records.QuoteStamp(); quoteID != "" {
		b.created(quoteID, number, customerID)
		return
	}

	customerID, err := b.customer(ctx, sub.SalesRep)
	if err != nil {
		b.failed(ctx, "create the SPS customer", err)
		return
	}
	quote, err := b.quote(ctx, customerID, sub)
	if err != nil {
		b.failed(ctx, "create the SPS quote", err)
		return
	}
	if err := b.stampDeal(ctx, quote, customerID); err != nil {
		b.failed(ctx, "stamp the HubSpot deal", err)
		return
	}
	b.created(quote.QuoteID, quote.QuoteNumber, customerID)
}
