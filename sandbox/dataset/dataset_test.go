package dataset

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/sandbox/hubspot"
)

func TestGenerateDeterminism(t *testing.T) {
	encode := func(opts Options) []byte {
		b, err := json.Marshal(Generate(opts))
		require.NoError(t, err)
		return b
	}

	base := Options{Seed: 42, Now: testNow}
	first := encode(base)

	t.Run("same seed and clock", func(t *testing.T) {
		assert.Equal(t, string(first), string(encode(base)))
	})
	t.Run("different seed", func(t *testing.T) {
		assert.NotEqual(t, string(first), string(encode(Options{Seed: 43, Now: testNow})))
	})
	t.Run("different clock", func(t *testing.T) {
		assert.NotEqual(t, string(first), string(encode(Options{Seed: 42, Now: testNow.Add(time.Hour)})))
	})
}

func TestGenerateFullSizeIsFast(t *testing.T) {
	start := time.Now()
	d := Generate(Options{Seed: 5, Now: testNow})
	elapsed := time.Since(start)

	require.Len(t, saleOrders(d), DefaultOrders)
	assert.Less(t, elapsed, 2*time.Second, "full-size generation took %s", elapsed)
}

func TestGenerateDefaults(t *testing.T) {
	cases := []struct {
		name string
		opts Options
	}{
		{"zero options", Options{}},
		{"negative sizes", Options{Orders: -5, Days: -1, Now: DefaultNow}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := Generate(tc.opts)

			assert.Equal(t, DefaultOrders, d.Expect.SaleOrders)
			start := DefaultNow.Add(-DefaultDays * 24 * time.Hour)
			for _, o := range d.Square.Orders {
				closed := parseSquareTime(t, "closed_at", o.ClosedAt)
				assert.True(t, closed.After(start), "order %s closed %s before the window", str(o.ID), closed)
				assert.False(t, closed.After(DefaultNow), "order %s closed %s after now", str(o.ID), closed)
			}
		})
	}
}

func TestGenerateLocation(t *testing.T) {
	d := fullDataset(t)

	require.Len(t, d.Square.Locations, 1)
	loc := d.Square.Locations[0]
	assert.Equal(t, "Stone City Showroom", str(loc.Name))
	assert.Equal(t, "America/Los_Angeles", str(loc.Timezone))
	assert.Equal(t, "USD", string(*loc.Currency))
	assert.Equal(t, "ACTIVE", string(*loc.Status))
	assert.Regexp(t, `^L[A-Z0-9]{12}$`, str(loc.ID))
}

func TestPortalPipelines(t *testing.T) {
	p := config.DefaultHubSpotPortal()
	pipelines := PortalPipelines(p)
	require.Len(t, pipelines, 2)

	cases := []struct {
		name     string
		pipeline hubspot.Pipeline
		id       string
		label    string
		stages   []hubspot.Stage
	}{
		{"square pos", pipelines[0], p.SquarePipelineID, "Square POS", []hubspot.Stage{
			{ID: p.SquareClosedWonStageID, Label: "Closed won", Probability: 1.0, IsClosed: true},
		}},
		{"quotes", pipelines[1], p.QuotesPipelineID, "Quotes", []hubspot.Stage{
			{ID: p.QuoteQuotedStageID, Label: "Quoted", DisplayOrder: 0, Probability: 0.5},
			{ID: p.QuoteAcceptedStageID, Label: "Accepted (won)", DisplayOrder: 1, Probability: 1.0, IsClosed: true},
			{ID: p.QuoteLostStageID, Label: "Lost", DisplayOrder: 2, Probability: 0.0, IsClosed: true},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.id, tc.pipeline.ID)
			assert.Equal(t, tc.label, tc.pipeline.Label)
			assert.Equal(t, tc.stages, tc.pipeline.Stages)
		})
	}

	t.Run("custom ids", func(t *testing.T) {
		custom := PortalPipelines(config.HubSpotPortal{SquarePipelineID: "1", SquareClosedWonStageID: "2",
			QuotesPipelineID: "3", QuoteQuotedStageID: "4", QuoteAcceptedStageID: "5", QuoteLostStageID: "6"})
		assert.Equal(t, "1", custom[0].ID)
		assert.Equal(t, "2", custom[0].Stages[0].ID)
		assert.Equal(t, "6", custom[1].Stages[2].ID)
	})
}

func TestGeneratePortalPipelines(t *testing.T) {
	d := fullDataset(t)

	assert.Equal(t, PortalPipelines(config.DefaultHubSpotPortal()), d.HubSpot.Pipelines)
}

func TestExpectationsCounts(t *testing.T) {
	exp := fullDataset(t).Expect

	assert.Equal(t, DefaultOrders, exp.SaleOrders)
	assert.InDelta(t, 45, exp.ReturnOrders, 15, "return orders")
	assert.InDelta(t, 225, exp.OrdersWithoutCustomer, 45, "orders without customer")
	assert.GreaterOrEqual(t, exp.VIPOrders, 15, "VIP orders")
	assert.LessOrEqual(t, exp.VIPOrders, 30, "VIP orders")
	assert.InDelta(t, 80, exp.MatchedFormContacts, 20, "matched form contacts")
	assert.GreaterOrEqual(t, exp.DistinctBuyers, 450, "distinct buyers")
	assert.LessOrEqual(t, exp.DistinctBuyers, 700, "distinct buyers")
	assert.Equal(t, exp.DistinctBuyers, exp.NewContacts+exp.MatchedFormContacts)
}
