package activities

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"

	"github.com/stonecity/sync/apicalls"
	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/quotebuild"
)

// CreateSPSCustomer creates the SPS customer of the deal's company with
// the Idempotency-Key quotebuild.CustomerKey(company id), so the quote
// builder creates at most one customer per company. It first reads the
// company again, one HubSpot call. When another deal's run has stamped an
// sps_customer_id on it since the deal was loaded, it returns that id
// with Existing set and creates nothing.
//
// A deal without a company, a company without a name
// (quotebuild.NewCustomer) and a customer SPS rejects (400) are final
// InvalidRequest errors naming the record. The key reused with another
// body, as when another deal of the company created the customer with its
// own contact or sales rep, is a final IdempotencyMismatch. 429 and 5xx
// are retryable.
func (a *QuoteBuilderActivities) CreateSPSCustomer(ctx context.Context,
	in CreateSPSCustomerInput) (CreateSPSCustomerResult, error) {
	recorder := apicalls.NewRecorder()
	ctx = apicalls.WithRecorder(ctx, recorder)
	if in.Records.CompanyID != "" {
		company, err := a.readCompany(ctx, in.Records.CompanyID)
		if err != nil {
			return CreateSPSCustomerResult{}, err
		}
		if company.CustomerID != "" {
			activity.GetLogger(ctx).Info("SPS customer found on the company; none created",
				"dealID", in.Records.DealID, "companyID", in.Records.CompanyID, "spsCustomerID", company.CustomerID)
			return CreateSPSCustomerResult{CustomerID: company.CustomerID, Existing: true,
				APICalls: recorder.Counts()}, nil
		}
	}

	customer, err := quotebuild.NewCustomer(in.Records, quotebuild.CustomerOptions{SalesRep: in.SalesRep})
	if err != nil {
		return CreateSPSCustomerResult{}, permanent(ErrorTypeInvalid, "%v", err)
	}
	key := quotebuild.CustomerKey(in.Records.CompanyID)
	created, err := a.SPS.CreateCustomer(ctx, key, customer)
	if sps.IsIdempotencyMismatch(err) {
		activity.GetLogger(ctx).Info("SPS customer key already used with other details; the workflow waits "+
			"for the company's sps_customer_id", "dealID", in.Records.DealID, "companyID", in.Records.CompanyID)
		return CreateSPSCustomerResult{}, customerKeyTaken(err, customer.Name, in.Records, key)
	}
	if err != nil {
		return CreateSPSCustomerResult{}, spsCreateError(err, "create SPS customer %q for HubSpot company %s "+
			"of deal %s (Idempotency-Key %s)", customer.Name, in.Records.CompanyID, in.Records.DealID, key)
	}
	id := strconv.FormatInt(created.ID, 10)
	activity.GetLogger(ctx).Info("SPS customer created", "dealID", in.Records.DealID,
		"companyID", in.Records.CompanyID, "spsCustomerID", id)
	return CreateSPSCustomerResult{CustomerID: id, Code: created.Code, APICalls: recorder.Counts()}, nil
}

// CreateSPSQuote creates the SPS quote of a validated submission with the
// Idempotency-Key quotebuild.QuoteKey(deal id, quotebuild.Hash(sub)), so
// a retry or a double click replays the first quote and a corrected
// submission creates a new one. Errors are classified as in
// CreateSPSCustomer; SPS's 400 message names the unknown item or customer.
func (a *QuoteBuilderActivities) CreateSPSQuote(ctx context.Context,
	in CreateSPSQuoteInput) (CreateSPSQuoteResult, error) {
	quote, err := quotebuild.NewQuote(in.Records, in.CustomerID, in.Submission)
	if err != nil {
		return CreateSPSQuoteResult{}, permanent(ErrorTypeInvalid, "%v", err)
	}
	recorder := apicalls.NewRecorder()
	ctx = apicalls.WithRecorder(ctx, recorder)

	key := quotebuild.QuoteKey(in.Records.DealID, quotebuild.Hash(in.Submission))
	created, err := a.SPS.CreateQuote(ctx, key, quote)
	if err != nil {
		return CreateSPSQuoteResult{}, spsCreateError(err, "create SPS quote for HubSpot deal %s",
			in.Records.DealID)
	}
	id := strconv.FormatInt(created.ID, 10)
	activity.GetLogger(ctx).Info("SPS quote created", "dealID", in.Records.DealID, "spsQuoteID", id,
		"spsCustomerID", in.CustomerID)
	return CreateSPSQuoteResult{QuoteID: id, QuoteNumber: created.TransactionNumber,
		Total: created.Total.String(), APICalls: recorder.Counts()}, nil
}

// customerKeyTaken is the final IdempotencyMismatch of a customer create
// whose company key another create used with other details. Another deal
// of the company usually made that create, and the workflow then waits
// for its stamp, so the error is benign: the SDK logs it at debug level
// and counts no activity failure.
func customerKeyTaken(err error, name string, records quotebuild.Records, key string) error {
	return temporal.NewApplicationErrorWithOptions(fmt.Sprintf("create SPS customer %q for HubSpot company %s "+
		"of deal %s (Idempotency-Key %s): SPS already has a create with the same idempotency key and another "+
		"body: %v", name, records.CompanyID, records.DealID, key, err), ErrorTypeIdempotencyMismatch,
		temporal.ApplicationErrorOptions{NonRetryable: true, Category: temporal.ApplicationErrorCategoryBenign})
}

// spsCreateError names the create in err and classifies it. The message
// of an idempotency mismatch explains why no retry helps.
func spsCreateError(err error, format string, args ...any) error {
	context := fmt.Sprintf(format, args...)
	if sps.IsIdempotencyMismatch(err) {
		return permanent(ErrorTypeIdempotencyMismatch, "%s: SPS already has a create with the same "+
			"idempotency key and another body: %v", context, err)
	}
	var spsErr *sps.Error
	if errors.As(err, &spsErr) && spsErr.Status == 400 && spsErr.Message != "" {
		return permanent(ErrorTypeInvalid, "%s: SPS rejected it: %s", context, spsErr.Message)
	}
	return temporalError(fmt.Errorf("%s: %w", context, err), false)
}
