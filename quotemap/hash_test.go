package quotemap

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/sps"
)

// sampleQuote returns a complete quote; each call returns a fresh copy
// with its own lines, so tests can change it freely.
func sampleQuote() sps.Quote {
	return sps.Quote{
		ID:                90417,
		TransactionNumber: "Q-90417",
		OpportunityID:     sps.MustDecimal("5531"),
		OpportunityNumber: "OPP-5531",
		CustomerID:        sps.MustDecimal("2291"),
		Customer:          "Rivera Tile",
		JobName:           "Kitchen remodel",
		Total:             sps.MustDecimal("1500.00"),
		QuoteDate:         mustTime("2026-11-20"),
		ExpiryDate:        mustTime("2026-12-31"),
		TransactionStatus: "Quoted",
		PrimarySalesRep:   "Dana Ortiz",
		ProjectTypeValue:  "Residential",
		ModifiedDate:      mustTime("2026-12-03T14:22:09Z"),
		Lines: []sps.QuoteLine{
			{ItemID: sps.MustDecimal("5512"), SKU: "GR-ABS-3CM", Description: "Absolute Black 3cm",
				Quantity: sps.MustDecimal("2"), UnitPrice: sps.MustDecimal("600")},
			{ItemID: sps.MustDecimal("7710"), SKU: "INST-LAB", Description: "Installation",
				Quantity: sps.MustDecimal("1"), UnitPrice: sps.MustDecimal("300.00")},
		},
	}
}

func mustTime(s string) sps.Time {
	t, err := sps.ParseTime(s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestContentHash(t *testing.T) {
	won := "won"
	tests := []struct {
		name   string
		change func(q *sps.Quote)
		same   bool
	}{
		{name: "unchanged", change: func(*sps.Quote) {}, same: true},
		{
			name:   "total other notation",
			change: func(q *sps.Quote) { q.Total = sps.MustDecimal("1500") },
			same:   true,
		},
		{
			name:   "modified date",
			change: func(q *sps.Quote) { q.ModifiedDate = mustTime("2026-12-04T09:00:00Z") },
			same:   true,
		},
		{name: "status", change: func(q *sps.Quote) { q.TransactionStatus = "Accepted" }, same: true},
		{name: "stage", change: func(q *sps.Quote) { q.Stage = &won }, same: true},
		{name: "sales rep", change: func(q *sps.Quote) { q.PrimarySalesRep = "Lee Park" }, same: true},
		{
			name:   "quote date",
			change: func(q *sps.Quote) { q.QuoteDate = mustTime("2026-11-21") },
			same:   true,
		},
		{
			name:   "expiry same instant",
			change: func(q *sps.Quote) { q.ExpiryDate = mustTime("2026-12-31T00:00:00Z") },
			same:   true,
		},
		{
			name:   "job name spacing",
			change: func(q *sps.Quote) { q.JobName = " Kitchen  remodel " },
			same:   true,
		},
		{
			name:   "quantity other notation",
			change: func(q *sps.Quote) { q.Lines[0].Quantity = sps.MustDecimal("2.000") },
			same:   true,
		},
		{
			name:   "item id",
			change: func(q *sps.Quote) { q.Lines[0].ItemID = sps.MustDecimal("1") },
			same:   true,
		},
		{
			name:   "total",
			change: func(q *sps.Quote) { q.Total = sps.MustDecimal("1650.00") },
			same:   false,
		},
		{
			name:   "total emptied",
			change: func(q *sps.Quote) { q.Total = sps.EmptyDecimal() },
			same:   false,
		},
		{
			name:   "expiry date",
			change: func(q *sps.Quote) { q.ExpiryDate = mustTime("2027-01-15") },
			same:   false,
		},
		{
			name:   "expiry emptied",
			change: func(q *sps.Quote) { q.ExpiryDate = sps.EmptyTime() },
			same:   false,
		},
		{name: "job name", change: func(q *sps.Quote) { q.JobName = "Bathroom" }, same: false},
		{
			name:   "customer id",
			change: func(q *sps.Quote) { q.CustomerID = sps.MustDecimal("2292") },
			same:   false,
		},
		{
			name:   "project type",
			change: func(q *sps.Quote) { q.ProjectTypeValue = "Commercial" },
			same:   false,
		},
		{name: "line sku", change: func(q *sps.Quote) { q.Lines[1].SKU = "INST-STD" }, same: false},
		{
			name:   "line description",
			change: func(q *sps.Quote) { q.Lines[1].Description = "Install" },
			same:   false,
		},
		{
			name:   "line quantity",
			change: func(q *sps.Quote) { q.Lines[0].Quantity = sps.MustDecimal("3") },
			same:   false,
		},
		{
			name:   "line unit price",
			change: func(q *sps.Quote) { q.Lines[0].UnitPrice = sps.MustDecimal("650") },
			same:   false,
		},
		{
			name:   "line order",
			change: func(q *sps.Quote) { q.Lines[0], q.Lines[1] = q.Lines[1], q.Lines[0] },
			same:   false,
		},
		{name: "line removed", change: func(q *sps.Quote) { q.Lines = q.Lines[:1] }, same: false},
		{
			name:   "text moved between fields",
			change: func(q *sps.Quote) { q.Lines[0].SKU, q.Lines[0].Description = "GR-ABS-3CMAbsolute", " Black 3cm" },
			same:   false,
		},
	}
	base := ContentHash(sampleQuote())
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := sampleQuote()
			tc.change(&q)

			got := ContentHash(q)

			if tc.same {
				assert.Equal(t, base, got)
			} else {
				assert.NotEqual(t, base, got)
			}
		})
	}
}

func TestContentHashForm(t *testing.T) {
	got := ContentHash(sps.Quote{})

	require.Len(t, got, 64)
	assert.Regexp(t, "^[0-9a-f]{64}$", got)
}
