package activities

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/stonecity/sync/apicalls"
	"github.com/stonecity/sync/clients/hubspot"
	"github.com/stonecity/sync/quotebuild"
)

// LoadQuoteDeal reads the deal with quotebuild.DealProperties, and its
// company and contact when it has them. A deal with several companies or
// contacts uses the one with the lowest record id. A deal HubSpot does
// not have is a final NotFound error; client errors fail the attempt as
// retryable or final by their kind.
//
// NOTE: HubSpot marks one company as the deal's primary with the
// association label 5; the client reads unlabeled associations only, so a
// deal with several companies may get the wrong one.
func (a *QuoteBuilderActivities) LoadQuoteDeal(ctx context.Context, in LoadQuoteDealInput) (LoadQuoteDealResult, error) {
	if in.DealID == "" {
		return LoadQuoteDealResult{}, permanent(ErrorTypeInvalid, "load quote deal: the deal id is empty")
	}
	recorder := apicalls.NewRecorder()
	ctx = apicalls.WithRecorder(ctx, recorder)

	records := quotebuild.Records{DealID: in.DealID}
	deal, found, err := a.readOne(ctx, objectDeals, in.DealID, quotebuild.DealProperties)
	if err != nil {
		return LoadQuoteDealResult{}, temporalError(fmt.Errorf("read HubSpot deal %s: %w", in.DealID, err), false)
	}
	if !found {
		return LoadQuoteDealResult{}, permanent(ErrorTypeNotFound, "HubSpot deal %s not found", in.DealID)
	}
	records.Deal = deal.Properties

	records.CompanyID, records.Company, err = a.associated(ctx, in.DealID, objectCompanies,
		quotebuild.CompanyProperties)
	if err != nil {
		return LoadQuoteDealResult{}, temporalError(err, false)
	}
	records.ContactID, records.Contact, err = a.associated(ctx, in.DealID, objectContacts,
		quotebuild.ContactProperties)
	if err != nil {
		return LoadQuoteDealResult{}, temporalError(err, false)
	}
	return LoadQuoteDealResult{Records: records, APICalls: recorder.Counts()}, nil
}

// associated returns the id and properties of the deal's toType record
// with the lowest id, or "" and nil when it has none.
func (a *QuoteBuilderActivities) associated(ctx context.Context, dealID, toType string,
	properties []string) (string, map[string]string, error) {
	links, err := a.HubSpot.BatchReadAssociations(ctx, objectDeals, toType, []string{dealID})
	if err != nil {
		return "", nil, fmt.Errorf("read the %s of HubSpot deal %s: %w", toType, dealID, err)
	}
	ids := links[dealID]
	if len(ids) == 0 {
		return "", nil, nil
	}
	id := slices.MinFunc(ids, compareRecordIDs)

	obj, found, err := a.readOne(ctx, toType, id, properties)
	if err != nil {
		return "", nil, fmt.Errorf("read HubSpot %s %s of deal %s: %w", toType, id, dealID, err)
	}
	if !found {
		// The association outlived its record; treat it as absent.
		return "", nil, nil
	}
	return obj.ID, obj.Properties, nil
}

// readOne reads one record by id.
func (a *QuoteBuilderActivities) readOne(ctx context.Context, objectType, id string,
	properties []string) (hubspot.Object, bool, error) {
	res, err := a.HubSpot.BatchRead(ctx, objectType, "", []string{id}, properties)
	if err != nil || len(res.Found) == 0 {
		return hubspot.Object{}, false, err
	}
	obj := res.Found[0]
	if obj.Properties == nil {
		obj.Properties = map[string]string{}
	}
	return obj, true, nil
}

// compareRecordIDs orders HubSpot record ids numerically, and ids that
// are not numbers after those that are.
func compareRecordIDs(x, y string) int {
	nx, errX := strconv.ParseInt(x, 10, 64)
	ny, errY := strconv.ParseInt(y, 10, 64)
	switch {
	case errX == nil && errY == nil:
		return compareInts(nx, ny)
	case errX == nil:
		return -1
	case errY == nil:
		return 1
	}
	if x < y {
		return -1
	}
	if x > y {
		return 1
	}
	return 0
}

func compareInts(x, y int64) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// StampQuoteCompany sets the company's sps_customer_id. Writing the value
// the company already has changes nothing, so a retry is harmless. A
// company whose write HubSpot rejects, for example because another company
// already holds the customer id, is a final error naming both.
func (a *QuoteBuilderActivities) StampQuoteCompany(ctx context.Context, in StampQuoteCompanyInput) error {
	if in.CompanyID == "" || in.CustomerID == "" {
		return permanent(ErrorTypeInvalid, "stamp company: company id %q or SPS customer id %q is empty",
			in.CompanyID, in.CustomerID)
	}
	err := a.update(ctx, objectCompanies, in.CompanyID, map[string]string{
		quotebuild.PropSPSCustomerID: in.CustomerID,
	})
	if err != nil {
		return stampError(err, "HubSpot company %s: set sps_customer_id %s", in.CompanyID, in.CustomerID)
	}
	return nil
}

// StampQuoteDeal sets the deal's sps_quote_id, sps_quote_number and
// sps_customer_id, so a later click and the daily quote sync find the
// quote. Errors are classified as in StampQuoteCompany.
func (a *QuoteBuilderActivities) StampQuoteDeal(ctx context.Context, in StampQuoteDealInput) error {
	if in.DealID == "" || in.QuoteID == "" {
		return permanent(ErrorTypeInvalid, "stamp deal: deal id %q or SPS quote id %q is empty",
			in.DealID, in.QuoteID)
	}
	props := map[string]string{quotebuild.PropSPSQuoteID: in.QuoteID}
	// HubSpot clears a property written as "", so empty values are left out.
	if in.QuoteNumber != "" {
		props[quotebuild.PropSPSQuoteNumber] = in.QuoteNumber
	}
	if in.CustomerID != "" {
		props[quotebuild.PropSPSCustomerID] = in.CustomerID
	}
	if err := a.update(ctx, objectDeals, in.DealID, props); err != nil {
		return stampError(err, "HubSpot deal %s: stamp SPS quote %s", in.DealID, in.QuoteID)
	}
	return nil
}

// update writes properties on one record; a per-input rejection is
// returned as its hubspot.InputError.
func (a *QuoteBuilderActivities) update(ctx context.Context, objectType, id string,
	properties map[string]string) error {
	res, err := a.HubSpot.BatchUpdate(ctx, objectType, []hubspot.UpdateInput{{ID: id, Properties: properties}})
	if err != nil {
		return err
	}
	if len(res.Errors) > 0 {
		return res.Errors[0]
	}
	return nil
}

// stampError classifies a failed stamp: a per-input rejection is final
// (a conflict as Conflict), anything else by the client error's kind.
func stampError(err error, format string, args ...any) error {
	context := fmt.Sprintf(format, args...)
	var input hubspot.InputError
	if errors.As(err, &input) {
		errType := ErrorTypeInvalid
		if input.Kind == hubspot.KindConflict {
			errType = ErrorTypeConflict
		}
		return permanent(errType, "%s: %s", context, describeInputError(input))
	}
	return temporalError(fmt.Errorf("%s: %w", context, err), false)
}
