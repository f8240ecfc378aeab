package workflows

import (
	"slices"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/stonecity/sync/activities"
)

// QuoteStatus writes the status changes of one SPS quote to the HubSpot
// deal whose sps_quote_id is the quote id. It keeps only the newest change
// it has received (by OccurredAt) and writes it once, so repeated and
// out-of-order deliveries cause no extra write. The ApplyQuoteStatus activity
// also compares with the deal's sps_status_changed_at, so an older change
// that reaches a later run is ignored too. The run completes when no
// change arrives for quoteStatusLinger, after draining its signals, and a
// later signal starts a new run. A change that HubSpot rejects fails the
// run.
func QuoteStatus(ctx workflow.Context, in QuoteStatusInput) (QuoteStatusResult, error) {
	if in.QuoteID == "" {
		return QuoteStatusResult{}, temporal.NewNonRetryableApplicationError(
			"QuoteStatus input has no quoteId", activities.ErrorTypeInvalid, nil)
	}
	run := &quoteStatusRun{quoteID: in.QuoteID, pending: in.Pending,
		res: QuoteStatusResult{QuoteID: in.QuoteID}}
	if in.WrittenAt != nil {
		run.writtenAt, run.latest = *in.WrittenAt, *in.WrittenAt
	}
	if in.Pending != nil && in.Pending.OccurredAt.After(run.latest) {
		run.latest, run.seen = in.Pending.OccurredAt, []string{in.Pending.Status}
	}
	signals := workflow.GetSignalChannel(ctx, QuoteStatusSignal)

	writes := 0
	for {
		run.drain(ctx, signals)
		if run.pending == nil {
			// Signals that arrive while the run completes would be lost,
			// so the run drains once more after the wait and goes on when
			// one brought a newer change.
			_, _ = workflow.AwaitWithTimeout(ctx, quoteStatusLinger, func() bool { return signals.Len() > 0 })
			run.drain(ctx, signals)
			if run.pending == nil {
				return run.res, nil
			}
		}
		if writes >= quoteStatusWritesPerRun {
			return run.res, workflow.NewContinueAsNewError(ctx, QuoteStatusWorkflowName, run.continueInput())
		}

		change := *run.pending
		run.pending = nil
		if err := run.apply(ctx, change); err != nil {
			return run.res, err
		}
		writes++
	}
}

// quoteStatusRun is the state of one QuoteStatus run.
type quoteStatusRun struct {
	quoteID string
	// pending is the newest change received and not yet written.
	pending *QuoteStatusChange
	// writtenAt is the OccurredAt of the last change written, zero before
	// the first, and written lists the statuses written with that time.
	writtenAt time.Time
	written   []string
	// latest is the newest OccurredAt received, and seen the statuses
	// received with it. SPS stamps changes to the second, so two changes
	// can share a time; a status not yet seen at it is a new change.
	latest time.Time
	seen   []string
	res    QuoteStatusResult
}

// drain takes every signal already received without blocking.
func (r *quoteStatusRun) drain(ctx workflow.Context, signals workflow.ReceiveChannel) {
	for {
		var change QuoteStatusChange
		if !signals.ReceiveAsync(&change) {
			return
		}
		r.offer(ctx, change)
	}
}

// offer keeps change when it is newer than every change received. It also
// keeps a change with the newest time and a status not yet received at
// that time, the later of two changes in one second. Any other change, a
// repeat or an older one, is counted as ignored.
func (r *quoteStatusRun) offer(ctx workflow.Context, change QuoteStatusChange) {
	r.res.Received++
	if err := change.Validate(); err != nil || change.QuoteID != r.quoteID {
		r.res.Ignored++
		workflow.GetLogger(ctx).Warn("Ignored an invalid quote status change", "spsQuoteID", r.quoteID,
			"changeQuoteID", change.QuoteID, "error", err)
		return
	}
	switch {
	case change.OccurredAt.After(r.latest):
		r.latest, r.seen = change.OccurredAt, []string{change.Status}
	case change.OccurredAt.Equal(r.latest) && !slices.Contains(r.seen, change.Status):
		r.seen = append(r.seen, change.Status)
	default:
		r.res.Ignored++
		return
	}
	if r.pending != nil {
		r.res.Ignored++
	}
	r.pending = &change
}

// apply writes one change to the deal and counts the outcome.
func (r *quoteStatusRun) apply(ctx workflow.Context, change QuoteStatusChange) error {
	var acts *activities.QuoteStatusActivities
	var out activities.ApplyQuoteStatusResult
	in := activities.ApplyQuoteStatusInput{
		QuoteID:    change.QuoteID,
		Status:     change.Status,
		OccurredAt: change.OccurredAt,
		EventID:    change.EventID,
	}
	if change.OccurredAt.Equal(r.writtenAt) {
		in.Supersedes = slices.Clone(r.written)
	}
	err := workflow.ExecuteActivity(shortActivity(ctx), acts.ApplyQuoteStatus, in).Get(ctx, &out)
	if err != nil {
		workflow.GetLogger(ctx).Error("Writing an SPS quote status to its deal failed", "spsQuoteID", r.quoteID,
			"status", change.Status, "error", err)
		return err
	}

	switch out.Outcome {
	case activities.QuoteStatusApplied, activities.QuoteStatusUnknown, activities.QuoteStatusOtherPipeline:
		r.res.Applied++
		r.res.Status, r.res.DealID = change.Status, out.DealID
		if !change.OccurredAt.Equal(r.writtenAt) {
			r.writtenAt, r.written = change.OccurredAt, nil
		}
		r.written = append(r.written, change.Status)
	case activities.QuoteStatusStale:
		r.res.Ignored++
	case activities.QuoteStatusNoDeal:
		r.res.NoDeal++
	}
	return nil
}

// continueInput carries the pending change and the last written time to
// the next run.
func (r *quoteStatusRun) continueInput() QuoteStatusInput {
	in := QuoteStatusInput{QuoteID: r.quoteID, Pending: r.pending}
	if !r.writtenAt.IsZero() {
		writtenAt := r.writtenAt
		in.WrittenAt = &writtenAt
	}
	return in
}
