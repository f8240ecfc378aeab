package workflows

import (
	"time"

	"github.com/stonecity/sync/quotebuild"
)

// Quote builder names. One QuoteBuilder workflow runs per HubSpot deal;
// the deal card submits to it with the "submit" update and reads it with
// the "status" query.
const (
	QuoteBuilderKind         = "quote-builder"
	QuoteBuilderWorkflowName = "QuoteBuilder"
	// QuoteBuilderSubmitUpdate is the update that hands a submission to
	// the workflow. Its validator rejects an invalid submission before it
	// enters history.
	QuoteBuilderSubmitUpdate = "submit"
	// QuoteBuilderStatusQuery returns the workflow's QuoteBuilderStatus.
	QuoteBuilderStatusQuery = "status"
)

// States of QuoteBuilderStatus.State.
const (
	// QuoteStateIdle: no submission has been accepted for the deal.
	QuoteStateIdle = "idle"
	// QuoteStateCreating: a submission is being turned into an SPS quote.
	QuoteStateCreating = "creating"
	// QuoteStateCreated: the deal has an SPS quote, stamped on the deal.
	QuoteStateCreated = "created"
	// QuoteStateFailed: the last submission failed, for the reason in
	// Error. A corrected submission may follow within quoteCorrectionWindow.
	QuoteStateFailed = "failed"
)

const (
	// quoteCorrectionWindow is how long a run whose submission failed
	// waits for a corrected one before it completes.
	quoteCorrectionWindow = 7 * 24 * time.Hour
	// quoteIdleWindow is how long a run started without an accepted
	// submission (its first one was rejected) waits for one.
	quoteIdleWindow = time.Hour
)

// QuoteBuilderWorkflowID returns the workflow ID of a deal's quote
// builder, "quote-builder/deal-<dealID>", so two clicks on one deal meet
// in one run.
func QuoteBuilderWorkflowID(dealID string) string {
	return QuoteBuilderKind + "/deal-" + dealID
}

// QuoteBuilderInput is the input of the QuoteBuilder workflow.
type QuoteBuilderInput struct {
	// DealID is the HubSpot record id of the deal.
	DealID string `json:"dealId"`
}

// QuoteSubmission is a quote request from the deal card: the quote's
// lines, sales rep and expiry date. quotebuild.Validate states the rules.
type QuoteSubmission struct {
	// DealID is the HubSpot record id of the deal; it must match the
	// workflow's deal.
	DealID string             `json:"dealId"`
	Lines  []QuoteLineRequest `json:"lines"`
	// SalesRep is the SPS sales rep name, required.
	SalesRep string `json:"salesRep"`
	// ExpiresOn is the quote's expiry date, YYYY-MM-DD, after today and
	// within a year.
	ExpiresOn string `json:"expiresOn"`
	// RequestedBy is the HubSpot user id of the person who clicked,
	// optional and only logged.
	RequestedBy string `json:"requestedBy,omitempty"`
}

// QuoteLineRequest is one line of a QuoteSubmission.
type QuoteLineRequest struct {
	// SKU is the SPS item SKU, required.
	SKU string `json:"sku"`
	// Quantity is a positive decimal with at most 4 decimal places.
	Quantity string `json:"quantity"`
	// UnitPrice is a non-negative decimal in major units, or "" for the
	// SPS price of the item.
	UnitPrice string `json:"unitPrice,omitempty"`
	// Description is free text for the line, optional.
	Description string `json:"description,omitempty"`
}

// QuoteBuilderStatus is the state of a deal's quote builder as the deal
// card shows it, with the SPS ids once the quote exists.
type QuoteBuilderStatus struct {
	DealID string `json:"dealId"`
	// State is QuoteStateIdle, QuoteStateCreating, QuoteStateCreated or
	// QuoteStateFailed.
	State string `json:"state"`
	// Message is one line for the card, such as "created: quote Q-1234".
	Message       string `json:"message"`
	SPSCustomerID string `json:"spsCustomerId,omitempty"`
	SPSQuoteID    string `json:"spsQuoteId,omitempty"`
	QuoteNumber   string `json:"quoteNumber,omitempty"`
	// Error is the reason the last submission failed, in state failed.
	Error string `json:"error,omitempty"`
}

// build converts the submission to the pure type quotebuild validates.
func (s QuoteSubmission) build() quotebuild.Submission {
	out := quotebuild.Submission{
		DealID:      s.DealID,
		SalesRep:    s.SalesRep,
		ExpiresOn:   s.ExpiresOn,
		RequestedBy: s.RequestedBy,
		Lines:       make([]quotebuild.Line, len(s.Lines)),
	}
	for i, l := range s.Lines {
		out.Lines[i] = quotebuild.Line{SKU: l.SKU, Quantity: l.Quantity, UnitPrice: l.UnitPrice,
			Description: l.Description}
	}
	return out
}
