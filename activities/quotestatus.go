package activities

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"go.temporal.io/sdk/activity"

	"github.com/stonecity/sync/apicalls"
	"github.com/stonecity/sync/clients/hubspot"
	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/hubspotvalue"
	"github.com/stonecity/sync/quotebuild"
	"github.com/stonecity/sync/quotemap"
)

// Outcomes of ApplyQuoteStatus.
const (
	// QuoteStatusApplied: the deal now has the status's stage and time.
	QuoteStatusApplied = "applied"
	// QuoteStatusUnknown: the status maps to no stage, so only the time
	// was written and the deal keeps its stage.
	QuoteStatusUnknown = "unknown-status"
	// QuoteStatusOtherPipeline: the deal is outside the Quotes pipeline, so
	// only the status and time were written and it keeps its stage.
	QuoteStatusOtherPipeline = "other-pipeline"
	// QuoteStatusStale: the deal already has a status change at the same
	// time or later, so nothing was written.
	QuoteStatusStale = "stale"
	// QuoteStatusNoDeal: no deal has the quote's sps_quote_id yet. The
	// next quote sync creates it with the quote's current stage.
	QuoteStatusNoDeal = "deal-not-found"
)

// QuoteStatusActivities applies SPS quote status changes to the HubSpot
// deals of the quotes.
type QuoteStatusActivities struct {
	HubSpot *hubspot.Client
	// Portal supplies the Quotes pipeline and stage ids.
	Portal config.HubSpotPortal
}

// ApplyQuoteStatusInput is one SPS quote status change.
type ApplyQuoteStatusInput struct {
	// QuoteID is the SPS quote id in decimal, the deal's sps_quote_id.
	QuoteID string `json:"quoteId"`
	// Status is SPS's transactionStatus, such as "Accepted" or "Declined".
	Status string `json:"status"`
	// OccurredAt is the time SPS changed the status, which orders changes.
	OccurredAt time.Time `json:"occurredAt"`
	// EventID is SPS's delivery id, logged only.
	EventID string `json:"eventId,omitempty"`
	// Supersedes lists statuses the caller wrote with this same
	// OccurredAt. SPS stamps changes to the second, so a deal showing one
	// of them at that time is overwritten. A deal showing any other status
	// at that time is kept, because the order of the two changes is unknown.
	Supersedes []string `json:"supersedes,omitempty"`
}

// ApplyQuoteStatusResult is the outcome of one ApplyQuoteStatus call.
type ApplyQuoteStatusResult struct {
	// Outcome is QuoteStatusApplied, QuoteStatusUnknown,
	// QuoteStatusOtherPipeline, QuoteStatusStale or QuoteStatusNoDeal.
	Outcome string `json:"outcome"`
	// DealID is the HubSpot id of the quote's deal, "" when none exists.
	DealID string `json:"dealId,omitempty"`
	// StageID is the stage written, "" when the stage was not written.
	StageID  string           `json:"stageId,omitempty"`
	APICalls []apicalls.Count `json:"apiCalls"`
}

// ApplyQuoteStatus records in.Status in sps_quote_status and in.OccurredAt
// in sps_status_changed_at on the deal whose sps_quote_id is in.QuoteID,
// and moves a deal of the Quotes pipeline to the stage of in.Status. A deal
// in another pipeline, such as a sales rep's deal the quote builder
// quoted, keeps its pipeline and stage, as quote sync leaves it. It reads the deal by the unique sps_quote_id (never a
// search, which lags writes). It writes nothing when the deal's
// sps_status_changed_at is at or after in.OccurredAt, so repeated and
// out-of-order changes are harmless. A missing deal is skipped. A status
// that maps to no stage keeps the stage and writes only the time. HubSpot
// rate limits, 5xx and timeouts fail the attempt as retryable, and a
// rejected input or update as final.
func (a *QuoteStatusActivities) ApplyQuoteStatus(ctx context.Context, in ApplyQuoteStatusInput) (
	ApplyQuoteStatusResult, error) {
	if err := in.validate(); err != nil {
		return ApplyQuoteStatusResult{}, permanent(ErrorTypeInvalid, "%v", err)
	}
	recorder := apicalls.NewRecorder()
	ctx = apicalls.WithRecorder(ctx, recorder)
	logger := activity.GetLogger(ctx)

	read, err := a.HubSpot.BatchRead(ctx, objectDeals, quotemap.PropSPSQuoteID, []string{in.QuoteID},
		[]string{quotemap.PropPipeline, quotemap.PropDealStage, quotebuild.PropSPSStatusChangedAt,
			quotebuild.PropSPSQuoteStatus})
	if err != nil {
		return ApplyQuoteStatusResult{}, temporalError(
			fmt.Errorf("read the deal of SPS quote %s: %w", in.QuoteID, err), false)
	}
	if len(read.Found) == 0 {
		logger.Info("No deal has the SPS quote yet; the next quote sync creates it",
			"spsQuoteID", in.QuoteID, "status", in.Status, "eventID", in.EventID)
		return ApplyQuoteStatusResult{Outcome: QuoteStatusNoDeal, APICalls: recorder.Counts()}, nil
	}

	deal := read.Found[0]
	res := ApplyQuoteStatusResult{DealID: deal.ID}
	if in.staleFor(deal.Properties) {
		logger.Info("Ignored an SPS quote status change older than the deal's", "spsQuoteID", in.QuoteID,
			"hubspotID", deal.ID, "status", in.Status, "occurredAt", in.OccurredAt,
			"dealChangedAt", deal.Properties[quotebuild.PropSPSStatusChangedAt])
		res.Outcome, res.APICalls = QuoteStatusStale, recorder.Counts()
		return res, nil
	}

	props, stageID := a.statusChanges(in, deal.Properties)
	res.Outcome, res.StageID = QuoteStatusApplied, stageID
	switch {
	case deal.Properties[quotemap.PropPipeline] != a.Portal.QuotesPipelineID:
		res.Outcome = QuoteStatusOtherPipeline
	case stageID == "":
		res.Outcome = QuoteStatusUnknown
		logger.Warn("SPS quote status maps to no deal stage; the deal keeps its stage", "spsQuoteID", in.QuoteID,
			"hubspotID", deal.ID, "status", in.Status)
	}
	if err := a.updateDeal(ctx, deal.ID, in.QuoteID, props); err != nil {
		return ApplyQuoteStatusResult{}, err
	}
	res.APICalls = recorder.Counts()
	return res, nil
}

func (in ApplyQuoteStatusInput) validate() error {
	switch {
	case strings.TrimSpace(in.QuoteID) == "":
		return fmt.Errorf("quote status change: quoteId is missing")
	case strings.TrimSpace(in.Status) == "":
		return fmt.Errorf("quote status change of SPS quote %s: status is missing", in.QuoteID)
	case in.OccurredAt.IsZero():
		return fmt.Errorf("quote status change of SPS quote %s: occurredAt is missing", in.QuoteID)
	}
	return nil
}

// staleFor reports whether the deal already has a change later than in,
// or one at the same time that in does not supersede.
//
// NOTE: a change in the same second as the deal's that reaches a later
// run (no Supersedes) is dropped. Only the quote's current status in SPS
// could order the two, and these activities hold no SPS client.
func (in ApplyQuoteStatusInput) staleFor(deal map[string]string) bool {
	have, known := hubspotvalue.ParseInstant(deal[quotebuild.PropSPSStatusChangedAt])
	switch {
	case !known || in.OccurredAt.After(have):
		return false
	case in.OccurredAt.Before(have):
		return true
	}
	dealStatus := strings.TrimSpace(deal[quotebuild.PropSPSQuoteStatus])
	return dealStatus == strings.TrimSpace(in.Status) || !slices.Contains(in.Supersedes, dealStatus)
}

// statusChanges returns the deal properties to write for in and the
// stage id written, "" when the status maps to no stage.
func (a *QuoteStatusActivities) statusChanges(in ApplyQuoteStatusInput, have map[string]string) (
	map[string]string, string) {
	props := map[string]string{
		quotebuild.PropSPSStatusChangedAt: in.OccurredAt.UTC().Format("2006-01-02T15:04:05.000Z"),
		quotebuild.PropSPSQuoteStatus:     strings.TrimSpace(in.Status),
	}
	stageID := quotemap.StageID(quotemap.MapStage(statusQuote(in.Status)), a.Portal)
	if stageID == "" || have[quotemap.PropPipeline] != a.Portal.QuotesPipelineID {
		return props, ""
	}
	if have[quotemap.PropDealStage] != stageID {
		props[quotemap.PropDealStage] = stageID
	}
	return props, stageID
}

// updateDeal writes props on deal dealID.
func (a *QuoteStatusActivities) updateDeal(ctx context.Context, dealID, quoteID string,
	props map[string]string) error {
	res, err := a.HubSpot.BatchUpdate(ctx, objectDeals, []hubspot.UpdateInput{{ID: dealID, Properties: props}})
	if err != nil {
		return temporalError(fmt.Errorf("update deal %s of SPS quote %s: %w", dealID, quoteID, err), false)
	}
	if len(res.Errors) > 0 {
		return permanent(ErrorTypeInvalid, "HubSpot rejected the update of deal %s of SPS quote %s: %s",
			dealID, quoteID, describeInputError(res.Errors[0]))
	}
	return nil
}

// statusQuote returns the quote state a status webhook describes, in the
// fields quotemap.MapStage reads. SPS keeps a closed quote's status in
// transactionStatus and marks it won or lost in stage: Accepted and
// Converted are won, Declined, Expired and Lost are lost.
func statusQuote(status string) sps.Quote {
	q := sps.Quote{TransactionStatus: status}
	var stage string
	switch strings.ToLower(strings.TrimSpace(status)) {
	case "accepted", "converted":
		stage = "won"
	case "declined", "expired", "lost":
		stage = "lost"
	default:
		return q
	}
	q.Stage = &stage
	return q
}
