package quotemap

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/config"
)

// fuzzQuote builds a quote from fuzzed text. Numbers and dates that SPS's
// own parsers reject are left unset, as decoding would have failed.
func fuzzQuote(id int64, total, expiry, status, stage, text, quantity string) sps.Quote {
	q := sps.Quote{
		ID:                id,
		TransactionNumber: text,
		OpportunityNumber: text,
		Customer:          text,
		JobName:           text,
		TransactionStatus: status,
		Stage:             &stage,
		PrimarySalesRep:   text,
		ProjectTypeValue:  text,
		Lines:             []sps.QuoteLine{{SKU: text, Description: text}},
	}
	q.Total, _ = sps.ParseDecimal(total)
	q.CustomerID, _ = sps.ParseDecimal(quantity)
	q.OpportunityID, _ = sps.ParseDecimal(total)
	q.Lines[0].Quantity, _ = sps.ParseDecimal(quantity)
	q.Lines[0].UnitPrice, _ = sps.ParseDecimal(total)
	q.ExpiryDate, _ = sps.ParseTime(expiry)
	return q
}

func addQuoteSeeds(f *testing.F) {
	f.Add(int64(90417), "1500.00", "2026-12-31", "Quoted", "", "Rivera Tile", "2")
	f.Add(int64(1), "", "", "", "won", "", "")
	f.Add(int64(0), "NaN", "2026-12-31T17:30:00-05:00", "QUOTED ", "LOST", " \t ", "-0.0")
	f.Add(int64(-7), "-Inf", "2026-12-31T08:15:00", "Accepted", "lost", "Q-1 — x (y)", "1e3")
	f.Add(int64(42), "0042.500", "yesterday", "Expired", "open", "\xff\x00", "007")
}

// FuzzMapQuote checks that MapQuote never panics and, when it succeeds,
// sends no empty value and keeps the quote id as sps_quote_id. An error
// must be a *FieldError for the quote.
func FuzzMapQuote(f *testing.F) {
	addQuoteSeeds(f)
	portal := config.DefaultHubSpotPortal()
	syncedAt := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)

	f.Fuzz(func(t *testing.T, id int64, total, expiry, status, stage, text, quantity string) {
		q := fuzzQuote(id, total, expiry, status, stage, text, quantity)

		deal, err := MapQuote(q, portal, syncedAt)
		if err != nil {
			var fieldErr *FieldError
			require.ErrorAs(t, err, &fieldErr)
			require.Equal(t, id, fieldErr.QuoteID)
			return
		}

		require.Equal(t, strconv.FormatInt(id, 10), deal.Properties[PropSPSQuoteID])
		require.Equal(t, id, deal.QuoteID)
		for name, value := range deal.Properties {
			require.NotEmpty(t, value, "property %s", name)
		}
		require.NotEmpty(t, deal.Properties[PropDealName])
		require.Equal(t, deal.Hash, deal.Properties[PropSPSContentHash])
	})
}

// FuzzContentHash checks that ContentHash returns the same non-empty hash
// for the same quote, and that status and stage do not change it.
func FuzzContentHash(f *testing.F) {
	addQuoteSeeds(f)

	f.Fuzz(func(t *testing.T, id int64, total, expiry, status, stage, text, quantity string) {
		q := fuzzQuote(id, total, expiry, status, stage, text, quantity)
		first := ContentHash(q)

		again := fuzzQuote(id, total, expiry, status, stage, text, quantity)
		assert.Equal(t, first, ContentHash(again))

		again.TransactionStatus = status + "x"
		again.Stage = nil
		assert.Equal(t, first, ContentHash(again))
		assert.Len(t, first, 64)
	})
}
