package dataset

import (
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	square "github.com/square/square-go-sdk"
)

// orderSet is the generated order history.
type orderSet struct {
	all                []*square.Order // sales and returns sorted by closed_at, then id
	arrivals           map[string]time.Time
	deletedCustomerIDs []string
}

// orderBuilder builds orders from one random stream.
type orderBuilder struct {
	r        *rand.Rand
	g        *generator
	location string
	catalog  *catalogSet
}

// amountKind is the size class of a sale.
type amountKind int

const (
	amountNormal amountKind = iota // under normalOrderCap
	amountVIP                      // at least vipOrderFloor
	amountExact                    // exactly orderPlan.target
)

// orderPlan holds the decisions about a sale made before it is built.
type orderPlan struct {
	amount     amountKind
	target     int64 // cents, for amountExact
	mix        tenderMix
	customerID string // empty for a sale without customer
}

// buildOrders returns the completed sale orders, their returns, the late
// arrivals and the merged-away customer ids that some sales reference. It
// also sets each customer's created_at and updated_at before its first
// purchase.
func (g *generator) buildOrders(loc *square.Location, cat catalogSet, cs customerSet) orderSet {
	b := &orderBuilder{r: g.stream(streamOrders), g: g, location: *loc.ID, catalog: &cat}
	sz := g.sizes

	closed := b.closeTimes(sz.orders)
	tied := b.tie(closed, sz.tieGroups)
	deleted := make([]string, sz.deletedIDs)
	for i := range deleted {
		deleted[i] = g.ids.customerID(b.r)
	}
	plans := b.plan(cs.records, deleted)

	sales := make([]*square.Order, len(plans))
	lines := make([][]lineSpec, len(plans))
	for i, p := range plans {
		sales[i], lines[i] = b.saleOrder(p, closed[i])
	}

	arrivals := b.markLate(sales, closed, tied, sz.late)
	returns := b.returnOrders(sales, lines, closed, sz.returns)
	b.settleCustomerTimes(cs.records, sales, closed)

	all := slices.Concat(sales, returns)
	slices.SortStableFunc(all, func(x, y *square.Order) int {
		if c := strings.Compare(*x.ClosedAt, *y.ClosedAt); c != 0 {
			return c
		}
		return strings.Compare(*x.ID, *y.ID)
	})

	return orderSet{all: all, arrivals: arrivals, deletedCustomerIDs: deleted}
}

// plan decides the size class, payment mix and customer of every sale.
// With 100 or more sales, one VIP sale totals exactly VIPThreshold and one
// ordinary sale one cent less, to test the boundary.
func (b *orderBuilder) plan(customers []*square.Customer, deleted []string) []orderPlan {
	sz := b.g.sizes
	plans := make([]orderPlan, sz.orders)
	for i, mix := range tenderPlan(b.r, sz.orders, sz.unknownTypes) {
		plans[i].mix = mix
	}

	byAmount := b.r.Perm(sz.orders)
	vip := min(sz.vip, sz.orders)
	for _, i := range byAmount[:vip] {
		plans[i].amount = amountVIP
	}
	if sz.orders >= 100 && vip < sz.orders {
		at, below := byAmount[0], byAmount[vip]
		plans[at] = orderPlan{amount: amountExact, target: VIPThreshold, mix: plans[at].mix}
		plans[below] = orderPlan{amount: amountExact, target: VIPThreshold - 1, mix: plans[below].mix}
	}

	b.assignCustomers(plans, customers, deleted)

	return plans
}

// assignCustomers leaves sz.noCustomer sales without a customer and
// points a few at deleted ids. Every customer in priority order gets one
// sale while sales last. The rest go to repeat buyers, with business
// buyers and a quarter of retail buyers coming back more often.
func (b *orderBuilder) assignCustomers(plans []orderPlan, customers []*square.Customer, deleted []string) {
	sz := b.g.sizes
	order := b.r.Perm(len(plans))
	order = order[min(sz.noCustomer, len(order)):]

	for i := 0; i < sz.deletedRefs && len(order) > 0 && len(deleted) > 0; i++ {
		plans[order[0]].customerID = deleted[i%len(deleted)]
		order = order[1:]
	}
	if len(customers) == 0 {
		return
	}

	weights := make([]int, len(customers))
	for i, c := range customers {
		switch {
		case c.CompanyName != nil:
			weights[i] = 8
		case chance(b.r, 0.25):
			weights[i] = 4
		default:
			weights[i] = 1
		}
	}

	cumulative := make([]int, len(weights))
	sum := 0
	for i, w := range weights {
		sum += w
		cumulative[i] = sum
	}

	for k, i := range order {
		c := k
		if k >= len(customers) {
			// The first index whose running total exceeds a draw in
			// [0, sum) is chosen with probability proportional to its weight.
			c, _ = slices.BinarySearch(cumulative, b.r.IntN(sum)+1)
		}
		plans[i].customerID = *customers[c].ID
	}
}

// saleOrder builds the COMPLETED sale of plan p closed at closed, and
// returns it with its lines for building returns later.
func (b *orderBuilder) saleOrder(p orderPlan, closed time.Time) (*square.Order, []lineSpec) {
	var lines []lineSpec
	switch p.amount {
	case amountVIP:
		lines = vipLines(b.r, b.catalog)
	case amountExact:
		lines = exactLines(b.r, b.catalog, p.target)
	default:
		lines = normalLines(b.r, b.catalog, maxLines)
	}

	var tip int64
	if p.amount == amountNormal && p.mix == mixCard && chance(b.r, 0.05) {
		tip = between64(b.r, 3, 50) * 100
	}

	ids := b.g.ids
	taxUID := ids.uid(b.r)
	items := make([]*square.OrderLineItem, 0, len(lines))
	var tax int64
	for _, l := range lines {
		items = append(items, lineItem(b.r, ids, l, taxUID))
		tax += l.tax()
	}
	total := linesTotal(lines) + tip
	closedAt := squareTime(closed)
	opened := closed.Add(-randomDuration(b.r, 20*time.Second, 40*time.Minute))

	o := &square.Order{
		ID:                      square.String(ids.orderID(b.r)),
		LocationID:              b.location,
		Source:                  &square.OrderSource{Name: square.String(posSourceName)},
		CustomerID:              optional(p.customerID),
		LineItems:               items,
		State:                   square.OrderStateCompleted.Ptr(),
		Version:                 square.Int(between(b.r, 3, 6)),
		CreatedAt:               square.String(squareTime(opened)),
		UpdatedAt:               square.String(closedAt),
		ClosedAt:                square.String(closedAt),
		TotalMoney:              usd(total),
		TotalTaxMoney:           usd(tax),
		TotalDiscountMoney:      usd(0),
		TotalTipMoney:           usd(tip),
		TotalServiceChargeMoney: usd(0),
		NetAmountDueMoney:       usd(0),
		NetAmounts:              moneyAmounts(total, tax, tip),
	}
	if tax > 0 {
		o.Taxes = []*square.OrderLineItemTax{salesTax(taxUID, tax)}
	}
	o.Tenders = b.tenders(o, p.mix, total, tip)

	return o, lines
}

// salesTax is the order-level sales tax whose uid the catalog lines'
// applied taxes reference.
func salesTax(uid string, applied int64) *square.OrderLineItemTax {
	return &square.OrderLineItemTax{
		UID:          square.String(uid),
		Name:         square.String("WA Sales Tax"),
		Type:         square.OrderLineItemTaxTypeAdditive.Ptr(),
		Percentage:   square.String(salesTaxPercentage),
		Scope:        square.OrderLineItemTaxScopeLineItem.Ptr(),
		AppliedMoney: usd(applied),
	}
}

// moneyAmounts returns an amounts block with no discount or service
// charge; all values are in cents and may be negative.
func moneyAmounts(total, tax, tip int64) *square.OrderMoneyAmounts {
	return &square.OrderMoneyAmounts{
		TotalMoney:         usd(total),
		TaxMoney:           usd(tax),
		DiscountMoney:      usd(0),
		TipMoney:           usd(tip),
		ServiceChargeMoney: usd(0),
	}
}
