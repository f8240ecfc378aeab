package activities

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"

	"github.com/stonecity/sync/clients/hubspot"
	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/hubspotschema"
	"github.com/stonecity/sync/hubspotvalue"
	"github.com/stonecity/sync/quotebuild"
	"github.com/stonecity/sync/quotemap"
	"github.com/stonecity/sync/sandbox/dataset"
	hubsim "github.com/stonecity/sync/sandbox/hubspot"
)

// statusChangedAt is the time of the test status changes.
var statusChangedAt = time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)

// quoteStatusHarness is the HubSpot simulator with the schema applied and
// the quote status activity pointed at it.
type quoteStatusHarness struct {
	t      *testing.T
	hub    *hubsim.Simulator
	client *hubspot.Client
	acts   *QuoteStatusActivities
	portal config.HubSpotPortal
}

func newQuoteStatusHarness(t *testing.T) *quoteStatusHarness {
	t.Helper()
	h := &quoteStatusHarness{t: t, hub: hubsim.New(hubsim.Options{Token: testHubSpotToken}),
		portal: config.DefaultHubSpotPortal()}
	srv := httptest.NewServer(h.hub)
	t.Cleanup(srv.Close)
	require.NoError(t, h.hub.LoadPortal(hubsim.Portal{Pipelines: dataset.PortalPipelines(h.portal)}))
	client, err := hubspot.New(hubspot.Config{BaseURL: srv.URL, Token: testHubSpotToken})
	require.NoError(t, err)
	_, err = hubspotschema.Setup(context.Background(), client, hubspotschema.All(h.portal))
	require.NoError(t, err)
	h.client = client
	h.acts = &QuoteStatusActivities{HubSpot: client, Portal: h.portal}
	return h
}

// createDeal creates a deal of SPS quote quoteID with extra properties
// over a Quoted deal in the Quotes pipeline, and returns its id.
func (h *quoteStatusHarness) createDeal(quoteID string, extra map[string]string) string {
	h.t.Helper()
	props := map[string]string{
		quotemap.PropDealName:   "Q-" + quoteID,
		quotemap.PropPipeline:   h.portal.QuotesPipelineID,
		quotemap.PropDealStage:  h.portal.QuoteQuotedStageID,
		quotemap.PropSPSQuoteID: quoteID,
	}
	for name, value := range extra {
		props[name] = value
	}
	res, err := h.client.BatchCreate(context.Background(), objectDeals, []hubspot.CreateInput{{Properties: props}})
	require.NoError(h.t, err)
	require.Len(h.t, res.Objects, 1)
	return res.Objects[0].ID
}

// deal returns the deal with HubSpot id.
func (h *quoteStatusHarness) deal(id string) hubsim.Object {
	h.t.Helper()
	for _, d := range h.hub.Objects(objectDeals) {
		if d.ID == id {
			return d
		}
	}
	h.t.Fatalf("no deal %s", id)
	return hubsim.Object{}
}

// changedAt returns the deal's sps_status_changed_at.
func (h *quoteStatusHarness) changedAt(id string) time.Time {
	h.t.Helper()
	at, ok := hubspotvalue.ParseInstant(h.deal(id).Properties[quotebuild.PropSPSStatusChangedAt])
	require.True(h.t, ok, "deal %s has no valid %s", id, quotebuild.PropSPSStatusChangedAt)
	return at
}

// apply runs ApplyQuoteStatus once.
func (h *quoteStatusHarness) apply(in ApplyQuoteStatusInput) (ApplyQuoteStatusResult, error) {
	h.t.Helper()
	env := quietActivityEnv(io.Discard)
	env.RegisterActivity(h.acts)
	value, err := env.ExecuteActivity(h.acts.ApplyQuoteStatus, in)
	if err != nil {
		return ApplyQuoteStatusResult{}, err
	}
	var res ApplyQuoteStatusResult
	require.NoError(h.t, value.Get(&res))
	return res, nil
}

// updateCalls counts the deal batch updates HubSpot served.
func (h *quoteStatusHarness) updateCalls() int {
	total := 0
	for endpoint, n := range h.hub.Calls() {
		if endpoint == "POST /crm/v3/objects/deals/batch/update" {
			total += n
		}
	}
	return total
}

func TestApplyQuoteStatusMovesStage(t *testing.T) {
	tests := []struct {
		name      string
		status    string
		wantStage func(config.HubSpotPortal) string
	}{
		{"accepted", "Accepted", func(p config.HubSpotPortal) string { return p.QuoteAcceptedStageID }},
		{"converted", "Converted", func(p config.HubSpotPortal) string { return p.QuoteAcceptedStageID }},
		{"declined", "Declined", func(p config.HubSpotPortal) string { return p.QuoteLostStageID }},
		{"expired", "expired", func(p config.HubSpotPortal) string { return p.QuoteLostStageID }},
		{"quoted", "Quoted", func(p config.HubSpotPortal) string { return p.QuoteQuotedStageID }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newQuoteStatusHarness(t)
			dealID := h.createDeal("5001", nil)

			res, err := h.apply(ApplyQuoteStatusInput{QuoteID: "5001", Status: tc.status, OccurredAt: statusChangedAt})

			require.NoError(t, err)
			assert.Equal(t, QuoteStatusApplied, res.Outcome)
			assert.Equal(t, dealID, res.DealID)
			assert.Equal(t, tc.wantStage(h.portal), res.StageID)
			assert.Equal(t, tc.wantStage(h.portal), h.deal(dealID).Properties[quotemap.PropDealStage])
			assert.True(t, statusChangedAt.Equal(h.changedAt(dealID)))
		})
	}
}

func TestApplyQuoteStatusIgnoresOlderChanges(t *testing.T) {
	tests := []struct {
		name       string
		occurredAt time.Time
		wantStale  bool
	}{
		{"older", statusChangedAt.Add(-time.Minute), true},
		{"same time", statusChangedAt, true},
		{"a millisecond newer", statusChangedAt.Add(time.Millisecond), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newQuoteStatusHarness(t)
			dealID := h.createDeal("5001", map[string]string{
				quotemap.PropDealStage:            h.portal.QuoteLostStageID,
				quotebuild.PropSPSStatusChangedAt: statusChangedAt.Format(time.RFC3339Nano),
			})

			res, err := h.apply(ApplyQuoteStatusInput{QuoteID: "5001", Status: "Accepted", OccurredAt: tc.occurredAt})

			require.NoError(t, err)
			if tc.wantStale {
				assert.Equal(t, QuoteStatusStale, res.Outcome)
				assert.Equal(t, h.portal.QuoteLostStageID, h.deal(dealID).Properties[quotemap.PropDealStage])
				assert.Equal(t, 0, h.updateCalls())
				return
			}
			assert.Equal(t, QuoteStatusApplied, res.Outcome)
			assert.Equal(t, h.portal.QuoteAcceptedStageID, h.deal(dealID).Properties[quotemap.PropDealStage])
		})
	}
}

// A change in the same second as the deal's, with another status,
// replaces it only when the caller wrote the deal's status itself.
func TestApplyQuoteStatusSameSecond(t *testing.T) {
	tests := []struct {
		name       string
		supersedes []string
		wantStale  bool
	}{
		{name: "supersedes the deal's status", supersedes: []string{"Accepted"}},
		{name: "no superseded status", wantStale: true},
		{name: "supersedes another status", supersedes: []string{"Quoted"}, wantStale: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newQuoteStatusHarness(t)
			dealID := h.createDeal("5001", map[string]string{
				quotemap.PropDealStage:            h.portal.QuoteAcceptedStageID,
				quotebuild.PropSPSQuoteStatus:     "Accepted",
				quotebuild.PropSPSStatusChangedAt: statusChangedAt.Format(time.RFC3339Nano),
			})

			res, err := h.apply(ApplyQuoteStatusInput{QuoteID: "5001", Status: "Declined",
				OccurredAt: statusChangedAt, Supersedes: tc.supersedes})

			require.NoError(t, err)
			stage := h.deal(dealID).Properties[quotemap.PropDealStage]
			if tc.wantStale {
				assert.Equal(t, QuoteStatusStale, res.Outcome)
				assert.Equal(t, h.portal.QuoteAcceptedStageID, stage)
				assert.Equal(t, 0, h.updateCalls())
				return
			}
			assert.Equal(t, QuoteStatusApplied, res.Outcome)
			assert.Equal(t, h.portal.QuoteLostStageID, stage)
			assert.Equal(t, "Declined", h.deal(dealID).Properties[quotebuild.PropSPSQuoteStatus])
		})
	}
}

func TestApplyQuoteStatusDuplicateWritesOnce(t *testing.T) {
	h := newQuoteStatusHarness(t)
	h.createDeal("5001", nil)
	in := ApplyQuoteStatusInput{QuoteID: "5001", Status: "Accepted", OccurredAt: statusChangedAt, EventID: "evt-1"}

	first, err := h.apply(in)
	require.NoError(t, err)
	second, err := h.apply(in)
	require.NoError(t, err)

	assert.Equal(t, QuoteStatusApplied, first.Outcome)
	assert.Equal(t, QuoteStatusStale, second.Outcome)
	assert.Equal(t, 1, h.updateCalls())
}

func TestApplyQuoteStatusWithoutDealSkips(t *testing.T) {
	h := newQuoteStatusHarness(t)
	h.createDeal("7000", nil)

	res, err := h.apply(ApplyQuoteStatusInput{QuoteID: "5001", Status: "Accepted", OccurredAt: statusChangedAt})

	require.NoError(t, err)
	assert.Equal(t, QuoteStatusNoDeal, res.Outcome)
	assert.Empty(t, res.DealID)
	assert.Equal(t, 0, h.updateCalls())
	assert.NotEmpty(t, res.APICalls)
}

func TestApplyQuoteStatusUnknownKeepsStage(t *testing.T) {
	h := newQuoteStatusHarness(t)
	dealID := h.createDeal("5001", map[string]string{quotemap.PropDealStage: h.portal.QuoteAcceptedStageID})

	res, err := h.apply(ApplyQuoteStatusInput{QuoteID: "5001", Status: "On Hold", OccurredAt: statusChangedAt})

	require.NoError(t, err)
	assert.Equal(t, QuoteStatusUnknown, res.Outcome)
	assert.Empty(t, res.StageID)
	assert.Equal(t, h.portal.QuoteAcceptedStageID, h.deal(dealID).Properties[quotemap.PropDealStage])
	assert.True(t, statusChangedAt.Equal(h.changedAt(dealID)))
}

func TestApplyQuoteStatusKeepsDealOfAnotherPipeline(t *testing.T) {
	h := newQuoteStatusHarness(t)
	dealID := h.createDeal("5001", map[string]string{
		quotemap.PropPipeline:  h.portal.SquarePipelineID,
		quotemap.PropDealStage: h.portal.SquareClosedWonStageID,
	})

	res, err := h.apply(ApplyQuoteStatusInput{QuoteID: "5001", Status: "Declined", OccurredAt: statusChangedAt})

	require.NoError(t, err)
	deal := h.deal(dealID)
	assert.Equal(t, QuoteStatusOtherPipeline, res.Outcome)
	assert.Empty(t, res.StageID)
	assert.Equal(t, h.portal.SquarePipelineID, deal.Properties[quotemap.PropPipeline])
	assert.Equal(t, h.portal.SquareClosedWonStageID, deal.Properties[quotemap.PropDealStage])
	assert.Equal(t, "Declined", deal.Properties[quotebuild.PropSPSQuoteStatus])
	assert.True(t, statusChangedAt.Equal(h.changedAt(dealID)))
}

func TestApplyQuoteStatusRejectsInvalidInput(t *testing.T) {
	tests := []struct {
		name     string
		in       ApplyQuoteStatusInput
		wantText string
	}{
		{"no quote id", ApplyQuoteStatusInput{Status: "Accepted", OccurredAt: statusChangedAt}, "quoteId is missing"},
		{"no status", ApplyQuoteStatusInput{QuoteID: "5001", OccurredAt: statusChangedAt}, "status is missing"},
		{"no time", ApplyQuoteStatusInput{QuoteID: "5001", Status: "Accepted"}, "occurredAt is missing"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newQuoteStatusHarness(t)

			_, err := h.apply(tc.in)

			var appErr *temporal.ApplicationError
			require.ErrorAs(t, err, &appErr)
			assert.True(t, appErr.NonRetryable())
			assert.Equal(t, ErrorTypeInvalid, appErr.Type())
			assert.Contains(t, appErr.Error(), tc.wantText)
		})
	}
}

func TestApplyQuoteStatusHubSpotOutageIsRetryable(t *testing.T) {
	h := newQuoteStatusHarness(t)
	h.createDeal("5001", nil)
	h.hub.SetFaults(hubsim.Faults{FailNext: 1, ErrorStatuses: []int{http.StatusServiceUnavailable}})

	_, err := h.apply(ApplyQuoteStatusInput{QuoteID: "5001", Status: "Accepted", OccurredAt: statusChangedAt})

	var appErr *temporal.ApplicationError
	require.ErrorAs(t, err, &appErr)
	assert.False(t, appErr.NonRetryable())
	assert.Equal(t, ErrorTypeTransient, appErr.Type())
	assert.Contains(t, appErr.Error(), "read the deal of SPS quote 5001")
}
