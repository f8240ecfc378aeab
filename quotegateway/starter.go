package quotegateway

import (
	"context"
	"fmt"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"

	"github.com/stonecity/sync/workflows"
)

// Starter is the gateway's view of Temporal: the quote builder's update and
// query, the quote-status signal, and a health check.
type Starter interface {
	// SubmitQuote hands a card submission to the deal's QuoteBuilder
	// workflow; a rejected submission is a *workflows.SubmissionError.
	SubmitQuote(ctx context.Context, s workflows.QuoteSubmission) (workflows.QuoteBuilderStatus, error)
	// QuoteBuilderState returns the deal's quote builder status, "idle"
	// for a deal without a run.
	QuoteBuilderState(ctx context.Context, dealID string) (workflows.QuoteBuilderStatus, error)
	// SubmissionInProgress reports whether the deal's open QuoteBuilder
	// run has accepted a submit update that has not completed yet, as after
	// a SubmitQuote that timed out while the run was loading the deal.
	SubmissionInProgress(ctx context.Context, dealID string) (bool, error)
	// SignalQuoteStatus sends an SPS quote-status change to the quote's
	// QuoteStatus workflow, starting it when needed.
	SignalQuoteStatus(ctx context.Context, ch workflows.QuoteStatusChange) error
	// CheckHealth returns nil when the Temporal frontend is serving and a
	// worker polls the sync task queue, so a submit can be handled.
	CheckHealth(ctx context.Context) error
}

// NewTemporalStarter returns the Starter that calls the workflows
// package's helpers on c.
func NewTemporalStarter(c client.Client) Starter {
	return temporalStarter{c: c}
}

type temporalStarter struct {
	c client.Client
}

func (t temporalStarter) SubmitQuote(ctx context.Context, s workflows.QuoteSubmission) (workflows.QuoteBuilderStatus, error) {
	return workflows.SubmitQuote(ctx, t.c, s)
}

func (t temporalStarter) QuoteBuilderState(ctx context.Context, dealID string) (workflows.QuoteBuilderStatus, error) {
	return workflows.QuoteBuilderState(ctx, t.c, dealID)
}

func (t temporalStarter) SignalQuoteStatus(ctx context.Context, ch workflows.QuoteStatusChange) error {
	return workflows.SignalQuoteStatus(ctx, t.c, ch)
}

func (t temporalStarter) CheckHealth(ctx context.Context) error {
	if _, err := t.c.CheckHealth(ctx, &client.CheckHealthRequest{}); err != nil {
		return err
	}
	// DescribeTaskQueue is deprecated for worker versioning, but it still
	// lists the pollers, which is all this check needs.
	resp, err := t.c.DescribeTaskQueue(ctx, workflows.TaskQueue, enumspb.TASK_QUEUE_TYPE_WORKFLOW)
	if err != nil {
		return fmt.Errorf("describe task queue %s: %w", workflows.TaskQueue, err)
	}
	if len(resp.GetPollers()) == 0 {
		return fmt.Errorf("no worker polls task queue %s", workflows.TaskQueue)
	}
	return nil
}
