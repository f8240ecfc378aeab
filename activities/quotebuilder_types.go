package activities

import (
	"github.com/stonecity/sync/apicalls"
	"github.com/stonecity/sync/clients/hubspot"
	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/quotebuild"
)

// QuoteBuilderActivities create an SPS customer and quote for a HubSpot
// deal and stamp the SPS ids back on the deal and its company. Every SPS
// create carries an Idempotency-Key derived from the company (customer)
// or the deal (quote), so a retry replays instead of creating twice.
type QuoteBuilderActivities struct {
	HubSpot *hubspot.Client
	SPS     *sps.Client
}

// LoadQuoteDealInput names the deal to load.
type LoadQuoteDealInput struct {
	DealID string `json:"dealId"`
}

// LoadQuoteDealResult is the deal with its company and contact.
type LoadQuoteDealResult struct {
	Records  quotebuild.Records `json:"records"`
	APICalls []apicalls.Count   `json:"apiCalls,omitempty"`
}

// CreateSPSCustomerInput is the deal whose company becomes an SPS
// customer, and the sales rep of the submission.
type CreateSPSCustomerInput struct {
	Records  quotebuild.Records `json:"records"`
	SalesRep string             `json:"salesRep"`
}

// CreateSPSCustomerResult is the SPS customer created or replayed.
type CreateSPSCustomerResult struct {
	// CustomerID is the SPS customer id in decimal.
	CustomerID string `json:"customerId"`
	// Code is the SPS customer code, "" when Existing.
	Code string `json:"code,omitempty"`
	// Existing is true when the company already had CustomerID as its
	// sps_customer_id when re-read before the create, so nothing was
	// created and the company needs no stamp.
	Existing bool             `json:"existing,omitempty"`
	APICalls []apicalls.Count `json:"apiCalls,omitempty"`
}

// ReadQuoteCompanyInput names the HubSpot company to read.
type ReadQuoteCompanyInput struct {
	CompanyID string `json:"companyId"`
}

// ReadQuoteCompanyResult is a HubSpot company's name and SPS customer id.
type ReadQuoteCompanyResult struct {
	CompanyID string `json:"companyId"`
	Name      string `json:"name"`
	// CustomerID is the company's sps_customer_id, "" when it has none.
	CustomerID string           `json:"customerId,omitempty"`
	APICalls   []apicalls.Count `json:"apiCalls,omitempty"`
}

// CreateSPSQuoteInput is a validated submission for a deal whose SPS
// customer is CustomerID.
type CreateSPSQuoteInput struct {
	Records quotebuild.Records `json:"records"`
	// CustomerID is the SPS customer id in decimal.
	CustomerID string `json:"customerId"`
	// Submission is the result of quotebuild.Validate.
	Submission quotebuild.Submission `json:"submission"`
}

// CreateSPSQuoteResult is the SPS quote created or replayed.
type CreateSPSQuoteResult struct {
	// QuoteID is the SPS quote id in decimal.
	QuoteID string `json:"quoteId"`
	// QuoteNumber is the SPS transaction number, such as "Q-1234".
	QuoteNumber string `json:"quoteNumber"`
	// Total is the quote total as SPS returned it, a decimal in major
	// units.
	Total    string           `json:"total,omitempty"`
	APICalls []apicalls.Count `json:"apiCalls,omitempty"`
}

// StampQuoteCompanyInput sets a company's sps_customer_id.
type StampQuoteCompanyInput struct {
	CompanyID  string `json:"companyId"`
	CustomerID string `json:"customerId"`
}

// StampQuoteDealInput sets a deal's SPS quote id, number and customer id.
type StampQuoteDealInput struct {
	DealID      string `json:"dealId"`
	QuoteID     string `json:"quoteId"`
	QuoteNumber string `json:"quoteNumber"`
	CustomerID  string `json:"customerId"`
}
