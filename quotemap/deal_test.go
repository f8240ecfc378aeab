package quotemap

import (
	"encoding/json"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/config"
)

var syncedAt = time.Date(2026, 12, 4, 12, 0, 15, 123_000_000, time.UTC)

func TestMapQuoteComplete(t *testing.T) {
	q := sampleQuote()

	deal, err := MapQuote(q, config.DefaultHubSpotPortal(), syncedAt)

	require.NoError(t, err)
	assert.Equal(t, int64(90417), deal.QuoteID)
	assert.Equal(t, StageQuoted, deal.Stage)
	assert.Equal(t, ContentHash(q), deal.Hash)
	assert.Equal(t, "2291", deal.CustomerID)
	assert.Equal(t, map[string]string{
		PropDealName:         "OPP-5531 — Rivera Tile (Kitchen remodel)",
		PropAmount:           "1500",
		PropPipeline:         "895324173",
		PropDealStage:        "1352031151",
		PropCloseDate:        "2026-12-31T00:00:00.000Z",
		PropSPSQuoteID:       "90417",
		PropSPSOpportunityID: "5531",
		PropSPSQuoteNumber:   "Q-90417",
		PropSPSCustomerID:    "2291",
		PropSPSSalesRep:      "Dana Ortiz",
		PropSPSJobName:       "Kitchen remodel",
		PropSPSProjectType:   "Residential",
		PropSPSContentHash:   deal.Hash,
		PropSPSLastSynced:    "2026-12-04T12:00:15.123Z",
	}, deal.Properties)
}

func TestMapQuoteProperties(t *testing.T) {
	lost := "lost"
	tests := []struct {
		name   string
		change func(q *sps.Quote)
		want   map[string]string // expected values; "" means the property is absent
	}{
		{
			name:   "amount with cents",
			change: func(q *sps.Quote) { q.Total = sps.MustDecimal("2499.50") },
			want:   map[string]string{PropAmount: "2499.5"},
		},
		{
			name:   "amount zero",
			change: func(q *sps.Quote) { q.Total = sps.MustDecimal("0.00") },
			want:   map[string]string{PropAmount: "0"},
		},
		{
			name:   "amount empty string omitted",
			change: func(q *sps.Quote) { q.Total = sps.EmptyDecimal() },
			want:   map[string]string{PropAmount: ""},
		},
		{
			name:   "amount null omitted",
			change: func(q *sps.Quote) { q.Total = sps.Decimal{} },
			want:   map[string]string{PropAmount: ""},
		},
		{
			name:   "closedate timestamp",
			change: func(q *sps.Quote) { q.ExpiryDate = mustTime("2026-12-31T17:30:00-05:00") },
			want:   map[string]string{PropCloseDate: "2026-12-31T22:30:00.000Z"},
		},
		{
			name:   "closedate local timestamp",
			change: func(q *sps.Quote) { q.ExpiryDate = mustTime("2026-12-31T08:15:00") },
			want:   map[string]string{PropCloseDate: "2026-12-31T08:15:00.000Z"},
		},
		{
			name:   "closedate empty omitted",
			change: func(q *sps.Quote) { q.ExpiryDate = sps.EmptyTime() },
			want:   map[string]string{PropCloseDate: ""},
		},
		{
			name:   "unknown stage omits dealstage",
			change: func(q *sps.Quote) { q.TransactionStatus = "Expired" },
			want:   map[string]string{PropDealStage: ""},
		},
		{
			name:   "lost stage",
			change: func(q *sps.Quote) { q.Stage = &lost },
			want:   map[string]string{PropDealStage: "1352031153"},
		},
		{
			name: "blank text fields omitted",
			change: func(q *sps.Quote) {
				q.PrimarySalesRep, q.JobName, q.ProjectTypeValue, q.TransactionNumber = " ", "", "\t", ""
			},
			want: map[string]string{
				PropSPSSalesRep: "", PropSPSJobName: "", PropSPSProjectType: "", PropSPSQuoteNumber: "",
				PropDealName: "OPP-5531 — Rivera Tile",
			},
		},
		{
			name:   "empty ids omitted",
			change: func(q *sps.Quote) { q.OpportunityID, q.CustomerID = sps.EmptyDecimal(), sps.Decimal{} },
			want:   map[string]string{PropSPSOpportunityID: "", PropSPSCustomerID: ""},
		},
		{
			name: "ids canonical",
			change: func(q *sps.Quote) {
				q.OpportunityID, q.CustomerID = sps.MustDecimal("5531.0"), sps.MustDecimal("02291")
			},
			want: map[string]string{PropSPSOpportunityID: "5531", PropSPSCustomerID: "2291"},
		},
		{
			name:   "customer id not a number omitted",
			change: func(q *sps.Quote) { q.CustomerID = sps.MustDecimal("NaN") },
			want:   map[string]string{PropSPSCustomerID: ""},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := sampleQuote()
			tc.change(&q)

			deal, err := MapQuote(q, config.DefaultHubSpotPortal(), syncedAt)

			require.NoError(t, err)
			for name, want := range tc.want {
				got, ok := deal.Properties[name]
				if want == "" {
					assert.False(t, ok, "%s should be absent, got %q", name, got)
					continue
				}
				assert.Equal(t, want, got, name)
			}
		})
	}
}

func TestMapQuoteStageAndCustomer(t *testing.T) {
	q := sampleQuote()
	q.TransactionStatus = "Pending"
	q.CustomerID = sps.EmptyDecimal()

	deal, err := MapQuote(q, config.DefaultHubSpotPortal(), syncedAt)

	require.NoError(t, err)
	assert.Equal(t, StageUnknown, deal.Stage)
	assert.Empty(t, deal.CustomerID)
}

func TestMapQuoteZeroSyncTime(t *testing.T) {
	deal, err := MapQuote(sampleQuote(), config.DefaultHubSpotPortal(), time.Time{})

	require.NoError(t, err)
	assert.NotContains(t, deal.Properties, PropSPSLastSynced)
}

func TestMapQuoteMessyFixture(t *testing.T) {
	raw, err := os.ReadFile("testdata/quote_messy.json")
	require.NoError(t, err)
	var q sps.Quote
	require.NoError(t, json.Unmarshal(raw, &q))

	deal, err := MapQuote(q, config.DefaultHubSpotPortal(), syncedAt)

	require.NoError(t, err)
	for name, value := range deal.Properties {
		assert.NotEmpty(t, value, name)
	}
	assert.Equal(t, "Q-90417 — Rivera Tile & Stone", deal.Properties[PropDealName])
	assert.Equal(t, "1352031151", deal.Properties[PropDealStage])
	assert.Equal(t, "2291", deal.Properties[PropSPSCustomerID])
	assert.NotContains(t, deal.Properties, PropAmount)
	assert.NotContains(t, deal.Properties, PropCloseDate)
	assert.NotContains(t, deal.Properties, PropSPSOpportunityID)
	assert.NotContains(t, deal.Properties, PropSPSJobName)
	assert.NotContains(t, deal.Properties, PropSPSSalesRep)
	assert.NotContains(t, deal.Properties, PropSPSRevisionCount)
}

func TestMapQuoteErrors(t *testing.T) {
	tests := []struct {
		name      string
		change    func(q *sps.Quote)
		wantField string
		wantText  string
	}{
		{
			name:      "zero id",
			change:    func(q *sps.Quote) { q.ID = 0 },
			wantField: "id",
			wantText:  "SPS quote without id: invalid id: missing",
		},
		{
			name:      "negative id",
			change:    func(q *sps.Quote) { q.ID = -4 },
			wantField: "id",
			wantText:  "SPS quote -4: invalid id",
		},
		{
			name:      "total NaN",
			change:    func(q *sps.Quote) { q.Total = sps.MustDecimal("NaN") },
			wantField: "total",
			wantText:  `SPS quote 90417: invalid total: "NaN"`,
		},
		{
			name:      "total Inf",
			change:    func(q *sps.Quote) { q.Total = sps.MustDecimal("-Inf") },
			wantField: "total",
			wantText:  `"-Inf"`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := sampleQuote()
			tc.change(&q)

			_, err := MapQuote(q, config.DefaultHubSpotPortal(), syncedAt)

			var fieldErr *FieldError
			require.ErrorAs(t, err, &fieldErr)
			assert.Equal(t, tc.wantField, fieldErr.Field)
			assert.Equal(t, q.ID, fieldErr.QuoteID)
			assert.Contains(t, err.Error(), tc.wantText)
		})
	}
}

func TestMapQuoteMissingPipeline(t *testing.T) {
	portal := config.DefaultHubSpotPortal()
	portal.QuotesPipelineID = " "

	_, err := MapQuote(sampleQuote(), portal, syncedAt)

	require.Error(t, err)
	assert.Contains(t, err.Error(), "SPS quote 90417")
	assert.Contains(t, err.Error(), "QuotesPipelineID")
	var fieldErr *FieldError
	assert.False(t, errors.As(err, &fieldErr))
}

func TestMapQuoteMissingStageID(t *testing.T) {
	portal := config.DefaultHubSpotPortal()
	portal.QuoteQuotedStageID = ""

	deal, err := MapQuote(sampleQuote(), portal, syncedAt)

	require.NoError(t, err)
	assert.NotContains(t, deal.Properties, PropDealStage)
}

// TestRevisionCounting runs three syncs of one quote through MapQuote and
// NextRevision the way quote sync does, storing the written properties.
func TestRevisionCounting(t *testing.T) {
	portal := config.DefaultHubSpotPortal()
	stored := map[string]string{}
	sync := func(q sps.Quote) bool {
		deal, err := MapQuote(q, portal, syncedAt)
		require.NoError(t, err)
		count, changed := NextRevision(stored[PropSPSRevisionCount], stored[PropSPSContentHash], deal.Hash)
		deal.Properties[PropSPSRevisionCount] = count
		for name, value := range ChangedProperties(deal.Properties, stored) {
			stored[name] = value
		}
		return changed
	}
	q := sampleQuote()

	assert.False(t, sync(q), "first sync")
	assert.Equal(t, "0", stored[PropSPSRevisionCount])

	assert.False(t, sync(q), "unchanged quote")
	assert.Equal(t, "0", stored[PropSPSRevisionCount])

	q.TransactionStatus = "Accepted"
	assert.False(t, sync(q), "status change")
	assert.Equal(t, "0", stored[PropSPSRevisionCount])
	assert.Equal(t, "1352031152", stored[PropDealStage])

	q.Total = sps.MustDecimal("1650.00")
	assert.True(t, sync(q), "changed total")
	assert.Equal(t, "1", stored[PropSPSRevisionCount])

	assert.False(t, sync(q), "changed total synced again")
	assert.Equal(t, "1", stored[PropSPSRevisionCount])
}
