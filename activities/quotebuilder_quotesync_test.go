package activities

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/hubspot"
	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/quotemap"
)

// A deal the quote builder stamped lives in the sales pipeline; quote
// sync updates its SPS fields but keeps its pipeline and stage.
func TestSyncQuotePageKeepsPipelineOfStampedDeal(t *testing.T) {
	tests := []struct {
		name         string
		pipeline     string
		stage        string
		wantPipeline string
		wantStage    func(h *quoteHarness) string
	}{
		{
			name: "sales pipeline deal keeps its pipeline", pipeline: "default", stage: "qualifiedtobuy",
			wantPipeline: "default", wantStage: func(*quoteHarness) string { return "qualifiedtobuy" },
		},
		{
			name: "quotes pipeline deal follows the quote", pipeline: "", stage: "",
			wantStage: func(h *quoteHarness) string { return h.portal.QuoteAcceptedStageID },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newQuoteHarness(t)
			pipeline, stage := tt.pipeline, tt.stage
			if pipeline == "" {
				pipeline, stage = h.portal.QuotesPipelineID, h.portal.QuoteQuotedStageID
			}
			wantPipeline := tt.wantPipeline
			if wantPipeline == "" {
				wantPipeline = h.portal.QuotesPipelineID
			}
			res, err := h.client.BatchCreate(context.Background(), "deals", []hubspot.CreateInput{{
				Properties: map[string]string{"dealname": "Kitchen remodel", "pipeline": pipeline,
					"dealstage": stage, quotemap.PropSPSQuoteID: "1", quotemap.PropSPSQuoteNumber: "Q-501"},
			}})
			require.NoError(t, err)
			require.Len(t, res.Objects, 1)
			require.NoError(t, h.sps.LoadQuotes([]sps.Quote{testQuote(1, "501", "1500.00", "Accepted")}))

			page := h.run()

			assert.Equal(t, 0, page.Created)
			assert.Equal(t, 1, page.Updated)
			assert.Empty(t, page.Failures)
			deal := h.deal("1")
			assert.Equal(t, res.Objects[0].ID, deal.ID)
			assert.Equal(t, wantPipeline, deal.Properties[quotemap.PropPipeline])
			assert.Equal(t, tt.wantStage(h), deal.Properties[quotemap.PropDealStage])
			assert.Equal(t, "1500", deal.Properties[quotemap.PropAmount])
		})
	}
}

// Quote sync can read a quote the quote builder created before the
// builder stamps its deal: it stamps that deal rather than create a
// second one, so the builder's stamp finds its own quote id.
func TestQuoteSyncClaimsBuilderDeal(t *testing.T) {
	tests := []struct {
		name        string
		stampedWith string
		missing     bool
		wantCreated int
		wantClaimed bool
	}{
		{name: "unstamped deal is claimed", wantClaimed: true},
		{name: "deal stamped with this quote is updated", stampedWith: "1", wantClaimed: true},
		{name: "deal stamped with another quote keeps it", stampedWith: "7", wantCreated: 1},
		{name: "deal gone", missing: true, wantCreated: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newQuoteHarness(t)
			props := map[string]string{"dealname": "Kitchen remodel", "pipeline": "default",
				"dealstage": "qualifiedtobuy"}
			if tt.stampedWith != "" {
				props[quotemap.PropSPSQuoteID] = tt.stampedWith
			}
			res, err := h.client.BatchCreate(context.Background(), "deals",
				[]hubspot.CreateInput{{Properties: props}})
			require.NoError(t, err)
			require.Len(t, res.Objects, 1)
			builderDeal := res.Objects[0].ID
			quote := testQuote(1, "501", "1500.00", "Quoted")
			quote.ExternalReference = "hubspot-deal-" + builderDeal
			if tt.missing {
				quote.ExternalReference = "hubspot-deal-987654321"
			}
			require.NoError(t, h.sps.LoadQuotes([]sps.Quote{quote}))

			page := h.run()

			assert.Empty(t, page.Failures)
			assert.Equal(t, tt.wantCreated, page.Created, "created")
			deal := h.deal("1")
			if !tt.wantClaimed {
				assert.NotEqual(t, builderDeal, deal.ID, "the quote's own deal")
				return
			}
			assert.Equal(t, builderDeal, deal.ID, "the builder's deal")
			assert.Equal(t, "Kitchen remodel", deal.Properties[quotemap.PropDealName], "the rep's deal name")
			assert.Equal(t, "qualifiedtobuy", deal.Properties[quotemap.PropDealStage])
			assert.Equal(t, "1500", deal.Properties[quotemap.PropAmount])
		})
	}
}

// Two quotes naming one builder deal: the deal takes the first, and the
// other quote gets a deal of its own.
func TestQuoteSyncBuilderDealOnce(t *testing.T) {
	h := newQuoteHarness(t)
	res, err := h.client.BatchCreate(context.Background(), "deals", []hubspot.CreateInput{{
		Properties: map[string]string{"dealname": "Kitchen remodel", "pipeline": "default",
			"dealstage": "qualifiedtobuy"},
	}})
	require.NoError(t, err)
	require.Len(t, res.Objects, 1)
	first, second := testQuote(1, "501", "1500.00", "Quoted"), testQuote(2, "502", "900.00", "Quoted")
	first.ExternalReference = "hubspot-deal-" + res.Objects[0].ID
	second.ExternalReference = first.ExternalReference
	require.NoError(t, h.sps.LoadQuotes([]sps.Quote{first, second}))

	page := h.run()

	assert.Empty(t, page.Failures)
	assert.Equal(t, 1, page.Created, "created")
	assert.Equal(t, 1, page.Updated, "updated")
	assert.Equal(t, res.Objects[0].ID, h.deal("1").ID, "the builder's deal takes the first quote")
	assert.NotEqual(t, res.Objects[0].ID, h.deal("2").ID, "the second quote's own deal")
}
