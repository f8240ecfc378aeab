package square

import (
	"time"

	square "github.com/square/square-go-sdk"
)

// sortTime returns the order's timestamp for the query's sort field, or
// zero when the order lacks it.
func (q *orderQuery) sortTime(o *storedOrder) time.Time {
	return orderTime(o, q.sortField)
}

func orderTime(o *storedOrder, field square.SearchOrdersSortField) time.Time {
	switch field {
	case square.SearchOrdersSortFieldUpdatedAt:
		return o.updated
	case square.SearchOrdersSortFieldClosedAt:
		return o.closed
	default:
		return o.created
	}
}

// matches reports whether the order is visible at now and passes every
// filter. end is the effective upper bound, which a cursor may freeze.
func (q *orderQuery) matches(o *storedOrder, now time.Time, end *time.Time) bool {
	if !o.arrival.IsZero() && o.arrival.After(now) {
		return false
	}
	if !q.locations[o.order.LocationID] {
		return false
	}
	if q.states != nil && (o.order.State == nil || !q.states[*o.order.State]) {
		return false
	}
	if q.rangeField != "" {
		t := orderTime(o, q.rangeField)
		if t.IsZero() || (q.start != nil && t.Before(*q.start)) || (end != nil && t.After(*end)) {
			return false
		}
	}
	if q.customers != nil && !q.matchesCustomer(o.order) {
		return false
	}
	if q.sources != nil {
		name := o.order.GetSource().GetName()
		if name == nil || !q.sources[*name] {
			return false
		}
	}
	return q.matchesFulfillment(o.order)
}

// matchesCustomer checks the order's customer_id and every tender's, as
// Square's customer_filter does.
func (q *orderQuery) matchesCustomer(order *square.Order) bool {
	if id := order.GetCustomerID(); id != nil && q.customers[*id] {
		return true
	}
	for _, tender := range order.Tenders {
		if id := tender.GetCustomerID(); id != nil && q.customers[*id] {
			return true
		}
	}
	return false
}

func (q *orderQuery) matchesFulfillment(order *square.Order) bool {
	if q.fulfillmentTypes == nil && q.fulfillmentStates == nil {
		return true
	}
	for _, f := range order.Fulfillments {
		typeOK := q.fulfillmentTypes == nil || (f.Type != nil && q.fulfillmentTypes[*f.Type])
		stateOK := q.fulfillmentStates == nil || (f.State != nil && q.fulfillmentStates[*f.State])
		if typeOK && stateOK {
			return true
		}
	}
	return false
}
