package dataset

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/sps"
)

func TestSPSQuoteShape(t *testing.T) {
	d := fullDataset(t)
	quotes := d.SPS.Quotes
	require.Len(t, quotes, DefaultSPSQuotes)
	customers := map[int64]sps.Customer{}
	for _, c := range d.SPS.Customers {
		customers[c.ID] = c
	}

	numbers := map[string]bool{}
	yearAgo := testNow.AddDate(-1, 0, -1)
	for i, q := range quotes {
		if i > 0 {
			require.Greater(t, q.ID, quotes[i-1].ID, "quote ids increase at index %d", i)
			// A plain date is the store's local date, up to a day
			// before the UTC date of the timestamp it stands for.
			require.False(t, q.QuoteDate.Time().Before(quotes[i-1].QuoteDate.Time().Add(-48*time.Hour)),
				"quote %d: quote dates follow the ids", q.ID)
		}
		assert.Regexp(t, `^Q-\d{5}$`, q.TransactionNumber)
		assert.False(t, numbers[q.TransactionNumber], "quote %d: duplicate number %s", q.ID, q.TransactionNumber)
		numbers[q.TransactionNumber] = true

		customerID, ok := q.CustomerID.Int64()
		require.True(t, ok, "quote %d has a customerID", q.ID)
		c, found := customers[customerID]
		require.True(t, found, "quote %d: customer %d exists", q.ID, customerID)
		assert.Equal(t, c.Name, q.Customer, "quote %d customer name", q.ID)

		require.True(t, q.QuoteDate.IsSet(), "quote %d quoteDate", q.ID)
		require.True(t, q.ModifiedDate.IsSet(), "quote %d modifiedDate", q.ID)
		assert.True(t, q.QuoteDate.Time().After(yearAgo), "quote %d quoted within the year", q.ID)
		assert.False(t, q.ModifiedDate.Time().After(testNow), "quote %d modified after now", q.ID)
		assert.False(t, q.ModifiedDate.Time().Before(q.QuoteDate.Time()), "quote %d modified before quoted", q.ID)
	}
}

func TestSPSQuoteLinesAddUp(t *testing.T) {
	for _, q := range fullDataset(t).SPS.Quotes {
		require.NotEmpty(t, q.Lines, "quote %d lines", q.ID)
		require.LessOrEqual(t, len(q.Lines), 6, "quote %d lines", q.ID)

		var cents int64
		for i, l := range q.Lines {
			require.NotEmpty(t, l.Description, "quote %d line %d description", q.ID, i)
			quantity := hundredths(t, l.Quantity.String())
			price := hundredths(t, l.UnitPrice.String())
			require.Positive(t, quantity, "quote %d line %d quantity", q.ID, i)
			require.Positive(t, price, "quote %d line %d unit price", q.ID, i)
			cents += (quantity*price + 50) / 100
		}

		if q.Total.IsSet() {
			assert.Equal(t, formatTestCents(cents), q.Total.String(), "quote %d total", q.ID)
		}
	}
}

func formatTestCents(cents int64) string {
	return strconv.FormatInt(cents/100, 10) + "." + strconv.FormatInt(cents%100/10, 10) + strconv.FormatInt(cents%10, 10)
}

func TestSPSQuoteCustomers(t *testing.T) {
	d := fullDataset(t)
	customers := map[int64]sps.Customer{}
	for _, c := range d.SPS.Customers {
		customers[c.ID] = c
	}

	var toB2B, toOthers int
	for _, q := range d.SPS.Quotes {
		id, _ := q.CustomerID.Int64()
		if testActiveB2B(customers[id]) {
			toB2B++
		} else {
			toOthers++
		}
	}

	assert.Greater(t, toB2B, len(d.SPS.Quotes)*9/10, "quotes of active B2B customers")
	assert.GreaterOrEqual(t, toOthers, 30, "quotes of customers without a company")
}

// quoteCase is a messy case of SPS quote data and the least number of
// full-size quotes that must show it.
type quoteCase struct {
	name  string
	least int
	match func(q sps.Quote) bool
}

var quoteCases = []quoteCase{
	{"null stage", 2400, func(q sps.Quote) bool { return q.Stage == nil }},
	{"won stage", 60, func(q sps.Quote) bool { return q.Stage != nil && *q.Stage == "won" }},
	{"lost stage", 100, func(q sps.Quote) bool { return q.Stage != nil && *q.Stage == "lost" }},
	{"won but still Quoted", 30, func(q sps.Quote) bool {
		return q.Stage != nil && *q.Stage == "won" && q.TransactionStatus == "Quoted"
	}},
	{"accepted", 300, func(q sps.Quote) bool { return q.TransactionStatus == "Accepted" }},
	{"on hold", 20, func(q sps.Quote) bool { return q.TransactionStatus == "On Hold" }},
	{"revised", 10, func(q sps.Quote) bool { return q.TransactionStatus == "Revised" }},
	{"empty status", 10, func(q sps.Quote) bool { return q.TransactionStatus == "" }},
	{"empty total", 20, func(q sps.Quote) bool { return encodes(q.Total, `""`) }},
	{"empty expiry date", 30, func(q sps.Quote) bool { return encodes(q.ExpiryDate, `""`) }},
	{"date-only quote date", 300, func(q sps.Quote) bool { return len(q.QuoteDate.String()) == 10 }},
	{"no job name", 200, func(q sps.Quote) bool { return q.JobName == "" }},
	{"opportunity", 600, func(q sps.Quote) bool { return q.OpportunityNumber != "" && q.OpportunityID.IsSet() }},
	{"empty opportunity id", 300, func(q sps.Quote) bool { return encodes(q.OpportunityID, `""`) }},
	{"sales order", 300, func(q sps.Quote) bool { return len(q.SalesOrders) > 0 }},
	{"closed lost reason", 60, func(q sps.Quote) bool { return q.ClosedLostReason != "" }},
	{"line without item", 300, func(q sps.Quote) bool {
		for _, l := range q.Lines {
			if !l.ItemID.IsSet() {
				return true
			}
		}
		return false
	}},
	{"modified in the last 25 hours", 15, func(q sps.Quote) bool {
		return testNow.Sub(q.ModifiedDate.Time()) <= 25*time.Hour
	}},
	{"revised long after quoting", 30, func(q sps.Quote) bool {
		modified := q.ModifiedDate.Time()
		return testNow.Sub(modified) <= 48*time.Hour && modified.Sub(q.QuoteDate.Time()) > 7*24*time.Hour
	}},
}

func TestSPSQuoteMess(t *testing.T) {
	quotes := fullDataset(t).SPS.Quotes
	for _, tc := range quoteCases {
		t.Run(tc.name, func(t *testing.T) {
			n := 0
			for _, q := range quotes {
				if tc.match(q) {
					n++
				}
			}
			assert.GreaterOrEqual(t, n, tc.least)
		})
	}
}

func TestSPSQuoteOpportunitiesShared(t *testing.T) {
	customers := map[string]map[string]bool{}
	for _, q := range fullDataset(t).SPS.Quotes {
		if q.OpportunityNumber == "" {
			continue
		}
		assert.Regexp(t, regexp.MustCompile(`^OPP-\d+$`), q.OpportunityNumber)
		if customers[q.OpportunityNumber] == nil {
			customers[q.OpportunityNumber] = map[string]bool{}
		}
		customers[q.OpportunityNumber][q.CustomerID.String()] = true
	}

	for opp, ids := range customers {
		assert.Len(t, ids, 1, "opportunity %s belongs to one customer", opp)
	}
	assert.Less(t, len(customers), countQuotes(fullDataset(t).SPS.Quotes, func(q sps.Quote) bool {
		return q.OpportunityNumber != ""
	}), "some opportunities have several quotes")
}

func countQuotes(quotes []sps.Quote, match func(sps.Quote) bool) int {
	n := 0
	for _, q := range quotes {
		if match(q) {
			n++
		}
	}

	return n
}

func TestSPSQuoteSKUs(t *testing.T) {
	for _, q := range fullDataset(t).SPS.Quotes {
		for _, l := range q.Lines {
			if l.ItemID.IsSet() {
				assert.NotEmpty(t, l.SKU, "quote %d: a line with an item has a SKU", q.ID)
				assert.Equal(t, strings.ToUpper(l.SKU), l.SKU, "quote %d: SKU %s in capitals", q.ID, l.SKU)
			}
		}
	}
}
