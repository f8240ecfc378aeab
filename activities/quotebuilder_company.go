package activities

import (
	"context"
	"fmt"

	"github.com/stonecity/sync/apicalls"
	"github.com/stonecity/sync/quotebuild"
)

// ReadQuoteCompany reads a HubSpot company's name and sps_customer_id, so
// the quote builder can take the SPS customer another deal's run stamped
// on it. An empty company id is a final InvalidRequest error, and a
// company HubSpot does not have is a final NotFound error. Client errors
// fail the attempt as retryable or final by their kind.
func (a *QuoteBuilderActivities) ReadQuoteCompany(ctx context.Context,
	in ReadQuoteCompanyInput) (ReadQuoteCompanyResult, error) {
	if in.CompanyID == "" {
		return ReadQuoteCompanyResult{}, permanent(ErrorTypeInvalid, "read quote company: the company id is empty")
	}
	recorder := apicalls.NewRecorder()
	ctx = apicalls.WithRecorder(ctx, recorder)

	res, err := a.readCompany(ctx, in.CompanyID)
	if err != nil {
		return ReadQuoteCompanyResult{}, err
	}
	res.APICalls = recorder.Counts()
	return res, nil
}

// readCompany reads the company's name and SPS customer id, with errors
// as ReadQuoteCompany returns them.
func (a *QuoteBuilderActivities) readCompany(ctx context.Context, companyID string) (ReadQuoteCompanyResult, error) {
	company, found, err := a.readOne(ctx, objectCompanies, companyID,
		[]string{"name", quotebuild.PropSPSCustomerID})
	if err != nil {
		return ReadQuoteCompanyResult{}, temporalError(fmt.Errorf("read HubSpot company %s: %w", companyID, err),
			false)
	}
	if !found {
		return ReadQuoteCompanyResult{}, permanent(ErrorTypeNotFound, "HubSpot company %s not found", companyID)
	}
	return ReadQuoteCompanyResult{
		CompanyID:  companyID,
		Name:       company.Properties["name"],
		CustomerID: company.Properties[quotebuild.PropSPSCustomerID],
	}, nil
}
