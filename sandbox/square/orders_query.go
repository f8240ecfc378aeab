package square

import (
	"fmt"
	"time"

	square "github.com/square/square-go-sdk"
)

// SearchOrders limits, from Square's SearchOrdersRequest and
// SearchOrdersFilter documentation.
const (
	maxSearchLocations = 10
	defaultOrdersLimit = 500
	maxOrdersLimit     = 1000
	// maxFilterValues caps customer_filter.customer_ids and
	// source_filter.source_names.
	maxFilterValues = 10
)

// orderQuery is a validated SearchOrders request.
type orderQuery struct {
	locations map[string]bool
	states    map[square.OrderState]bool // nil: any state

	// rangeField names the date_time_filter timestamp, or "" for none.
	rangeField square.SearchOrdersSortField
	start, end *time.Time // inclusive bounds, nil when open
	openEnd    bool       // end_at was absent and is frozen per cursor

	customers         map[string]bool
	sources           map[string]bool
	fulfillmentTypes  map[square.FulfillmentType]bool
	fulfillmentStates map[square.FulfillmentState]bool

	sortField  square.SearchOrdersSortField
	descending bool
	limit      int
	entries    bool
}

// closedStates are the terminal order states that carry closed_at.
var closedStates = map[square.OrderState]bool{
	square.OrderStateCompleted: true,
	square.OrderStateCanceled:  true,
}

// parseOrderQuery validates req against Square's SearchOrders rules and
// the known locations. It does not look at the cursor.
func parseOrderQuery(
	req *square.SearchOrdersRequest, known map[string]*square.Location,
) (*orderQuery, *square.Error) {
	q := &orderQuery{
		limit:      defaultOrdersLimit,
		sortField:  square.SearchOrdersSortFieldCreatedAt,
		descending: true,
		entries:    req.ReturnEntries != nil && *req.ReturnEntries,
	}
	if e := q.parseLocations(req.LocationIDs, known); e != nil {
		return nil, e
	}
	if e := q.parseLimit(req.Limit); e != nil {
		return nil, e
	}
	if e := q.parseFilter(req.Query.GetFilter()); e != nil {
		return nil, e
	}
	if e := q.parseSort(req.Query.GetSort()); e != nil {
		return nil, e
	}
	return q, q.checkSortRules()
}

func (q *orderQuery) parseLocations(ids []string, known map[string]*square.Location) *square.Error {
	switch {
	case len(ids) == 0:
		return invalidRequest(square.ErrorCodeMissingRequiredParameter, "location_ids",
			"At least one location ID is required.")
	case len(ids) > maxSearchLocations:
		return invalidRequest(square.ErrorCodeArrayLengthTooLong, "location_ids",
			"At most %d location IDs are allowed; the request has %d.", maxSearchLocations, len(ids))
	}
	q.locations = make(map[string]bool, len(ids))
	for i, id := range ids {
		if _, ok := known[id]; !ok {
			return invalidRequest(square.ErrorCodeInvalidValue, fmt.Sprintf("location_ids[%d]", i),
				"Location `%s` does not exist or does not belong to this seller.", id)
		}
		q.locations[id] = true
	}
	return nil
}

func (q *orderQuery) parseLimit(limit *int) *square.Error {
	if limit == nil {
		return nil
	}
	switch {
	case *limit < 1:
		return invalidRequest(square.ErrorCodeValueTooLow, "limit",
			"limit must be at least 1; got %d.", *limit)
	case *limit > maxOrdersLimit:
		return invalidRequest(square.ErrorCodeValueTooHigh, "limit",
			"limit must be at most %d; got %d.", maxOrdersLimit, *limit)
	}
	q.limit = *limit
	return nil
}

func (q *orderQuery) parseFilter(filter *square.SearchOrdersFilter) *square.Error {
	if filter == nil {
		return nil
	}
	if e := q.parseStates(filter.StateFilter); e != nil {
		return e
	}
	if e := q.parseDateTime(filter.DateTimeFilter); e != nil {
		return e
	}
	if e := q.parseFulfillment(filter.FulfillmentFilter); e != nil {
		return e
	}

	var e *square.Error
	if filter.CustomerFilter != nil {
		q.customers, e = valueSet(filter.CustomerFilter.CustomerIDs, "query.filter.customer_filter.customer_ids")
		if e != nil {
			return e
		}
	}
	if filter.SourceFilter != nil {
		q.sources, e = valueSet(filter.SourceFilter.SourceNames, "query.filter.source_filter.source_names")
	}
	return e
}

// valueSet turns a filter list of 1 to 10 values into a set.
func valueSet(values []string, field string) (map[string]bool, *square.Error) {
	switch {
	case len(values) == 0:
		return nil, invalidRequest(square.ErrorCodeArrayEmpty, field, "%s must not be empty.", field)
	case len(values) > maxFilterValues:
		return nil, invalidRequest(square.ErrorCodeArrayLengthTooLong, field,
			"%s allows at most %d values; the request has %d.", field, maxFilterValues, len(values))
	}
	set := make(map[string]bool, len(values))
	for _, v := range values {
		set[v] = true
	}
	return set, nil
}

func (q *orderQuery) parseStates(filter *square.SearchOrdersStateFilter) *square.Error {
	if filter == nil {
		return nil
	}
	const field = "query.filter.state_filter.states"
	if len(filter.States) == 0 {
		return invalidRequest(square.ErrorCodeMissingRequiredParameter, field,
			"state_filter requires at least one state.")
	}
	q.states = make(map[square.OrderState]bool, len(filter.States))
	for i, state := range filter.States {
		if _, err := square.NewOrderStateFromString(string(state)); err != nil {
			return invalidRequest(square.ErrorCodeInvalidEnumValue, fmt.Sprintf("%s[%d]", field, i),
				"%q is not an order state (OPEN, COMPLETED, CANCELED, DRAFT).", state)
		}
		q.states[state] = true
	}
	return nil
}

func (q *orderQuery) parseFulfillment(filter *square.SearchOrdersFulfillmentFilter) *square.Error {
	if filter == nil {
		return nil
	}
	const field = "query.filter.fulfillment_filter"
	if len(filter.FulfillmentTypes) > 0 {
		q.fulfillmentTypes = map[square.FulfillmentType]bool{}
	}
	for i, t := range filter.FulfillmentTypes {
		if _, err := square.NewFulfillmentTypeFromString(string(t)); err != nil {
			return invalidRequest(square.ErrorCodeInvalidEnumValue,
				fmt.Sprintf("%s.fulfillment_types[%d]", field, i), "%q is not a fulfillment type.", t)
		}
		q.fulfillmentTypes[t] = true
	}
	if len(filter.FulfillmentStates) > 0 {
		q.fulfillmentStates = map[square.FulfillmentState]bool{}
	}
	for i, s := range filter.FulfillmentStates {
		if _, err := square.NewFulfillmentStateFromString(string(s)); err != nil {
			return invalidRequest(square.ErrorCodeInvalidEnumValue,
				fmt.Sprintf("%s.fulfillment_states[%d]", field, i), "%q is not a fulfillment state.", s)
		}
		q.fulfillmentStates[s] = true
	}
	return nil
}
