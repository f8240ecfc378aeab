package activities

import (
	"context"
	"io"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/hubspot"
	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/hubspotschema"
	"github.com/stonecity/sync/quotemap"
	"github.com/stonecity/sync/report"
	"github.com/stonecity/sync/sandbox/dataset"
	hubsim "github.com/stonecity/sync/sandbox/hubspot"
	spssim "github.com/stonecity/sync/sandbox/sps"
)

// testQuoteModified is the modifiedDate of the test quotes.
var testQuoteModified = time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)

// quoteHarness is a HubSpot and an SPS simulator on loopback with the
// HubSpot schema applied, and the quote activities pointed at both.
type quoteHarness struct {
	t      *testing.T
	hub    *hubsim.Simulator
	sps    *spssim.Simulator
	client *hubspot.Client
	acts   *QuoteActivities
	portal config.HubSpotPortal
	// spsPages can rewrite the SPS simulator's query pages.
	spsPages *pageRewriter
}

func newQuoteHarness(t *testing.T) *quoteHarness {
	t.Helper()
	h := &quoteHarness{t: t, hub: hubsim.New(hubsim.Options{Token: testHubSpotToken}),
		sps:    spssim.New(spssim.Options{Clock: func() time.Time { return testQuoteModified.Add(time.Minute) }}),
		portal: config.DefaultHubSpotPortal()}
	hubServer := httptest.NewServer(h.hub)
	t.Cleanup(hubServer.Close)
	h.spsPages = &pageRewriter{next: h.sps}
	spsServer := httptest.NewServer(h.spsPages)
	t.Cleanup(spsServer.Close)

	require.NoError(t, h.hub.LoadPortal(hubsim.Portal{Pipelines: dataset.PortalPipelines(h.portal)}))
	hub, err := hubspot.New(hubspot.Config{BaseURL: hubServer.URL, Token: testHubSpotToken})
	require.NoError(t, err)
	_, err = hubspotschema.Setup(context.Background(), hub, hubspotschema.All(h.portal))
	require.NoError(t, err)
	spsClient, err := sps.New(sps.Config{BaseURL: spsServer.URL, Username: "sync", Password: "secret",
		AuthorizedNumber: "42"})
	require.NoError(t, err)

	h.client = hub
	h.acts = &QuoteActivities{HubSpot: hub, SPS: spsClient, Portal: h.portal}
	return h
}

// run runs SyncQuotePage on page 1 of a window around testQuoteModified.
func (h *quoteHarness) run() QuotePageResult {
	h.t.Helper()
	env := quietActivityEnv(io.Discard)
	env.RegisterActivity(h.acts)
	value, err := env.ExecuteActivity(h.acts.SyncQuotePage, QuotePageInput{
		Window:   report.Window{Since: testQuoteModified.Add(-time.Hour), Until: testQuoteModified.Add(time.Hour)},
		Page:     1,
		SyncedAt: testQuoteModified.Add(2 * time.Hour),
	})
	require.NoError(h.t, err)
	var res QuotePageResult
	require.NoError(h.t, value.Get(&res))
	return res
}

// deal returns the deal of one SPS quote id.
func (h *quoteHarness) deal(quoteID string) hubsim.Object {
	h.t.Helper()
	var found []hubsim.Object
	for _, d := range h.hub.Objects("deals") {
		if d.Properties[quotemap.PropSPSQuoteID] == quoteID {
			found = append(found, d)
		}
	}
	require.Len(h.t, found, 1, "deals of quote %s", quoteID)
	return found[0]
}

// company creates a company with an sps_customer_id and returns its id.
func (h *quoteHarness) company(customerID string) string {
	h.t.Helper()
	res, err := h.client.BatchCreate(context.Background(), "companies", []hubspot.CreateInput{{
		Properties: map[string]string{"name": "Granite Co " + customerID, "sps_customer_id": customerID},
	}})
	require.NoError(h.t, err)
	require.Len(h.t, res.Objects, 1)
	return res.Objects[0].ID
}

func (h *quoteHarness) update(id int64, mutate func(*sps.Quote)) {
	h.t.Helper()
	require.NoError(h.t, h.sps.UpdateQuote(id, mutate))
}

func testQuote(id int64, customerID, total, status string) sps.Quote {
	return sps.Quote{
		ID: id, TransactionNumber: "Q-" + customerID, CustomerID: sps.MustDecimal(customerID),
		Customer: "Granite Co", JobName: "Kitchen", Total: sps.MustDecimal(total),
		ExpiryDate: sps.NewTime(time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)), TransactionStatus: status,
		PrimarySalesRep: "Dana Reyes", ModifiedDate: sps.NewTime(testQuoteModified),
		Lines: []sps.QuoteLine{{SKU: "CAR-2CM", Quantity: sps.MustDecimal("2"), UnitPrice: sps.MustDecimal("50")}},
	}
}

func TestSyncQuotePageCreatesDeals(t *testing.T) {
	h := newQuoteHarness(t)
	companyID := h.company("501")
	noJob := testQuote(2, "502", "900", "Quoted")
	noJob.JobName = ""
	later := testQuote(3, "501", "100", "Quoted")
	later.ModifiedDate = sps.NewTime(testQuoteModified.Add(3 * time.Hour))
	require.NoError(t, h.sps.LoadQuotes([]sps.Quote{testQuote(1, "501", "1500.00", "Quoted"), noJob, later}))

	res := h.run()

	assert.Equal(t, 2, res.Created)
	assert.Equal(t, 2, res.Quotes)
	assert.Equal(t, 1, res.Deferred, "the quote modified after the window waits for the next run")
	assert.Empty(t, res.Failures)
	assert.Equal(t, 0, res.NextPage)
	first := h.deal("1")
	assert.Equal(t, "0", first.Properties[quotemap.PropSPSRevisionCount])
	assert.Equal(t, h.portal.QuoteQuotedStageID, first.Properties[quotemap.PropDealStage])
	assert.Equal(t, h.portal.QuotesPipelineID, first.Properties[quotemap.PropPipeline])
	assert.Equal(t, []string{companyID}, associatedIDs(h.hub, "deals", first.ID, "companies"))
	second := h.deal("2")
	assert.Empty(t, associatedIDs(h.hub, "deals", second.ID, "companies"), "no company has customer 502")
	assert.NotContains(t, second.Properties, quotemap.PropSPSJobName)
	for name, value := range second.Properties {
		assert.NotEqual(t, "", value, "property %s", name)
	}
}

func TestSyncQuotePageSecondRunWritesNothing(t *testing.T) {
	h := newQuoteHarness(t)
	require.NoError(t, h.sps.LoadQuotes([]sps.Quote{testQuote(1, "501", "1500", "Quoted"),
		testQuote(2, "502", "900", "Accepted")}))
	h.run()

	res := h.run()

	assert.Equal(t, 0, res.Created)
	assert.Equal(t, 0, res.Updated)
	assert.Equal(t, 2, res.Unchanged)
	assert.Empty(t, res.Objects)
	for _, st := range res.Stages {
		assert.NotContains(t, []string{"deals: create", "deals: update"}, st.Name)
	}
}

func TestSyncQuotePageChanges(t *testing.T) {
	tests := []struct {
		name         string
		mutate       func(*sps.Quote)
		wantStage    func(config.HubSpotPortal) string
		wantRevision string
		wantUpdated  int
		wantSkip     string
	}{
		{name: "changed total", mutate: func(q *sps.Quote) { q.Total = sps.MustDecimal("1750") },
			wantStage: quotedStage, wantRevision: "1", wantUpdated: 1},
		{name: "status change", mutate: func(q *sps.Quote) { q.TransactionStatus = "Accepted" },
			wantStage:    func(p config.HubSpotPortal) string { return p.QuoteAcceptedStageID },
			wantRevision: "0", wantUpdated: 1},
		{name: "unknown status", mutate: func(q *sps.Quote) { q.TransactionStatus = "Draft" },
			wantStage: quotedStage, wantRevision: "0", wantSkip: `unknown status "Draft"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newQuoteHarness(t)
			require.NoError(t, h.sps.LoadQuotes([]sps.Quote{testQuote(1, "501", "1500", "Quoted")}))
			h.run()
			h.update(1, tt.mutate)

			res := h.run()
			again := h.run()

			assert.Equal(t, tt.wantUpdated, res.Updated)
			deal := h.deal("1")
			assert.Equal(t, tt.wantStage(h.portal), deal.Properties[quotemap.PropDealStage])
			assert.Equal(t, tt.wantRevision, deal.Properties[quotemap.PropSPSRevisionCount])
			assert.Equal(t, 0, again.Updated, "a third run changes nothing")
			if tt.wantSkip != "" {
				assert.Equal(t, []report.ReasonCount{{Reason: tt.wantSkip, Count: 1}}, res.SkipReasons)
				assert.Equal(t, 1, res.Skipped)
			}
		})
	}
}

func quotedStage(p config.HubSpotPortal) string { return p.QuoteQuotedStageID }

// associatedIDs returns the ids of toType records associated with one
// record.
func associatedIDs(sim *hubsim.Simulator, fromType, fromID, toType string) []string {
	var out []string
	for _, a := range sim.Associations(fromType, toType) {
		if a.FromType == fromType && a.FromID == fromID {
			out = append(out, a.ToID)
		}
	}
	return out
}

func TestSyncQuotePageCreatesUnknownStatusAtQuoted(t *testing.T) {
	h := newQuoteHarness(t)
	require.NoError(t, h.sps.LoadQuotes([]sps.Quote{testQuote(7, "501", "300", "On Hold")}))

	res := h.run()

	assert.Equal(t, 1, res.Created)
	assert.Empty(t, res.Failures)
	assert.Equal(t, h.portal.QuoteQuotedStageID, h.deal("7").Properties[quotemap.PropDealStage])
}
