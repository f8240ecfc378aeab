package activities

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"go.temporal.io/sdk/activity"

	"github.com/stonecity/sync/apicalls"
	"github.com/stonecity/sync/clients/hubspot"
	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/quotebuild"
	"github.com/stonecity/sync/quotemap"
	"github.com/stonecity/sync/report"
)

// Skip reasons of quote sync.
const skipDuplicateQuote = "quote listed twice on one SPS page"

// SyncQuotePage reads one page of SPS quotes modified since
// in.Window.Since, maps each quote modified by in.Window.Until to a deal,
// and writes the deals in batches of 100. It creates missing deals with
// sps_revision_count 0, associated with the company whose sps_customer_id
// is the quote's customer id when that company exists. It updates only the
// properties of existing deals that differ, so a no-op run only reads.
// sps_revision_count grows by one when the quote's content hash changed.
// A quote whose data cannot be mapped, or that HubSpot rejects, becomes a
// per-record failure. Client errors fail the attempt: rate limits, 5xx
// and timeouts as retryable, validation and auth errors as final.
func (a *QuoteActivities) SyncQuotePage(ctx context.Context, in QuotePageInput) (QuotePageResult, error) {
	if in.Page < 1 {
		return QuotePageResult{}, permanent(ErrorTypeInvalid, "quote page number must be 1 or more, got %d", in.Page)
	}
	if !in.Window.Since.Before(in.Window.Until) {
		return QuotePageResult{}, permanent(ErrorTypeInvalid, "quote window since %s is not before until %s",
			in.Window.Since.Format(time.RFC3339), in.Window.Until.Format(time.RFC3339))
	}
	recorder := apicalls.NewRecorder()
	ctx = apicalls.WithRecorder(ctx, recorder)

	filter := sps.QuoteFilter{ModifiedSince: in.Window.Since}
	page, err := a.SPS.QueryQuotes(ctx, filter, in.Page, sps.MaxPageSize)
	if err != nil {
		return QuotePageResult{}, temporalError(fmt.Errorf("query SPS quotes modified since %s, page %d: %w",
			in.Window.Since.Format(time.RFC3339), in.Page, err), false)
	}

	w := newQuoteWrite(a, recorder)
	deals, err := w.mapQuotes(page, in)
	if err != nil {
		return QuotePageResult{}, err
	}
	for start := 0; start < len(deals); start += hubspot.MaxBatchSize {
		end := min(start+hubspot.MaxBatchSize, len(deals))
		if err := w.syncBatch(ctx, deals[start:end]); err != nil {
			// NOTE: a retry redoes the whole page. The writes are idempotent,
			// but deals an earlier attempt created count as unchanged then.
			return QuotePageResult{}, temporalError(err, start > 0)
		}
		activity.RecordHeartbeat(ctx, end)
	}

	res := w.result()
	res.NextPage = page.Next(in.Page)
	res.APICalls = recorder.Counts()
	return res, nil
}

// unreadableModified returns the modifiedDate of a quote record that does
// not decode, and false when that field cannot be read either.
func unreadableModified(u sps.UnreadableRecord) (time.Time, bool) {
	var probe struct {
		ModifiedDate sps.Time `json:"modifiedDate"`
	}
	if json.Unmarshal(u.Raw, &probe) != nil || !probe.ModifiedDate.IsSet() {
		return time.Time{}, false
	}
	return probe.ModifiedDate.Time(), true
}

// quoteDeal is one quote mapped to its deal.
type quoteDeal struct {
	deal quotemap.Deal
	// unknownReason is the skip reason for a quote whose state maps to no
	// stage, and "" otherwise.
	unknownReason string
	// builderDealID is the HubSpot deal the quote builder created the
	// quote for, "" for a quote made in SPS.
	builderDealID string
}

func (d quoteDeal) id() string { return spsID(d.deal.QuoteID) }

// mapQuotes maps the quotes of a page modified in the window, counts the
// later ones as deferred, and records mapping errors and unreadable
// quotes as failures. It returns a final error only when the portal
// settings lack the Quotes pipeline.
func (w *quoteWrite) mapQuotes(page sps.Page[sps.Quote], in QuotePageInput) ([]quoteDeal, error) {
	var out []quoteDeal
	seen := map[int64]bool{}
	for _, q := range page.Records {
		if q.ModifiedDate.IsSet() && q.ModifiedDate.Time().After(in.Window.Until) {
			w.deferred++
			continue
		}
		w.quotes++
		if q.ID > 0 && seen[q.ID] {
			w.skip(skipDuplicateQuote)
			continue
		}
		seen[q.ID] = true

		deal, err := quotemap.MapQuote(q, w.a.Portal, in.SyncedAt)
		var fieldErr *quotemap.FieldError
		if errors.As(err, &fieldErr) {
			w.fail(q.ID, err.Error())
			continue
		}
		if err != nil {
			return nil, permanent(ErrorTypeInvalid, "%v", err)
		}
		builderDeal, _ := quotebuild.DealIDFromReference(q.ExternalReference)
		out = append(out, quoteDeal{deal: deal, unknownReason: unknownStatusReason(q, deal.Stage),
			builderDealID: builderDeal})
	}
	for _, u := range page.Unreadable {
		if modified, ok := unreadableModified(u); ok && modified.After(in.Window.Until) {
			w.deferred++
			continue
		}
		w.quotes++
		if u.ID > 0 && seen[u.ID] {
			w.skip(skipDuplicateQuote)
			continue
		}
		seen[u.ID] = true
		w.failures = append(w.failures, unreadableFailure(u, in.Page))
	}
	return out, nil
}

// unknownStatusReason returns "unknown status <x>" for a quote whose state
// maps to no stage, naming the SPS stage too when it is set.
func unknownStatusReason(q sps.Quote, stage quotemap.Stage) string {
	if stage != quotemap.StageUnknown {
		return ""
	}
	reason := fmt.Sprintf("unknown status %q", q.TransactionStatus)
	if q.Stage != nil {
		reason += fmt.Sprintf(" with stage %q", *q.Stage)
	}
	return reason
}

// result collects the counts of the page.
func (w *quoteWrite) result() QuotePageResult {
	res := QuotePageResult{
		Quotes:    w.quotes,
		Deferred:  w.deferred,
		Created:   w.created,
		Updated:   w.updated,
		Unchanged: w.unchanged,
		Failures:  w.failures,
		Stages:    w.stages.stages,
	}
	for _, reason := range sortedKeys(w.skipped) {
		res.Skipped += w.skipped[reason]
		res.SkipReasons = append(res.SkipReasons, report.ReasonCount{Reason: reason, Count: w.skipped[reason]})
	}
	if w.created > 0 || w.updated > 0 {
		res.Objects = []report.ObjectWrites{{Object: objectDeals, Created: w.created, Updated: w.updated}}
	}
	return res
}
