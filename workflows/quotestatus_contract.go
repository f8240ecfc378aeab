package workflows

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
)

// Quote status names. One QuoteStatus workflow runs per SPS quote while
// status changes for it arrive, and the webhook gateway signals it.
const (
	QuoteStatusKind         = "quote-status"
	QuoteStatusWorkflowName = "QuoteStatus"
	// QuoteStatusSignal carries a QuoteStatusChange.
	QuoteStatusSignal = "status-changed"
)

const (
	// quoteStatusLinger is how long a run waits for another change after
	// its last one before it completes. Webhook deliveries can repeat and
	// arrive out of order, so a run that waits collects a burst and
	// writes its newest change once. The length is an estimate.
	quoteStatusLinger = 10 * time.Second
	// quoteStatusWritesPerRun bounds the history of one run; the workflow
	// continues as new after this many deal writes.
	quoteStatusWritesPerRun = 200
)

// QuoteStatusWorkflowID returns the workflow ID of an SPS quote's status
// workflow, "quote-status/<quoteID>".
func QuoteStatusWorkflowID(quoteID string) string {
	return QuoteStatusKind + "/" + quoteID
}

// QuoteStatusChange is one SPS quote status change, as a webhook reports
// it. Changes to one quote may repeat and arrive out of order, and
// OccurredAt orders them.
type QuoteStatusChange struct {
	// QuoteID is the SPS quote id in decimal.
	QuoteID string `json:"quoteId"`
	// Status is SPS's transactionStatus, such as "Accepted".
	Status     string    `json:"status"`
	OccurredAt time.Time `json:"occurredAt"`
	// EventID is SPS's delivery id, optional and only logged.
	EventID string `json:"eventId,omitempty"`
}

// Validate returns an error naming the first missing or invalid field.
func (c QuoteStatusChange) Validate() error {
	switch {
	case c.QuoteID == "" || strings.Trim(c.QuoteID, "0123456789") != "":
		return fmt.Errorf("quote status change: quoteId %q is not an SPS quote id (decimal digits)", c.QuoteID)
	case strings.TrimSpace(c.Status) == "":
		return fmt.Errorf("quote status change of SPS quote %s: status is missing", c.QuoteID)
	case c.OccurredAt.IsZero():
		return fmt.Errorf("quote status change of SPS quote %s: occurredAt is missing", c.QuoteID)
	}
	return nil
}

// QuoteStatusInput is the input of the QuoteStatus workflow. Clients set
// QuoteID only; the other fields carry state across continue-as-new.
type QuoteStatusInput struct {
	QuoteID string `json:"quoteId"`
	// Pending is the newest change not yet written.
	Pending *QuoteStatusChange `json:"pending,omitempty"`
	// WrittenAt is the OccurredAt of the last change written.
	WrittenAt *time.Time `json:"writtenAt,omitempty"`
}

// QuoteStatusResult counts what one QuoteStatus run did.
type QuoteStatusResult struct {
	QuoteID string `json:"quoteId"`
	// Received counts the signals, repeats included.
	Received int `json:"received"`
	// Applied counts the changes written to the deal.
	Applied int `json:"applied"`
	// Ignored counts repeated and older changes, in the workflow or
	// because the deal already had a later one.
	Ignored int `json:"ignored"`
	// NoDeal counts changes skipped because no deal has the quote yet.
	NoDeal int `json:"noDeal"`
	// Status is the last status written, and DealID its deal.
	Status string `json:"status,omitempty"`
	DealID string `json:"dealId,omitempty"`
}

// SignalQuoteStatus sends ch to the QuoteStatus workflow of its quote,
// starting one when none is running (signal-with-start). It returns an
// error, without calling Temporal, when ch is invalid.
func SignalQuoteStatus(ctx context.Context, c client.Client, ch QuoteStatusChange) error {
	if err := ch.Validate(); err != nil {
		return err
	}
	if c == nil {
		return errors.New("signal quote status: no Temporal client")
	}
	_, err := c.SignalWithStartWorkflow(ctx, QuoteStatusWorkflowID(ch.QuoteID), QuoteStatusSignal, ch,
		client.StartWorkflowOptions{
			ID:                    QuoteStatusWorkflowID(ch.QuoteID),
			TaskQueue:             TaskQueue,
			WorkflowIDReusePolicy: enumspb.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE,
			TypedSearchAttributes: temporal.NewSearchAttributes(syncKind.ValueSet(QuoteStatusKind)),
		}, QuoteStatusWorkflowName, QuoteStatusInput{QuoteID: ch.QuoteID})
	if err != nil {
		return fmt.Errorf("signal the status workflow of SPS quote %s: %w", ch.QuoteID, err)
	}
	return nil
}
