package workflows

import (
	"context"
	"errors"
	"fmt"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"github.com/stonecity/sync/quotebuild"
)

// ErrorTypeInvalidSubmission is the error type of the submit update's
// validator when it rejects a submission.
const ErrorTypeInvalidSubmission = "InvalidSubmission"

// SubmissionError is a submission the quote builder rejected: Message
// names each line number and field at fault. HTTP callers respond 400.
type SubmissionError struct {
	Message string
}

// Error returns Message.
func (e *SubmissionError) Error() string { return e.Message }

// SubmitQuote sends a submission to the deal's QuoteBuilder workflow and
// starts the workflow when no run is open (update-with-start, conflict
// policy use-existing). It returns the update's status: "creating" for an
// accepted submission, "created" when the deal already has a quote, or the
// current status while another submission is in progress.
// The workflow answers before any SPS call, so this returns in about one
// workflow task once a worker is polling; bound ctx for callers with a
// deadline. It returns a *SubmissionError, and starts nothing, for a
// submission that quotebuild.Validate rejects.
func SubmitQuote(ctx context.Context, c client.Client, s QuoteSubmission) (QuoteBuilderStatus, error) {
	// The same check runs in the update's validator; running it here first
	// keeps a rejected submission from starting a run.
	if _, err := quotebuild.Validate(s.build(), time.Now().UTC()); err != nil {
		return QuoteBuilderStatus{}, &SubmissionError{Message: err.Error()}
	}

	start := c.NewWithStartWorkflowOperation(client.StartWorkflowOptions{
		ID:                       QuoteBuilderWorkflowID(s.DealID),
		TaskQueue:                TaskQueue,
		WorkflowIDReusePolicy:    enumspb.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE,
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
		TypedSearchAttributes:    temporal.NewSearchAttributes(syncKind.ValueSet(QuoteBuilderKind)),
	}, QuoteBuilderWorkflowName, QuoteBuilderInput{DealID: s.DealID})
	handle, err := c.UpdateWithStartWorkflow(ctx, client.UpdateWithStartWorkflowOptions{
		StartWorkflowOperation: start,
		UpdateOptions: client.UpdateWorkflowOptions{
			UpdateName:   QuoteBuilderSubmitUpdate,
			Args:         []any{s},
			WaitForStage: client.WorkflowUpdateStageCompleted,
		},
	})
	if err != nil {
		return QuoteBuilderStatus{}, submitError(s.DealID, err)
	}

	var status QuoteBuilderStatus
	if err := handle.Get(ctx, &status); err != nil {
		return QuoteBuilderStatus{}, submitError(s.DealID, err)
	}
	return status, nil
}

// submitError turns a validator rejection into a *SubmissionError and
// names the deal in every other error.
func submitError(dealID string, err error) error {
	var appErr *temporal.ApplicationError
	if errors.As(err, &appErr) && appErr.Type() == ErrorTypeInvalidSubmission {
		return &SubmissionError{Message: appErr.Message()}
	}
	return fmt.Errorf("submit quote for deal %s: %w", dealID, err)
}

// QuoteBuilderState returns the status of the deal's latest QuoteBuilder
// run, open or closed. A deal with no run has state "idle". A worker
// handles the query of a closed run by replaying it, so this needs a
// worker polling the task queue.
func QuoteBuilderState(ctx context.Context, c client.Client, dealID string) (QuoteBuilderStatus, error) {
	value, err := c.QueryWorkflow(ctx, QuoteBuilderWorkflowID(dealID), "", QuoteBuilderStatusQuery)
	var notFound *serviceerror.NotFound
	if errors.As(err, &notFound) {
		return idleStatus(dealID), nil
	}
	if err != nil {
		return QuoteBuilderStatus{}, fmt.Errorf("query quote builder of deal %s: %w", dealID, err)
	}

	var status QuoteBuilderStatus
	if err := value.Get(&status); err != nil {
		return QuoteBuilderStatus{}, fmt.Errorf("decode quote builder status of deal %s: %w", dealID, err)
	}
	return status, nil
}

// idleStatus is the status of a deal without an accepted submission.
func idleStatus(dealID string) QuoteBuilderStatus {
	return QuoteBuilderStatus{DealID: dealID, State: QuoteStateIdle, Message: "no quote requested yet"}
}
