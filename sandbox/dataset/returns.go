package dataset

import (
	"time"

	square "github.com/square/square-go-sdk"
)

// returnReasons are the notes a cashier gives a refund.
var returnReasons = []string{
	"Returned goods", "Wrong color", "Damaged in transit", "Over-ordered tile",
	"Customer changed mind", "Chipped edge",
}

// returnOrders returns up to n return orders, each for a different sale
// closed at least an hour before now. A return is a separate COMPLETED
// order with no line items and no tenders. Its returns[] entry points at
// the sale, its return_amounts hold the money given back, and its
// net_amounts hold the same amounts negated. Most carry a refund against
// the sale's first tender.
func (b *orderBuilder) returnOrders(
	sales []*square.Order, lines [][]lineSpec, closed []time.Time, n int,
) []*square.Order {
	var out []*square.Order
	for _, i := range b.r.Perm(len(sales)) {
		if len(out) == n {
			break
		}
		room := b.g.now.Sub(closed[i])
		if room < time.Hour {
			continue
		}

		at := closed[i].Add(randomDuration(b.r, time.Hour, min(21*24*time.Hour, room)))
		out = append(out, b.returnOrder(sales[i], lines[i], at))
	}

	return out
}

func (b *orderBuilder) returnOrder(sale *square.Order, lines []lineSpec, at time.Time) *square.Order {
	entry, total, tax := b.returnEntry(sale, lines)
	closedAt := squareTime(at)
	opened := at.Add(-randomDuration(b.r, time.Minute, 15*time.Minute))

	o := &square.Order{
		ID:                      square.String(b.g.ids.orderID(b.r)),
		LocationID:              b.location,
		Source:                  &square.OrderSource{Name: square.String(posSourceName)},
		CustomerID:              copyString(sale.CustomerID),
		Returns:                 []*square.OrderReturn{entry},
		ReturnAmounts:           moneyAmounts(total, tax, 0),
		NetAmounts:              moneyAmounts(-total, -tax, 0),
		State:                   square.OrderStateCompleted.Ptr(),
		Version:                 square.Int(between(b.r, 1, 3)),
		CreatedAt:               square.String(squareTime(opened)),
		UpdatedAt:               square.String(closedAt),
		ClosedAt:                square.String(closedAt),
		TotalMoney:              usd(0),
		TotalTaxMoney:           usd(0),
		TotalDiscountMoney:      usd(0),
		TotalTipMoney:           usd(0),
		TotalServiceChargeMoney: usd(0),
	}
	if len(sale.Tenders) > 0 && chance(b.r, 0.7) {
		o.Refunds = []*square.Refund{{
			ID:            b.g.ids.paymentID(b.r),
			LocationID:    b.location,
			TransactionID: copyString(sale.ID),
			TenderID:      *sale.Tenders[0].ID,
			CreatedAt:     square.String(closedAt),
			Reason:        pick(b.r, returnReasons),
			AmountMoney:   usd(total),
			Status:        square.RefundStatusApproved,
		}}
	}

	return o
}

// returnEntry returns the returns[] entry for one or two lines of sale,
// with the total and tax given back in cents. A line sold in whole units
// may come back in part.
func (b *orderBuilder) returnEntry(sale *square.Order, lines []lineSpec) (*square.OrderReturn, int64, int64) {
	taxUID := b.g.ids.uid(b.r)

	var items []*square.OrderReturnLineItem
	var total, tax int64
	for _, k := range b.returnedLines(lines) {
		l := lines[k]
		if whole := l.hundredths / 100; l.hundredths%100 == 0 && whole > 1 {
			l.hundredths = between64(b.r, 1, whole) * 100
		}
		items = append(items, b.returnLineItem(l, *sale.LineItems[k].UID, taxUID))
		total += l.total()
		tax += l.tax()
	}

	entry := &square.OrderReturn{
		UID:             square.String(b.g.ids.uid(b.r)),
		SourceOrderID:   copyString(sale.ID),
		ReturnLineItems: items,
		ReturnAmounts:   moneyAmounts(total, tax, 0),
	}
	if tax > 0 && len(sale.Taxes) > 0 {
		rt := salesTax(taxUID, tax)
		entry.ReturnTaxes = []*square.OrderReturnTax{{
			UID: rt.UID, SourceTaxUID: copyString(sale.Taxes[0].UID), Name: rt.Name,
			Type: rt.Type, Percentage: rt.Percentage, Scope: rt.Scope, AppliedMoney: rt.AppliedMoney,
		}}
	}

	return entry, total, tax
}

// returnedLines picks one or two lines of a sale to return, preferring
// catalog lines over custom charges.
func (b *orderBuilder) returnedLines(lines []lineSpec) []int {
	var candidates []int
	for k, l := range lines {
		if !l.custom() {
			candidates = append(candidates, k)
		}
	}
	if len(candidates) == 0 {
		candidates = []int{0}
	}

	b.r.Shuffle(len(candidates), func(i, j int) { candidates[i], candidates[j] = candidates[j], candidates[i] })
	return candidates[:min(len(candidates), between(b.r, 1, 2))]
}

// returnLineItem converts a returned line l of a sale line with uid
// sourceUID to Square's shape.
func (b *orderBuilder) returnLineItem(l lineSpec, sourceUID, taxUID string) *square.OrderReturnLineItem {
	sale := lineItem(b.r, b.g.ids, l, taxUID)

	return &square.OrderReturnLineItem{
		UID:                      sale.UID,
		SourceLineItemUID:        square.String(sourceUID),
		Name:                     sale.Name,
		Quantity:                 sale.Quantity,
		QuantityUnit:             sale.QuantityUnit,
		CatalogObjectID:          sale.CatalogObjectID,
		CatalogVersion:           sale.CatalogVersion,
		VariationName:            sale.VariationName,
		ItemType:                 sale.ItemType,
		AppliedTaxes:             sale.AppliedTaxes,
		BasePriceMoney:           sale.BasePriceMoney,
		VariationTotalPriceMoney: sale.VariationTotalPriceMoney,
		GrossReturnMoney:         sale.GrossSalesMoney,
		TotalTaxMoney:            sale.TotalTaxMoney,
		TotalDiscountMoney:       sale.TotalDiscountMoney,
		TotalMoney:               sale.TotalMoney,
	}
}
