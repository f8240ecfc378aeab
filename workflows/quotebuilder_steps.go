package workflows

import (
	"errors"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/stonecity/sync/activities"
	"github.com/stonecity/sync/quotebuild"
)

// quoteBuilderFinalErrors are the activity error types no retry of the
// quote builder can fix.
var quoteBuilderFinalErrors = append([]string{activities.ErrorTypeIdempotencyMismatch,
	activities.ErrorTypeConflict}, finalErrorTypes...)

// quoteBuilderActivity is for the quote builder's single calls. Transient
// SPS and HubSpot failures are retried for up to 30 minutes; after that
// the submission fails and the card may submit it again.
func quoteBuilderActivity(ctx workflow.Context) workflow.Context {
	return workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout:    time.Minute,
		ScheduleToCloseTimeout: 30 * time.Minute,
		RetryPolicy: &temporal.RetryPolicy{
			InitialInterval:        time.Second,
			BackoffCoefficient:     2,
			MaximumInterval:        time.Minute,
			NonRetryableErrorTypes: quoteBuilderFinalErrors,
		},
	})
}

// customer returns the SPS customer id of the deal's company, creating
// the customer and stamping it on the company when it has none. The stamp
// comes right after the create, so a later deal of the same company finds
// the customer. When another deal of the company created the customer
// under the company's key with other details, the create meets an
// idempotency mismatch and the run takes the id that deal stamps on the
// company (awaitCompanyStamp).
func (b *quoteBuilder) customer(ctx workflow.Context, salesRep string) (string, error) {
	if id := b.records.CompanyCustomerID(); id != "" {
		return id, nil
	}
	ctx = quoteBuilderActivity(ctx)
	var qb *activities.QuoteBuilderActivities
	var created activities.CreateSPSCustomerResult
	err := workflow.ExecuteActivity(ctx, qb.CreateSPSCustomer, activities.CreateSPSCustomerInput{
		Records: b.records, SalesRep: salesRep,
	}).Get(ctx, &created)
	if isActivityErrorType(err, activities.ErrorTypeIdempotencyMismatch) {
		id, err := b.awaitCompanyStamp(ctx, err)
		if err != nil {
			return "", err
		}
		b.setCompanyCustomer(id)
		return id, nil
	}
	if err != nil {
		return "", err
	}

	if !created.Existing {
		err = workflow.ExecuteActivity(ctx, qb.StampQuoteCompany, activities.StampQuoteCompanyInput{
			CompanyID: b.records.CompanyID, CustomerID: created.CustomerID,
		}).Get(ctx, nil)
		if err != nil {
			return "", err
		}
	}
	b.setCompanyCustomer(created.CustomerID)
	return created.CustomerID, nil
}

// setCompanyCustomer records the company's SPS customer id in the loaded
// records, for the quote create and a failure status.
func (b *quoteBuilder) setCompanyCustomer(id string) {
	if b.records.Company == nil {
		b.records.Company = map[string]string{}
	}
	b.records.Company[quotebuild.PropSPSCustomerID] = id
}

// quote creates the SPS quote of a validated submission.
func (b *quoteBuilder) quote(ctx workflow.Context, customerID string,
	sub quotebuild.Submission) (activities.CreateSPSQuoteResult, error) {
	var qb *activities.QuoteBuilderActivities
	var res activities.CreateSPSQuoteResult
	err := workflow.ExecuteActivity(quoteBuilderActivity(ctx), qb.CreateSPSQuote, activities.CreateSPSQuoteInput{
		Records: b.records, CustomerID: customerID, Submission: sub,
	}).Get(ctx, &res)
	return res, err
}

func (b *quoteBuilder) stampDeal(ctx workflow.Context, quote activities.CreateSPSQuoteResult,
	customerID string) error {
	var qb *activities.QuoteBuilderActivities
	return workflow.ExecuteActivity(quoteBuilderActivity(ctx), qb.StampQuoteDeal, activities.StampQuoteDealInput{
		DealID: b.dealID, QuoteID: quote.QuoteID, QuoteNumber: quote.QuoteNumber, CustomerID: customerID,
	}).Get(ctx, nil)
}

// created sets state created with the quote's ids.
func (b *quoteBuilder) created(quoteID, number, customerID string) {
	label := number
	if label == "" {
		label = quoteID
	}
	b.status = QuoteBuilderStatus{
		DealID:        b.dealID,
		State:         QuoteStateCreated,
		Message:       "created: quote " + label,
		SPSCustomerID: customerID,
		SPSQuoteID:    quoteID,
		QuoteNumber:   number,
	}
}

// failed sets state failed with the reason of err for the card, keeping
// the customer id found so far.
func (b *quoteBuilder) failed(ctx workflow.Context, step string, err error) {
	reason := failureReason(err)
	workflow.GetLogger(ctx).Warn("Quote builder step failed", "dealID", b.dealID, "step", step,
		"error", reason)
	b.status = QuoteBuilderStatus{
		DealID:        b.dealID,
		State:         QuoteStateFailed,
		Message:       "failed: could not " + step + ": " + reason,
		SPSCustomerID: b.records.CompanyCustomerID(),
		Error:         reason,
	}
}

// failureReason is the message of the application error behind an
// activity failure, without Temporal's wrapping.
func failureReason(err error) string {
	var timeout *temporal.TimeoutError
	if errors.As(err, &timeout) {
		return "gave up after retrying for a while; try again later (" + rootCause(err) + ")"
	}
	return rootCause(err)
}
