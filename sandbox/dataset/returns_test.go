package dataset

import (
	"testing"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReturnOrders(t *testing.T) {
	for _, tc := range sizeCases {
		t.Run(tc.name, func(t *testing.T) {
			d := datasetFor(t, tc.opts)
			sales := map[string]*square.Order{}
			for _, o := range saleOrders(d) {
				sales[*o.ID] = o
			}

			returns := returnOrders(d)
			require.NotEmpty(t, returns)
			sources := map[string]bool{}
			for _, o := range returns {
				checkReturnOrder(t, o, sales)
				sources[str(o.Returns[0].SourceOrderID)] = true
			}
			assert.Len(t, sources, len(returns), "each return refunds a different sale")
		})
	}
}

func checkReturnOrder(t *testing.T, o *square.Order, sales map[string]*square.Order) {
	t.Helper()
	id := str(o.ID)
	require.Len(t, o.Returns, 1, "return order %s", id)
	ret := o.Returns[0]

	sale, ok := sales[str(ret.SourceOrderID)]
	require.True(t, ok, "return order %s points at unknown sale %s", id, str(ret.SourceOrderID))
	saleLines := map[string]*square.OrderLineItem{}
	for _, li := range sale.LineItems {
		saleLines[*li.UID] = li
	}

	var total, tax int64
	for _, li := range ret.ReturnLineItems {
		source, ok := saleLines[str(li.SourceLineItemUID)]
		require.True(t, ok, "return order %s line points at unknown sale line", id)
		assert.LessOrEqual(t, hundredths(t, li.Quantity), hundredths(t, source.Quantity), "return order %s returns more than sold", id)
		assert.Equal(t, str(source.CatalogObjectID), str(li.CatalogObjectID), "return order %s catalog id", id)

		lineTotal := amount(t, id+" return line total", li.TotalMoney)
		lineTax := amount(t, id+" return line tax", li.TotalTaxMoney)
		assert.Equal(t, amount(t, id+" gross return", li.GrossReturnMoney)+lineTax, lineTotal, "return order %s line total", id)
		total += lineTotal
		tax += lineTax
	}

	assert.Equal(t, total, amount(t, id+" return_amounts", o.ReturnAmounts.TotalMoney), "return order %s return_amounts", id)
	assert.Equal(t, tax, amount(t, id+" return tax", o.ReturnAmounts.TaxMoney), "return order %s return tax", id)
	assert.Equal(t, -total, amount(t, id+" net_amounts", o.NetAmounts.TotalMoney), "return order %s net_amounts", id)
	assert.Zero(t, amount(t, id+" total", o.TotalMoney), "return order %s total_money", id)
	assert.Empty(t, o.LineItems, "return order %s line items", id)
	assert.Empty(t, o.Tenders, "return order %s tenders", id)
	assert.Equal(t, str(sale.CustomerID), str(o.CustomerID), "return order %s customer", id)
	for _, refund := range o.Refunds {
		assert.Equal(t, total, amount(t, id+" refund", refund.AmountMoney), "return order %s refund", id)
		assert.Equal(t, str(sale.Tenders[0].ID), refund.TenderID, "return order %s refund tender", id)
	}

	saleClosed := parseSquareTime(t, "sale closed_at", sale.ClosedAt)
	closed := parseSquareTime(t, "return closed_at", o.ClosedAt)
	assert.True(t, closed.After(saleClosed), "return order %s closed before its sale", id)
}

func TestReturnOrdersWithAndWithoutRefund(t *testing.T) {
	var refunded, plain int
	for _, o := range returnOrders(fullDataset(t)) {
		if len(o.Refunds) > 0 {
			refunded++
		} else {
			plain++
		}
	}

	assert.Positive(t, refunded, "returns with a refund")
	assert.Positive(t, plain, "returns without a refund")
}
