package dataset

import (
	"encoding/json"
	"fmt"
	"runtime"
	"testing"
	"time"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSaleOrderMoneyAddsUp(t *testing.T) {
	for _, tc := range sizeCases {
		t.Run(tc.name, func(t *testing.T) {
			d := datasetFor(t, tc.opts)
			for _, o := range saleOrders(d) {
				id := str(o.ID)
				var lines, lineTax, tenders int64
				for _, li := range o.LineItems {
					gross := amount(t, id+" line gross", li.GrossSalesMoney)
					tax := amount(t, id+" line tax", li.TotalTaxMoney)
					base := amount(t, id+" line base price", li.BasePriceMoney)

					assert.Equal(t, (base*hundredths(t, li.Quantity)+50)/100, gross, "order %s line %s gross", id, str(li.UID))
					assert.Equal(t, gross, amount(t, id+" variation total", li.VariationTotalPriceMoney), "order %s line %s", id, str(li.UID))
					assert.Equal(t, gross+tax, amount(t, id+" line total", li.TotalMoney), "order %s line %s total", id, str(li.UID))
					lines += gross + tax
					lineTax += tax
				}

				tip := amount(t, id+" tip", o.TotalTipMoney)
				total := amount(t, id+" total", o.TotalMoney)
				for _, tender := range o.Tenders {
					tenders += amount(t, id+" tender", tender.AmountMoney)
					if tender.TipMoney != nil {
						paid := amount(t, id+" tender amount", tender.AmountMoney)
						tip := amount(t, id+" tender tip", tender.TipMoney)
						assert.GreaterOrEqual(t, paid, tip, "order %s tender amount includes the tip", id)
					}
				}

				assert.Equal(t, total, lines+tip, "order %s: lines plus tip", id)
				assert.Equal(t, lineTax, amount(t, id+" total tax", o.TotalTaxMoney), "order %s tax", id)
				assert.Equal(t, total, tenders, "order %s: tenders", id)
			}
		})
	}
}

func TestSaleOrderShape(t *testing.T) {
	for _, tc := range sizeCases {
		t.Run(tc.name, func(t *testing.T) {
			d := datasetFor(t, tc.opts)
			locationID := str(d.Square.Locations[0].ID)
			start := windowStart(tc.opts)

			for _, o := range d.Square.Orders {
				id := str(o.ID)
				created := parseSquareTime(t, id+" created_at", o.CreatedAt)
				updated := parseSquareTime(t, id+" updated_at", o.UpdatedAt)
				closed := parseSquareTime(t, id+" closed_at", o.ClosedAt)

				assert.Equal(t, square.OrderStateCompleted, *o.State, "order %s state", id)
				assert.Equal(t, locationID, o.LocationID, "order %s location", id)
				assert.Equal(t, "Point of Sale", str(o.Source.Name), "order %s source", id)
				assert.NotNil(t, o.Version, "order %s version", id)
				assert.False(t, created.After(closed), "order %s created after closing", id)
				assert.False(t, updated.Before(closed), "order %s updated before closing", id)
				assert.False(t, updated.After(tc.opts.Now), "order %s updated after now", id)
				assert.True(t, closed.After(start), "order %s closed before the window", id)
				assert.False(t, closed.After(tc.opts.Now), "order %s closed after now", id)
			}
			for _, o := range saleOrders(d) {
				assert.GreaterOrEqual(t, len(o.LineItems), 1, "order %s lines", str(o.ID))
				assert.LessOrEqual(t, len(o.LineItems), 6, "order %s lines", str(o.ID))
				assert.NotEmpty(t, o.Tenders, "order %s tenders", str(o.ID))
			}
		})
	}
}

func TestOrdersSortedByCloseTime(t *testing.T) {
	orders := fullDataset(t).Square.Orders
	for i := 1; i < len(orders); i++ {
		prev, cur := orders[i-1], orders[i]
		ordered := *prev.ClosedAt < *cur.ClosedAt || (*prev.ClosedAt == *cur.ClosedAt && *prev.ID < *cur.ID)
		assert.True(t, ordered, "order %s before %s", *prev.ID, *cur.ID)
	}
}

// TestOrderJSONRoundTrip decodes every order with the SDK and encodes it
// again. The SDK's decoder is slow, so the orders are split across
// parallel subtests, one per CPU.
func TestOrderJSONRoundTrip(t *testing.T) {
	orders := fullDataset(t).Square.Orders
	parts := runtime.GOMAXPROCS(0)
	for part := range parts {
		t.Run(fmt.Sprintf("part %d", part), func(t *testing.T) {
			t.Parallel()
			for i := part; i < len(orders); i += parts {
				checkOrderRoundTrip(t, orders[i])
			}
		})
	}
}

func checkOrderRoundTrip(t *testing.T, o *square.Order) {
	t.Helper()
	first, err := json.Marshal(o)
	require.NoError(t, err, "order %s", str(o.ID))

	var decoded square.Order
	require.NoError(t, json.Unmarshal(first, &decoded), "order %s", str(o.ID))
	second, err := json.Marshal(&decoded)
	require.NoError(t, err, "order %s", str(o.ID))

	assert.Equal(t, string(first), string(second), "order %s", str(o.ID))
}

func TestLineItemsReferenceCatalog(t *testing.T) {
	d := fullDataset(t)
	variations := make(map[string]*square.CatalogObjectItemVariation)
	for _, item := range d.Square.Catalog {
		for _, v := range item.Item.ItemData.Variations {
			variations[v.ItemVariation.ID] = v.ItemVariation
		}
	}

	var custom, catalog, fractional int
	for _, o := range saleOrders(d) {
		for _, li := range o.LineItems {
			assert.LessOrEqual(t, len(li.Quantity), 12, "order %s quantity %q", str(o.ID), li.Quantity)
			if li.CatalogObjectID == nil {
				assert.Equal(t, square.OrderLineItemItemTypeCustomAmount, *li.ItemType, "order %s line %s", str(o.ID), str(li.UID))
				custom++
				continue
			}

			catalog++
			v, ok := variations[*li.CatalogObjectID]
			if assert.True(t, ok, "order %s references unknown catalog id %s", str(o.ID), *li.CatalogObjectID) {
				assert.Equal(t, *v.ItemVariationData.PriceMoney.Amount, *li.BasePriceMoney.Amount, "order %s line price", str(o.ID))
				assert.Equal(t, *v.Version, *li.CatalogVersion, "order %s catalog version", str(o.ID))
			}
			if hundredths(t, li.Quantity)%100 != 0 {
				fractional++
				assert.NotNil(t, li.QuantityUnit, "order %s fractional quantity %q without unit", str(o.ID), li.Quantity)
			}
		}
	}

	assert.Greater(t, custom, 50, "CUSTOM_AMOUNT lines")
	assert.Greater(t, catalog, 1000, "catalog lines")
	assert.Greater(t, fractional, 100, "fractional quantities")
}

func TestTenderMix(t *testing.T) {
	known := map[square.TenderType]bool{}
	for _, k := range []square.TenderType{square.TenderTypeCard, square.TenderTypeCash, square.TenderTypeThirdPartyCard,
		square.TenderTypeSquareGiftCard, square.TenderTypeNoSale, square.TenderTypeBankAccount, square.TenderTypeWallet,
		square.TenderTypeBuyNowPayLater, square.TenderTypeSquareAccount, square.TenderTypeOther} {
		known[k] = true
	}

	mixes := map[string]int{}
	unknown := 0
	for _, o := range saleOrders(fullDataset(t)) {
		key := ""
		for i, tender := range o.Tenders {
			if i > 0 {
				key += "+"
			}
			key += string(tender.Type)
			if !known[tender.Type] {
				unknown++
			}

			hasCard := tender.Type == square.TenderTypeCard || tender.Type == square.TenderTypeSquareGiftCard
			assert.Equal(t, hasCard, tender.CardDetails != nil, "order %s tender %s card details", str(o.ID), tender.Type)
			assert.Equal(t, str(o.ID), str(tender.TransactionID), "order %s tender transaction id", str(o.ID))
		}
		mixes[key]++
	}

	orders := DefaultOrders
	assert.Greater(t, mixes["CARD"], orders/2, "card-only orders")
	for _, mix := range []string{"CASH", "CARD+CASH", "SQUARE_GIFT_CARD+CARD", "SQUARE_GIFT_CARD", "OTHER", "THIRD_PARTY_CARD", "WALLET"} {
		assert.Positive(t, mixes[mix], "orders paid %s", mix)
	}
	assert.GreaterOrEqual(t, unknown, 2, "orders with an unknown tender type")
	assert.LessOrEqual(t, unknown, 3, "orders with an unknown tender type")
}

func TestVIPBoundary(t *testing.T) {
	totals := map[int64]int{}
	vip := 0
	for _, o := range saleOrders(fullDataset(t)) {
		total := *o.TotalMoney.Amount
		totals[total]++
		if total >= VIPThreshold {
			vip++
		}
	}

	assert.Equal(t, 1, totals[VIPThreshold], "orders of exactly $5,000.00")
	assert.Equal(t, 1, totals[VIPThreshold-1], "orders of $4,999.99")
	assert.Equal(t, fullDataset(t).Expect.VIPOrders, vip)
}

func TestLateOfflineOrders(t *testing.T) {
	d := fullDataset(t)
	byID := map[string]*square.Order{}
	for _, o := range saleOrders(d) {
		byID[*o.ID] = o
	}

	assert.InDelta(t, 30, len(d.Square.Arrivals), 10, "late orders")
	for id, at := range d.Square.Arrivals {
		o, ok := byID[id]
		require.True(t, ok, "arrival for unknown sale order %s", id)

		closed := parseSquareTime(t, id+" closed_at", o.ClosedAt)
		delay := at.Sub(closed)
		assert.GreaterOrEqual(t, delay, time.Hour, "order %s arrival delay", id)
		assert.LessOrEqual(t, delay, 72*time.Hour, "order %s arrival delay", id)
		assert.False(t, at.After(testNow), "order %s arrives after now", id)
		assert.Equal(t, squareTime(at), str(o.UpdatedAt), "order %s updated_at is its arrival", id)
	}
}

func TestOrdersShareCloseTimes(t *testing.T) {
	counts := map[string]int{}
	for _, o := range saleOrders(fullDataset(t)) {
		counts[*o.ClosedAt]++
	}

	groups := 0
	for _, n := range counts {
		if n > 1 {
			groups++
		}
	}
	assert.GreaterOrEqual(t, groups, 3, "groups of sale orders with the same closed_at")
}

func TestDeletedCustomers(t *testing.T) {
	d := fullDataset(t)
	existing := map[string]bool{}
	for _, c := range d.Square.Customers {
		existing[*c.ID] = true
	}
	deleted := map[string]bool{}
	for _, id := range d.Square.DeletedCustomerIDs {
		deleted[id] = true
		assert.False(t, existing[id], "deleted customer %s still in the directory", id)
	}

	refs := 0
	for _, o := range saleOrders(d) {
		if o.CustomerID == nil {
			continue
		}
		if deleted[*o.CustomerID] {
			refs++
			continue
		}
		assert.True(t, existing[*o.CustomerID], "order %s references unknown customer %s", *o.ID, *o.CustomerID)
	}

	assert.Len(t, d.Square.DeletedCustomerIDs, 2)
	assert.GreaterOrEqual(t, refs, 2, "orders referencing deleted customers")
	assert.LessOrEqual(t, refs, 3, "orders referencing deleted customers")
}
