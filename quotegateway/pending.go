package quotegateway

import (
	"context"
	"errors"
	"fmt"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"

	"github.com/stonecity/sync/workflows"
)

// SubmissionInProgress reads the history of the deal's latest QuoteBuilder
// run and reports whether an update was accepted there without completing.
// A deal without a run has none in progress.
func (t temporalStarter) SubmissionInProgress(ctx context.Context, dealID string) (bool, error) {
	id := workflows.QuoteBuilderWorkflowID(dealID)
	events := t.c.GetWorkflowHistory(ctx, id, "", false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)

	open := map[string]bool{}
	for events.HasNext() {
		event, err := events.Next()
		var notFound *serviceerror.NotFound
		if errors.As(err, &notFound) {
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("read the history of %s: %w", id, err)
		}
		switch event.GetEventType() {
		case enumspb.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED:
			attrs := event.GetWorkflowExecutionUpdateAcceptedEventAttributes()
			open[attrs.GetAcceptedRequest().GetMeta().GetUpdateId()] = true
		case enumspb.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED:
			attrs := event.GetWorkflowExecutionUpdateCompletedEventAttributes()
			delete(open, attrs.GetMeta().GetUpdateId())
		}
	}
	return len(open) > 0, nil
}
